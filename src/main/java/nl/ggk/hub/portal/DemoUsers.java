package nl.ggk.hub.portal;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo accounts of the embedded default (README "Portal accounts and roles"), all with password
 * {@link #PASSWORD}. Added at start when missing, only while ggk.portal.demo-users-enabled=true; marked demo, so
 * they cannot log in once demo users are disabled.
 */
public final class DemoUsers {

    public static final String PASSWORD = "Welkom-demo-2026";

    record Demo(String gebruikersnaam, String naam, String organisation, Set<Role> roles) {
    }

    static final List<Demo> ALL = List.of(
            new Demo("0363.aanlever", "Aanleveraar Amsterdam (demo)", "0363",
                    EnumSet.of(Role.CBS_AANLEVERAAR, Role.CBS_LEZER, Role.BERICHTENVERKEER)),
            new Demo("0363.beheer", "Gebruikersbeheerder Amsterdam (demo)", "0363", EnumSet.of(Role.GEBRUIKERSBEHEERDER)),
            new Demo("0518.aanlever", "Aanleveraar 's-Gravenhage (demo)", "0518",
                    EnumSet.of(Role.CBS_AANLEVERAAR, Role.CBS_LEZER, Role.BERICHTENVERKEER)),
            new Demo("swvhr.aanlever", "Aanleveraar Holland Rijnland (demo)", "SWV-HR",
                    EnumSet.of(Role.CBS_AANLEVERAAR, Role.CBS_LEZER)),
            new Demo("0546.lezer", "Lezer Leiden (demo)", "0546", EnumSet.of(Role.CBS_LEZER)),
            new Demo("0547.lezer", "Lezer Leiderdorp (demo)", "0547", EnumSet.of(Role.CBS_LEZER)),
            new Demo("ggk.beheerder", "Beheerder GGk (demo)", Role.OPERATOR_ORGANISATION,
                    EnumSet.of(Role.GGK_BEHEERDER)),
            new Demo("swvhr.beheer", "Gebruikersbeheerder Holland Rijnland (demo)", "SWV-HR",
                    EnumSet.of(Role.GEBRUIKERSBEHEERDER)));

    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    /**
     * The Argon2id hash of {@link #PASSWORD} (spring-security's v5.8 defaults, as {@link Passwords} makes them; the
     * encoded form carries its salt and parameters). The password is documented, so its hash is no secret; written
     * down once instead of computed at every start on a new data root (Argon2 is slow on purpose: ~0.3 s of CPU).
     * DemoUsersTest checks that it verifies.
     */
    static final String PASSWORD_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$K8FaG9VcdX6ANpPuVhNikA$mxAVpDIcz2ZgvnjYnGIZm3E3o72dKv0HFpC+4f0Chs0";

    private DemoUsers() {
    }

    /**
     * Adds the demo accounts that are missing (an existing account of that name is left as it is), with the
     * written-down hash, or one made now when {@code passwords} hash at another cost.
     */
    public static void seed(PortalUsers users, Passwords passwords) throws SQLException {
        String hash = passwords.hasDefaultCost() ? PASSWORD_HASH : null;
        int added = 0;
        for (Demo demo : ALL) {
            if (users.byName(demo.gebruikersnaam()).isPresent()) {
                continue;
            }
            PortalUser user = new PortalUser(PortalUsers.newId(), demo.gebruikersnaam(), demo.naam(),
                    demo.organisation(), demo.roles(), true, true);
            if (hash == null) {
                hash = passwords.hash(PASSWORD);
            }
            if (users.create(user, hash)) {
                added++;
            }
        }
        if (added > 0) {
            LOG.info("{} demo portal users added (README: Portal accounts and roles)", added);
        }
    }
}
