package nl.ggk.hub.portal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of a portal user, as the GGk has them; their names are what the API and the database say. */
public enum Role {
    /** Manages the users of its own organisation. */
    GEBRUIKERSBEHEERDER("gebruikersbeheerder"),
    /** CBS tab: upload, opt-in, terugmelding (and everything a cbs-lezer may). */
    CBS_AANLEVERAAR("cbs-aanleveraar"),
    /** CBS tab read-only: status and downloads. */
    CBS_LEZER("cbs-lezer"),
    /** iWmo/iJw/SVB uploads and their track &amp; trace. */
    BERICHTENVERKEER("berichtenverkeer"),
    /**
     * The GGk's own operator (organisation {@link #OPERATOR_ORGANISATION}): the Stroom, Keten, Dode berichten and
     * Leveringen pages, across all organisations. Never granted by a gebruikersbeheerder of a municipality.
     */
    GGK_BEHEERDER("ggk-beheerder");

    /** The organisation of the hub's operators. */
    public static final String OPERATOR_ORGANISATION = "GGK";

    /** What a machine API key may do: everything of its organisation except managing users. */
    public static final Set<Role> API_KEY = EnumSet.of(CBS_AANLEVERAAR, CBS_LEZER, BERICHTENVERKEER);

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Role> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /** Comma-separated role ids (the database column, header GgkRoles); unknown ids are dropped. */
    public static Set<Role> parse(String commaSeparated) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (commaSeparated != null) {
            for (String id : commaSeparated.split(",")) {
                of(id).ifPresent(roles::add);
            }
        }
        return roles;
    }

    public static String join(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }

    public static List<String> ids(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).toList();
    }

    /** Role ids as a user sent them; an unknown one is an error, not silently dropped. */
    public static Set<Role> strict(List<String> ids) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String id : ids) {
            roles.add(of(id).orElseThrow(() -> new IllegalArgumentException(id)));
        }
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
