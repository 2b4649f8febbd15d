package nl.ggk.hub.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code freeAttempts} failed logins for one account, or from one client
 * address, each further attempt must wait a delay that doubles with every failure (from {@code baseDelay} up to
 * {@code maxDelay}). An attempt made while waiting is refused without looking at the password. A successful login
 * clears its account's count; an address's count is forgotten {@code forgetAfter} after its last failure.
 * In memory, like the sessions.
 */
public final class LoginThrottle {

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    /** Above this many counted accounts and addresses, the forgotten ones are swept out. */
    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final int freeAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;
    private final Clock clock;

    public LoginThrottle(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {
        this.freeAttempts = freeAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    /** How long the caller must still wait before trying this account from this address; empty when it may try. */
    public Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : new String[] {accountKey(account), addressKey(address)}) {
            Failures f = current(key, now);
            if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            // a flood of made-up names must not fill the memory: what is forgotten anyway goes first
            failures.entrySet().removeIf(e -> forgotten(e.getValue(), now));
        }
        for (String key : new String[] {accountKey(account), addressKey(address)}) {
            failures.compute(key, (k, old) -> {
                Failures f = old == null || forgotten(old, now) ? null : old;
                int count = f == null ? 1 : f.count() + 1;
                return new Failures(count, now, count >= freeAttempts ? now.plus(delay(count)) : null);
            });
        }
    }

    public void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    /** The wait after the {@code count}-th failure: base, 2 × base, 4 × base, … at most max. */
    Duration delay(int count) {
        int doublings = Math.min(count - freeAttempts, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Failures current(String key, Instant now) {
        Failures f = failures.get(key);
        if (f != null && forgotten(f, now)) {
            failures.remove(key, f);
            return null;
        }
        return f;
    }

    private boolean forgotten(Failures f, Instant now) {
        Instant until = f.blockedUntil() != null && f.blockedUntil().isAfter(f.last()) ? f.blockedUntil() : f.last();
        return now.isAfter(until.plus(forgetAfter));
    }

    private static String accountKey(String account) {
        return "user:" + (account == null ? "" : PortalUsers.normalise(account));
    }

    private static String addressKey(String address) {
        return "addr:" + (address == null ? "unknown" : address);
    }
}
