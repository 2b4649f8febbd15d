package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * What an operator asks of the CBS/RINIS hop: when it last answered, the last error, how long a round trip takes and
 * how often a file had to wait for a retry. Told by the cbs-send route after every POST (step cbs-watch); exposed
 * as {@code ggk_cbs_roundtrip_seconds}, {@code ggk_cbs_attempts_total{outcome}}, {@code ggk_cbs_reachable} (0 after
 * a POST that was not answered, 1 after one that was, or before any) and
 * {@code ggk_cbs_last_answer_timestamp_seconds}.
 */
public final class CbsChainWatch {

    /** The outcomes of an attempt, as CbsForwarding names them. */
    static final List<String> OUTCOMES = List.of("ACCEPTED", "REJECTED", "RETRY");

    /** The last answer and error, for the Keten page. */
    public record State(Instant lastAnswerAt, Instant lastErrorAt, String lastError, boolean reachable) {
    }

    private final Supplier<MeterRegistry> registry;
    private final Clock clock;
    private volatile Instant lastAnswerAt;
    private volatile Instant lastErrorAt;
    private volatile String lastError;
    private volatile boolean reachable = true;

    public CbsChainWatch(Supplier<MeterRegistry> registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Registers the series at 0 (at start). */
    public void registerAll() {
        MeterRegistry meters = registry.get();
        if (meters == null) {
            return;
        }
        OUTCOMES.forEach(outcome -> attempts(meters, outcome));
        timer(meters);
        Gauge.builder("ggk.cbs.reachable", this, w -> w.reachable ? 1 : 0)
                .description("1 while CBS/RINIS answered the last POST (or none was made yet), 0 after one it did not"
                        + " answer (refused, timeout, 5xx)").register(meters);
        Gauge.builder("ggk.cbs.last.answer.timestamp.seconds", this,
                        w -> w.lastAnswerAt == null ? 0 : w.lastAnswerAt.getEpochSecond())
                .description("When CBS/RINIS last answered a POST (Bv03 or Fo03), Unix time; 0 before any")
                .register(meters);
    }

    /**
     * One POST to CBS ended: {@code outcome} ACCEPTED, REJECTED or RETRY (no answer, or one to try again),
     * {@code detail} what happened ("Bv03", "HTTP 503", "ConnectException"), {@code postedAt} when it was sent.
     */
    public void observed(Object outcome, String detail, Date postedAt) {
        Instant now = clock.instant();
        String kind = String.valueOf(outcome);
        MeterRegistry meters = registry.get();
        if (meters != null) {
            attempts(meters, kind).increment();
            if (postedAt != null) {
                timer(meters).record(Duration.between(postedAt.toInstant(), now));
            }
        }
        if ("RETRY".equals(kind)) {
            reachable = false;
            lastErrorAt = now;
            lastError = detail;
        } else {
            reachable = true;
            lastAnswerAt = now;
        }
    }

    public State state() {
        return new State(lastAnswerAt, lastErrorAt, lastError, reachable);
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("ggk.cbs.attempts")
                .description("POSTs to CBS/RINIS by outcome: ACCEPTED (Bv03), REJECTED (Fo03), RETRY (not answered or"
                        + " a server error: a retry is scheduled, or the file is given up)")
                .tag("outcome", outcome).register(meters);
    }

    private static Timer timer(MeterRegistry meters) {
        return Timer.builder("ggk.cbs.roundtrip")
                .description("Time from the POST of a Di01/Du01 to CBS/RINIS until its answer (or the failure)")
                .publishPercentileHistogram(false).register(meters);
    }
}
