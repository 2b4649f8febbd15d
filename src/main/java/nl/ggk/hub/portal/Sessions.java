package nl.ggk.hub.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal sessions, in memory: a restart logs everybody out, and sessions are not shared between hub
 * instances. In memory on purpose: the upload door looks a session up on the Vert.x event loop, which must not
 * block on the database. A session ends after {@code idle} without a request or {@code max} after its login,
 * whichever comes first.
 */
public final class Sessions {

    /** One logged-in user. The user's roles are copied at login and updated when a gebruikersbeheerder changes them. */
    public static final class Session {
        private final String token;
        private final String csrfToken;
        private final String userId;
        private final String gebruikersnaam;
        private final String naam;
        private final String organisation;
        private final Instant created;
        private volatile Set<Role> roles;
        private volatile Instant lastSeen;

        Session(String token, String csrfToken, PortalUser user, Instant now) {
            this.token = token;
            this.csrfToken = csrfToken;
            this.userId = user.id();
            this.gebruikersnaam = user.gebruikersnaam();
            this.naam = user.naam() == null || user.naam().isBlank() ? user.gebruikersnaam() : user.naam();
            this.organisation = user.organisation();
            this.roles = user.roles();
            this.created = now;
            this.lastSeen = now;
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

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Session> byToken = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration max;
    private final Clock clock;

    public Sessions(Duration idle, Duration max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    public Session open(PortalUser user) {
        sweep();
        Session session = new Session(randomToken(), randomToken(), user, clock.instant());
        byToken.put(session.token(), session);
        return session;
    }

    /** The live session of this token (and it counts as a request for the idle timeout); expired ones are gone. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            byToken.remove(token, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** A disabled user or a reset password ends every session of that user. */
    public void closeAllOf(String userId) {
        byToken.values().removeIf(s -> s.userId.equals(userId));
    }

    /** New roles take effect in the user's open sessions at their next request. */
    public void rolesChanged(String userId, Set<Role> roles) {
        byToken.values().stream().filter(s -> s.userId.equals(userId)).forEach(s -> s.roles = Set.copyOf(roles));
    }

    public int open() {
        return byToken.size();
    }

    private boolean expired(Session session, Instant now) {
        return now.isAfter(session.lastSeen.plus(idle)) || now.isAfter(session.created.plus(max));
    }

    private void sweep() {
        Instant now = clock.instant();
        byToken.values().removeIf(s -> expired(s, now));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
