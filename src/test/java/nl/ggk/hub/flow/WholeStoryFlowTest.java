package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/** Duplicates recognised, GMSD replacements, the delivery's whole story, health and metrics (issue 8). */
@OwnHub("its metrics test reads the series of a hub that has failed no delivery yet")
class WholeStoryFlowTest extends HubTestSupport {

    @Test
    void theSameZipPostedTwiceIsAcceptedTwiceButEachMessageIsForwardedOnce() throws Exception {
        byte[] zip = Zips.zip(Zips.istandaardenSamples());
        String first = deliver("berichten-twee-keer.zip", "demo-0384", "application/zip", zip);
        JsonNode firstTrace = awaitFinal(first, "demo-0384");
        String second = deliver("berichten-twee-keer.zip", "demo-0384", "application/zip", zip);
        JsonNode secondTrace = awaitFinal(second, "demo-0384");

        assertThat(firstTrace.get("duplicateOf").isNull()).isTrue();
        assertThat(secondTrace.get("duplicateOf").asText()).isEqualTo(first);
        assertThat(secondTrace.get("events").get(0).get("detail").asText()).contains("dezelfde inhoud als de levering van ");

        List<String> wmo301 = new ArrayList<>();
        try (Stream<Path> files = Files.list(data("outbound/iwmo"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-WMO301.xml"))
                    .filter(n -> n.startsWith(first) || n.startsWith(second)).forEach(wmo301::add);
        }
        assertThat(wmo301).as("WMO301 forwarded once").hasSize(1);
        assertThat(wmo301.get(0)).startsWith(first);

        JsonNode again = entry(secondTrace, "WMO301.xml");
        assertThat(again.get("status").asText()).isEqualTo("REJECTED");
        assertThat(again.get("fo01").get("code").asText()).isEqualTo("GGK020");
        String fo01 = Files.readString(data("outbox/" + again.get("fo01").get("file").asText()),
                StandardCharsets.UTF_8);
        assertThat(fo01).contains("al eerder doorgestuurd").contains(first);
        assertThat(secondTrace.get("status").asText()).isEqualTo("REJECTED");
        assertThat(secondTrace.get("counts").get("REJECTED").asInt()).isEqualTo(21);
    }

    @Test
    void everyStatusChangeOfTheDeliveryIsAnEventAndTheCountsAreShown() throws Exception {
        String id = deliver("alle-berichten-verhaal.zip", "demo-0384", "application/zip",
                Zips.zip(Zips.istandaardenSamples()));
        JsonNode trace = awaitFinal(id, "demo-0384");

        List<String> statuses = new ArrayList<>();
        trace.get("events").forEach(e -> statuses.add(e.get("status").asText()));
        assertThat(statuses).containsExactly("RECEIVED", "SPLIT", "QUEUED", "FORWARDED");
        assertThat(trace.get("events").get(3).get("detail").asText())
                .isEqualTo("21 bestanden: 7 doorgestuurd, 14 geweigerd");
        assertThat(trace.get("counts").get("FORWARDED").asInt()).isEqualTo(7);
        assertThat(trace.get("counts").get("REJECTED").asInt()).isEqualTo(14);

        JsonNode item = json(get("/api/v1/deliveries?filename=ALLE-berichten-verhaal", "demo-0384").body());
        assertThat(item.get("items")).hasSize(1);
        assertThat(item.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(item.get("items").get(0).get("status").asText()).isEqualTo("FORWARDED");
        assertThat(item.get("items").get(0).get("counts").get("REJECTED").asInt()).isEqualTo(14);
        assertThat(json(get("/api/v1/deliveries?filename=niet-bestaand", "demo-0384").body()).get("items")).isEmpty();
    }

    @Test
    void aNewGmsdDeliveryOfTheSameHalfYearReplacesTheEarlierOne() throws Exception {
        byte[] csv = Files.readAllBytes(Path.of("docs/examples/0384_WMO_2026H1.csv"));
        String first = deliver("0384_WMO_2026H1.csv", "demo-0384", "text/csv", csv);
        awaitFinal(first, "demo-0384");
        String second = deliver("0384_WMO_2026H1.csv", "demo-0384", "text/csv", csv);
        awaitFinal(second, "demo-0384");

        JsonNode earlier = await().atMost(Duration.ofSeconds(30)).until(() -> delivery(first, "demo-0384"),
                t -> hasEvent(t.get("events"), "REPLACED"));
        // VALIDATED, or FORWARDED once the CBS simulator of the embedded default took it
        assertThat(earlier.get("status").asText()).as("its statuses keep their meaning")
                .isIn("VALIDATED", "FORWARDED");
        assertThat(eventDetail(earlier.get("events"), "REPLACED")).startsWith("vervangen door de levering van ")
                .contains("(0384 WMO 2026H1)").doesNotContain(second).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");

        JsonNode later = delivery(second, "demo-0384");
        JsonNode entry = later.get("entries").get(0);
        assertThat(eventDetail(entry.get("events"), "REPLACES")).startsWith("vervangt de levering van ")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
        String feedback = entry.get("feedback").asText();
        assertThat(feedback).startsWith("0384/technische-terugkoppeling-0384_WMO_2026H1");
        Map<String, byte[]> zip = Reports.unzip(Files.readAllBytes(data("outbox/" + feedback)));
        // the PDF breaks lines inside the id
        assertThat(Reports.pdfText(zip.get("technische-terugkoppeling.pdf")).replaceAll("\\s+", ""))
                .contains("vervangtdeeerderelevering" + first);
    }

    @Test
    void healthSaysWhatEachCheckFoundByDefault() {
        String health = await().atMost(Duration.ofSeconds(30)).until(() -> managementGet("/observe/health"),
                h -> h.contains("disk-space"));
        assertThat(health).contains("broker reachable").contains("H2 reachable")
                .containsPattern("\\d+ bytes free on the data root").contains("route:split-classify");
    }

    @Test
    void healthShowsEveryCheckWithItsDetails() {
        String health = await().atMost(Duration.ofSeconds(30)).until(() -> managementGet("/observe/health?data=true"),
                h -> h.contains("disk-space"));
        assertThat(health).contains("broker").contains("reachable").contains("database").contains("product")
                .contains("free.bytes").contains("route:split-classify");
    }

    @Test
    void everyGgkMetricHasAHelpTextAndEverySeriesExistsFromTheStart() {
        String metrics = managementGet("/observe/metrics");
        assertThat(metrics).contains("# HELP ggk_deliveries_total Deliveries by status")
                .contains("# HELP ggk_entries_total Entries of deliveries")
                .contains("ggk_deliveries_total{status=\"FAILED\"} 0.0")
                .contains("ggk_entries_total{kind=\"SVB\",status=\"FAILED\"} 0.0");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ggk_")) {
                String name = line.substring(0, line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' '));
                // a summary's series (_count, _sum) share the HELP of their family
                String family = name.replaceFirst("_(count|sum|bucket)$", "");
                assertThat(metrics).as("HELP of " + name).containsAnyOf("# HELP " + name + " ", "# HELP " + family + " ");
            }
        }
    }

    private static JsonNode entry(JsonNode trace, String name) {
        for (JsonNode e : trace.get("entries")) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name + " in " + trace);
    }

    private static boolean hasEvent(JsonNode events, String status) {
        for (JsonNode e : events) {
            if (e.get("status").asText().equals(status)) {
                return true;
            }
        }
        return false;
    }

    private static String eventDetail(JsonNode events, String status) {
        for (JsonNode e : events) {
            if (e.get("status").asText().equals(status)) {
                return e.get("detail").asText();
            }
        }
        throw new AssertionError("no " + status + " event in " + events);
    }
}
