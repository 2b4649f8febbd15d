package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import nl.ggk.hub.portal.AddressedLogin.Answer;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Thirty logins at the same moment, over HTTP: no more than the five free attempts have their password checked
 * (401); every other one is refused unchecked (429 with Retry-After). The first wait is a minute here, so that a
 * slow machine cannot let the burst run past it.
 */
class LoginThrottleParallelTest extends HubTestSupport {

    private static final int PARALLEL = 30;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.portal.login.base-delay-seconds", "60");
        overrides.setProperty("ggk.portal.login.max-delay-seconds", "600");
        return overrides;
    }

    @Test
    void thirtyParallelGuessesAtOneAccountFromThirtyAddressesGetFivePasswordsChecked() throws Exception {
        List<Answer> answers = parallel(i -> login("127.0.1." + (10 + i), "0518.aanlever", "gok-" + i));
        assertFiveCheckedAndTheRestRefused(answers);
        assertThat(login("127.0.1.100", "0518.aanlever", DemoUsers.PASSWORD).status())
                .as("the right password waits too").isEqualTo(429);
    }

    @Test
    void thirtyParallelGuessesAtThirtyAccountsFromOneAddressGetFivePasswordsChecked() throws Exception {
        List<Answer> answers = parallel(i -> login("127.0.2.10", "parallel.onbekend." + i, "gok-" + i));
        assertFiveCheckedAndTheRestRefused(answers);
        assertThat(login("127.0.2.10", "0363.beheer", DemoUsers.PASSWORD).status()).isEqualTo(429);
        assertThat(login("127.0.2.11", "0363.beheer", DemoUsers.PASSWORD).status())
                .as("the account itself is not blocked").isEqualTo(200);
    }

    private static void assertFiveCheckedAndTheRestRefused(List<Answer> answers) {
        List<Integer> statuses = answers.stream().map(Answer::status).toList();
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("passwords checked in %s", statuses)
                .isEqualTo(5);
        assertThat(answers).filteredOn(a -> a.status() == 429).allSatisfy(a -> {
            assertThat(a.headers()).containsKey("retry-after");
            assertThat(a.body()).contains("Te veel mislukte inlogpogingen");
        });
    }

    /** {@code PARALLEL} logins started together, each on its own thread, released at once by a gate. */
    private static List<Answer> parallel(IntFunction<Answer> login) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    gate.await();
                    return login.apply(n);
                }));
            }
            gate.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private Answer login(String from, String name, String password) {
        return AddressedLogin.login(httpPort, from, name, password);
    }
}
