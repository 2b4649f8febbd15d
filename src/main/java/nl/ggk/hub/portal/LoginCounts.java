package nl.ggk.hub.portal;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Where {@link LoginThrottle} keeps its counts: {@link #inMemory()} for one JVM (the throttle's own tests), or the
 * shared database ({@link DatabaseLoginCounts}) so that every hub instance counts the same failures.
 */
public interface LoginCounts {

    /**
     * One account's or one address's count: failures so far, attempts being checked now, when it last failed, until
     * when it must wait, and when the latest attempt was claimed.
     */
    record Count(int failures, int checking, Instant last, Instant blockedUntil, Instant claimedAt) {
    }

    /**
     * Replaces the count of {@code key} by {@code change} applied to it (null: there is none; a null result removes
     * it), atomically with respect to every other change of that key, on every instance; returns the new count.
     */
    Count change(String key, UnaryOperator<Count> change);

    /** The count of {@code key}, or null. */
    Count get(String key);

    /**
     * Removes the counts nobody is being checked for whose last failure and wait both lie before {@code before}
     * (now minus forget-after); a store may do this only now and then.
     */
    void forget(Instant before, Instant claimsBefore);

    /** Counts in this JVM's memory: a restart forgets them, another instance does not see them. */
    static LoginCounts inMemory() {
        return new LoginCounts() {
            /** Above this many counted accounts and addresses, the forgotten ones are swept out. */
            private static final int MAX_TRACKED = 100_000;
            private final ConcurrentHashMap<String, Count> counts = new ConcurrentHashMap<>();

            @Override
            public Count change(String key, UnaryOperator<Count> change) {
                return counts.compute(key, (k, old) -> change.apply(old));
            }

            @Override
            public Count get(String key) {
                return counts.get(key);
            }

            @Override
            public void forget(Instant before, Instant claimsBefore) {
                if (counts.size() > MAX_TRACKED) {
                    // a flood of made-up names must not fill the memory: what is forgotten anyway goes first
                    counts.values().removeIf(c -> (c.checking() == 0 || c.claimedAt() == null
                            || c.claimedAt().isBefore(claimsBefore)) && c.last().isBefore(before)
                            && (c.blockedUntil() == null || c.blockedUntil().isBefore(before)));
                }
            }
        };
    }
}
