package nl.ggk.hub.cbs.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * The core of the CBS simulator (RINIS/CBS as seen by the hub), without HTTP: what it answers to a message the hub
 * forwards, how it can be told to fail, what it will send back later, and how often it received each
 * referentienummer (so a test can prove exactly-once delivery). Thread-safe; an HTTP adapter calls {@link #receive}
 * and turns the {@link Answer} into a response (status, delay, SOAP body through {@code SoapCodec}).
 *
 * <p>Failure modes ({@link #unavailableFor}, {@link #answerFo03}, {@link #slow}, {@link #healthy}): HTTP 503 until a
 * moment, a Fo03 for every message, or Bv03 after a delay. The first Bv03 for a GMSD delivery says
 * {@link Answer#callBack}: the adapter checks the file and the route {@code cbs-simulator-callback} sends the
 * technical feedback (and, for an approved WMO file, the spiegelrapport) later, through the broker. Opt-in messages
 * get a Bv03 only.
 */
public final class CbsSimulator {

    /** What the hub's forwarding sent, as far as the simulator needs it. */
    public record Receipt(String referentienummer, StufSysteem zender, String functie, String bestandsnaam) {
        public Receipt {
            Objects.requireNonNull(referentienummer, "referentienummer");
            Objects.requireNonNull(zender, "zender");
        }

        /** The working specification names opt-in files {@code <code>_OPTIN_<yyyy>H<n>.csv|xlsx}. */
        public boolean isOptIn() {
            return bestandsnaam != null && bestandsnaam.toUpperCase().contains("_OPTIN_");
        }

        public boolean isWmo() {
            return bestandsnaam != null && bestandsnaam.toUpperCase().matches("[0-9]{4}_WMO_[0-9]{4}H[12]\\.CSV");
        }
    }

    /**
     * The simulator's answer: HTTP status, how long to wait before answering, and the StUF answer (null for 503).
     * {@code callBack}: the first Bv03 for a referentienummer of a GMSD file (not an opt-in): CBS checks the file and
     * answers later with a technical feedback.
     */
    public record Answer(int httpStatus, Duration delay, Bv03 bv03, Foutbericht fo03, boolean callBack) {
        public boolean isUnavailable() {
            return httpStatus == 503;
        }
    }

    /**
     * One referentienummer CBS accepted (answered with Bv03), as an operator or a test reads it: who sent it, which
     * file, and how often it was accepted (1 for an exactly-once delivery; more is a duplicate at CBS).
     */
    public record Received(String referentienummer, String zender, String functie, String bestandsnaam,
                           int accepted) {
    }

    private sealed interface Mode {
        record Healthy() implements Mode {
        }

        record Unavailable(Instant until) implements Mode {
        }

        record Fo03(ErrorCode code) implements Mode {
        }

        record Slow(Duration delay) implements Mode {
        }
    }

    private final AnswerWriter answers;
    private final Clock clock;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    /** The first accepted receipt of each referentienummer, in the order CBS accepted them. */
    private final Map<String, Receipt> firstAccepted = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Mode mode = new Mode.Healthy();

    /**
     * @param cbsApplicatie applicatie CBS names itself with in Bv03/Fo03 (3-50 characters)
     */
    public CbsSimulator(String cbsApplicatie, Clock clock) {
        StufSettings d = StufSettings.defaults();
        this.answers = new AnswerWriter(new StufSettings("CBS", cbsApplicatie, d.portaalApplicatie(), d.functieCbs(),
                d.ontvangerCbs(), d.applicatieVersie(), d.applicatieSubversie(), d.functieVersie(),
                d.functieSubversie()));
        this.clock = clock;
    }

    public static CbsSimulator withDefaults() {
        return new CbsSimulator("CBS-simulator", Clock.systemUTC());
    }

    /** Answers HTTP 503 (no StUF answer) until {@code duration} from now has passed. */
    public void unavailableFor(Duration duration) {
        mode = new Mode.Unavailable(clock.instant().plus(duration));
    }

    /** Answers every message with a Fo03 carrying {@code code}. */
    public void answerFo03(ErrorCode code) {
        mode = new Mode.Fo03(Objects.requireNonNull(code, "code"));
    }

    /** Answers Bv03, but only after {@code delay} (a slow CBS: the hub's timeout is what is tested). */
    public void slow(Duration delay) {
        mode = new Mode.Slow(delay);
    }

    public void healthy() {
        mode = new Mode.Healthy();
    }

    /** One message from the hub: counts it and answers after the current mode. */
    public Answer receive(Receipt receipt) {
        attempts.computeIfAbsent(receipt.referentienummer(), k -> new AtomicInteger()).incrementAndGet();
        Instant now = clock.instant();
        Mode current = mode;
        if (current instanceof Mode.Unavailable unavailable) {
            if (now.isBefore(unavailable.until())) {
                return new Answer(503, Duration.ZERO, null, null, false);
            }
            mode = new Mode.Healthy();
            current = mode;
        }
        if (current instanceof Mode.Fo03 fo03) {
            return new Answer(500, Duration.ZERO, null,
                    answers.fo03(receipt.zender(), receipt.referentienummer(), fo03.code(), null, null, now), false);
        }
        Duration delay = current instanceof Mode.Slow slow ? slow.delay() : Duration.ZERO;
        boolean first = accepted.computeIfAbsent(receipt.referentienummer(), k -> new AtomicInteger())
                .incrementAndGet() == 1;
        if (first) {
            firstAccepted.put(receipt.referentienummer(), receipt);
        }
        return new Answer(200, delay, answers.bv03(receipt.zender(), receipt.referentienummer(), now), null,
                first && !receipt.isOptIn());
    }

    /** How often a referentienummer arrived, every attempt (503s and Fo03s included). */
    public int attempts(String referentienummer) {
        AtomicInteger n = attempts.get(referentienummer);
        return n == null ? 0 : n.get();
    }

    /** How often a referentienummer was answered with Bv03: 1 for an exactly-once delivery. */
    public int accepted(String referentienummer) {
        AtomicInteger n = accepted.get(referentienummer);
        return n == null ? 0 : n.get();
    }

    /** Every referentienummer answered with Bv03, with its count. */
    public Map<String, Integer> acceptedCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        accepted.forEach((ref, n) -> counts.put(ref, n.get()));
        return counts;
    }

    /** Every referentienummer answered with Bv03, in the order of its first Bv03, with what it carried. */
    public List<Received> received() {
        List<Receipt> receipts;
        synchronized (firstAccepted) {
            receipts = List.copyOf(firstAccepted.values());
        }
        return receipts.stream().map(r -> new Received(r.referentienummer(), r.zender().organisatie(), r.functie(),
                r.bestandsnaam(), accepted(r.referentienummer()))).toList();
    }
}
