package nl.ggk.hub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.ggk.hub.api.IntakeAnswers.Answer;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.web.ApiProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} of POST /api/v1/deliveries: a retry with the same key from the same sender gets the
 * first answer again (same ids) and nothing new is delivered. Keys are kept per sender, in the database, so they
 * hold across restarts and on every instance, for {@code retention} ({@code ggk.http.idempotency-retention-days}):
 * an older key is forgotten (a request with it is a new request), and its row is deleted at a later upload with a
 * key, at most once a minute per instance.
 */
public final class Idempotency {

    /** Longest key accepted; a longer one is a 400 before the body is read. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    /** How long a key is kept when no setting says otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

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

    /** The request with the answer first given for its Idempotency-Key, if any. */
    public DeliveryRequests.DeliveryRequest earlier(DeliveryRequests.DeliveryRequest request) {
        return request.withEarlier(previous(request.sender(), request.idempotencyKey()));
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
            }
            jdbc.insertOnce("INSERT INTO http_idempotency (sender, idem_key, status, location, answer, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", sender, key, answer.status(), answer.location(), answer.json(),
                    clock.instant());
        } catch (IllegalStateException e) {
            LOG.warn("Idempotency-Key of {} not kept, a retry will deliver again: {}", sender, e.getMessage());
        }
    }
}
