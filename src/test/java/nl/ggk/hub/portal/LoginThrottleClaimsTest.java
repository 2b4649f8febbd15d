package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle on its own, under concurrency: an attempt is claimed before its password is checked, so with thirty
 * threads at once exactly the free attempts get through while every one of them is still being checked.
 */
class LoginThrottleClaimsTest {

    private static final int THREADS = 30;

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle =
            new LoginThrottle(5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(15), clock);
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void thirtyParallelAttemptsAtOneAccountLetFiveCheckThenOneAfterEachWait() throws Exception {
        assertThat(burst(i -> throttle.attempt("0518.aanlever", "10.0.0." + i))).isEqualTo(5);
        assertThat(throttle.attempt("0518.aanlever", "10.0.1.1").refused()).hasValue(Duration.ofSeconds(2));

        clock.move(Duration.ofSeconds(2));
        assertThat(burst(i -> throttle.attempt("0518.aanlever", "10.0.2." + i))).isEqualTo(1);
        assertThat(throttle.attempt("0518.aanlever", "10.0.3.1").refused()).hasValue(Duration.ofSeconds(4));
    }

    @Test
    void thirtyParallelAttemptsFromOneAddressLetFiveCheck() throws Exception {
        assertThat(burst(i -> throttle.attempt("onbekend." + i, "10.1.0.1"))).isEqualTo(5);
        assertThat(throttle.attempt("0546.lezer", "10.1.0.1").refused()).isPresent();
        assertThat(throttle.attempt("0546.lezer", "10.1.0.2").refused()).isEmpty();
    }

    @Test
    void whileFiveAreBeingCheckedASixthWaitsAndASuccessClearsTheAccount() {
        List<LoginThrottle.Attempt> checking = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LoginThrottle.Attempt attempt = throttle.attempt("0547.lezer", "10.2.0." + i);
            assertThat(attempt.refused()).isEmpty();
            checking.add(attempt);
        }
        assertThat(throttle.attempt("0547.lezer", "10.2.1.1").refused()).as("none has failed yet").isPresent();
        checking.get(0).succeeded();
        checking.subList(1, 5).forEach(LoginThrottle.Attempt::failed);
        // the success cleared the count before the four failures: one free attempt is left
        assertThat(throttle.attempt("0547.lezer", "10.2.1.2").refused()).isEmpty();
    }

    @Test
    void anAttemptThatEndsWithoutOutcomeGivesItsClaimBackUncounted() {
        for (int i = 0; i < 20; i++) {
            try (LoginThrottle.Attempt attempt = throttle.attempt("0363.beheer", "10.3.0.1")) {
                assertThat(attempt.refused()).isEmpty();
                // e.g. the user store failed: neither failed() nor succeeded()
            }
        }
        LoginThrottle.Attempt failed = throttle.attempt("0363.beheer", "10.3.0.1");
        failed.failed();
        failed.close();
        failed.failed();
        // reported once, counted once: four free attempts remain
        for (int i = 0; i < 4; i++) {
            throttle.attempt("0363.beheer", "10.3.0.1").failed();
        }
        assertThat(throttle.attempt("0363.beheer", "10.3.0.2").refused()).isPresent();
    }

    /**
     * Starts {@code THREADS} attempts at once; each that may go is "checked" until every attempt of the burst has
     * been claimed or refused, then fails. Returns how many were let through.
     */
    private int burst(IntFunction<LoginThrottle.Attempt> attempt) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch allClaimed = new CountDownLatch(THREADS);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            results.add(threads.submit(() -> {
                gate.await();
                try (LoginThrottle.Attempt claimed = attempt.apply(n)) {
                    Optional<Duration> wait = claimed.refused();
                    allClaimed.countDown();
                    if (wait.isPresent()) {
                        return false;
                    }
                    assertThat(allClaimed.await(30, TimeUnit.SECONDS)).isTrue();
                    claimed.failed();
                    return true;
                }
            }));
        }
        gate.countDown();
        int checked = 0;
        for (Future<Boolean> result : results) {
            checked += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        return checked;
    }

    /** A clock that stands still until moved. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
