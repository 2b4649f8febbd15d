package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Argon2id at the cost the settings give (ggk.portal.password.argon2-*): the default is spring-security's v5.8
 * (16 MiB, 2 passes, 1 lane), and every hash is verified with the cost it carries, whatever the setting is now.
 */
class PasswordsTest {

    @Test
    void theDefaultCostIs16MibAnd2PassesAndACheaperCostIsWhatTheSettingsSay() {
        Passwords defaults = new Passwords();
        assertThat(defaults.hasDefaultCost()).isTrue();
        String strong = defaults.hash("Lang-genoeg-2026");
        assertThat(strong).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");

        Passwords cheap = new Passwords(64, 1);
        assertThat(cheap.hasDefaultCost()).isFalse();
        String light = cheap.hash("Lang-genoeg-2026");
        assertThat(light).startsWith("$argon2id$v=19$m=64,t=1,p=1$");

        // each hash verifies with the cost it was made with, whatever the instance's setting
        assertThat(cheap.matches("Lang-genoeg-2026", strong)).isTrue();
        assertThat(defaults.matches("Lang-genoeg-2026", light)).isTrue();
        assertThat(defaults.matches("Lang-genoeg-2025", light)).isFalse();
    }

    @Test
    void aCostTooLowToBeArgon2IsRefused() {
        assertThatThrownBy(() -> new Passwords(4, 1)).hasMessageContaining("argon2-memory-kib");
        assertThatThrownBy(() -> new Passwords(64, 0)).hasMessageContaining("argon2-iterations");
    }
}
