package nl.ggk.hub.cbs;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/** The terugmeldingen sent (table {@code terugmelding}, migration V90): which report each answers. Portable SQL. */
public final class TerugmeldingStore {

    /** One terugmelding: its delivery, the outbox item it answers and that report's referentienummer. */
    public record Sent(String deliveryId, String outboxItemId, String gemeente, String sentBy, String crossRef,
                       String fileName, Instant createdAt, String sentByName) {

        public Sent(String deliveryId, String outboxItemId, String gemeente, String sentBy, String crossRef,
                    String fileName, Instant createdAt) {
            this(deliveryId, outboxItemId, gemeente, sentBy, crossRef, fileName, createdAt, null);
        }
    }

    private final Jdbc jdbc;

    public TerugmeldingStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void record(Sent sent) {
        jdbc.update("INSERT INTO terugmelding (delivery_id, outbox_item_id, gemeente, sent_by, cross_ref, file_name,"
                + " created_at, sent_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sent.deliveryId(), sent.outboxItemId(),
                sent.gemeente(), sent.sentBy(), sent.crossRef(), sent.fileName(), sent.createdAt(),
                sent.sentByName() == null || sent.sentByName().length() <= 255 ? sent.sentByName()
                        : sent.sentByName().substring(0, 255));
    }

    public Optional<Sent> ofDelivery(String deliveryId) {
        return jdbc.queryOne("SELECT delivery_id, outbox_item_id, gemeente, sent_by, cross_ref, file_name, created_at"
                + " FROM terugmelding WHERE delivery_id = ?", r -> new Sent(r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getTimestamp(7).toInstant()),
                deliveryId);
    }
}
