package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import nl.ggk.hub.portal.AddressedLogin.Answer;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Login throttling per account and per client address: after five failures a delay that doubles (here from 1 s),
 * answered with 429 and Retry-After. Each client connects from its own loopback address (127.0.0.x), so that the
 * account's count and the address's count can be seen apart.
 */
class LoginThrottleTest extends HubTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.portal.login.base-delay-seconds", "1");
        overrides.setProperty("ggk.portal.login.max-delay-seconds", "4");
        return overrides;
    }

    @Test
    void afterFiveFailuresOfAnAccountEveryAddressWaitsAGrowingDelay() {
        for (int i = 0; i < 5; i++) {
            Answer wrong = login("127.0.0." + (10 + i), "0547.lezer", "niet-het-wachtwoord");
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        }
        // the right password from a fresh address: the account waits
        Answer throttled = login("127.0.0.20", "0547.lezer", DemoUsers.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsEntry("retry-after", "1");
        assertThat(throttled.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(throttled.body()).contains("Te veel mislukte inlogpogingen");

        // once the delay is over one more failure doubles it
        Answer sixth = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> login("127.0.0.21", "0547.lezer", "nog-steeds-fout"), a -> a.status() != 429);
        assertThat(sixth.status()).isEqualTo(401);
        Answer longer = login("127.0.0.22", "0547.lezer", DemoUsers.PASSWORD);
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.headers()).containsEntry("retry-after", "2");

        Answer in = await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(300))
                .until(() -> login("127.0.0.23", "0547.lezer", DemoUsers.PASSWORD), a -> a.status() != 429);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        // a success clears the account's count
        assertThat(login("127.0.0.24", "0547.lezer", "fout").status()).isEqualTo(401);
        assertThat(login("127.0.0.24", "0547.lezer", DemoUsers.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void afterFiveFailuresFromOneAddressEveryAccountFromThereWaits() {
        for (int i = 0; i < 5; i++) {
            Answer wrong = login("127.0.0.30", "onbekend." + i, "wat-dan-ook");
            assertThat(wrong.status()).isEqualTo(401);
        }
        Answer throttled = login("127.0.0.30", "0546.lezer", DemoUsers.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsKey("retry-after");
        assertThat(login("127.0.0.31", "0546.lezer", DemoUsers.PASSWORD).status()).isEqualTo(200);
    }

    private Answer login(String from, String name, String password) {
        return AddressedLogin.login(httpPort, from, name, password);
    }
}
