package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Validated GMSD files forwarded to the CBS simulator of the embedded default, exactly once, through outages. */
@OwnHub("it switches the CBS simulator's mode")
// its own hub, mostly waiting on CBS answers and scheduled retries: it runs beside the other classes, after the
// forked-hub classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
// the class beside the others, its tests one after the other (a lock of its own keeps them on one thread)
@ResourceLock("CbsForwardingFlowTest")
@Order(10)
class CbsForwardingFlowTest extends HubTestSupport {

    private static final String WMO = "0384_WMO_2026H1.csv";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        // a short back-off, so an outage of seconds is waited out in a test
        overrides.setProperty("ggk.cbs.retry.initial-delay-ms", "200");
        overrides.setProperty("ggk.cbs.retry.max-delay-ms", "1000");
        return overrides;
    }

    @AfterEach
    void healthySimulator() {
        control("mode=healthy");
    }

    @Test
    void aValidFileIsForwardedToCbsOnceAndTrackAndTraceSaysSo() throws Exception {
        String id = deliver(WMO, "demo-0384", "text/csv", example(WMO));

        JsonNode entry = awaitEntry(id, "FORWARDED");
        assertThat(eventDetails(entry)).anyMatch(d -> d.startsWith("verzonden naar CBS, ontvangst bevestigd"));
        assertThat(statuses(entry)).containsSubsequence("VALIDATED", "FORWARDED");
        String ref = referentienummer(entry);
        assertThat(receipts().get(ref).asInt()).isEqualTo(1);
    }

    @Test
    void cbsRefusingWithFo03RejectsTheFileAndTheMunicipalityGetsAnFo01() throws Exception {
        control("mode=fo03&code=StUF055");
        String name = "0384_JEUGD_2026H1.csv";
        String id = deliver(name, "demo-0384", "text/csv", example(name));

        JsonNode entry = awaitEntry(id, "REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK030");
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox("0384").stream()
                .anyMatch(f -> f.startsWith("Fo01-" + id)));
    }

    @Test
    void duringAnOutageEveryFileWaitsAndArrivesExactlyOnceAfterRecovery() throws Exception {
        // CBS is down until the test has seen every file wait for it (no outage length the test's pace must beat)
        control("mode=unavailable&seconds=600");
        List<String> ids = new ArrayList<>();
        String[] names = {"0384_WMO_2026H1.csv", "0384_KOSTENWMO_2026H1.csv", "0384_SBO_2026H1.csv",
                "0384_JEUGD_2026H1.csv"};
        for (String name : names) {
            ids.add(deliver(name, "demo-0384", "text/csv", example(name)));
        }
        // iWmo traffic during the outage is not held up by the files waiting for CBS
        String iwmo = deliver("WMO301.xml", "demo-0384", "application/xml",
                Zips.istandaardenSamples().get("WMO301.xml"));
        assertThat(awaitFinal(iwmo, "demo-0384").get("status").asText()).isEqualTo("FORWARDED");
        for (String id : ids) {
            assertThat(delivery(id, "demo-0384").get("entries").get(0).get("status").asText())
                    .as("still waiting for CBS").isEqualTo("VALIDATED");
        }

        for (String id : ids) {
            await("a retry of " + id + " shown").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> eventDetails(delivery(id, "demo-0384").get("entries").get(0)).stream()
                            .anyMatch(d -> d.startsWith("CBS niet bereikbaar (HTTP 503)")));
        }
        control("mode=healthy");

        List<String> refs = new ArrayList<>();
        for (String id : ids) {
            JsonNode entry = awaitEntry(id, "FORWARDED");
            assertThat(eventDetails(entry)).as("the retries are shown").anyMatch(d -> d.startsWith("CBS niet bereikbaar (HTTP 503)"));
            refs.add(referentienummer(entry));
        }
        JsonNode receipts = receipts();
        for (String ref : refs) {
            assertThat(receipts.get(ref).asInt()).as("Bv03s for %s", ref).isEqualTo(1);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static byte[] example(String name) throws Exception {
        return Files.readAllBytes(Path.of("docs/examples", name));
    }

    JsonNode awaitEntry(String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384").get("entries").get(0),
                        entry -> status.equals(entry.get("status").asText()));
    }

    static List<String> eventDetails(JsonNode entry) {
        List<String> details = new ArrayList<>();
        entry.get("events").forEach(e -> details.add(e.path("detail").asText()));
        return details;
    }

    static List<String> statuses(JsonNode entry) {
        List<String> statuses = new ArrayList<>();
        entry.get("events").forEach(e -> statuses.add(e.get("status").asText()));
        return statuses;
    }

    static String referentienummer(JsonNode entry) {
        for (String detail : eventDetails(entry)) {
            int at = detail.indexOf("referentienummer ");
            if (at >= 0) {
                return detail.substring(at + "referentienummer ".length()).trim();
            }
        }
        throw new AssertionError("no referentienummer in " + entry);
    }

    JsonNode receipts() {
        return json(get("/sim/cbs/receipts", null).body());
    }

    void control(String query) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/sim/cbs/control?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    List<String> outbox(String org) throws Exception {
        try (Stream<Path> files = Files.list(data("outbox/" + org))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
