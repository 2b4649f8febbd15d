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
     * The hash of {@link #PASSWORD}, made once per JVM (Argon2 is slow on purpose; every demo account has the same
     * documented password, and a JVM that runs several hubs, as the tests do, need not hash it again for each).
     */
    private static volatile String demoHash;

    private DemoUsers() {
    }

    private static String demoHash(Passwords passwords) {
        String hash = demoHash;
        if (hash == null) {
            hash = passwords.hash(PASSWORD);
            demoHash = hash;
        }
        return hash;
    }

    /** Adds the demo accounts that are missing (an existing account of that name is left as it is). */
    public static void seed(PortalUsers users, Passwords passwords) throws SQLException {
        String hash = null;
        int added = 0;
        for (Demo demo : ALL) {
            if (users.byName(demo.gebruikersnaam()).isPresent()) {
                continue;
            }
            if (hash == null) {
                hash = demoHash(passwords);
            }
            PortalUser user = new PortalUser(PortalUsers.newId(), demo.gebruikersnaam(), demo.naam(),
                    demo.organisation(), demo.roles(), true, true);
            if (users.create(user, hash)) {
                added++;
            }
        }
        if (added > 0) {
            LOG.info("{} demo portal users added (README: Portal accounts and roles)", added);
        }
    }
}
