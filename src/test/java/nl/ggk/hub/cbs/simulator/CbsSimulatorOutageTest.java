package nl.ggk.hub.cbs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** CBS down for 30 s: the files wait on the broker, arrive exactly once after it recovers, and iWMO goes on. */
@OwnHub("it switches the CBS simulator into an outage")
// its own hub, mostly waiting on CBS answers and scheduled retries: it runs beside the other classes, after the
// forked-hub classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
// the class beside the others, its tests one after the other (a lock of its own keeps them on one thread)
@ResourceLock("CbsSimulatorOutageTest")
@Order(10)
class CbsSimulatorOutageTest extends HubTestSupport {

    private static final String[] GEMEENTEN = {"0363", "0518", "0599", "0546", "0547"};

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        // a short back-off: retried every 2 s at most, so the test ends soon after CBS is back
        overrides.setProperty("ggk.cbs.retry.initial-delay-ms", "500");
        overrides.setProperty("ggk.cbs.retry.max-delay-ms", "2000");
        overrides.setProperty("ggk.cbs.simulator.feedback-delay-ms", "300");
        overrides.setProperty("ggk.cbs.simulator.spiegelrapport-delay-ms", "300");
        return overrides;
    }

    @Test
    void twentyFilesDeliveredWhileCbsIsDownArriveExactlyOnceAfterItRecoversAndIwmoTrafficIsNotHeldUp()
            throws Exception {
        // down for at least 30 s, and until every file has met the outage (on a busy machine the 20 checks take a
        // while): then told to recover
        control("mode=unavailable&seconds=600");
        Instant downUntil = Instant.now().plusSeconds(30);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String gemeente = GEMEENTEN[i % GEMEENTEN.length];
            int year = 2021 + i / GEMEENTEN.length;
            String name = gemeente + "_WMO_" + year + "H1.csv";
            files.put(deliver(name, "demo-" + gemeente, "text/csv", CbsSimulatorChainTest.wmoFile(gemeente, year)),
                    name);
        }

        // iWMO traffic during the outage reaches its outbound endpoint while CBS is still down
        String iwmo = deliver("WMO301.xml", "demo-0384", "application/xml",
                Zips.istandaardenSamples().get("WMO301.xml"));
        assertThat(awaitFinal(iwmo, "demo-0384").get("status").asText()).isEqualTo("FORWARDED");
        assertThat(filesIn("outbound/iwmo")).isNotEmpty();
        assertThat(json(get("/sim/cbs/receipts", null).body()).size()).as("CBS took nothing yet").isZero();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Map.Entry<String, String> file : files.entrySet()) {
                JsonNode entry = entry(file.getKey(), file.getValue());
                assertThat(entry.get("status").asText()).as("waiting for CBS").isIn("QUEUED", "VALIDATED");
                assertThat(entry.get("events").toString()).as("%s met the outage", file.getValue())
                        .contains("CBS niet bereikbaar (HTTP 503)");
            }
            assertThat(Instant.now()).isAfter(downUntil);
        });
        control("mode=healthy");

        List<String> refs = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            JsonNode entry = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> entry(file.getKey(), file.getValue()),
                            e -> "FORWARDED".equals(e.get("status").asText()));
            List<String> details = new ArrayList<>();
            entry.get("events").forEach(e -> details.add(e.path("detail").asText()));
            assertThat(details).as("the retries are shown").anyMatch(d -> d.startsWith("CBS niet bereikbaar (HTTP 503)"));
            refs.add(details.stream().filter(d -> d.startsWith("verzonden naar CBS, ontvangst bevestigd")).findFirst()
                    .map(d -> d.substring(d.indexOf("referentienummer ") + "referentienummer ".length()).trim())
                    .orElseThrow());
        }
        JsonNode receipts = json(get("/sim/cbs/receipts", null).body());
        for (String ref : refs) {
            assertThat(receipts.path(ref).asInt()).as("Bv03s for %s", ref).isEqualTo(1);
        }
        assertThat(refs).doesNotHaveDuplicates();

        // and CBS's technical feedback on each file reaches its gemeente once
        for (String name : files.values()) {
            String gemeente = name.substring(0, 4);
            String prefix = "technische-terugkoppeling-cbs-" + name.replace(".csv", "") + "-";
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> filesIn("outbox/" + gemeente).stream().filter(f -> f.startsWith(prefix)).count() == 1);
        }
    }

    private JsonNode entry(String id, String name) {
        return delivery(id, "demo-" + name.substring(0, 4)).get("entries").get(0);
    }

    private void control(String query) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/sim/cbs/control?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private List<String> filesIn(String relative) throws Exception {
        Path dir = data(relative);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> found = Files.list(dir)) {
            return found.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }
}
