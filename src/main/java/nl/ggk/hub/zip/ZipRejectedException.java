package nl.ggk.hub.zip;

/**
 * The ZIP as a whole is refused. {@link #reasonKey()} is one of {@code zip-invalid}, {@code zip-too-many-entries},
 * {@code zip-empty}, {@code zip-too-large-uncompressed}, {@code zip-compression-ratio}.
 */
public final class ZipRejectedException extends Exception {

    private final String reasonKey;

    public ZipRejectedException(String reasonKey, String detail) {
        this(reasonKey, detail, null);
    }

    public ZipRejectedException(String reasonKey, String detail, Throwable cause) {
        super(detail, cause);
        this.reasonKey = reasonKey;
    }

    public String reasonKey() {
        return reasonKey;
    }

    /** Dutch explanation for the sender: what is wrong and what to do (goes into the Fo01 and track &amp; trace). */
    public String detail() {
        return getMessage();
    }
}
