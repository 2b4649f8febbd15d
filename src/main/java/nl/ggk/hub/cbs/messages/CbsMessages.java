package nl.ggk.hub.cbs.messages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.stuf.StufIds;

/**
 * The Di01 messages forwarded to RINIS/CBS (table {@code cbs_message}, migration V60): one per validated GMSD file,
 * whose referentienummer and tijdstipBericht are fixed the first time and kept on every retry, and by which the
 * return path finds the delivery. Plain JDBC, portable SQL (H2, PostgreSQL).
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

    private final DataSource dataSource;
    private final Clock clock;

    public CbsMessages(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The message for this entry: the stored one, or a new one (new UUID v4, now) stored first. */
    public CbsMessage claim(String deliveryId, int entryIndex, String gemeente, String sender, String filename,
                            String functie) {
        Optional<CbsMessage> existing = forEntry(deliveryId, entryIndex);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        String referentienummer = StufIds.newReferentienummer();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO cbs_message (referentienummer, tijdstip_bericht, delivery_id, entry_index, gemeente, sender,"
                        + " filename, functie, state, attempts, first_attempt_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,0,?,?)")) {
            insert.setString(1, referentienummer);
            insert.setString(2, StufIds.tijdstipBericht(now));
            insert.setString(3, deliveryId);
            insert.setInt(4, entryIndex);
            insert.setString(5, gemeente);
            insert.setString(6, sender);
            insert.setString(7, filename);
            insert.setString(8, functie);
            insert.setString(9, SENDING);
            insert.setTimestamp(10, Timestamp.from(now));
            insert.setTimestamp(11, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            // another consumer claimed the same entry at the same moment: its row wins
            return forEntry(deliveryId, entryIndex).orElseThrow(() -> new IllegalStateException(
                    "cannot store the CBS message of delivery " + deliveryId + " entry " + entryIndex, e));
        }
        return forEntry(deliveryId, entryIndex).orElseThrow();
    }

    /** Counts one more attempt; returns the message with the new count. */
    public CbsMessage attempted(CbsMessage message) {
        update("UPDATE cbs_message SET attempts = attempts + 1, updated_at = ? WHERE referentienummer = ?",
                message.referentienummer());
        return byReferentienummer(message.referentienummer()).orElseThrow();
    }

    public void state(String referentienummer, String state) {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE cbs_message SET state = ?, updated_at = ? WHERE referentienummer = ?")) {
            u.setString(1, state);
            u.setTimestamp(2, Timestamp.from(clock.instant()));
            u.setString(3, referentienummer);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update CBS message " + referentienummer, e);
        }
    }

    public Optional<CbsMessage> byReferentienummer(String referentienummer) {
        return query("SELECT * FROM cbs_message WHERE referentienummer = ?", referentienummer, null);
    }

    /** The latest file of this name forwarded for {@code gemeente}: what a report CBS names by file is about. */
    public Optional<CbsMessage> latestForwarded(String gemeente, String filename) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT referentienummer FROM cbs_message WHERE gemeente = ? AND filename = ? AND state = ?"
                        + " ORDER BY first_attempt_at DESC")) {
            q.setString(1, gemeente);
            q.setString(2, filename);
            q.setString(3, FORWARDED);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? byReferentienummer(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read CBS messages", e);
        }
    }

    public Optional<CbsMessage> forEntry(String deliveryId, int entryIndex) {
        return query("SELECT * FROM cbs_message WHERE delivery_id = ? AND entry_index = ?", deliveryId, entryIndex);
    }

    private void update(String sql, String referentienummer) {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
            u.setTimestamp(1, Timestamp.from(clock.instant()));
            u.setString(2, referentienummer);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update CBS message " + referentienummer, e);
        }
    }

    private Optional<CbsMessage> query(String sql, String key, Integer index) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            if (index != null) {
                q.setInt(2, index);
            }
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CbsMessage(rs.getString("referentienummer"), rs.getString("tijdstip_bericht"),
                        rs.getString("delivery_id"), rs.getInt("entry_index"), rs.getString("gemeente"),
                        rs.getString("sender"), rs.getString("filename"), rs.getString("functie"),
                        rs.getString("state"), rs.getInt("attempts"), rs.getTimestamp("first_attempt_at").toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read CBS messages", e);
        }
    }
}
