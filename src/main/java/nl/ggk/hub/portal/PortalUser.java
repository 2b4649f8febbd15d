package nl.ggk.hub.portal;

import java.util.LinkedHashMap;
import java.util.Map;
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
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("gebruikersnaam", gebruikersnaam);
        json.put("naam", naam);
        json.put("rollen", Role.ids(roles));
        json.put("actief", active);
        return json;
    }
}
