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
        assertThat(DemoUsers.PASSWORD_HASH).startsWith("$argon2id$");
    }
}
