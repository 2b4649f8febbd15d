package nl.ggk.hub.cbs.simulator;

import java.util.Map;

/**
 * A message the CBS simulator sends to the hub's web service later, as it waits on the broker queue
 * {@code ggk.sim.cbs.callback} (JSON). Its referentienummer and time are fixed when it is planned and kept on every
 * retry, and its PDF is made once, so a resend is byte-identical (the hub answers it with the same Bv03).
 *
 * @param kind               a Du01 with the technical feedback, or a Di01 with the spiegelrapport
 * @param referentienummer   of this message (UUID v4)
 * @param at                 its tijdstipBericht, epoch milliseconds
 * @param crossRefnummer     the referentienummer of the hub's Di01 the feedback answers (null for a Di01)
 * @param gemeente           ontvanger organisatie
 * @param bestandsnaam       the PDF's name in {@code tekstBestand}
 * @param aboutFile          the GMSD file the report is about
 * @param halfYear           {@code 2024H1}
 * @param pdf                the PDF, base64
 * @param clientsPerCategory set when a spiegelrapport follows this feedback (an approved WMO file), else null
 * @param attempt            tries so far
 * @param firstAttemptAt     epoch milliseconds of the first try (0 before it)
 */
public record Callback(Kind kind, String referentienummer, long at, String crossRefnummer, String gemeente,
                       String bestandsnaam, String aboutFile, String halfYear, String pdf,
                       Map<String, Long> clientsPerCategory, int attempt, long firstAttemptAt) {

    public enum Kind { TECHNISCHE_TERUGKOPPELING, SPIEGELRAPPORT }

    /** The same message, one try later. */
    public Callback tried(long now) {
        return new Callback(kind, referentienummer, at, crossRefnummer, gemeente, bestandsnaam, aboutFile, halfYear,
                pdf, clientsPerCategory, attempt + 1, firstAttemptAt == 0 ? now : firstAttemptAt);
    }
}
