package nl.ggk.hub.intake;

/** Input refused at the door, before anything was accepted; {@code reason} is an error-table reason key. */
public final class IntakeRejectedException extends RuntimeException {

    private final String reason;

    public IntakeRejectedException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** The reason key of the refusal somewhere in {@code thrown}'s causes, or {@code internal-error}. */
    public static String reasonOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IntakeRejectedException rejected) {
                return rejected.reason();
            }
            if (t instanceof nl.ggk.hub.store.ContentStore.PayloadTooLargeException) {
                return "too-large";
            }
        }
        return "internal-error";
    }

    /** The message of the refusal itself rather than of Camel's wrapper around it. */
    public static String messageOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IntakeRejectedException || t instanceof nl.ggk.hub.store.ContentStore.PayloadTooLargeException) {
                return t.getMessage();
            }
        }
        return thrown == null ? null : thrown.getMessage();
    }

    public String reason() {
        return reason;
    }
}
