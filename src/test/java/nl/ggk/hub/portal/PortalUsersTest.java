package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.UUID;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The portal accounts on both databases: created once per name, changed, their passwords verified as Argon2id. */
class PortalUsersTest {

    @TempDir
    static Path dir;

    /** A low cost: what is stored does not depend on it (PasswordsTest checks the default cost). */
    private static final Passwords PASSWORDS = new Passwords(64, 1);

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aUserIsStoredWithAnArgon2idHashAndANameIsTakenOnlyOnce(String database) throws Exception {
        try (HikariDataSource dataSource = open(database)) {
            PortalUsers users = new PortalUsers(dataSource, Clock.systemUTC());
            String name = "t." + UUID.randomUUID().toString().substring(0, 8);
            String org = "T" + UUID.randomUUID().toString().substring(0, 8);
            PortalUser user = new PortalUser(PortalUsers.newId(), name.toUpperCase(), "Test", org,
                    EnumSet.of(Role.CBS_LEZER, Role.CBS_AANLEVERAAR), true, false);
            String hash = PASSWORDS.hash("Lang-genoeg-2026");
            assertThat(hash).startsWith("$argon2id$");

            assertThat(users.create(user, hash)).isTrue();
            assertThat(users.create(new PortalUser(PortalUsers.newId(), name, "Ander", org, EnumSet.of(Role.CBS_LEZER),
                    true, false), hash)).isFalse();

            PortalUsers.Stored stored = users.byName(" " + name.toUpperCase() + " ").orElseThrow();
            assertThat(stored.user().gebruikersnaam()).isEqualTo(name);
            assertThat(stored.user().roles()).containsExactlyInAnyOrder(Role.CBS_LEZER, Role.CBS_AANLEVERAAR);
            assertThat(PASSWORDS.matches("Lang-genoeg-2026", stored.passwordHash())).isTrue();
            assertThat(PASSWORDS.matches("Lang-genoeg-2025", stored.passwordHash())).isFalse();
            assertThat(users.ofOrganisation(org)).extracting(PortalUser::gebruikersnaam).containsExactly(name);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aChangeAndANewPasswordAreKept(String database) throws Exception {
        try (HikariDataSource dataSource = open(database)) {
            PortalUsers users = new PortalUsers(dataSource, Clock.systemUTC());
            String id = PortalUsers.newId();
            users.create(new PortalUser(id, "t." + id.substring(0, 8), "Oud", "0363", EnumSet.of(Role.CBS_LEZER),
                    true, false), PASSWORDS.hash("Eerste-wachtwoord"));

            users.update(id, "Nieuw", EnumSet.of(Role.GEBRUIKERSBEHEERDER), false);
            users.setPasswordHash(id, PASSWORDS.hash("Tweede-wachtwoord"));

            PortalUsers.Stored stored = users.byId(id).orElseThrow();
            assertThat(stored.user().naam()).isEqualTo("Nieuw");
            assertThat(stored.user().roles()).containsExactly(Role.GEBRUIKERSBEHEERDER);
            assertThat(stored.user().active()).isFalse();
            assertThat(PASSWORDS.matches("Tweede-wachtwoord", stored.passwordHash())).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void theDemoUsersAreAddedOnceWithTheirRoles(String database) throws Exception {
        try (HikariDataSource dataSource = open(database)) {
            PortalUsers users = new PortalUsers(dataSource, Clock.systemUTC());
            DemoUsers.seed(users, PASSWORDS);
            String before = users.byName("0363.aanlever").orElseThrow().user().id();
            DemoUsers.seed(users, PASSWORDS);
            PortalUsers.Stored aanlever = users.byName("0363.aanlever").orElseThrow();
            assertThat(aanlever.user().id()).isEqualTo(before);
            assertThat(aanlever.user().demo()).isTrue();
            assertThat(aanlever.user().roles())
                    .containsExactlyInAnyOrder(Role.CBS_AANLEVERAAR, Role.CBS_LEZER, Role.BERICHTENVERKEER);
            assertThat(users.byName("swvhr.beheer").orElseThrow().user().organisation()).isEqualTo("SWV-HR");
            assertThat(PASSWORDS.matches(DemoUsers.PASSWORD, aanlever.passwordHash())).isTrue();
        }
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("users"), 2);
    }
}
