package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The login counts in the database, as two hub instances share them: two throttles on one database (each its own
 * pool, as two instances have) take thirty parallel attempts at one account, and exactly the five free attempts are
 * checked in total; a restart (a new throttle on the same database) still refuses the guesser.
 */
class DatabaseLoginCountsTest {

    @TempDir
    static Path dir;

    private final ExecutorService threads = Executors.newFixedThreadPool(30);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void thirtyParallelAttemptsOnTwoInstancesLetFiveCheckInTotal(String database) throws Exception {
        try (HikariDataSource a = TestDatabases.open(database, dir.resolve("counts"), 10);
             HikariDataSource b = TestDatabases.open(database, dir.resolve("counts"), 10)) {
            LoginThrottle first = throttle(a);
            LoginThrottle second = throttle(b);
            String account = "t." + UUID.randomUUID().toString().substring(0, 8);

            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch allClaimed = new CountDownLatch(30);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                LoginThrottle instance = i % 2 == 0 ? first : second;
                String address = "10.9." + UUID.randomUUID().toString().substring(0, 4) + "." + i;
                results.add(threads.submit(() -> {
                    gate.await();
                    try (LoginThrottle.Attempt attempt = instance.attempt(account, address)) {
                        boolean mayCheck = attempt.refused().isEmpty();
                        allClaimed.countDown();
                        if (mayCheck) {
                            assertThat(allClaimed.await(30, TimeUnit.SECONDS)).isTrue();
                            attempt.failed();
                        }
                        return mayCheck;
                    }
                }));
            }
            gate.countDown();
            int checked = 0;
            for (Future<Boolean> result : results) {
                checked += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(checked).isEqualTo(5);
            LoginThrottle afterRestart = throttle(b);
            assertThat(afterRestart.attempt(account, "10.9.9.9").refused()).isPresent();
        }
    }

    private static LoginThrottle throttle(HikariDataSource dataSource) {
        return new LoginThrottle(new DatabaseLoginCounts(dataSource, Clock.systemUTC()), 5, Duration.ofSeconds(60),
                Duration.ofSeconds(900), Duration.ofMinutes(15), Clock.systemUTC());
    }
}
