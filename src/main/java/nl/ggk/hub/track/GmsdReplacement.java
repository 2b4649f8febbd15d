package nl.ggk.hub.track;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.split.EntryMessage;

/**
 * The GMSD replacement rule (table {@code gmsd_file}): a file that passed the check and goes to CBS replaces the
 * earlier file of the same gemeente, type and half year, as CBS does. The technical check asks for that earlier
 * file ({@link #latest}) to name it in its report; track &amp; trace records the replacement ({@link #record}) when
 * the file goes on, with the events {@link TrackEvents} writes for it.
 */
public final class GmsdReplacement {

    /** What identifies a GMSD delivery for CBS: a later file of the same gemeente, type and half year replaces it. */
    public record GmsdFile(String gemeente, String type, String period) {
    }

    /** An earlier delivery (entry) that a new one replaces, and when it was received. */
    public record Earlier(String deliveryId, int index, Instant receivedAt) {
    }

    private static final String LATEST = "SELECT delivery_id, entry_index, received_at FROM gmsd_file"
            + " WHERE gemeente = ? AND file_type = ? AND period = ? AND replaced_by IS NULL"
            + " AND NOT (delivery_id = ? AND entry_index = ?) ORDER BY received_at DESC, delivery_id";

    private final Jdbc jdbc;

    public GmsdReplacement(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** The GMSD file of the same gemeente, type and half year that went on before this entry, if any. */
    public Optional<Earlier> latest(GmsdFile file, String deliveryId, int index) {
        return jdbc.queryOne(LATEST, GmsdReplacement::earlier, file.gemeente(), file.type(), file.period(), deliveryId,
                index);
    }

    /**
     * In {@code tx}: {@code entry} carries {@code file} to CBS; the earlier file it replaces is marked so. Returns
     * that earlier file, if any; nothing when the entry was recorded before (a redelivered message changes nothing).
     */
    Optional<Earlier> record(Jdbc.Tx tx, EntryMessage entry, GmsdFile file) {
        if (tx.queryOne("SELECT 1 FROM gmsd_file WHERE delivery_id = ? AND entry_index = ?", row -> true,
                entry.deliveryId(), entry.index()).isPresent()) {
            return Optional.empty();
        }
        Optional<Earlier> earlier = tx.queryOne(LATEST, GmsdReplacement::earlier, file.gemeente(), file.type(),
                file.period(), entry.deliveryId(), entry.index());
        tx.update("INSERT INTO gmsd_file (delivery_id, entry_index, gemeente, file_type, period, received_at)"
                + " VALUES (?,?,?,?,?,?)", entry.deliveryId(), entry.index(), file.gemeente(), file.type(),
                file.period(), entry.receivedAt());
        earlier.ifPresent(e -> tx.update("UPDATE gmsd_file SET replaced_by = ? WHERE delivery_id = ?"
                + " AND entry_index = ?", entry.deliveryId(), e.deliveryId(), e.index()));
        return earlier;
    }

    /** The detail of the REPLACED events of the earlier delivery (Dutch: the municipality reads it). */
    static String replacedBy(EntryMessage entry, GmsdFile file) {
        return "vervangen door de levering van " + TrackTexts.when(entry.receivedAt()) + " (" + named(file) + ")";
    }

    /** The detail of the REPLACES event of the entry that replaced it. */
    static String replaces(Earlier earlier, GmsdFile file) {
        return "vervangt de levering van " + TrackTexts.when(earlier.receivedAt()) + " (" + named(file) + ")";
    }

    private static String named(GmsdFile file) {
        return file.gemeente() + " " + file.type() + " " + file.period();
    }

    private static Earlier earlier(ResultSet row) throws SQLException {
        return new Earlier(row.getString(1), row.getInt(2), row.getTimestamp(3).toInstant());
    }
}
