package nl.ggk.hub.ws;

import java.util.Objects;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * A SOAP request the {@link SoapCodec} read and checked: the operation and the StUF message of its Body.
 *
 * @param envelope      the ggk0210 envelope of a {@code ggk_Di01}/{@code ggk_Du01}, else null
 * @param fo01          the Fo01 of an {@code Fo01}, else null
 * @param bytes         size of the whole SOAP request as read
 * @param contentSha256 fingerprint of the StUF message (see {@code CheckingStreamReader}): equal for a resend of the
 *                      same message even when the client re-wraps it; the duplicate check compares it
 */
public record SoapRequest(WsOperation operation, Envelope envelope, Foutbericht fo01, long bytes,
                          String contentSha256) {

    public SoapRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(contentSha256, "contentSha256");
        if ((operation == WsOperation.FO01) != (fo01 != null) || (envelope == null) == (fo01 == null)) {
            throw new IllegalArgumentException("an Fo01 request carries a Fo01, the others an envelope");
        }
    }

    /** The message's zender (as it says: authorisation is the dispatcher's job). */
    public StufSysteem zender() {
        if (envelope != null) {
            Envelope.Party z = envelope.zender();
            return new StufSysteem(z.organisatie(), z.applicatie(), z.administratie(), z.gebruiker());
        }
        return fo01.zender();
    }

    public String ontvangerOrganisatie() {
        return envelope != null ? envelope.ontvanger().organisatie() : fo01.ontvanger().organisatie();
    }

    public String referentienummer() {
        return envelope != null ? envelope.referentienummer() : fo01.referentienummer();
    }

    /** Du01: the Di01 answered; Fo01: the message in error; Di01: null. */
    public String crossRefnummer() {
        return envelope != null ? envelope.crossRefnummer() : fo01.crossRefnummer();
    }

    public String berichtcode() {
        return envelope != null ? envelope.berichtcode() : fo01.berichtcode();
    }

    /** Fo01/Fo03 {@code details} per GGk convention, when the message says enough; else null. */
    public String foutDetails() {
        return envelope != null ? envelope.foutDetails() : null;
    }
}
