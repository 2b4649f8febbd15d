package nl.ggk.hub.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/**
 * {@link LoginCounts} in the shared database (table login_count), so that a password guesser gets the free attempts
 * once in total however many hub instances answer, and a restart does not forgive the failures. A change locks its
 * row ({@code SELECT … FOR UPDATE}, H2 and PostgreSQL) in one transaction: the claim of an attempt before its
 * password is checked stays atomic across instances. Forgotten counts are deleted at most once a minute.
 */
public final class DatabaseLoginCounts implements LoginCounts {

    /** Longest key stored as it is; a longer one (a made-up name of any length) is stored as its SHA-256. */
    private static final int MAX_KEY = 200;
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastForget = new AtomicReference<>(Instant.EPOCH);

    public DatabaseLoginCounts(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    @Override
    public Count change(String key, UnaryOperator<Count> change) {
        String stored = stored(key);
        return jdbc.inTransaction(tx -> {
            // the row to lock: made empty when there is none (a concurrent insert of the same key waits, then loses)
            boolean made = tx.insertOnce("INSERT INTO login_count (count_key, failures, checking, last_at)"
                    + " VALUES (?, 0, 0, ?)", stored, clock.instant());
            Count old = tx.queryOne("SELECT failures, checking, last_at, blocked_until, claimed_at FROM login_count"
                    + " WHERE count_key = ? FOR UPDATE", DatabaseLoginCounts::read, stored).orElseThrow();
            Count changed = change.apply(made ? null : old);
            if (changed == null) {
                tx.update("DELETE FROM login_count WHERE count_key = ?", stored);
            } else {
                tx.update("UPDATE login_count SET failures = ?, checking = ?, last_at = ?, blocked_until = ?,"
                        + " claimed_at = ? WHERE count_key = ?", changed.failures(), changed.checking(),
                        changed.last(), changed.blockedUntil(), changed.claimedAt(), stored);
            }
            return changed;
        });
    }

    @Override
    public Count get(String key) {
        return jdbc.queryOne("SELECT failures, checking, last_at, blocked_until, claimed_at FROM login_count"
                + " WHERE count_key = ?", DatabaseLoginCounts::read, stored(key)).orElse(null);
    }

    @Override
    public void forget(Instant before, Instant claimsBefore) {
        Instant now = clock.instant();
        Instant last = lastForget.get();
        if (now.isBefore(last.plus(FORGET_EVERY)) || !lastForget.compareAndSet(last, now)) {
            return;
        }
        jdbc.update("DELETE FROM login_count WHERE (checking = 0 OR claimed_at IS NULL OR claimed_at < ?)"
                + " AND last_at < ? AND (blocked_until IS NULL OR blocked_until < ?)", claimsBefore, before, before);
    }

    private static Count read(ResultSet row) throws SQLException {
        return new Count(row.getInt(1), row.getInt(2), row.getTimestamp(3).toInstant(), instant(row.getTimestamp(4)),
                instant(row.getTimestamp(5)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String stored(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
