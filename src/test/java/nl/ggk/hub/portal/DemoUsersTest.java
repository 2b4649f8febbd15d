package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo accounts' written-down hash is the documented password's: README's login works. */
class DemoUsersTest {

    private final Passwords passwords = new Passwords();

    @Test
    void theDemoHashVerifiesTheDocumentedPasswordAndNoOther() {
        assertThat(passwords.matches(DemoUsers.PASSWORD, DemoUsers.PASSWORD_HASH)).isTrue();
        assertThat(passwords.matches(DemoUsers.PASSWORD + "x", DemoUsers.PASSWORD_HASH)).isFalse();
        assertThat(DemoUsers.PASSWORD_HASH).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
    }

    /** At another cost (ggk.portal.password.argon2-*) the demo accounts get a hash of that cost, made at start. */
    @Test
    void atAnotherCostTheDemoAccountsGetAHashOfThatCost() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target").toAbsolutePath(), "demo-users-");
        try (var dataSource = nl.ggk.hub.testsupport.TestDatabases.open("h2", dir.resolve("db"), 2)) {
            PortalUsers users = new PortalUsers(dataSource, java.time.Clock.systemUTC());
            DemoUsers.seed(users, new Passwords(64, 1));
            String hash = users.byName("0363.aanlever").orElseThrow().passwordHash();
            assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
            assertThat(passwords.matches(DemoUsers.PASSWORD, hash)).isTrue();
        }
    }
}
