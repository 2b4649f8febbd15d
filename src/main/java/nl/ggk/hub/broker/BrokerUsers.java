package nl.ggk.hub.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * Who may connect to the embedded broker: the hub's own user, and every organisation of the registry with
 * its organisation id as user name and its API key as password (checked against the key's SHA-256 in the
 * registry; demo keys only while they are accepted). No password is stored anywhere in clear.
 */
public final class BrokerUsers {

    /** What an authenticated user may do; the broker's authorization map grants permissions per role. */
    public enum Role implements Principal {
        /** The hub itself: every queue and topic. */
        HUB,
        /** A gemeente or samenwerkingsverband: only write {@code ggk.inbound}. */
        ORGANISATION;

        @Override
        public String getName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Authenticated(String user, Role role) {
    }

    private final BrokerCredentials hub;
    private final OrganisationRegistry registry;
    private final boolean demoKeysAccepted;

    public BrokerUsers(BrokerCredentials hub, OrganisationRegistry registry, boolean demoKeysAccepted) {
        if (hub.user() == null || hub.password() == null) {
            throw new IllegalArgumentException("the embedded broker needs the hub's user and password");
        }
        if (registry.isKnown(hub.user())) {
            throw new IllegalArgumentException("ggk.broker.user '" + hub.user()
                    + "' is an organisation of the registry; choose another name for the hub's own user");
        }
        this.hub = hub;
        this.registry = registry;
        this.demoKeysAccepted = demoKeysAccepted;
    }

    public String hubUser() {
        return hub.user();
    }

    boolean hubPasswordGenerated() {
        return hub.generated();
    }

    /** The user and its role, or empty when the user name and password do not belong together. */
    public Optional<Authenticated> authenticate(String user, String password) {
        if (user == null || password == null || user.isBlank() || password.isEmpty()) {
            return Optional.empty();
        }
        if (user.equals(hub.user())) {
            return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    hub.password().getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(new Authenticated(user, Role.HUB)) : Optional.empty();
        }
        return registry.authenticate(password, demoKeysAccepted)
                .filter(user::equals)
                .map(organisation -> new Authenticated(organisation, Role.ORGANISATION));
    }
}
