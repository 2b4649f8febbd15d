package nl.ggk.hub.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.split.Rejection;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.split.SplitDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Track &amp; trace: deliveries, their entries and every status change with its time. Plain JDBC on
 * portable SQL so that the same store runs on H2 and PostgreSQL.
 *
 * <p>Self-repairing: a message on an internal queue carries its delivery's intake receipt, and a write for a delivery
 * whose record is missing (a database that lost its last commits in a crash while the broker kept the message)
 * first rebuilds the record from that receipt, insert-once. A write that brings no receipt for a missing delivery
 * records nothing and says so in one log line: it never fails on the database's foreign keys, so no queue
 * consumer, nor the dead-letter step, fails for ever on a lost record.
 */
public final class TrackStore {

    private static final Logger LOG = LoggerFactory.getLogger(TrackStore.class);

    /**
     * @param duplicateOf the earlier delivery of the same payload (SHA-256) by the same sender, or {@code null}
     * @param counts      entries per status (empty before the split)
     */
    public record Delivery(String id, String organisation, String sender, String channel, String filename,
                           String payloadRef, long payloadSize, Instant receivedAt, String status,
                           String duplicateOf, Map<String, Integer> counts) {

        public Delivery(String id, String organisation, String sender, String channel, String filename,
                        String payloadRef, long payloadSize, Instant receivedAt, String status) {
            this(id, organisation, sender, channel, filename, payloadRef, payloadSize, receivedAt, status, null,
                    Map.of());
        }

        Delivery with(String settledStatus, Map<String, Integer> entryCounts) {
            return new Delivery(id, organisation, sender, channel, filename, payloadRef, payloadSize, receivedAt,
                    settledStatus, duplicateOf, Map.copyOf(entryCounts));
        }
    }

    /** What is known of one entry at one moment; null fields leave the stored value unchanged. */
    public record EntryUpdate(int index, String name, String kind, String functie, DeliveryStatus status,
                              String payloadRef, String fo01Code, String fo01File, String detail) {
        public static EntryUpdate status(int index, DeliveryStatus status, String detail) {
            return new EntryUpdate(index, null, null, null, status, null, null, null, detail);
        }
    }

    public record Event(Instant at, String status, String detail) {
    }

    public record Entry(int index, String name, String kind, String functie, String status, String payloadRef,
                        String fo01Code, String fo01File, String feedbackFile, List<Event> events) {
    }

    public record DeliveryView(Delivery delivery, List<Event> events, List<Entry> entries) {
    }

    /** What identifies a GMSD delivery for CBS: a later file of the same gemeente, type and half year replaces it. */
    public record GmsdFile(String gemeente, String type, String period) {
    }

    /** An earlier delivery (entry) that a new one replaces or duplicates, and when it was received. */
    public record Earlier(String deliveryId, int index, Instant receivedAt) {
    }

    /** Added to the RECEIVED event of a delivery whose record was rebuilt from its intake receipt. */
    static final String RESTORED = "na een herstart van de hub opnieuw vastgelegd uit het intakebericht";

    /** Delivery event of a GMSD delivery a later one replaced (vervangen); its statuses keep their meaning. */
    public static final String REPLACED = "REPLACED";
    /** Entry event of the GMSD file that replaced an earlier delivery. */
    public static final String REPLACES = "REPLACES";

    private static final int MAX_DETAIL = 1000;

    /**
     * Hears every entry status this store records, by kind: the one place the delivery metrics are counted,
     * so they always agree with track &amp; trace.
     */
    @FunctionalInterface
    public interface StatusCounter {
        StatusCounter NONE = (kind, status, count) -> { };

        /** {@code count} entries of {@code kind} reached {@code status}. */
        void count(String kind, DeliveryStatus status, int count);

        /** A delivery reached {@code status} (RECEIVED, then its settled status). */
        default void delivery(DeliveryStatus status) {
        }
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final StatusCounter counter;

    public TrackStore(DataSource dataSource, StatusCounter counter) {
        this(dataSource, Clock.systemUTC(), counter);
    }

    public TrackStore(DataSource dataSource, Clock clock, StatusCounter counter) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.counter = counter;
    }

    /** RECEIVED: the delivery is stored and about to be enqueued. */
    public void received(Receipt receipt) {
        createDelivery(delivery(receipt));
    }

    /**
     * The delivery's record as its intake message knows it, rebuilt (RECEIVED, insert-once) when track &amp; trace
     * does not have it; nothing when it is there. The first step of the intake message's consumer.
     */
    public void restore(Receipt receipt) {
        Instant now = clock.instant();
        inTransaction(connection -> present(connection, receipt.deliveryId(), receipt, now));
    }

    private static Delivery delivery(Receipt receipt) {
        return new Delivery(receipt.deliveryId(), receipt.organisation(), receipt.sender(), receipt.channel(),
                receipt.filename(), receipt.payloadRef(), receipt.size(), receipt.receivedAt(),
                DeliveryStatus.RECEIVED.name());
    }

    /** The intake receipt the entries carry, if any: what rebuilds their delivery's record. */
    private static Receipt receiptOf(List<EntryMessage> entries) {
        for (EntryMessage e : entries) {
            if (e.delivery() != null) {
                return e.delivery();
            }
        }
        return null;
    }

    /** SPLIT, and every entry CLASSIFIED (or why it was refused). */
    public void split(SplitDelivery split) {
        deliveryStatus(split.deliveryId(), receiptOf(split.entries()), DeliveryStatus.SPLIT, split.summary());
        List<EntryUpdate> updates = new ArrayList<>();
        for (EntryMessage e : split.entries()) {
            updates.add(new EntryUpdate(e.index(), e.name(), e.kind().name(), e.functie(), DeliveryStatus.CLASSIFIED,
                    e.payloadRef(), null, null, e.accepted()
                            ? "classified as " + e.kind() + (e.functie() == null ? "" : " " + e.functie())
                            : "geweigerd (" + e.reason() + "): " + AnswerText.masked(e.detail())));
        }
        record(split.deliveryId(), receiptOf(split.entries()), updates);
    }

    /** After the accepted entries were sent (same broker transaction): they are QUEUED. */
    public void queued(SplitDelivery split) {
        List<EntryUpdate> updates = new ArrayList<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (EntryMessage e : split.entries()) {
            if (e.accepted()) {
                updates.add(EntryUpdate.status(e.index(), DeliveryStatus.QUEUED, "queued for " + e.kind()));
                byKind.merge(e.kind().name(), 1, Integer::sum);
            }
        }
        if (record(split.deliveryId(), receiptOf(split.entries()), updates)) {
            byKind.forEach((kind, count) -> counter.count(kind, DeliveryStatus.QUEUED, count));
        }
    }

    /** REJECTED with the Fo01's code and file. */
    public void rejected(Rejection rejection) {
        EntryMessage entry = rejection.entry();
        if (record(entry.deliveryId(), entry.delivery(), List.of(new EntryUpdate(entry.index(), entry.name(),
                entry.kind().name(), entry.functie(), DeliveryStatus.REJECTED, null, rejection.code(),
                rejection.fo01().name(), rejection.detail())))) {
            counter.count(entry.kind().name(), DeliveryStatus.REJECTED, 1);
        }
    }

    /** VALIDATED: a GMSD file passed the technical check (or is forwarded with warnings). */
    public void validated(EntryMessage entry, String summary) {
        if (record(entry.deliveryId(), entry.delivery(), List.of(new EntryUpdate(entry.index(), entry.name(),
                entry.kind().name(), entry.functie(), DeliveryStatus.VALIDATED, null, null, null, summary)))) {
            counter.count(entry.kind().name(), DeliveryStatus.VALIDATED, 1);
        }
    }

    /** The entries of a batch still to deliver: a redelivered batch skips those already FORWARDED. */
    public List<EntryMessage> pending(OutboundBatch batch) {
        List<Integer> forwarded = forwardedAmong(batch.deliveryId(), batch.indices());
        return forwarded.isEmpty() ? batch.entries()
                : batch.entries().stream().filter(e -> !forwarded.contains(e.index())).toList();
    }

    /**
     * FORWARDED for the batch's entries that did not fail; returns how many changed. An entry without a record (lost
     * in a crash, its delivery's rebuilt from the receipt) was sent all the same: it is recorded FORWARDED.
     */
    public int forwarded(OutboundBatch batch, String detail) {
        int changed = forwarded(batch.deliveryId(), receiptOf(batch.entries()), batch.entries(), batch.indices(),
                detail);
        counter.count(batch.kind().name(), DeliveryStatus.FORWARDED, changed);
        return changed;
    }

    /** The feedback ZIP written for an entry (named relative to the outbox folder, in full); not a status. */
    public void feedback(EntryMessage entry, String feedbackFile) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE delivery_entry SET feedback_file = ?"
                    + " WHERE delivery_id = ? AND entry_index = ?")) {
                update.setString(1, feedbackFile);
                update.setString(2, entry.deliveryId());
                update.setInt(3, entry.index());
                update.executeUpdate();
            }
        });
    }

    /** The GMSD file of the same gemeente, type and half year that passed the check before this entry, if any. */
    public Optional<Earlier> latestGmsdFile(GmsdFile file, String deliveryId, int index) {
        return inConnection(connection -> latestGmsdFile(connection, file, deliveryId, index));
    }

    private static Optional<Earlier> latestGmsdFile(Connection connection, GmsdFile file, String deliveryId,
                                                    int index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT delivery_id, entry_index, received_at"
                + " FROM gmsd_file WHERE gemeente = ? AND file_type = ? AND period = ? AND replaced_by IS NULL"
                + " AND NOT (delivery_id = ? AND entry_index = ?) ORDER BY received_at DESC, delivery_id")) {
            select.setString(1, file.gemeente());
            select.setString(2, file.type());
            select.setString(3, file.period());
            select.setString(4, deliveryId);
            select.setInt(5, index);
            select.setMaxRows(1);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Earlier(rs.getString(1), rs.getInt(2),
                        rs.getTimestamp(3).toInstant())) : Optional.empty();
            }
        }
    }

    /**
     * A GMSD file passed the check and goes to CBS: it replaces the earlier file of the same gemeente, type and
     * half year, as CBS does. The earlier delivery gets a REPLACED event ("vervangen"), the new entry a REPLACES
     * event naming it. A redelivered message changes nothing the second time.
     */
    public Optional<Earlier> gmsdForwarded(EntryMessage entry, GmsdFile file) {
        if (file == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Earlier> replaced = new ArrayList<>();
        inTransaction(connection -> {
            if (!present(connection, entry.deliveryId(), entry.delivery(), now)) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM gmsd_file WHERE delivery_id = ? AND entry_index = ?")) {
                select.setString(1, entry.deliveryId());
                select.setInt(2, entry.index());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            Optional<Earlier> earlier = latestGmsdFile(connection, file, entry.deliveryId(), entry.index());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gmsd_file (delivery_id,"
                    + " entry_index, gemeente, file_type, period, received_at) VALUES (?,?,?,?,?,?)")) {
                insert.setString(1, entry.deliveryId());
                insert.setInt(2, entry.index());
                insert.setString(3, file.gemeente());
                insert.setString(4, file.type());
                insert.setString(5, file.period());
                insert.setTimestamp(6, Timestamp.from(entry.receivedAt()));
                insert.executeUpdate();
            }
            if (earlier.isEmpty()) {
                return;
            }
            Earlier e = earlier.get();
            try (PreparedStatement update = connection.prepareStatement("UPDATE gmsd_file SET replaced_by = ?"
                    + " WHERE delivery_id = ? AND entry_index = ?")) {
                update.setString(1, entry.deliveryId());
                update.setString(2, e.deliveryId());
                update.setInt(3, e.index());
                update.executeUpdate();
            }
            String by = "vervangen door levering " + entry.deliveryId() + " van " + entry.receivedAt()
                    + " (" + file.gemeente() + " " + file.type() + " " + file.period() + ")";
            // only read: taking the earlier delivery's row lock too could deadlock with a check of that delivery
            if (exists(connection, e.deliveryId())) {
                insertEvent(connection, e.deliveryId(), null, now, REPLACED, by);
                insertEvent(connection, e.deliveryId(), e.index(), now, REPLACED, by);
            }
            insertEvent(connection, entry.deliveryId(), entry.index(), now, REPLACES, "vervangt levering "
                    + e.deliveryId() + " van " + e.receivedAt() + " (" + file.gemeente() + " " + file.type() + " "
                    + file.period() + ")");
            replaced.add(e);
        });
        return replaced.stream().findFirst();
    }

    public void createDelivery(Delivery delivery) {
        inTransaction(connection -> insertDelivery(connection, delivery, ""));
        counter.delivery(DeliveryStatus.RECEIVED);
    }

    /** The delivery's row and its RECEIVED event; {@code note} is added to the event's detail. */
    private static void insertDelivery(Connection connection, Delivery delivery, String note) throws SQLException {
        Optional<Earlier> earlier = samePayload(connection, delivery);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO delivery (id, organisation, sender, channel, filename, payload_ref, payload_size,"
                        + " received_at, status, updated_at, duplicate_of) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, delivery.id());
            insert.setString(2, delivery.organisation());
            insert.setString(3, delivery.sender());
            insert.setString(4, delivery.channel());
            insert.setString(5, delivery.filename());
            insert.setString(6, delivery.payloadRef());
            insert.setLong(7, delivery.payloadSize());
            insert.setTimestamp(8, Timestamp.from(delivery.receivedAt()));
            insert.setString(9, DeliveryStatus.RECEIVED.name());
            insert.setTimestamp(10, Timestamp.from(delivery.receivedAt()));
            insert.setString(11, earlier.map(Earlier::deliveryId).orElse(null));
            insert.executeUpdate();
        }
        insertEvent(connection, delivery.id(), null, delivery.receivedAt(), DeliveryStatus.RECEIVED.name(),
                "received via " + delivery.channel() + earlier.map(e -> "; duplicate of " + e.deliveryId()
                        + " (the same content, received " + e.receivedAt() + ")").orElse("") + note);
    }

    /**
     * Takes the delivery's row lock (see {@link #lockDelivery}) and answers whether its row is there, rebuilt from
     * {@code receipt} (RECEIVED, in this transaction) when it was missing. False: the delivery is unknown and no
     * receipt came with the write, which then records nothing.
     */
    private boolean present(Connection connection, String deliveryId, Receipt receipt, Instant now)
            throws SQLException {
        if (deliveryId == null) {
            return false;
        }
        if (lockDelivery(connection, deliveryId, now)) {
            return true;
        }
        if (receipt == null || !deliveryId.equals(receipt.deliveryId())) {
            LOG.warn("Delivery {} is not in track & trace and nothing came with this step to rebuild it from: not"
                    + " recorded", deliveryId);
            return false;
        }
        insertDelivery(connection, delivery(receipt), "; " + RESTORED);
        LOG.warn("Delivery {} was missing from track & trace (a crash lost its record): rebuilt from its intake"
                + " receipt", deliveryId);
        counter.delivery(DeliveryStatus.RECEIVED);
        return true;
    }

    private static boolean exists(Connection connection, String deliveryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM delivery WHERE id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The first earlier delivery of the same payload (its SHA-256 is the store reference) by the same sender. */
    private static Optional<Earlier> samePayload(Connection connection, Delivery delivery) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, received_at FROM delivery"
                + " WHERE sender = ? AND payload_ref = ? AND id <> ? ORDER BY received_at, id")) {
            select.setString(1, delivery.sender());
            select.setString(2, delivery.payloadRef());
            select.setString(3, delivery.id());
            select.setMaxRows(1);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Earlier(rs.getString(1), 0, rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    public void deliveryStatus(String deliveryId, DeliveryStatus status, String detail) {
        deliveryStatus(deliveryId, null, status, detail);
    }

    /** False when nothing was recorded: the delivery is unknown and {@code receipt} is null. */
    private boolean deliveryStatus(String deliveryId, Receipt receipt, DeliveryStatus status, String detail) {
        Instant now = clock.instant();
        boolean[] recorded = {false};
        inTransaction(connection -> {
            if (!present(connection, deliveryId, receipt, now)) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE delivery SET status = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, status.name());
                update.setTimestamp(2, Timestamp.from(now));
                update.setString(3, deliveryId);
                update.executeUpdate();
            }
            insertEvent(connection, deliveryId, null, now, status.name(), detail);
            recorded[0] = true;
        });
        if (recorded[0] && status == DeliveryStatus.FAILED) {
            counter.delivery(status);
        }
        return recorded[0];
    }

    /** Records entry changes in one transaction (a ZIP's entries travel together). */
    public void recordEntries(String deliveryId, List<EntryUpdate> updates) {
        record(deliveryId, null, updates);
    }

    /**
     * As {@link #recordEntries}; a missing delivery is rebuilt from {@code receipt} first. False when nothing was
     * recorded: the delivery is unknown and {@code receipt} is null.
     */
    private boolean record(String deliveryId, Receipt receipt, List<EntryUpdate> updates) {
        if (updates.isEmpty()) {
            return true;
        }
        Instant now = clock.instant();
        DeliveryStatus[] settled = {null};
        boolean[] recorded = {false};
        inTransaction(connection -> {
            if (!present(connection, deliveryId, receipt, now)) {
                return;
            }
            recorded[0] = true;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE delivery_entry SET name = COALESCE(?, name), kind = COALESCE(?, kind),"
                            + " functie = COALESCE(?, functie), status = ?, payload_ref = COALESCE(?, payload_ref),"
                            + " fo01_code = COALESCE(?, fo01_code), fo01_file = COALESCE(?, fo01_file), updated_at = ?"
                            + " WHERE delivery_id = ? AND entry_index = ?");
                 PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO delivery_entry (delivery_id, entry_index, name, kind, functie, status, payload_ref,"
                            + " fo01_code, fo01_file, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                // one round trip for all updates, one for the entries that did not exist yet
                for (EntryUpdate u : updates) {
                    update.setString(1, u.name());
                    update.setString(2, u.kind());
                    update.setString(3, u.functie());
                    update.setString(4, u.status().name());
                    update.setString(5, u.payloadRef());
                    update.setString(6, u.fo01Code());
                    update.setString(7, u.fo01File());
                    update.setTimestamp(8, Timestamp.from(now));
                    update.setString(9, deliveryId);
                    update.setInt(10, u.index());
                    update.addBatch();
                }
                int[] updated = update.executeBatch();
                boolean inserting = false;
                for (int i = 0; i < updates.size(); i++) {
                    if (updated[i] == 0) {
                        EntryUpdate u = updates.get(i);
                        insert.setString(1, deliveryId);
                        insert.setInt(2, u.index());
                        insert.setString(3, u.name() == null ? "entry-" + u.index() : u.name());
                        insert.setString(4, u.kind());
                        insert.setString(5, u.functie());
                        insert.setString(6, u.status().name());
                        insert.setString(7, u.payloadRef());
                        insert.setString(8, u.fo01Code());
                        insert.setString(9, u.fo01File());
                        insert.setTimestamp(10, Timestamp.from(now));
                        insert.addBatch();
                        inserting = true;
                    }
                }
                if (inserting) {
                    insert.executeBatch();
                }
            }
            try (PreparedStatement event = connection.prepareStatement(
                    "INSERT INTO delivery_event (delivery_id, entry_index, at, status, detail) VALUES (?,?,?,?,?)")) {
                for (EntryUpdate u : updates) {
                    event.setString(1, deliveryId);
                    event.setInt(2, u.index());
                    event.setTimestamp(3, Timestamp.from(now));
                    event.setString(4, u.status().name());
                    event.setString(5, truncate(u.detail()));
                    event.addBatch();
                }
                event.executeBatch();
            }
            settled[0] = settle(connection, deliveryId, now);
        });
        countSettled(settled[0]);
        return recorded[0];
    }

    /**
     * Takes the delivery's row lock first in every transaction that changes its entries: channels working on
     * the entries of one delivery in parallel then settle it one after the other, each seeing the other's
     * entries, and no two transactions lock in a different order. False: there is no such delivery.
     */
    private static boolean lockDelivery(Connection connection, String deliveryId, Instant now) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("UPDATE delivery SET updated_at = ? WHERE id = ?")) {
            lock.setTimestamp(1, Timestamp.from(now));
            lock.setString(2, deliveryId);
            return lock.executeUpdate() > 0;
        }
    }

    /**
     * The delivery's status follows its entries: QUEUED once entries wait on a queue, then the settled status
     * (FORWARDED, VALIDATED, REJECTED, FAILED) once every entry is; each change is a delivery event whose
     * detail gives the counts per status. Returns the new status, or null when it did not change.
     */
    private static DeliveryStatus settle(Connection connection, String deliveryId, Instant now) throws SQLException {
        String current;
        try (PreparedStatement select = connection.prepareStatement("SELECT status FROM delivery WHERE id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                current = rs.getString(1);
            }
        }
        if (DeliveryStatus.FAILED.name().equals(current)) {
            return null;
        }
        Map<String, Integer> counts = entryCounts(connection, deliveryId);
        String next = deliveryStatusOf(counts);
        if (next == null && counts.containsKey(DeliveryStatus.QUEUED.name())) {
            next = DeliveryStatus.QUEUED.name();
        }
        if (next == null || next.equals(current)) {
            return null;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE delivery SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, next);
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, deliveryId);
            update.executeUpdate();
        }
        insertEvent(connection, deliveryId, null, now, next, countsDetail(counts));
        return DeliveryStatus.valueOf(next);
    }

    /** E.g. {@code "21 entries: FORWARDED 7, REJECTED 14"}. */
    static String countsDetail(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder detail = new StringBuilder().append(total).append(total == 1 ? " entry: " : " entries: ");
        String separator = "";
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Integer n = counts.get(status.name());
            if (n != null) {
                detail.append(separator).append(status.name()).append(' ').append(n);
                separator = ", ";
            }
        }
        return detail.toString();
    }

    private void countSettled(DeliveryStatus settled) {
        if (settled != null && settled != DeliveryStatus.QUEUED) {
            counter.delivery(settled);
        }
    }

    private static Map<String, Integer> entryCounts(Connection connection, String deliveryId) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, COUNT(*) FROM delivery_entry WHERE delivery_id = ? GROUP BY status")) {
            select.setString(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * Which of {@code indices} are FORWARDED already, or REJECTED (a duplicate refused on an earlier attempt): the
     * idempotency check of an outbound hop.
     */
    public List<Integer> forwardedAmong(String deliveryId, List<Integer> indices) {
        if (indices.isEmpty()) {
            return List.of();
        }
        return inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT entry_index FROM delivery_entry WHERE delivery_id = ? AND status IN (?, ?)"
                            + " AND entry_index BETWEEN ? AND ?")) {
                select.setString(1, deliveryId);
                select.setString(2, DeliveryStatus.FORWARDED.name());
                select.setString(3, DeliveryStatus.REJECTED.name());
                select.setInt(4, java.util.Collections.min(indices));
                select.setInt(5, java.util.Collections.max(indices));
                List<Integer> forwarded = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (indices.contains(rs.getInt(1))) {
                            forwarded.add(rs.getInt(1));
                        }
                    }
                }
                return forwarded;
            }
        });
    }

    /**
     * FORWARDED for each of {@code indices} that is not FORWARDED already, FAILED or REJECTED (a duplicate), in one
     * transaction.
     */
    public int forwarded(String deliveryId, List<Integer> indices, String detail) {
        return forwarded(deliveryId, null, List.of(), indices, detail);
    }

    /** As above; {@code entries} name an entry whose record is missing (it is recorded FORWARDED then). */
    private int forwarded(String deliveryId, Receipt receipt, List<EntryMessage> entries, List<Integer> indices,
                          String detail) {
        if (indices.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int[] changed = {0};
        DeliveryStatus[] settled = {null};
        inTransaction(connection -> {
            if (!present(connection, deliveryId, receipt, now)) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE delivery_entry SET status = ?, updated_at = ? WHERE delivery_id = ? AND entry_index = ?"
                            + " AND status NOT IN (?, ?, ?)");
                 PreparedStatement event = connection.prepareStatement(
                    "INSERT INTO delivery_event (delivery_id, entry_index, at, status, detail) VALUES (?,?,?,?,?)")) {
                for (int index : indices) {
                    update.setString(1, DeliveryStatus.FORWARDED.name());
                    update.setTimestamp(2, Timestamp.from(now));
                    update.setString(3, deliveryId);
                    update.setInt(4, index);
                    update.setString(5, DeliveryStatus.FORWARDED.name());
                    update.setString(6, DeliveryStatus.FAILED.name());
                    update.setString(7, DeliveryStatus.REJECTED.name());
                    if (update.executeUpdate() > 0 || insertForwardedEntry(connection, deliveryId, entries, index, now)) {
                        changed[0]++;
                        event.setString(1, deliveryId);
                        event.setInt(2, index);
                        event.setTimestamp(3, Timestamp.from(now));
                        event.setString(4, DeliveryStatus.FORWARDED.name());
                        event.setString(5, truncate(detail));
                        event.addBatch();
                    }
                }
                event.executeBatch();
            }
            settled[0] = settle(connection, deliveryId, now);
        });
        countSettled(settled[0]);
        return changed[0];
    }

    /** The entry's record, FORWARDED, when it has none (a crash lost it) and {@code entries} name it. */
    private static boolean insertForwardedEntry(Connection connection, String deliveryId, List<EntryMessage> entries,
                                                int index, Instant now) throws SQLException {
        EntryMessage entry = entries.stream().filter(e -> e.index() == index).findFirst().orElse(null);
        if (entry == null) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM delivery_entry WHERE delivery_id = ? AND entry_index = ?")) {
            select.setString(1, deliveryId);
            select.setInt(2, index);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO delivery_entry (delivery_id, entry_index, name, kind, functie, status, payload_ref,"
                        + " updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
            insert.setString(1, deliveryId);
            insert.setInt(2, index);
            insert.setString(3, entry.name() == null ? "entry-" + index : entry.name());
            insert.setString(4, entry.kind() == null ? null : entry.kind().name());
            insert.setString(5, entry.functie());
            insert.setString(6, DeliveryStatus.FORWARDED.name());
            insert.setString(7, entry.payloadRef());
            insert.setTimestamp(8, Timestamp.from(now));
            insert.executeUpdate();
        }
        return true;
    }

    /**
     * An event that changes no status ({@code kind}, e.g. {@code CBS_FO01}: a Fo01 from CBS about the entry), recorded
     * once: a redelivered message that records the same event again adds nothing.
     */
    public void event(String deliveryId, Integer entryIndex, String kind, String detail) {
        Instant now = clock.instant();
        inTransaction(connection -> {
            if (!present(connection, deliveryId, null, now)) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM delivery_event"
                    + " WHERE delivery_id = ? AND status = ? AND detail = ?")) {
                select.setString(1, deliveryId);
                select.setString(2, kind);
                select.setString(3, truncate(detail));
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            insertEvent(connection, deliveryId, entryIndex, now, kind, detail);
        });
    }

    public void entryStatus(String deliveryId, int index, DeliveryStatus status, String detail) {
        recordEntries(deliveryId, List.of(EntryUpdate.status(index, status, detail)));
    }

    /** After retries ran out: FAILED as {@link #failed(String, Integer, String)}, counted for {@code kind}. */
    public void failed(String deliveryId, Integer entryIndex, String kind, String reason) {
        if (failed(deliveryId, entryIndex, reason)) {
            counter.count(kind == null ? "UNKNOWN" : kind, DeliveryStatus.FAILED, 1);
        }
    }

    /**
     * After retries ran out: the entry (or, without entry, the whole delivery) is FAILED with the reason. False
     * when there is no such delivery to mark (then nothing is recorded, and nothing fails: the dead-letter step that
     * records it must never fail on what it records).
     */
    public boolean failed(String deliveryId, Integer entryIndex, String reason) {
        if (deliveryId == null) {
            return false;
        }
        return entryIndex == null ? deliveryStatus(deliveryId, null, DeliveryStatus.FAILED, reason)
                : record(deliveryId, null, List.of(EntryUpdate.status(entryIndex, DeliveryStatus.FAILED, reason)));
    }

    public Optional<DeliveryView> find(String deliveryId) {
        return inConnection(connection -> {
            Delivery delivery;
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM delivery WHERE id = ?")) {
                select.setString(1, deliveryId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    delivery = delivery(rs);
                }
            }
            // entries before events: events only grow, so the story read is never behind the statuses read
            List<Entry> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM delivery_entry WHERE delivery_id = ? ORDER BY entry_index")) {
                select.setString(1, deliveryId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Entry(rs.getInt("entry_index"), rs.getString("name"), rs.getString("kind"),
                                rs.getString("functie"), rs.getString("status"), rs.getString("payload_ref"),
                                rs.getString("fo01_code"), rs.getString("fo01_file"), rs.getString("feedback_file"),
                                List.of()));
                    }
                }
            }
            List<Event> deliveryEvents = new ArrayList<>();
            Map<Integer, List<Event>> entryEvents = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT entry_index, at, status, detail FROM delivery_event WHERE delivery_id = ? ORDER BY id")) {
                select.setString(1, deliveryId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Object index = rs.getObject(1);
                        Event event = new Event(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4));
                        if (index == null) {
                            deliveryEvents.add(event);
                        } else {
                            entryEvents.computeIfAbsent(((Number) index).intValue(), k -> new ArrayList<>()).add(event);
                        }
                    }
                }
            }
            List<Entry> entries = new ArrayList<>();
            for (Entry row : rows) {
                entries.add(new Entry(row.index(), row.name(), row.kind(), row.functie(), row.status(),
                        row.payloadRef(), row.fo01Code(), row.fo01File(), row.feedbackFile(),
                        entryEvents.getOrDefault(row.index(), List.of())));
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Entry entry : entries) {
                counts.merge(entry.status(), 1, Integer::sum);
            }
            return Optional.of(new DeliveryView(withSettledStatus(delivery, counts), deliveryEvents, entries));
        });
    }

    /** Deliveries concerning or sent by any of {@code organisations}, newest first. */
    public List<Delivery> list(Collection<String> organisations, Instant since, int page, int size) {
        return list(organisations, since, null, page, size);
    }

    /**
     * Deliveries concerning or sent by any of {@code organisations}, newest first; with {@code filename}, only
     * those whose file name contains it (ignoring case), so a folder drop's delivery can be found by its name.
     */
    public List<Delivery> list(Collection<String> organisations, Instant since, String filename, int page, int size) {
        if (organisations.isEmpty()) {
            return List.of();
        }
        boolean byName = filename != null && !filename.isBlank();
        String marks = String.join(",", java.util.Collections.nCopies(organisations.size(), "?"));
        String sql = "SELECT * FROM delivery WHERE (organisation IN (" + marks + ") OR sender IN (" + marks + "))"
                + " AND received_at >= ?" + (byName ? " AND LOWER(filename) LIKE ? ESCAPE '!'" : "")
                + " ORDER BY received_at DESC, id LIMIT ? OFFSET ?";
        return inConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (int round = 0; round < 2; round++) {
                    for (String org : organisations) {
                        select.setString(i++, org);
                    }
                }
                select.setTimestamp(i++, Timestamp.from(since == null ? Instant.EPOCH : since));
                if (byName) {
                    select.setString(i++, "%" + filename.toLowerCase(java.util.Locale.ROOT)
                            .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                }
                select.setInt(i++, size);
                select.setInt(i, page * size);
                List<Delivery> result = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(delivery(rs));
                    }
                }
                return withSettledStatuses(connection, result);
            }
        });
    }

    /**
     * A delivery is settled when every entry is: FAILED if any failed, FORWARDED if any went on, VALIDATED if
     * any waits for CBS forwarding after passing the technical check, REJECTED if none went on.
     */
    static String deliveryStatusOf(Map<String, Integer> countsByStatus) {
        if (countsByStatus.isEmpty()) {
            return null;
        }
        for (String status : countsByStatus.keySet()) {
            DeliveryStatus s = DeliveryStatus.valueOf(status);
            if (!s.isFinal() && s != DeliveryStatus.VALIDATED) {
                return null;
            }
        }
        for (DeliveryStatus s : List.of(DeliveryStatus.FAILED, DeliveryStatus.FORWARDED, DeliveryStatus.VALIDATED)) {
            if (countsByStatus.containsKey(s.name())) {
                return s.name();
            }
        }
        return DeliveryStatus.REJECTED.name();
    }

    /** Entry statuses decide a delivery's status once it is split; read-time, so no write pays for it. */
    private static Delivery withSettledStatus(Delivery d, Map<String, Integer> entryCounts) {
        if (DeliveryStatus.FAILED.name().equals(d.status())) {
            return d.with(d.status(), entryCounts);
        }
        String settled = deliveryStatusOf(entryCounts);
        if (settled == null && !entryCounts.isEmpty()) {
            settled = entryCounts.containsKey(DeliveryStatus.QUEUED.name()) ? DeliveryStatus.QUEUED.name() : null;
        }
        return d.with(settled == null ? d.status() : settled, entryCounts);
    }

    private static List<Delivery> withSettledStatuses(Connection connection, List<Delivery> deliveries)
            throws SQLException {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        String marks = String.join(",", java.util.Collections.nCopies(deliveries.size(), "?"));
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT delivery_id, status, COUNT(*)"
                + " FROM delivery_entry WHERE delivery_id IN (" + marks + ") GROUP BY delivery_id, status")) {
            for (int i = 0; i < deliveries.size(); i++) {
                select.setString(i + 1, deliveries.get(i).id());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        List<Delivery> result = new ArrayList<>();
        for (Delivery d : deliveries) {
            result.add(withSettledStatus(d, counts.getOrDefault(d.id(), Map.of())));
        }
        return result;
    }

    private static void insertEvent(Connection connection, String deliveryId, Integer entryIndex, Instant at,
                                    String status, String detail) throws SQLException {
        try (PreparedStatement event = connection.prepareStatement(
                "INSERT INTO delivery_event (delivery_id, entry_index, at, status, detail) VALUES (?,?,?,?,?)")) {
            event.setString(1, deliveryId);
            if (entryIndex == null) {
                event.setNull(2, Types.INTEGER);
            } else {
                event.setInt(2, entryIndex);
            }
            event.setTimestamp(3, Timestamp.from(at));
            event.setString(4, status);
            event.setString(5, truncate(detail));
            event.executeUpdate();
        }
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("organisation"), rs.getString("sender"),
                rs.getString("channel"), rs.getString("filename"), rs.getString("payload_ref"),
                rs.getLong("payload_size"), rs.getTimestamp("received_at").toInstant(), rs.getString("status"),
                rs.getString("duplicate_of"), Map.of());
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlAction {
        void apply(Connection connection) throws SQLException;
    }

    private <T> T inConnection(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("track & trace database: " + e.getMessage(), e);
        }
    }

    private void inTransaction(SqlAction action) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                action.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("track & trace database: " + e.getMessage(), e);
        }
    }
}
