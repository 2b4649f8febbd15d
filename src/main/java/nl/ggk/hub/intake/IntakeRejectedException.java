package nl.ggk.hub.intake;

import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.store.ContentStore.PayloadTooLargeException;
import org.apache.camel.util.ObjectHelper;

/** Input refused at the door, before anything was accepted; {@code reason} is an error-table reason key. */
public final class IntakeRejectedException extends RuntimeException {

    private final String reason;

    public IntakeRejectedException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** The reason key of the refusal somewhere in {@code thrown}'s causes, or {@code internal-error}. */
    public static String reasonOf(Throwable thrown) {
        IntakeRejectedException rejected = ObjectHelper.getException(IntakeRejectedException.class, thrown);
        if (rejected != null) {
            return rejected.reason();
        }
        return ObjectHelper.getException(PayloadTooLargeException.class, thrown) != null ? ErrorReasons.TOO_LARGE
                : ErrorReasons.INTERNAL_ERROR;
    }

    /** The message of the refusal itself rather than of Camel's wrapper around it. */
    public static String messageOf(Throwable thrown) {
        Throwable refusal = ObjectHelper.getException(IntakeRejectedException.class, thrown);
        if (refusal == null) {
            refusal = ObjectHelper.getException(PayloadTooLargeException.class, thrown);
        }
        return refusal != null ? refusal.getMessage() : thrown == null ? null : thrown.getMessage();
    }

    public String reason() {
        return reason;
    }
}
