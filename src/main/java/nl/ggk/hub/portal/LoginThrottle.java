package nl.ggk.hub.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.ggk.hub.portal.LoginCounts.Count;

/**
 * Slows down password guessing: after {@code freeAttempts} failed logins for one account, or from one client
 * address, each further attempt must wait a delay that doubles with every failure (from {@code baseDelay} up to
 * {@code maxDelay}). An attempt made while waiting is refused without looking at the password. A successful login
 * clears its account's count; an address's count is forgotten {@code forgetAfter} after its last failure.
 *
 * <p>An attempt is <em>claimed</em> before its password is checked, atomically for its account and its address: a
 * claim counts as a failure-to-be until its outcome is known. So however many requests arrive at once, no more
 * than {@code freeAttempts} passwords of one account (or from one address) are ever being checked or failed
 * before the first wait, and after each wait exactly one. Whoever moves these counters to a shared database must
 * keep that: claim with one atomic statement (an UPDATE … WHERE checking &lt; allowed, or SELECT … FOR UPDATE)
 * before the check, and settle it after. The counts live in a {@link LoginCounts}: the shared database in the hub
 * ({@link DatabaseLoginCounts}, which locks the row for each change), so the free attempts are counted once across
 * every instance. A claim older than {@link #CLAIM_TIMEOUT} (its instance died while checking) is given back.
 */
public final class LoginThrottle {

    /** A password check takes well under a second: a claim this old belongs to an instance that died meanwhile. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);

    private final LoginCounts counts;
    private final int freeAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;
    private final Clock clock;

    /** A throttle with its counts in this JVM's memory. */
    public LoginThrottle(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {
        this(LoginCounts.inMemory(), freeAttempts, baseDelay, maxDelay, forgetAfter, clock);
    }

    public LoginThrottle(LoginCounts counts, int freeAttempts, Duration baseDelay, Duration maxDelay,
                         Duration forgetAfter, Clock clock) {
        if (freeAttempts < 1) {
            throw new IllegalArgumentException("ggk.portal.login.free-attempts must be at least 1");
        }
        this.counts = counts;
        this.freeAttempts = freeAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    /**
     * Claims a login attempt for this account from this address. When it is {@linkplain Attempt#refused() refused}
     * the password must not be checked; otherwise the caller checks it and reports {@link Attempt#failed()} or
     * {@link Attempt#succeeded()}. Closing an attempt without an outcome (an error before the check ended) gives
     * its claim back uncounted.
     */
    public Attempt attempt(String account, String address) {
        Instant now = clock.instant();
        counts.forget(now.minus(forgetAfter), now.minus(CLAIM_TIMEOUT));
        String accountKey = accountKey(account);
        String addressKey = addressKey(address);
        if (claim(accountKey, now)) {
            if (claim(addressKey, now)) {
                return new Attempt(accountKey, addressKey, null);
            }
            settle(accountKey, Outcome.RELEASED, now);
        }
        return new Attempt(accountKey, addressKey, longestWait(now, accountKey, addressKey));
    }

    /** One claimed (or refused) login attempt. */
    public final class Attempt implements AutoCloseable {

        private final String accountKey;
        private final String addressKey;
        private final Duration wait;
        private boolean open;

        private Attempt(String accountKey, String addressKey, Duration wait) {
            this.accountKey = accountKey;
            this.addressKey = addressKey;
            this.wait = wait;
            this.open = wait == null;
        }

        /** How long the caller must still wait before trying again; empty when it may check the password now. */
        public Optional<Duration> refused() {
            return Optional.ofNullable(wait);
        }

        /** The password (or the account) was wrong: one failure for the account and one for the address. */
        public void failed() {
            end(Outcome.FAILED, Outcome.FAILED);
        }

        /** The login succeeded: the account's count is cleared; the address keeps its failures. */
        public void succeeded() {
            end(Outcome.CLEARED, Outcome.RELEASED);
        }

        /** Gives the claim back, uncounted, when neither {@link #failed()} nor {@link #succeeded()} was reported. */
        @Override
        public void close() {
            end(Outcome.RELEASED, Outcome.RELEASED);
        }

        private synchronized void end(Outcome forAccount, Outcome forAddress) {
            if (!open) {
                return;
            }
            open = false;
            Instant now = clock.instant();
            settle(accountKey, forAccount, now);
            settle(addressKey, forAddress, now);
        }
    }

    private enum Outcome { FAILED, CLEARED, RELEASED }

    /** Adds one attempt being checked to {@code key}, unless it must wait or the attempts it may have are taken. */
    private boolean claim(String key, Instant now) {
        boolean[] claimed = {false};
        counts.change(key, old -> {
            Count count = old == null || forgotten(old, now) ? new Count(0, 0, now, null, null) : live(old, now);
            if (wait(count, now) != null) {
                return old == null ? null : count;
            }
            claimed[0] = true;
            return new Count(count.failures(), count.checking() + 1, count.last(), count.blockedUntil(), now);
        });
        return claimed[0];
    }

    private void settle(String key, Outcome outcome, Instant now) {
        counts.change(key, count -> {
            if (count == null) {
                return null;
            }
            int checking = Math.max(0, count.checking() - 1);
            return switch (outcome) {
                case FAILED -> {
                    int failures = count.failures() + 1;
                    yield new Count(failures, checking, now,
                            failures >= freeAttempts ? now.plus(delay(failures)) : null, count.claimedAt());
                }
                case CLEARED -> checking == 0 ? null : new Count(0, checking, now, null, count.claimedAt());
                case RELEASED -> checking == 0 && count.failures() == 0 ? null
                        : new Count(count.failures(), checking, count.last(), count.blockedUntil(), count.claimedAt());
            };
        });
    }

    /** The count without the claims of an instance that died while checking them. */
    private static Count live(Count count, Instant now) {
        if (count.checking() > 0 && count.claimedAt() != null && count.claimedAt().isBefore(now.minus(CLAIM_TIMEOUT))) {
            return new Count(count.failures(), 0, count.last(), count.blockedUntil(), null);
        }
        return count;
    }

    /**
     * How long an attempt on this count must wait, or null when it may go: while blocked, until the block ends;
     * when all the attempts it may have (the free ones left, or after a wait one) are being checked, the wait their
     * failing would bring.
     */
    private Duration wait(Count count, Instant now) {
        if (count.blockedUntil() != null && count.blockedUntil().isAfter(now)) {
            return Duration.between(now, count.blockedUntil());
        }
        int allowed = Math.max(freeAttempts - count.failures(), 1);
        if (count.checking() >= allowed) {
            return delay(count.failures() + count.checking());
        }
        return null;
    }

    /** The longest wait of these keys; the base delay when their claims ended meanwhile. */
    private Duration longestWait(Instant now, String... keys) {
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Count count = counts.get(key);
            Duration wait = count == null ? null : wait(live(count, now), now);
            if (wait != null && wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        return longest.isZero() ? baseDelay : longest;
    }

    /** The wait after the {@code count}-th failure: base, 2 × base, 4 × base, … at most max. */
    Duration delay(int count) {
        int doublings = Math.max(0, Math.min(count - freeAttempts, 30));
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** A count nobody is being checked for, whose last failure and wait lie forgetAfter behind. */
    private boolean forgotten(Count count, Instant now) {
        if (live(count, now).checking() > 0) {
            return false;
        }
        Instant until = count.blockedUntil() != null && count.blockedUntil().isAfter(count.last())
                ? count.blockedUntil() : count.last();
        return now.isAfter(until.plus(forgetAfter));
    }

    private static String accountKey(String account) {
        return "user:" + (account == null ? "" : PortalUsers.normalise(account));
    }

    private static String addressKey(String address) {
        return "addr:" + (address == null ? "unknown" : address);
    }
}
