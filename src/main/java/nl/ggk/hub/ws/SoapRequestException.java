package nl.ggk.hub.ws;

import nl.ggk.hub.stuf.StufSysteem;

/**
 * A SOAP request the hub refuses. {@link Kind#FO03}: answer a SOAP Fault carrying a Fo03 with the code of
 * {@link #reasonKey()} (an {@code ErrorReasons} key); the others are SOAP-level faults without Fo03 (SOAP 1.1 forbids
 * a detail about headers or the envelope version). What could be read of the message is kept for the Fo03.
 */
public final class SoapRequestException extends Exception {

    public enum Kind {
        /** The StUF message (or the request around it) is unacceptable: Fo03 in the fault detail. */
        FO03,
        /** A header with {@code mustUnderstand="1"} the hub does not understand: faultcode MustUnderstand. */
        MUST_UNDERSTAND,
        /** Not a SOAP 1.1 envelope namespace (e.g. SOAP 1.2): faultcode VersionMismatch. */
        VERSION_MISMATCH
    }

    private final Kind kind;
    private final String reasonKey;
    private final transient StufSysteem zender;
    private final String referentienummer;
    private final String details;

    public SoapRequestException(Kind kind, String reasonKey, String detail, StufSysteem zender,
                                String referentienummer, String details, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.reasonKey = reasonKey;
        this.zender = zender;
        this.referentienummer = referentienummer;
        this.details = details;
    }

    public Kind kind() {
        return kind;
    }

    /** The ErrorReasons key for the Fo03 code (kind FO03), else null. */
    public String reasonKey() {
        return reasonKey;
    }

    /** What was wrong, in a few words; fills the omschrijving's {detail}. May hold schema messages (English). */
    public String detail() {
        return getMessage();
    }

    /** The message's zender when it could be read, else null. */
    public StufSysteem zender() {
        return zender;
    }

    /** The message's referentienummer when it could be read (the Fo03's crossRefnummer), else null. */
    public String referentienummer() {
        return referentienummer;
    }

    /** Fo03 details ({@code functie-versie}) when known, else null. */
    public String details() {
        return details;
    }
}
