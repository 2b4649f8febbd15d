package nl.ggk.hub.broker;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The hub's own broker user ({@code ggk.broker.user} / {@code ggk.broker.password}).
 *
 * @param generated the password was made at start (embedded broker, none configured): it lives only in this
 *                  JVM, so nobody but the hub itself can use the hub's user
 */
public record BrokerCredentials(String user, String password, boolean generated) {

    public static final String DEFAULT_USER = "ggk-hub";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Resolves the settings. For the embedded broker a blank user is {@value #DEFAULT_USER} and a blank password
     * is generated; for an external broker blank stays blank (anonymous), unless {@code required}.
     *
     * @throws IllegalStateException {@code required} and the user or password is not set
     */
    public static BrokerCredentials resolve(String user, String password, boolean embedded, boolean required) {
        boolean noUser = user == null || user.isBlank();
        boolean noPassword = password == null || password.isBlank();
        if (required && (noUser || noPassword)) {
            throw new IllegalStateException("The broker credentials are required under this profile: set "
                    + (noUser ? "ggk.broker.user (GGK_BROKER_USER)" : "")
                    + (noUser && noPassword ? " and " : "")
                    + (noPassword ? "ggk.broker.password (GGK_BROKER_PASSWORD)" : "") + ".");
        }
        if (!embedded) {
            return new BrokerCredentials(noUser ? null : user.strip(), noPassword ? null : password, false);
        }
        String resolvedUser = noUser ? DEFAULT_USER : user.strip();
        if (!noPassword) {
            return new BrokerCredentials(resolvedUser, password, false);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new BrokerCredentials(resolvedUser, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), true);
    }

    @Override
    public String toString() {
        return "BrokerCredentials[user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", generated=" + generated + "]";
    }
}
