package nl.ggk.hub.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Which inbox drops became a delivery (table {@code inbox_drop}, keyed on {@link InboxFiles#dropKey}). Written
 * only once the delivery exists (stored, recorded, committed to the broker), so a crash before that leaves
 * no record and the file is simply taken again; a crash after it finds the record and only archives the file.
 */
public final class InboxDrops {

    private final DataSource dataSource;
    private final Clock clock;

    public InboxDrops(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The drop with the delivery an earlier run made of it, if any. */
    public InboxFiles.InboxDrop earlier(InboxFiles.InboxDrop drop) throws SQLException {
        return drop.withEarlier(deliveryOf(drop.dropKey()));
    }

    /** The delivery an earlier run made of this drop, or null. */
    public String deliveryOf(String dropKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT delivery_id FROM inbox_drop WHERE drop_key = ?")) {
            select.setString(1, dropKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    public void record(String dropKey, String deliveryId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO inbox_drop (drop_key, delivery_id, recorded_at) VALUES (?, ?, ?)")) {
            insert.setString(1, dropKey);
            insert.setString(2, deliveryId);
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }
}
