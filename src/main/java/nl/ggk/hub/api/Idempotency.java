package nl.ggk.hub.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.api.IntakeAnswers.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} of POST /api/v1/deliveries: a retry with the same key from the same sender gets the
 * first answer again (same ids) and nothing new is delivered. Keys are kept per sender, in the database, so they
 * hold across restarts.
 */
public final class Idempotency {

    /** Longest key accepted; a longer one is a 400 before the body is read. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private final DataSource dataSource;
    private final Clock clock;

    public Idempotency(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public Idempotency(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Refuses a key the hub cannot keep: too long, or not visible ASCII. */
    public static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw ApiProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, e.g. a UUID.");
        }
    }

    /** The request with the answer first given for its Idempotency-Key, if any. */
    public DeliveryRequests.DeliveryRequest earlier(DeliveryRequests.DeliveryRequest request) throws SQLException {
        return request.withEarlier(previous(request.sender(), request.idempotencyKey()));
    }

    /** Keeps the answer to {@code request} for a retry with its Idempotency-Key ({@link #remember(String, String, Answer)}). */
    public void remember(DeliveryRequests.DeliveryRequest request, Answer answer) {
        remember(request.sender(), request.idempotencyKey(), answer);
    }

    /** The answer first given to {@code sender} for {@code key}, or null (also when no key was sent). */
    public Answer previous(String sender, String key) throws SQLException {
        if (key == null) {
            return null;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT status, location, answer FROM http_idempotency WHERE sender = ? AND idem_key = ?")) {
            select.setString(1, sender);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Answer(rs.getInt(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    /**
     * Keeps {@code answer} for a retry; a concurrent first request with the same key keeps its own. The deliveries
     * are accepted by now, so a failure here is logged and the answer still given: a retry then delivers again.
     */
    public void remember(String sender, String key, Answer answer) {
        if (key == null) {
            return;
        }
        try {
            insert(sender, key, answer);
        } catch (SQLException e) {
            LOG.warn("Idempotency-Key of {} not kept, a retry will deliver again: {}", sender, e.getMessage());
        }
    }

    private void insert(String sender, String key, Answer answer) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO http_idempotency"
                     + " (sender, idem_key, status, location, answer, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, sender);
            insert.setString(2, key);
            insert.setInt(3, answer.status());
            insert.setString(4, answer.location());
            insert.setString(5, answer.json());
            insert.setTimestamp(6, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (previous(sender, key) == null) {
                throw e;
            }
        }
    }
}
