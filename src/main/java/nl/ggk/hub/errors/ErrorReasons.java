package nl.ggk.hub.errors;

import java.util.List;

/** The agreed reason keys beans report; {@code config/error-codes.yaml} maps each to a StUF code. */
public final class ErrorReasons {

    public static final String ENVELOPE_INVALID = "envelope-invalid";
    public static final String PAYLOAD_INVALID = "payload-invalid";
    public static final String NOT_AUTHORISED = "not-authorised";
    public static final String TOO_LARGE = "too-large";
    public static final String FUNCTIE_NOT_SUPPORTED = "functie-not-supported";
    public static final String GEMEENTECODE_UNKNOWN = "gemeentecode-unknown";
    public static final String SENDER_NOT_AUTHORISED = "sender-not-authorised";
    public static final String REFERENTIENUMMER_NOT_UNIQUE = "referentienummer-not-unique";
    public static final String REFERENTIENUMMER_INVALID = "referentienummer-invalid";
    public static final String ZIP_INVALID = "zip-invalid";
    public static final String ZIP_TOO_MANY_ENTRIES = "zip-too-many-entries";
    public static final String ZIP_ENCRYPTED = "zip-encrypted";
    public static final String ZIP_ENTRY_TOO_LARGE = "zip-entry-too-large";
    public static final String ZIP_EMPTY = "zip-empty";
    public static final String ZIP_TOO_LARGE_UNCOMPRESSED = "zip-too-large-uncompressed";
    public static final String ZIP_COMPRESSION_RATIO = "zip-compression-ratio";
    public static final String ZIP_NESTED = "zip-nested";
    /** An entry's data does not match the CRC-32 or the size its ZIP declares. */
    public static final String ZIP_ENTRY_DAMAGED = "zip-entry-damaged";
    public static final String GMSD_REJECTED = "gmsd-rejected";
    public static final String GMSD_FILENAME_INVALID = "gmsd-filename-invalid";
    public static final String INTERNAL_ERROR = "internal-error";
    /** An iWmo/iJw message (Afzender, type, BerichtIdentificatie) that was already forwarded. */
    public static final String MESSAGE_DUPLICATE = "message-duplicate";
    /**
     * The gemeente an entry names (GMSD file name or records, Afzender, zender) is not the one the delivery is for,
     * or the parts of one entry name different gemeenten.
     */
    public static final String GEMEENTE_MISMATCH = "gemeente-mismatch";

    /** Every agreed key; the table must give each one a code in every generation. */
    public static final List<String> ALL = List.of(
            ENVELOPE_INVALID, PAYLOAD_INVALID, NOT_AUTHORISED, TOO_LARGE, FUNCTIE_NOT_SUPPORTED,
            GEMEENTECODE_UNKNOWN, SENDER_NOT_AUTHORISED, REFERENTIENUMMER_NOT_UNIQUE, REFERENTIENUMMER_INVALID,
            ZIP_INVALID, ZIP_TOO_MANY_ENTRIES, ZIP_ENCRYPTED, ZIP_ENTRY_TOO_LARGE, ZIP_EMPTY,
            ZIP_TOO_LARGE_UNCOMPRESSED, ZIP_COMPRESSION_RATIO, ZIP_NESTED, ZIP_ENTRY_DAMAGED, GMSD_REJECTED, GMSD_FILENAME_INVALID,
            INTERNAL_ERROR, MESSAGE_DUPLICATE, GEMEENTE_MISMATCH);

    private ErrorReasons() {
    }
}
