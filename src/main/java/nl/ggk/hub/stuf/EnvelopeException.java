package nl.ggk.hub.stuf;

import java.util.Optional;

/**
 * An envelope that cannot be accepted. {@link #reasonKey()} is {@code envelope-invalid} or
 * {@code referentienummer-invalid}; {@link #envelope()} holds what could be read (for the Fo01 back), when the
 * envelope itself was well-formed.
 */
public final class EnvelopeException extends Exception {

    public static final String ENVELOPE_INVALID = "envelope-invalid";
    public static final String REFERENTIENUMMER_INVALID = "referentienummer-invalid";

    private final String reasonKey;
    private final transient Envelope envelope;

    public EnvelopeException(String reasonKey, String detail, Envelope envelope, Throwable cause) {
        super(detail, cause);
        this.reasonKey = reasonKey;
        this.envelope = envelope;
    }

    public String reasonKey() {
        return reasonKey;
    }

    /** English explanation for operators. */
    public String detail() {
        return getMessage();
    }

    public Optional<Envelope> envelope() {
        return Optional.ofNullable(envelope);
    }
}
