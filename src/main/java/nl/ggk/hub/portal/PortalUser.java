package nl.ggk.hub.portal;

import java.util.Set;

/**
 * A portal account: it belongs to one organisation (a gemeentecode or a samenwerkingsverband id). {@code demo}
 * accounts (seeded in the embedded default) may log in only while demo users are enabled, like demo keys.
 */
public record PortalUser(String id, String gebruikersnaam, String naam, String organisation, Set<Role> roles,
                         boolean active, boolean demo) {

    public PortalUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** As the users API shows it. */
    public UsersApi.UserView view() {
        return new UsersApi.UserView(id, gebruikersnaam, naam, Role.ids(roles), active);
    }
}
