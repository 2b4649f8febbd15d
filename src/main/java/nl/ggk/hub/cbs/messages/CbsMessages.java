package nl.ggk.hub.cbs.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.stuf.StufIds;

/**
 * The Di01 messages forwarded to RINIS/CBS (table {@code cbs_message}, migration V60): one per validated GMSD file,
 * whose referentienummer and tijdstipBericht are fixed the first time and kept on every retry, and by which the
 * return path finds the delivery. Portable SQL (H2, PostgreSQL) through {@link Jdbc}.
 */
public final class CbsMessages {

    /** One forwarded file. {@code tijdstipBericht} as in the envelope ({@code yyyyMMddHHmmss}). */
    public record CbsMessage(String referentienummer, String tijdstipBericht, String deliveryId, int entryIndex,
                             String gemeente, String sender, String filename, String functie, String state,
                             int attempts, Instant firstAttemptAt) {
    }

    public static final String SENDING = "SENDING";
    public static final String FORWARDED = "FORWARDED";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";

    private static final String COLUMNS = "referentienummer, tijdstip_bericht, delivery_id, entry_index, gemeente,"
            + " sender, filename, functie, state, attempts, first_attempt_at";

    private final Jdbc jdbc;
    private final Clock clock;

    public CbsMessages(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * The message for this entry: the stored one, or a new one (new UUID v4, now) stored first; of two consumers
     * claiming the same entry at the same moment, the first row wins and both get it.
     */
    public CbsMessage claim(String deliveryId, int entryIndex, String gemeente, String sender, String filename,
                            String functie) {
        Optional<CbsMessage> existing = forEntry(deliveryId, entryIndex);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        jdbc.insertOnce("INSERT INTO cbs_message (" + COLUMNS + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,0,?,?)",
                StufIds.newReferentienummer(), StufIds.tijdstipBericht(now), deliveryId, entryIndex, gemeente, sender,
                filename, functie, SENDING, now, now);
        return forEntry(deliveryId, entryIndex).orElseThrow(() -> new IllegalStateException(
                "cannot store the CBS message of delivery " + deliveryId + " entry " + entryIndex));
    }

    /** Counts one more attempt; returns the message with the new count. */
    public CbsMessage attempted(CbsMessage message) {
        jdbc.update("UPDATE cbs_message SET attempts = attempts + 1, updated_at = ? WHERE referentienummer = ?",
                clock.instant(), message.referentienummer());
        return byReferentienummer(message.referentienummer()).orElseThrow();
    }

    public void state(String referentienummer, String state) {
        jdbc.update("UPDATE cbs_message SET state = ?, updated_at = ? WHERE referentienummer = ?", state,
                clock.instant(), referentienummer);
    }

    public Optional<CbsMessage> byReferentienummer(String referentienummer) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM cbs_message WHERE referentienummer = ?", CbsMessages::message,
                referentienummer);
    }

    /** The latest file of this name forwarded for {@code gemeente}: what a report CBS names by file is about. */
    public Optional<CbsMessage> latestForwarded(String gemeente, String filename) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM cbs_message WHERE gemeente = ? AND filename = ? AND state = ?"
                + " ORDER BY first_attempt_at DESC", CbsMessages::message, gemeente, filename, FORWARDED);
    }

    public Optional<CbsMessage> forEntry(String deliveryId, int entryIndex) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM cbs_message WHERE delivery_id = ? AND entry_index = ?",
                CbsMessages::message, deliveryId, entryIndex);
    }

    private static CbsMessage message(ResultSet rs) throws SQLException {
        return new CbsMessage(rs.getString("referentienummer"), rs.getString("tijdstip_bericht"),
                rs.getString("delivery_id"), rs.getInt("entry_index"), rs.getString("gemeente"), rs.getString("sender"),
                rs.getString("filename"), rs.getString("functie"), rs.getString("state"), rs.getInt("attempts"),
                rs.getTimestamp("first_attempt_at").toInstant());
    }
}
