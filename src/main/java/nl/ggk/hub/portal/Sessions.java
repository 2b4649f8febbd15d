package nl.ggk.hub.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/**
 * The portal sessions, in the shared database (table portal_session): every hub instance on that database knows
 * every session, and a restart logs nobody out. A session ends after {@code idle} without a request or {@code max}
 * after its login, whichever comes first; its user's name, organisation and roles are read from portal_user at each
 * request, so a change by a gebruikersbeheerder counts at the user's next request on any instance. The cookie's
 * token is stored only as its SHA-256.
 *
 * <p>{@link #find} is the authoritative look-up (a worker thread: the routes). The doors that check a caller on the
 * Vert.x event loop, before a body streams to disk, use {@link #findAtDoor}: a session this instance checked in the
 * database less than {@code doorRecheck} ago is taken from memory without a database call. A logout on another
 * instance therefore reaches a door here within {@code doorRecheck}; the route behind the door asks {@link #find}
 * again, so nothing is accepted for an ended session.
 *
 * <p>The last use is written at most every {@code idle / 20} (and at least every 30 s), not at every request; expired
 * rows are deleted at a login, at most once a minute per instance.
 */
public final class Sessions {

    /** One logged-in user, as the database knew it at this request. */
    public static final class Session {
        private final String token;
        private final String csrfToken;
        private final String userId;
        private final String gebruikersnaam;
        private final String naam;
        private final String organisation;
        private final Set<Role> roles;
        private final Instant created;
        private final Instant lastSeen;

        Session(String token, String csrfToken, String userId, String gebruikersnaam, String naam,
                String organisation, Set<Role> roles, Instant created, Instant lastSeen) {
            this.token = token;
            this.csrfToken = csrfToken;
            this.userId = userId;
            this.gebruikersnaam = gebruikersnaam;
            this.naam = naam == null || naam.isBlank() ? gebruikersnaam : naam;
            this.organisation = organisation;
            this.roles = Set.copyOf(roles);
            this.created = created;
            this.lastSeen = lastSeen;
        }

        public String token() {
            return token;
        }

        public String csrfToken() {
            return csrfToken;
        }

        public String userId() {
            return userId;
        }

        public String gebruikersnaam() {
            return gebruikersnaam;
        }

        /** The user's display name (the gebruikersnaam when it has none), as the portal names who did something. */
        public String naam() {
            return naam;
        }

        public String organisation() {
            return organisation;
        }

        public Set<Role> roles() {
            return roles;
        }
    }

    /** A session this instance found live in the database, and when. */
    private record Checked(Session session, Instant at) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Above this many sessions remembered for the doors, the memory is cleared (they are read again). */
    private static final int MAX_REMEMBERED = 10_000;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final String SELECT = "SELECT s.csrf_token, s.user_id, s.created_at, s.last_seen,"
            + " u.gebruikersnaam, u.naam, u.organisation, u.roles, u.active"
            + " FROM portal_session s JOIN portal_user u ON u.id = s.user_id WHERE s.token_hash = ?";

    private final Jdbc jdbc;
    private final Duration idle;
    private final Duration max;
    private final Duration doorRecheck;
    private final Duration touchEvery;
    private final Clock clock;
    private final ConcurrentHashMap<String, Checked> checked = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    public Sessions(DataSource dataSource, Duration idle, Duration max, Duration doorRecheck, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.idle = idle;
        this.max = max;
        this.doorRecheck = doorRecheck;
        Duration twentieth = idle.dividedBy(20);
        this.touchEvery = twentieth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : twentieth;
        this.clock = clock;
    }

    public Session open(PortalUser user) {
        Instant now = clock.instant();
        sweep(now);
        String token = randomToken();
        String csrf = randomToken();
        jdbc.update("INSERT INTO portal_session (token_hash, csrf_token, user_id, created_at, last_seen)"
                + " VALUES (?, ?, ?, ?, ?)", hash(token), csrf, user.id(), now, now);
        Session session = new Session(token, csrf, user.id(), user.gebruikersnaam(), user.naam(), user.organisation(),
                user.roles(), now, now);
        remember(hash(token), session, now);
        return session;
    }

    /**
     * The live session of this token, as the database has it now (and it counts as a request for the idle
     * timeout); an expired one is deleted, a disabled user has none.
     */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        Optional<Row> found = jdbc.queryOne(SELECT, row -> read(token, row), hash).filter(Row::active);
        if (found.isEmpty()) {
            checked.remove(hash);
            return Optional.empty();
        }
        Session session = found.get().session;
        if (expired(session, now)) {
            jdbc.update("DELETE FROM portal_session WHERE token_hash = ?", hash);
            checked.remove(hash);
            return Optional.empty();
        }
        if (now.isAfter(session.lastSeen.plus(touchEvery))) {
            jdbc.update("UPDATE portal_session SET last_seen = ? WHERE token_hash = ? AND last_seen < ?",
                    now, hash, now);
        }
        remember(hash, session, now);
        return Optional.of(session);
    }

    /**
     * For a door on the Vert.x event loop: the session this instance found live less than {@code doorRecheck} ago,
     * without a database call; otherwise {@link #find}. The route behind the door asks {@link #find} itself.
     */
    public Optional<Session> findAtDoor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Checked known = checked.get(hash(token));
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.at.plus(doorRecheck)) && !expired(known.session, now)) {
            return Optional.of(known.session);
        }
        return find(token);
    }

    public void close(String token) {
        if (token != null) {
            String hash = hash(token);
            checked.remove(hash);
            jdbc.update("DELETE FROM portal_session WHERE token_hash = ?", hash);
        }
    }

    /** A disabled user or a reset password ends every session of that user, on every instance. */
    public void closeAllOf(String userId) {
        checked.values().removeIf(c -> c.session.userId.equals(userId));
        jdbc.update("DELETE FROM portal_session WHERE user_id = ?", userId);
    }

    /**
     * New roles take effect in the user's open sessions at their next request: {@link #find} reads them from the
     * user; the doors' memory of this instance forgets the user's sessions now.
     */
    public void rolesChanged(String userId, Set<Role> roles) {
        checked.values().removeIf(c -> c.session.userId.equals(userId));
    }

    /** The sessions not yet expired, on all instances. */
    public int open() {
        Instant now = clock.instant();
        return jdbc.queryOne("SELECT COUNT(*) FROM portal_session WHERE last_seen >= ? AND created_at >= ?",
                row -> row.getInt(1), now.minus(idle), now.minus(max)).orElse(0);
    }

    /** Deletes the expired sessions (of every instance); the number deleted. */
    public int sweep() {
        Instant now = clock.instant();
        lastSweep.set(now);
        return jdbc.update("DELETE FROM portal_session WHERE last_seen < ? OR created_at < ?",
                now.minus(idle), now.minus(max));
    }

    private void sweep(Instant now) {
        Instant last = lastSweep.get();
        if (now.isAfter(last.plus(SWEEP_EVERY)) && lastSweep.compareAndSet(last, now)) {
            sweep();
        }
    }

    private void remember(String hash, Session session, Instant now) {
        if (checked.size() > MAX_REMEMBERED) {
            checked.clear();
        }
        checked.put(hash, new Checked(session, now));
    }

    private boolean expired(Session session, Instant now) {
        return now.isAfter(session.lastSeen.plus(idle)) || now.isAfter(session.created.plus(max));
    }

    /** A row of {@link #SELECT} and whether its user is active. */
    private record Row(Session session, boolean active) {
    }

    private static Row read(String token, ResultSet row) throws SQLException {
        Session session = new Session(token, row.getString(1), row.getString(2), row.getString(5), row.getString(6),
                row.getString(7), Role.parse(row.getString(8)), row.getTimestamp(3).toInstant(),
                row.getTimestamp(4).toInstant());
        return new Row(session, row.getBoolean(9));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
