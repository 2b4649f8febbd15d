package nl.ggk.hub.intake;

import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which inbox drops became a delivery (table {@code inbox_drop}, keyed on {@link InboxFiles#dropKey}). Written
 * once the delivery exists (stored and recorded) and before its receipt goes to the broker: a crash before that
 * leaves no record and the file is simply taken again (its first delivery stays RECEIVED and goes nowhere); a crash
 * after it finds the record, archives the file and, while the delivery is still RECEIVED, enqueues its receipt again
 * (the consumers take a receipt twice as once: per delivery and entry).
 */
public final class InboxDrops {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDrops.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public InboxDrops(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /** The drop with the delivery an earlier run made of it, if any, and that delivery's receipt while RECEIVED. */
    public InboxFiles.InboxDrop earlier(InboxFiles.InboxDrop drop) {
        String earlier = deliveryOf(drop.dropKey());
        return drop.withEarlier(earlier, earlier == null ? null : receiptIfReceived(earlier));
    }

    /** The intake receipt of a delivery still RECEIVED (as route intake made it), or null. */
    private IntakeService.Receipt receiptIfReceived(String deliveryId) {
        return jdbc.queryOne("SELECT id, organisation, sender, channel, filename, payload_ref, payload_size, received_at"
                + " FROM delivery WHERE id = ? AND status = 'RECEIVED'", rs -> new IntakeService.Receipt(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), rs.getTimestamp(8).toInstant()), deliveryId).orElse(null);
    }

    /** The delivery an earlier run made of this drop, or null. */
    public String deliveryOf(String dropKey) {
        return jdbc.queryOne("SELECT delivery_id FROM inbox_drop WHERE drop_key = ?", row -> row.getString(1), dropKey)
                .orElse(null);
    }

    /**
     * For route intake, once a folder file's delivery is stored and before its receipt goes to the broker: records the
     * drop as that delivery, so that a leader killed after the receipt was committed does not make a second delivery
     * of the file (the next leader finds the drop, and enqueues the receipt again while the delivery is still
     * RECEIVED: intake-folder-seen). Nothing for the other doors ({@code drop} null).
     */
    public void recordStored(InboxFiles.InboxDrop drop, IntakeService.Receipt receipt) {
        if (drop != null && receipt != null) {
            record(drop.dropKey(), receipt.deliveryId());
        }
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
