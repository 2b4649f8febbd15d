package nl.ggk.hub.cbs.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.cbs.simulator.SimulatorCallbacks.Outcome.Result;
import nl.ggk.hub.cbs.simulator.SimulatorCheck.Checked;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import org.junit.jupiter.api.Test;

class SimulatorCallbacksTest {

    private final Instant t0 = Instant.parse("2026-07-01T10:00:00Z");

    private SimulatorCallbacks callbacks(Clock clock) throws Exception {
        return callbacks(clock, List.of());
    }

    private SimulatorCallbacks callbacks(Clock clock, List<String> hubs) throws Exception {
        ReferenceFigures figures;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("cbs-simulator/reference-figures.yaml")) {
            figures = ReferenceFigures.load(in);
        }
        OrganisationRegistry registry;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("organisations.yaml")) {
            registry = OrganisationRegistry.load(in);
        }
        return new SimulatorCallbacks(new EnvelopeWriter(StufSettings.defaults()), new SimulatorReports(figures),
                registry, StufSysteem.of("CBS", "CBS-simulator"), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(10), clock, hubs);
    }

    private static Checked approvedWmo() {
        return new Checked("0363_WMO_2026H1.csv", "WMO", "2026H1", true, 3, List.of(), 0, Map.of("01", 2L, "05", 1L));
    }

    /** Several hubs (ggk.cbs.simulator.hub-endpoint a,b): a first try to the first, each retry to the next. */
    @Test
    void aRetryGoesToTheNextHub() throws Exception {
        SimulatorCallbacks plain = callbacks(Clock.fixed(t0, ZoneOffset.UTC));
        SimulatorCallbacks callbacks = callbacks(Clock.fixed(t0, ZoneOffset.UTC),
                List.of("http://hub1/ws/ggk0210", "http://hub2/ws/ggk0210"));
        Callback first = callbacks.technicalFeedback(java.util.UUID.randomUUID().toString(), "0363", approvedWmo());
        assertThat(callbacks.call(first).hub()).isEqualTo("http://hub1/ws/ggk0210");
        Callback second = callbacks.retry(first).next();
        assertThat(callbacks.call(second).hub()).isEqualTo("http://hub2/ws/ggk0210");
        assertThat(callbacks.call(callbacks.retry(second).next()).hub()).isEqualTo("http://hub1/ws/ggk0210");
        // the same request on every try, whichever hub it goes to
        assertThat(callbacks.call(second).request()).isEqualTo(callbacks.call(first).request());
        assertThat(plain.call(first).hub()).as("no hubs named: the caller sends it itself").isNull();
    }

    @Test
    void theHubsBv03IsAcceptedA5xxOrSilenceIsRetriedAndAClientFaultOrA4xxIsNot() throws Exception {
        SimulatorCallbacks callbacks = callbacks(Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(callbacks.outcome(200, "<s:Body><StUF:Bv03Bericht/></s:Body>").result()).isEqualTo(Result.ACCEPTED);
        assertThat(callbacks.outcome(503, "Service Unavailable").result()).isEqualTo(Result.RETRY);
        assertThat(callbacks.outcome(500, "<faultcode>soapenv:Server</faultcode><StUF:code>GGK999</StUF:code>")
                .result()).isEqualTo(Result.RETRY);
        SimulatorCallbacks.Outcome client = callbacks.outcome(500,
                "<faultcode>soapenv:Client</faultcode><StUF:code>StUF016</StUF:code>");
        assertThat(client.result()).isEqualTo(Result.REFUSED);
        assertThat(client.detail()).isEqualTo("HTTP 500, Fo03 StUF016");
        assertThat(callbacks.outcome(401, "{}").result()).isEqualTo(Result.REFUSED);
        assertThat(callbacks.unreachable(new java.net.ConnectException()).result()).isEqualTo(Result.RETRY);
    }

    @Test
    void aRetryKeepsTheMessageAndDoublesTheWaitUntilItGivesUp() throws Exception {
        MutableClock clock = new MutableClock(t0);
        SimulatorCallbacks callbacks = callbacks(clock);
        Callback planned = callbacks.technicalFeedback(StufIds.newReferentienummer(), "0363", approvedWmo());
        byte[] request = callbacks.request(planned);

        SimulatorCallbacks.Retry first = callbacks.retry(planned);
        assertThat(first.giveUp()).isFalse();
        assertThat(first.delayMs()).isEqualTo(1000);
        SimulatorCallbacks.Retry second = callbacks.retry(first.next());
        assertThat(second.delayMs()).isEqualTo(2000);
        assertThat(callbacks.request(second.next())).as("the same bytes on every try").isEqualTo(request);

        clock.now = t0.plus(Duration.ofMinutes(10));
        assertThat(callbacks.retry(second.next()).giveUp()).isTrue();
    }

    @Test
    void anApprovedWmoFeedbackIsFollowedByASpiegelrapportAndNothingElseIs() throws Exception {
        SimulatorCallbacks callbacks = callbacks(Clock.fixed(t0, ZoneOffset.UTC));
        Callback feedback = callbacks.technicalFeedback(StufIds.newReferentienummer(), "0363", approvedWmo());
        assertThat(callbacks.soapAction(feedback)).endsWith("/ggk_Du01");
        assertThat(new String(callbacks.request(feedback), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<StUF:crossRefnummer>" + feedback.crossRefnummer() + "</StUF:crossRefnummer>",
                        "bestandsnaam=\"technische-terugkoppeling-0363_WMO_2026H1.pdf\"");

        Callback spiegel = callbacks.followUp(feedback);
        assertThat(spiegel.kind()).isEqualTo(Callback.Kind.SPIEGELRAPPORT);
        assertThat(spiegel.bestandsnaam()).isEqualTo("spiegelrapport-0363_WMO_2026H1.pdf");
        assertThat(callbacks.soapAction(spiegel)).endsWith("/ggk_Di01");
        assertThat(callbacks.followUp(spiegel)).isNull();

        Checked rejected = new Checked("0363_WMO_2026H1.csv", "WMO", "2026H1", false, 3,
                List.of(new SimulatorCheck.RuleCount("BSN", 2)), 2, Map.of());
        assertThat(callbacks.followUp(callbacks.technicalFeedback(StufIds.newReferentienummer(), "0363", rejected)))
                .as("a rejected file gets no spiegelrapport").isNull();
        Checked jeugd = new Checked("0363_JEUGD_2026H1.csv", "JEUGD", "2026H1", true, 1, List.of(), 0, Map.of());
        assertThat(callbacks.followUp(callbacks.technicalFeedback(StufIds.newReferentienummer(), "0363", jeugd)))
                .as("only WMO files are mirrored").isNull();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
