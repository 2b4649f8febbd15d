package nl.ggk.hub.cbs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The terugmeldingen sent (table {@code terugmelding}, migration V90): which report each answers. Portable SQL. */
public final class TerugmeldingStore {

    /** One terugmelding: its delivery, the outbox item it answers and that report's referentienummer. */
    public record Sent(String deliveryId, String outboxItemId, String gemeente, String sentBy, String crossRef,
                       String fileName, Instant createdAt) {
    }

    private final DataSource dataSource;

    public TerugmeldingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Sent sent) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO terugmelding (delivery_id, outbox_item_id, gemeente,"
                     + " sent_by, cross_ref, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, sent.deliveryId());
            s.setString(2, sent.outboxItemId());
            s.setString(3, sent.gemeente());
            s.setString(4, sent.sentBy());
            s.setString(5, sent.crossRef());
            s.setString(6, sent.fileName());
            s.setTimestamp(7, Timestamp.from(sent.createdAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the terugmelding of delivery " + sent.deliveryId(), e);
        }
    }

    public Optional<Sent> ofDelivery(String deliveryId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT delivery_id, outbox_item_id, gemeente, sent_by, cross_ref,"
                     + " file_name, created_at FROM terugmelding WHERE delivery_id = ?")) {
            s.setString(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Sent(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getTimestamp(7).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the terugmelding of delivery " + deliveryId, e);
        }
    }
}
