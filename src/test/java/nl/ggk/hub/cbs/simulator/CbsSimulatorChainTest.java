package nl.ggk.hub.cbs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Reports;
import org.junit.jupiter.api.Test;

/**
 * The whole CBS chain on the embedded default: a WMO file goes in, and the gemeente finds the hub's technical
 * feedback, CBS's (the simulator's) technical feedback and a spiegelrapport in its outbox, each a ZIP holding a PDF,
 * and every step in track &amp; trace. The simulator calls the hub's web service back over HTTP, as RINIS would.
 */
class CbsSimulatorChainTest extends HubTestSupport {


    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.cbs.simulator.feedback-delay-ms", "300");
        overrides.setProperty("ggk.cbs.simulator.spiegelrapport-delay-ms", "300");
        return overrides;
    }

    /** A valid WMO file of the working specification for {@code gemeente}, first half of {@code year}. */
    static byte[] wmoFile(String gemeente, int year) throws Exception {
        String example = Files.readString(Path.of("docs/examples/0384_WMO_2026H1.csv"));
        return example.replace(";0384;", ";" + gemeente + ";").replace("2026", String.valueOf(year))
                .replace("2025", String.valueOf(year - 1)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWmoFileDroppedInTheInboxBringsTheHubsFeedbackThenCbsFeedbackThenASpiegelrapport() throws Exception {
        String name = "0363_WMO_2024H1.csv";
        Path part = data("inbox/0363/" + name + ".part");
        Files.write(part, wmoFile("0363", 2024));
        Files.move(part, data("inbox/0363/" + name), StandardCopyOption.ATOMIC_MOVE);

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryIdOf("0363", name), v -> v != null);
        JsonNode entry = awaitBothReports(id, "demo-0363");

        assertTheThreeReportsIn("0363", entry);
    }

    @Test
    void aWmoFileSentAsADi01ToTheWebServiceBringsTheSameThreeReports() throws Exception {
        String name = "0363_WMO_2023H1.csv";
        ByteArrayOutputStream di01 = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDi01(Di01Request.tekstBestand(
                StufSysteem.of("0363", "Zorgsysteem"), "CBS", "Dummy", name),
                new ByteArrayInputStream(wmoFile("0363", 2023)), di01);
        HttpResponse<String> answer = post("/ws/ggk0210", "demo-0363", "text/xml; charset=utf-8",
                soap(di01.toString(StandardCharsets.UTF_8)),
                "SOAPAction", "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Bv03Bericht");

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryIdOf("0363", name), v -> v != null);
        JsonNode entry = awaitBothReports(id, "demo-0363");

        assertTheThreeReportsIn("0363", entry);
    }

    @Test
    void cbsReportsOnAFileSwvHrDeliveredForLeidenReachLeidenAndSwvHrButNotLeiderdorp() throws Exception {
        String name = "0546_WMO_2024H1.csv";
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=" + name, "demo-SWV-HR", "text/csv",
                wmoFile("0546", 2024), "X-Organisation", "0546");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();

        JsonNode entry = awaitBothReports(id, "demo-SWV-HR");

        List<String> cbsZips = zipsNamedIn(entry, "demo-SWV-HR");
        assertThat(cbsZips).hasSize(2);
        for (String zip : cbsZips) {
            assertThat(pdfIn(data("outbox/0546/" + zip))).startsWith("%PDF-");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(data("outbox/SWV-HR/" + zip)));
            assertThat(Files.readAllBytes(data("outbox/SWV-HR/" + zip)))
                    .isEqualTo(Files.readAllBytes(data("outbox/0546/" + zip)));
        }
        assertThat(filesIn("0547")).noneMatch(f -> f.contains("0546"));
        // Leiden reads the same story
        assertThat(zipsNamedIn(delivery(id, "demo-0546").get("entries").get(0), "demo-0546")).isEqualTo(cbsZips);
    }

    @Test
    void anOptInGoesToCbsAndGetsTheBv03OnlyNoReport() throws Exception {
        HttpResponse<String> posted = post("/api/v1/optin", "demo-0363", "application/json",
                ("{\"organisation\":\"0363\",\"year\":2026,\"half\":2,\"WMO_BASIS\":\"J\",\"WMO_FACULTATIEF\":\"N\","
                        + "\"JEUGD\":\"J\",\"SBO\":\"J\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("deliveryId").asText();

        JsonNode entry = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0363").get("entries").get(0),
                        e -> "FORWARDED".equals(e.get("status").asText()));
        String ref = CbsForwardingRef.of(entry);
        assertThat(json(get("/sim/cbs/receipts", null).body()).path(ref).asInt()).isEqualTo(1);
        // what CBS received, as an operator reads it from the simulator: the opt-in file of 0363, accepted once
        JsonNode received = null;
        for (JsonNode item : json(get("/sim/cbs/received", null).body())) {
            if (item.get("referentienummer").asText().equals(ref)) {
                received = item;
            }
        }
        assertThat(received).as("GET /sim/cbs/received lists %s", ref).isNotNull();
        assertThat(received.get("zender").asText()).isEqualTo("0363");
        assertThat(received.get("bestandsnaam").asText()).contains("0363_OPTIN_2026H2");
        assertThat(received.get("accepted").asInt()).isEqualTo(1);
        // well past the feedback delay (and the broker scheduler's ~2 s): still no report from CBS
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(
                () -> filesIn("0363").stream().noneMatch(f -> f.contains("-cbs-0363_OPTIN_2026H2")));
        assertThat(zipsNamedIn(delivery(id, "demo-0363").get("entries").get(0), "demo-0363")).isEmpty();
    }

    /** The referentienummer of the hub's Di01, from the FORWARDED event. */
    private static final class CbsForwardingRef {
        static String of(JsonNode entry) {
            for (String detail : details(entry)) {
                int at = detail.indexOf("referentienummer ");
                if (detail.startsWith("verzonden naar CBS") && at >= 0) {
                    return detail.substring(at + "referentienummer ".length()).trim();
                }
            }
            throw new AssertionError("not forwarded: " + entry);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void assertTheThreeReportsIn(String org, JsonNode entry) throws Exception {
        String hubFeedback = entry.get("feedback").asText();
        assertThat(hubFeedback).startsWith(org + "/technische-terugkoppeling-");
        List<String> cbsZips = zipsNamedIn(entry, "demo-" + org);
        assertThat(cbsZips).hasSize(2);
        assertThat(cbsZips.get(0)).startsWith("technische-terugkoppeling-cbs-");
        assertThat(cbsZips.get(1)).startsWith("spiegelrapport-cbs-");

        assertThat(pdfIn(data("outbox/" + hubFeedback))).startsWith("%PDF-");
        String feedback = Reports.pdfText(pdfBytesIn(data("outbox/" + org + "/" + cbsZips.get(0))));
        assertThat(feedback).contains("Technische terugkoppeling CBS", "goedgekeurd", "Aantal records");
        String spiegel = Reports.pdfText(pdfBytesIn(data("outbox/" + org + "/" + cbsZips.get(1))));
        // Amsterdam (930,000 inhabitants) against the synthetic average of the largest class: 15,7 per 1,000 for 01
        assertThat(spiegel).contains("Spiegelrapport Wmo", "Amsterdam (0363)", "250.000 inwoners of meer",
                "01 Hulp bij het huishouden 1 0,0 15,7");

        // track & trace tells each step, in this order
        List<String> details = details(entry);
        int forwarded = indexOf(details, "verzonden naar CBS, ontvangst bevestigd");
        int cbsFeedback = indexOf(details, "terugkoppeling CBS ontvangen: technische terugkoppeling");
        int spiegelrapport = indexOf(details, "terugkoppeling CBS ontvangen: spiegelrapport");
        assertThat(List.of(forwarded, cbsFeedback, spiegelrapport)).as(details.toString()).isSorted()
                .doesNotContain(-1);
        assertThat(statuses(entry)).containsSubsequence("VALIDATED", "FORWARDED");
    }

    private JsonNode awaitBothReports(String id, String key) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                // the report's outbox item is linked a moment before its track & trace event is written
                .until(() -> delivery(id, key).get("entries").get(0), e -> zipsNamedIn(e, key).size() >= 2
                        && indexOf(details(e), "terugkoppeling CBS ontvangen: spiegelrapport") >= 0);
    }

    /** The file names of CBS's reports about the entry (its outbox links of those kinds), as {@code key} reads them. */
    private List<String> zipsNamedIn(JsonNode entry, String key) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        json(get("/api/v1/outbox?size=200", key).body()).get("items")
                .forEach(i -> names.put(i.get("id").asText(), i.get("fileName").asText()));
        List<String> zips = new ArrayList<>();
        for (JsonNode link : entry.get("outbox")) {
            String kind = link.get("kind").asText();
            String name = names.get(link.get("id").asText());
            if ((kind.equals("TECHNISCHE_TERUGKOPPELING_CBS") || kind.equals("SPIEGELRAPPORT")) && name != null
                    && !zips.contains(name)) {
                zips.add(name);
            }
        }
        return zips;
    }

    private static List<String> details(JsonNode entry) {
        List<String> details = new ArrayList<>();
        entry.get("events").forEach(e -> details.add(e.path("detail").asText()));
        return details;
    }

    private static List<String> statuses(JsonNode entry) {
        List<String> statuses = new ArrayList<>();
        entry.get("events").forEach(e -> statuses.add(e.get("status").asText()));
        return statuses;
    }

    private static int indexOf(List<String> details, String start) {
        for (int i = 0; i < details.size(); i++) {
            if (details.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    private static String pdfIn(Path zip) throws Exception {
        return new String(pdfBytesIn(zip), 0, 5, StandardCharsets.US_ASCII);
    }

    private static byte[] pdfBytesIn(Path zip) throws Exception {
        Map<String, byte[]> entries = Reports.unzip(Files.readAllBytes(zip));
        return entries.entrySet().stream().filter(e -> e.getKey().endsWith(".pdf")).findFirst()
                .orElseThrow(() -> new AssertionError("no PDF in " + zip + ": " + entries.keySet())).getValue();
    }

    private List<String> filesIn(String org) throws Exception {
        Path dir = data("outbox/" + org);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] soap(String stuf) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body>" + stuf.replaceFirst("^<\\?xml[^>]*\\?>", "") + "</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
