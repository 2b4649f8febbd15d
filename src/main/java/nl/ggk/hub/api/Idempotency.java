package nl.ggk.hub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.ggk.hub.api.IntakeAnswers.Answer;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.web.ApiProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} of POST /api/v1/deliveries: a retry with the same key from the same sender gets the
 * first answer again (same ids) and nothing new is delivered. Keys are kept per sender, in the database, so they
 * hold across restarts and on every instance, for {@code retention} ({@code ggk.http.idempotency-retention-days}):
 * an older key is forgotten (a request with it is a new request), and its row is deleted at a later upload with a
 * key, at most once a minute per instance.
 * <p>
 * The answer is kept once every part is accepted; a hub that dies before that (after a part's receipt reached the
 * broker, say) leaves no answer. So each part is also recorded under the key ({@code http_idempotency_part}) as soon
 * as it is stored, before its delivery is recorded and its receipt enqueued ({@link #recordStored}); a retry finds
 * those parts ({@link #earlier}), stores none of them again, enqueues the receipt again of a part whose delivery is
 * still RECEIVED (the consumers take a receipt twice as once) and answers with the same delivery ids.
 */
public final class Idempotency {

    /** Longest key accepted; a longer one is a 400 before the body is read. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    /** How long a key is kept when no setting says otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final String RECEIVED = "RECEIVED";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    public Idempotency(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), DEFAULT_RETENTION);
    }

    public Idempotency(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_RETENTION);
    }

    public Idempotency(DataSource dataSource, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ggk.http.idempotency-retention-days must be at least 1");
        }
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.retention = retention;
    }

    /** Refuses a key the hub cannot keep: too long, or not visible ASCII. */
    public static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw ApiProblemException.badRequest("Idempotency-Key moet 1 tot " + MAX_KEY_LENGTH
                    + " zichtbare ASCII-tekens zijn, bijvoorbeeld een UUID.");
        }
    }

    /** A file part under an Idempotency-Key: the sender's key and the part's place in the request (from 0). */
    public record PartClaim(String sender, String key, int index) {
    }

    /**
     * The request with the answer first given for its Idempotency-Key, if any; else with the parts an earlier try of
     * the key stored (a hub that died before it answered), each with that try's receipt.
     */
    public DeliveryRequests.DeliveryRequest earlier(DeliveryRequests.DeliveryRequest request) {
        Answer answer = previous(request.sender(), request.idempotencyKey());
        if (answer != null || request.idempotencyKey() == null) {
            return request.withEarlier(answer);
        }
        Map<Integer, StoredPart> stored = storedParts(request.sender(), request.idempotencyKey());
        if (stored.isEmpty()) {
            return request;
        }
        List<DeliveryRequests.Part> parts = new ArrayList<>();
        for (DeliveryRequests.Part part : request.parts()) {
            StoredPart found = stored.get(part.claim().index());
            parts.add(found == null ? part : part.withEarlier(found.receipt(), found.received()));
        }
        LOG.warn("Idempotency-Key of {} seen before without an answer (a hub stopped before it answered): {} of {}"
                + " parts were stored then and are not stored again", request.sender(), stored.size(), parts.size());
        return request.withParts(parts);
    }

    /** A part an earlier try stored: its receipt, and whether its delivery is still RECEIVED (or not recorded). */
    private record StoredPart(int index, Receipt receipt, boolean received) {
    }

    private Map<Integer, StoredPart> storedParts(String sender, String key) {
        Map<Integer, StoredPart> parts = new HashMap<>();
        for (StoredPart part : jdbc.query("SELECT p.part_index, p.delivery_id, p.organisation, p.filename,"
                + " p.payload_ref, p.payload_size, p.received_at, d.status FROM http_idempotency_part p"
                + " LEFT JOIN delivery d ON d.id = p.delivery_id WHERE p.sender = ? AND p.idem_key = ?"
                + " AND p.created_at >= ?", row -> new StoredPart(row.getInt(1), new Receipt(row.getString(2),
                row.getString(3), sender, DeliveryRequests.CHANNEL, row.getString(4), row.getString(5), row.getLong(6),
                row.getTimestamp(7).toInstant()), row.getString(8) == null || RECEIVED.equals(row.getString(8))),
                sender, key, clock.instant().minus(retention))) {
            parts.put(part.index(), part);
        }
        return parts;
    }

    /**
     * For route intake, once a part's payload is stored and before its delivery is recorded and its receipt
     * enqueued: records the part under its Idempotency-Key, for a retry to find should this hub stop before it
     * answers. Nothing without a key ({@code claim} null). Of two first tries of a key at the same moment, the part
     * recorded first is the one a later retry finds; the other is delivered as well (logged).
     */
    public void recordStored(PartClaim claim, Receipt receipt) {
        if (claim == null || receipt == null) {
            return;
        }
        Instant now = clock.instant();
        jdbc.update("DELETE FROM http_idempotency_part WHERE sender = ? AND idem_key = ? AND part_index = ?"
                + " AND created_at < ?", claim.sender(), claim.key(), claim.index(), now.minus(retention));
        if (!jdbc.insertOnce("INSERT INTO http_idempotency_part (sender, idem_key, part_index, delivery_id,"
                        + " organisation, filename, payload_ref, payload_size, received_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claim.sender(), claim.key(), claim.index(),
                receipt.deliveryId(), receipt.organisation(), receipt.filename(), receipt.payloadRef(), receipt.size(),
                receipt.receivedAt(), now)) {
            LOG.warn("Idempotency-Key of {}: part {} was stored by another request with the same key at the same"
                    + " moment; delivery {} goes on as well", claim.sender(), claim.index(), receipt.deliveryId());
        }
    }

    /**
     * For route intake, when a part's receipt could not reach the broker and its delivery is withdrawn (the client
     * gets a 503 and sends again): the part is no longer recorded under the key, so the retry stores it anew.
     */
    public void forget(PartClaim claim, Receipt receipt) {
        if (claim != null && receipt != null) {
            jdbc.update("DELETE FROM http_idempotency_part WHERE sender = ? AND idem_key = ? AND part_index = ?"
                    + " AND delivery_id = ?", claim.sender(), claim.key(), claim.index(), receipt.deliveryId());
        }
    }

    /** Keeps the answer to {@code request} for a retry with its Idempotency-Key ({@link #remember(String, String, Answer)}). */
    public void remember(DeliveryRequests.DeliveryRequest request, Answer answer) {
        remember(request.sender(), request.idempotencyKey(), answer);
    }

    /** The answer first given to {@code sender} for {@code key}, or null (also when no key was sent). */
    public Answer previous(String sender, String key) {
        if (key == null) {
            return null;
        }
        return jdbc.queryOne("SELECT status, location, answer FROM http_idempotency WHERE sender = ? AND idem_key = ?"
                + " AND created_at >= ?", row -> new Answer(row.getInt(1), row.getString(2), row.getString(3)), sender,
                key, clock.instant().minus(retention)).orElse(null);
    }

    /**
     * Keeps {@code answer} for a retry, once: of two first requests with the same key at the same moment, the one
     * stored first is the answer every retry gets. The deliveries are accepted by now, so a failure here is logged and
     * the answer still given: a retry then delivers again.
     */
    public void remember(String sender, String key, Answer answer) {
        if (key == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            Instant cutoff = now.minus(retention);
            // a forgotten key of this sender makes room for its new answer; the other forgotten keys now and then
            jdbc.update("DELETE FROM http_idempotency WHERE sender = ? AND idem_key = ? AND created_at < ?", sender, key,
                    cutoff);
            Instant last = lastPurge.get();
            if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
                jdbc.update("DELETE FROM http_idempotency WHERE created_at < ?", cutoff);
                jdbc.update("DELETE FROM http_idempotency_part WHERE created_at < ?", cutoff);
            }
            jdbc.insertOnce("INSERT INTO http_idempotency (sender, idem_key, status, location, answer, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", sender, key, answer.status(), answer.location(), answer.json(),
                    clock.instant());
        } catch (IllegalStateException e) {
            LOG.warn("Idempotency-Key of {} not kept, a retry will deliver again: {}", sender, e.getMessage());
        }
    }
}
