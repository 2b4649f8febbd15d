package nl.ggk.hub.intake;

import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which inbox drops became a delivery (table {@code inbox_drop}, keyed on {@link InboxFiles#dropKey}). Written
 * only once the delivery exists (stored, recorded, committed to the broker), so a crash before that leaves
 * no record and the file is simply taken again; a crash after it finds the record and only archives the file.
 */
public final class InboxDrops {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDrops.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public InboxDrops(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /** The drop with the delivery an earlier run made of it, if any. */
    public InboxFiles.InboxDrop earlier(InboxFiles.InboxDrop drop) {
        return drop.withEarlier(deliveryOf(drop.dropKey()));
    }

    /** The delivery an earlier run made of this drop, or null. */
    public String deliveryOf(String dropKey) {
        return jdbc.queryOne("SELECT delivery_id FROM inbox_drop WHERE drop_key = ?", row -> row.getString(1), dropKey)
                .orElse(null);
    }

    /** Records the drop as {@code deliveryId}, once: should another consumer have recorded it first, its row stays. */
    public void record(String dropKey, String deliveryId) {
        if (!jdbc.insertOnce("INSERT INTO inbox_drop (drop_key, delivery_id, recorded_at) VALUES (?, ?, ?)", dropKey,
                deliveryId, clock.instant())) {
            LOG.warn("Inbox drop {} was recorded as delivery {} already; delivery {} was made of it too", dropKey,
                    deliveryOf(dropKey), deliveryId);
        }
    }
}
