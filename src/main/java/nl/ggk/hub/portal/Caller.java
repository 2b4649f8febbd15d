package nl.ggk.hub.portal;

import java.util.Set;

/**
 * Who makes an API call: the organisation (a machine key's, or the logged-in user's), the user ({@link #API_KEY}
 * for a machine key), the name a person reads for it ({@code name}: the user's display name, the organisation's name
 * for a machine key) and the roles. The api-caller routeConfiguration puts these in the headers GgkCaller, GgkUser,
 * GgkUserName and GgkRoles.
 */
public record Caller(String organisation, String user, String name, Set<Role> roles, boolean session) {

    public static final String API_KEY = "api-key";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public String rolesHeader() {
        return Role.join(roles);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
