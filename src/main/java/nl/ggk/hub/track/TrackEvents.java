package nl.ggk.hub.track;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.split.Rejection;
import nl.ggk.hub.split.SplitDelivery;
import nl.ggk.hub.track.GmsdReplacement.Earlier;
import nl.ggk.hub.track.GmsdReplacement.GmsdFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Track &amp; trace, the writing side (bean {@code trackStore}, which the routes call): deliveries, their entries and
 * every status change with its time; each change of an entry settles its delivery as {@link StatusRules} say.
 * Portable SQL through {@link Jdbc}, so the same store runs on H2 and PostgreSQL. {@link TrackQueries} reads it.
 *
 * <p>Self-repairing: a message on an internal queue carries its delivery's intake receipt, and a write for a delivery
 * whose record is missing (a database that lost its last commits in a crash while the broker kept the message)
 * first rebuilds the record from that receipt, insert-once. A write that brings no receipt for a missing delivery
 * records nothing and says so in one log line: it never fails on the database's foreign keys, so no queue
 * consumer, nor the dead-letter step, fails for ever on a lost record.
 */
public final class TrackEvents {

    private static final Logger LOG = LoggerFactory.getLogger(TrackEvents.class);

    /** What is known of one entry at one moment; null fields leave the stored value unchanged. */
    public record EntryUpdate(int index, String name, String kind, String functie, DeliveryStatus status,
                              String payloadRef, String fo01Code, String fo01File, String detail) {
        public static EntryUpdate status(int index, DeliveryStatus status, String detail) {
            return new EntryUpdate(index, null, null, null, status, null, null, null, detail);
        }
    }

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

    /** Added to the RECEIVED event of a delivery whose record was rebuilt from its intake receipt. */
    static final String RESTORED = "na een herstart van de hub opnieuw vastgelegd uit het intakebericht";

    /** Delivery event of a GMSD delivery a later one replaced (vervangen); its statuses keep their meaning. */
    public static final String REPLACED = "REPLACED";
    /** Entry event of the GMSD file that replaced an earlier delivery. */
    public static final String REPLACES = "REPLACES";

    private static final int MAX_DETAIL = 1000;
    private static final String INSERT_EVENT =
            "INSERT INTO delivery_event (delivery_id, entry_index, at, status, detail) VALUES (?,?,?,?,?)";

    private final Jdbc jdbc;
    private final Clock clock;
    private final StatusCounter counter;
    private final GmsdReplacement gmsd;

    public TrackEvents(DataSource dataSource, StatusCounter counter) {
        this(dataSource, Clock.systemUTC(), counter);
    }

    public TrackEvents(DataSource dataSource, Clock clock, StatusCounter counter) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.counter = counter;
        this.gmsd = new GmsdReplacement(dataSource);
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
        jdbc.inTransactionWithoutResult(tx -> present(tx, receipt.deliveryId(), receipt, now));
    }

    /** The doors whose sender sends a message again when the hub could not take it: HTTP clients, the JMS broker. */
    private static final java.util.Set<String> WITHDRAWN_WHEN_UNQUEUED = java.util.Set.of("HTTP", "JMS");

    /**
     * The receipt of a delivery this hub stored could not reach the broker (route intake, step intake-enqueue). An
     * HTTP upload is then answered 503 and sent again by its client, so the stored delivery is withdrawn from track
     * &amp; trace while it is still RECEIVED: the client's retry is the one delivery, and no delivery stays RECEIVED
     * for ever beside it. The same for a JMS message: its transaction rolls back and the broker delivers it again,
     * and that delivery is the one. A folder file keeps its delivery (the folder door retries the same exchange, which
     * then enqueues the receipt it stored); so does a web service call, whose message the door has claimed under its
     * StUF referentie (ReceivedMessages) for the caller's resend to find. Throws {@code cause} again, for the door
     * to answer it.
     */
    public void unqueued(Receipt receipt, Exception cause) throws Exception {
        if (receipt != null && WITHDRAWN_WHEN_UNQUEUED.contains(receipt.channel())) {
            withdraw(receipt.deliveryId());
        }
        throw cause;
    }

    /** Deletes a delivery that is still RECEIVED (nothing of it went on); false when it is not (any more). */
    boolean withdraw(String deliveryId) {
        return jdbc.inTransaction(tx -> {
            if (tx.update("UPDATE delivery SET updated_at = updated_at WHERE id = ? AND status = ?", deliveryId,
                    DeliveryStatus.RECEIVED.name()) == 0) {
                return false;
            }
            tx.update("DELETE FROM delivery_finding WHERE delivery_id = ?", deliveryId);
            tx.update("DELETE FROM delivery_event WHERE delivery_id = ?", deliveryId);
            tx.update("DELETE FROM delivery_entry WHERE delivery_id = ?", deliveryId);
            tx.update("DELETE FROM delivery WHERE id = ?", deliveryId);
            return true;
        });
    }

    public void createDelivery(Delivery delivery) {
        jdbc.inTransactionWithoutResult(tx -> insertDelivery(tx, delivery, ""));
        counter.delivery(DeliveryStatus.RECEIVED);
    }

    /** SPLIT, and every entry CLASSIFIED (or why it was refused). */
    public void split(SplitDelivery split) {
        deliveryStatus(split.deliveryId(), receiptOf(split.entries()), DeliveryStatus.SPLIT, split.summary());
        List<EntryUpdate> updates = new ArrayList<>();
        for (EntryMessage e : split.entries()) {
            updates.add(new EntryUpdate(e.index(), e.name(), e.kind().name(), e.functie(), DeliveryStatus.CLASSIFIED,
                    e.payloadRef(), null, null, e.accepted()
                            ? "herkend als " + TrackTexts.kind(e.kind().name(), e.functie())
                            : "geweigerd (" + e.reason() + "): " + AnswerText.masked(e.detail())));
        }
        record(split.deliveryId(), receiptOf(split.entries()), updates);
    }

    /** Where a QUEUED entry waits, in Dutch: a GMSD file for the check, a terugmelding for CBS, a message to go on. */
    private static String queuedText(EntryMessage e) {
        if (e.kind() != nl.ggk.hub.classify.Kind.CBS) {
            return "klaargezet om door te sturen";
        }
        return "TERUGMELDING".equals(e.functie()) ? "klaargezet voor CBS" : "klaargezet voor de technische controle";
    }

    /** After the accepted entries were sent (same broker transaction): they are QUEUED. */
    public void queued(SplitDelivery split) {
        List<EntryUpdate> updates = new ArrayList<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (EntryMessage e : split.entries()) {
            if (e.accepted()) {
                updates.add(EntryUpdate.status(e.index(), DeliveryStatus.QUEUED, queuedText(e)));
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
     * Which of {@code indices} are FORWARDED already, or REJECTED (a duplicate refused on an earlier attempt): the
     * idempotency check of an outbound hop.
     */
    public List<Integer> forwardedAmong(String deliveryId, List<Integer> indices) {
        if (indices.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT entry_index FROM delivery_entry WHERE delivery_id = ? AND status IN (?, ?)"
                + " AND entry_index BETWEEN ? AND ?", rs -> rs.getInt(1), deliveryId, DeliveryStatus.FORWARDED.name(),
                DeliveryStatus.REJECTED.name(), Collections.min(indices), Collections.max(indices))
                .stream().filter(indices::contains).toList();
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

    /**
     * FORWARDED for each of {@code indices} that is not FORWARDED already, FAILED or REJECTED (a duplicate), in one
     * transaction.
     */
    public int forwarded(String deliveryId, List<Integer> indices, String detail) {
        return forwarded(deliveryId, null, List.of(), indices, detail);
    }

    /** The feedback ZIP written for an entry (named relative to the outbox folder, in full); not a status. */
    public void feedback(EntryMessage entry, String feedbackFile) {
        jdbc.update("UPDATE delivery_entry SET feedback_file = ? WHERE delivery_id = ? AND entry_index = ?",
                feedbackFile, entry.deliveryId(), entry.index());
    }

    /** The findings the entry's check kept (at most {@value #MAX_FINDINGS}, in line order) and how many it had. */
    public static final int MAX_FINDINGS = 5;

    /**
     * The first findings of the entry's check and their total, replacing any recorded before (a redelivered
     * message records the same again); not a status.
     */
    public void findings(EntryMessage entry, List<Finding> findings, long total) {
        List<Finding> kept = findings == null ? List.of() : findings.subList(0, Math.min(findings.size(), MAX_FINDINGS));
        jdbc.inTransactionWithoutResult(tx -> {
            if (tx.update("UPDATE delivery_entry SET finding_count = ? WHERE delivery_id = ? AND entry_index = ?",
                    total, entry.deliveryId(), entry.index()) == 0) {
                return; // no entry record (lost in a crash): the feedback ZIP still holds every finding
            }
            tx.update("DELETE FROM delivery_finding WHERE delivery_id = ? AND entry_index = ?", entry.deliveryId(),
                    entry.index());
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                Finding f = kept.get(i);
                rows.add(new Object[] {entry.deliveryId(), entry.index(), i, f.regel(), f.kolom(), f.code(),
                        cut(f.veld(), 255), cut(AnswerText.masked(f.tekst()), MAX_DETAIL), cut(f.advies(), MAX_DETAIL)});
            }
            tx.batch("INSERT INTO delivery_finding (delivery_id, entry_index, seq, line_no, col_no, code, field, tekst,"
                    + " advies) VALUES (?,?,?,?,?,?,?,?,?)", rows);
        });
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A GMSD file passed the check and goes to CBS: it replaces the earlier file of the same gemeente, type and
     * half year ({@link GmsdReplacement}). The earlier delivery gets a REPLACED event ("vervangen"), the new entry a
     * REPLACES event naming it. A redelivered message changes nothing the second time.
     */
    public Optional<Earlier> gmsdForwarded(EntryMessage entry, GmsdFile file) {
        if (file == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            if (!present(tx, entry.deliveryId(), entry.delivery(), now)) {
                return Optional.<Earlier>empty();
            }
            Optional<Earlier> replaced = gmsd.record(tx, entry, file);
            if (replaced.isPresent()) {
                Earlier e = replaced.get();
                String by = GmsdReplacement.replacedBy(entry, file);
                // only read: taking the earlier delivery's row lock too could deadlock with a check of that delivery
                if (exists(tx, e.deliveryId())) {
                    insertEvent(tx, e.deliveryId(), null, now, REPLACED, by);
                    insertEvent(tx, e.deliveryId(), e.index(), now, REPLACED, by);
                }
                insertEvent(tx, entry.deliveryId(), entry.index(), now, REPLACES, GmsdReplacement.replaces(e, file));
            }
            return replaced;
        });
    }

    /**
     * An event that changes no status ({@code kind}, e.g. {@code CBS_FO01}: a Fo01 from CBS about the entry), recorded
     * once: a redelivered message that records the same event again adds nothing.
     */
    public void event(String deliveryId, Integer entryIndex, String kind, String detail) {
        Instant now = clock.instant();
        jdbc.inTransactionWithoutResult(tx -> {
            if (!present(tx, deliveryId, null, now)) {
                return;
            }
            if (tx.queryOne("SELECT 1 FROM delivery_event WHERE delivery_id = ? AND status = ? AND detail = ?",
                    rs -> true, deliveryId, kind, truncate(detail)).isEmpty()) {
                insertEvent(tx, deliveryId, entryIndex, now, kind, detail);
            }
        });
    }

    public void deliveryStatus(String deliveryId, DeliveryStatus status, String detail) {
        deliveryStatus(deliveryId, null, status, detail);
    }

    /**
     * The entry's status, counted by the entry's kind when it changed (a CBS entry FORWARDED after its Bv03 is
     * counted here; a retry that records VALIDATED again is not counted twice).
     */
    public void entryStatus(String deliveryId, int index, DeliveryStatus status, String detail) {
        Optional<String[]> before = jdbc.queryOne("SELECT status, kind FROM delivery_entry WHERE delivery_id = ?"
                + " AND entry_index = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, deliveryId, index);
        if (record(deliveryId, null, List.of(EntryUpdate.status(index, status, detail))) && before.isPresent()
                && !status.name().equals(before.get()[0])) {
            counter.count(before.get()[1] == null ? "UNKNOWN" : before.get()[1], status, 1);
        }
    }

    /**
     * An operator sends a dead letter back to its queue: the entry (or, without entry, the delivery) that FAILED is
     * QUEUED again, so that what follows records its outcome, with an event {@code type} (REPLAYED) saying who did
     * what. False when the delivery is unknown.
     */
    public boolean reopen(String deliveryId, Integer entryIndex, String type, String detail) {
        if (deliveryId == null) {
            return false;
        }
        Instant now = clock.instant();
        Optional<String> reopenedKind = jdbc.inTransaction(tx -> {
            if (!lockDelivery(tx, deliveryId, now)) {
                return Optional.<String>empty();
            }
            String kind = "";
            if (entryIndex != null) {
                Optional<String> entryKind = tx.queryOne("SELECT kind FROM delivery_entry WHERE delivery_id = ?"
                        + " AND entry_index = ? AND status = ?", rs -> String.valueOf(rs.getString(1)), deliveryId,
                        entryIndex, DeliveryStatus.FAILED.name());
                if (entryKind.isPresent()) {
                    tx.update("UPDATE delivery_entry SET status = ?, updated_at = ? WHERE delivery_id = ?"
                            + " AND entry_index = ?", DeliveryStatus.QUEUED.name(), now, deliveryId, entryIndex);
                    kind = entryKind.get();
                }
            }
            tx.update("UPDATE delivery SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    DeliveryStatus.QUEUED.name(), now, deliveryId, DeliveryStatus.FAILED.name());
            insertEvent(tx, deliveryId, entryIndex, now, type, detail);
            return Optional.of(kind);
        });
        reopenedKind.filter(kind -> !kind.isEmpty())
                .ifPresent(kind -> counter.count(kind, DeliveryStatus.QUEUED, 1));
        return reopenedKind.isPresent();
    }

    /** Records entry changes in one transaction (a ZIP's entries travel together). */
    public void recordEntries(String deliveryId, List<EntryUpdate> updates) {
        record(deliveryId, null, updates);
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

    /** False when nothing was recorded: the delivery is unknown and {@code receipt} is null. */
    private boolean deliveryStatus(String deliveryId, Receipt receipt, DeliveryStatus status, String detail) {
        Instant now = clock.instant();
        boolean recorded = jdbc.inTransaction(tx -> {
            if (!present(tx, deliveryId, receipt, now)) {
                return false;
            }
            tx.update("UPDATE delivery SET status = ?, updated_at = ? WHERE id = ?", status.name(), now, deliveryId);
            insertEvent(tx, deliveryId, null, now, status.name(), detail);
            return true;
        });
        if (recorded && status == DeliveryStatus.FAILED) {
            counter.delivery(status);
        }
        return recorded;
    }

    /** The outcome of a write that settles its delivery: whether it recorded anything, and the delivery's change. */
    private record Settled<T>(T result, DeliveryStatus status) {
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
        Settled<Boolean> outcome = jdbc.inTransaction(tx -> {
            if (!present(tx, deliveryId, receipt, now)) {
                return new Settled<>(false, null);
            }
            // one round trip for all updates, one for the entries that did not exist yet, one for the events
            List<Object[]> changes = new ArrayList<>();
            for (EntryUpdate u : updates) {
                changes.add(new Object[] {u.name(), u.kind(), u.functie(), u.status().name(), u.payloadRef(),
                        u.fo01Code(), u.fo01File(), now, deliveryId, u.index()});
            }
            // a delivery's first entries (its split) have no rows to update: straight to the insert
            int[] updated = hasEntries(tx, deliveryId) ? tx.batch("UPDATE delivery_entry SET name = COALESCE(?, name),"
                    + " kind = COALESCE(?, kind), functie = COALESCE(?, functie), status = ?,"
                    + " payload_ref = COALESCE(?, payload_ref), fo01_code = COALESCE(?, fo01_code),"
                    + " fo01_file = COALESCE(?, fo01_file), updated_at = ? WHERE delivery_id = ? AND entry_index = ?",
                    changes) : new int[updates.size()];
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updates.size(); i++) {
                if (updated[i] == 0) {
                    EntryUpdate u = updates.get(i);
                    missing.add(new Object[] {deliveryId, u.index(), u.name() == null ? "entry-" + u.index() : u.name(),
                            u.kind(), u.functie(), u.status().name(), u.payloadRef(), u.fo01Code(), u.fo01File(), now});
                }
            }
            tx.batch("INSERT INTO delivery_entry (delivery_id, entry_index, name, kind, functie, status, payload_ref,"
                    + " fo01_code, fo01_file, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", missing);
            List<Object[]> events = new ArrayList<>();
            for (EntryUpdate u : updates) {
                events.add(new Object[] {deliveryId, u.index(), now, u.status().name(), truncate(u.detail())});
            }
            tx.batch(INSERT_EVENT, events);
            return new Settled<>(true, settle(tx, deliveryId, now));
        });
        countSettled(outcome.status());
        return outcome.result();
    }

    /** As above; {@code entries} name an entry whose record is missing (it is recorded FORWARDED then). */
    private int forwarded(String deliveryId, Receipt receipt, List<EntryMessage> entries, List<Integer> indices,
                          String detail) {
        if (indices.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Settled<Integer> outcome = jdbc.inTransaction(tx -> {
            if (!present(tx, deliveryId, receipt, now)) {
                return new Settled<>(0, null);
            }
            List<Object[]> changes = new ArrayList<>();
            for (int index : indices) {
                changes.add(new Object[] {DeliveryStatus.FORWARDED.name(), now, deliveryId, index,
                        DeliveryStatus.FORWARDED.name(), DeliveryStatus.FAILED.name(), DeliveryStatus.REJECTED.name()});
            }
            int[] updated = tx.batch("UPDATE delivery_entry SET status = ?, updated_at = ? WHERE delivery_id = ?"
                    + " AND entry_index = ? AND status NOT IN (?, ?, ?)", changes);
            List<Object[]> events = new ArrayList<>();
            for (int i = 0; i < indices.size(); i++) {
                int index = indices.get(i);
                if (updated[i] > 0 || insertForwardedEntry(tx, deliveryId, entries, index, now)) {
                    events.add(new Object[] {deliveryId, index, now, DeliveryStatus.FORWARDED.name(),
                            truncate(detail)});
                }
            }
            tx.batch(INSERT_EVENT, events);
            return new Settled<>(events.size(), settle(tx, deliveryId, now));
        });
        countSettled(outcome.status());
        return outcome.result();
    }

    /** The entry's record, FORWARDED, when it has none (a crash lost it) and {@code entries} name it. */
    private static boolean insertForwardedEntry(Jdbc.Tx tx, String deliveryId, List<EntryMessage> entries, int index,
                                                Instant now) {
        EntryMessage entry = entries.stream().filter(e -> e.index() == index).findFirst().orElse(null);
        if (entry == null || tx.queryOne("SELECT 1 FROM delivery_entry WHERE delivery_id = ? AND entry_index = ?",
                rs -> true, deliveryId, index).isPresent()) {
            return false;
        }
        tx.update("INSERT INTO delivery_entry (delivery_id, entry_index, name, kind, functie, status, payload_ref,"
                + " updated_at) VALUES (?,?,?,?,?,?,?,?)", deliveryId, index,
                entry.name() == null ? "entry-" + index : entry.name(), entry.kind() == null ? null : entry.kind().name(),
                entry.functie(), DeliveryStatus.FORWARDED.name(), entry.payloadRef(), now);
        return true;
    }

    /**
     * Takes the delivery's row lock (see {@link #lockDelivery}) and answers whether its row is there, rebuilt from
     * {@code receipt} (RECEIVED, in this transaction) when it was missing. False: the delivery is unknown and no
     * receipt came with the write, which then records nothing.
     */
    private boolean present(Jdbc.Tx tx, String deliveryId, Receipt receipt, Instant now) {
        if (deliveryId == null) {
            return false;
        }
        if (lockDelivery(tx, deliveryId, now)) {
            return true;
        }
        if (receipt == null || !deliveryId.equals(receipt.deliveryId())) {
            LOG.warn("Delivery {} is not in track & trace and nothing came with this step to rebuild it from: not"
                    + " recorded", deliveryId);
            return false;
        }
        insertDelivery(tx, delivery(receipt), "; " + RESTORED);
        LOG.warn("Delivery {} was missing from track & trace (a crash lost its record): rebuilt from its intake"
                + " receipt", deliveryId);
        counter.delivery(DeliveryStatus.RECEIVED);
        return true;
    }

    /**
     * Takes the delivery's row lock first in every transaction that changes its entries: channels working on
     * the entries of one delivery in parallel then settle it one after the other, each seeing the other's
     * entries, and no two transactions lock in a different order. False: there is no such delivery.
     */
    private static boolean lockDelivery(Jdbc.Tx tx, String deliveryId, Instant now) {
        return tx.update("UPDATE delivery SET updated_at = ? WHERE id = ?", now, deliveryId) > 0;
    }

    /** An earlier delivery of the same payload by the same sender. */
    private record SamePayload(String deliveryId, Instant receivedAt) {
    }

    /** The delivery's row and its RECEIVED event; {@code note} is added to the event's detail. */
    private static void insertDelivery(Jdbc.Tx tx, Delivery delivery, String note) {
        // the first earlier delivery of the same payload (its SHA-256 is the store reference) by the same sender
        Optional<SamePayload> earlier = tx.queryOne("SELECT id, received_at FROM delivery WHERE sender = ?"
                + " AND payload_ref = ? AND id <> ? ORDER BY received_at, id", rs -> new SamePayload(rs.getString(1),
                rs.getTimestamp(2).toInstant()), delivery.sender(), delivery.payloadRef(), delivery.id());
        tx.update("INSERT INTO delivery (id, organisation, sender, channel, filename, payload_ref, payload_size,"
                + " received_at, status, updated_at, duplicate_of) VALUES (?,?,?,?,?,?,?,?,?,?,?)", delivery.id(),
                delivery.organisation(), delivery.sender(), delivery.channel(), delivery.filename(),
                delivery.payloadRef(), delivery.payloadSize(), delivery.receivedAt(), DeliveryStatus.RECEIVED.name(),
                delivery.receivedAt(), earlier.map(SamePayload::deliveryId).orElse(null));
        insertEvent(tx, delivery.id(), null, delivery.receivedAt(), DeliveryStatus.RECEIVED.name(),
                "ontvangen via " + TrackTexts.channel(delivery.channel()) + earlier.map(e -> "; dezelfde inhoud als de"
                        + " levering van " + TrackTexts.when(e.receivedAt())).orElse("") + note);
    }

    private static boolean hasEntries(Jdbc.Tx tx, String deliveryId) {
        return tx.queryOne("SELECT 1 FROM delivery_entry WHERE delivery_id = ?", rs -> true, deliveryId).isPresent();
    }

    private static boolean exists(Jdbc.Tx tx, String deliveryId) {
        return tx.queryOne("SELECT 1 FROM delivery WHERE id = ?", rs -> true, deliveryId).isPresent();
    }

    /**
     * The delivery's status follows its entries ({@link StatusRules#next}); each change is a delivery event whose
     * detail gives the counts per status. Returns the new status, or null when it did not change.
     */
    private static DeliveryStatus settle(Jdbc.Tx tx, String deliveryId, Instant now) {
        Optional<String> current = tx.queryOne("SELECT status FROM delivery WHERE id = ?", rs -> rs.getString(1),
                deliveryId);
        if (current.isEmpty()) {
            return null;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> count : tx.query("SELECT status, COUNT(*) FROM delivery_entry"
                + " WHERE delivery_id = ? GROUP BY status", rs -> Map.entry(rs.getString(1), rs.getInt(2)), deliveryId)) {
            counts.put(count.getKey(), count.getValue());
        }
        String next = StatusRules.next(current.get(), counts);
        if (next == null) {
            return null;
        }
        tx.update("UPDATE delivery SET status = ?, updated_at = ? WHERE id = ?", next, now, deliveryId);
        insertEvent(tx, deliveryId, null, now, next, StatusRules.countsDetail(counts));
        return DeliveryStatus.valueOf(next);
    }

    private void countSettled(DeliveryStatus settled) {
        if (settled != null && settled != DeliveryStatus.QUEUED) {
            counter.delivery(settled);
        }
    }

    private static void insertEvent(Jdbc.Tx tx, String deliveryId, Integer entryIndex, Instant at, String status,
                                    String detail) {
        tx.update(INSERT_EVENT, deliveryId, entryIndex, at, status, truncate(detail));
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

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
