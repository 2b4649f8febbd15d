package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/**
 * The whole flow per intake channel, as a municipality sees it: outbound files, Fo01s in its outbox and
 * the track &amp; trace story, entry by entry.
 */
class DeliveryFlowTest extends HubTestSupport {

    /** What gemeente 0384 may send of the 21 samples (issue: "Done when"). */
    private static final Set<String> ALLOWED_FOR_0384 =
            Set.of("WMO301", "WMO319", "JW301", "JW316", "JW318", "JW319", "JW325");

    @Test
    void zipOfAllSamplesDroppedInTheInboxIsForwardedOrRefusedEntryByEntry() throws Exception {
        byte[] zip = Zips.zip(Zips.istandaardenSamples());
        Path part = data("inbox/0384/alle-berichten.zip.part");
        Files.createDirectories(part.getParent());
        Files.write(part, zip);
        Files.move(part, data("inbox/0384/alle-berichten.zip"));

        String id = await().atMost(Duration.ofSeconds(30)).until(() -> deliveryIdOf("0384", "alle-berichten.zip"),
                found -> found != null);
        JsonNode trace = awaitFinal(id, "demo-0384");

        assertSamplesOutcome(trace, id, "0384");
        assertThat(trace.get("channel").asText()).isEqualTo("FOLDER");
        try (Stream<Path> archived = Files.walk(data("archive/0384"))) {
            assertThat(archived.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("alle-berichten") && name.endsWith(".zip"));
        }
        assertThat(data("inbox/0384/alle-berichten.zip")).doesNotExist();
    }

    @Test
    void zipOfAllSamplesPostedOverHttpTellsTheSameStory() throws Exception {
        byte[] zip = Zips.zip(Zips.istandaardenSamples());
        HttpResponse<String> response = post("/api/v1/deliveries", "demo-0384", "application/zip", zip,
                "Content-Disposition", "attachment; filename=berichten-http.zip");
        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();

        JsonNode trace = awaitFinal(id, "demo-0384");

        assertSamplesOutcome(trace, id, "0384");
        assertThat(trace.get("channel").asText()).isEqualTo("HTTP");
    }

    @Test
    void messageOnTheInboundQueueIsForwardedWithAnEnvelope() throws Exception {
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        template.sendBodyAndHeaders("activemq6:queue:ggk.inbound", wmo301,
                Map.of("GgkOrganisation", "0384", "GgkFilename", "WMO301-via-jms.xml"));

        String id = await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveryIdOf("0384", "WMO301-via-jms.xml"), found -> found != null);
        JsonNode trace = awaitFinal(id, "demo-0384");

        assertThat(trace.get("channel").asText()).isEqualTo("JMS");
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("IWMO");
        assertThat(entry.get("functie").asText()).isEqualTo("WMO301");
        assertThat(statuses(entry)).containsExactly("CLASSIFIED", "QUEUED", "FORWARDED");
        Path forwarded = data("outbound/iwmo/" + id + "-0-WMO301-via-jms.xml");
        assertThat(forwarded).exists();
        // it arrived bare: the hub wrapped it in a StUF-GGk 0210 Di01 envelope holding the original bytes
        StufSchemas.assertValidEnvelope(forwarded);
        Path payload = Files.createTempFile(dataDir, "payload", ".xml");
        StufSchemas.envelopePayload(forwarded, payload);
        assertThat(Files.readAllBytes(payload)).isEqualTo(wmo301);
    }

    @Test
    void messageFromAnUnknownOrganisationOnTheQueueIsQuarantinedWithItsReason() throws Exception {
        template.sendBodyAndHeaders("activemq6:queue:ggk.inbound", "<x/>".getBytes(StandardCharsets.UTF_8),
                Map.of("GgkOrganisation", "9999", "GgkFilename", "onbekend.xml"));

        Path reason = await().atMost(Duration.ofSeconds(20))
                .until(() -> findFile(data("quarantine/9999"), "onbekend.xml.reason.txt"), found -> found != null);
        assertThat(Files.readString(reason)).contains("not-authorised").contains("9999");
        assertThat(findFile(data("quarantine/9999"), "onbekend.xml")).isNotNull();
    }

    @Test
    void fileInTheFolderOfAnUnknownOrganisationIsQuarantinedWithItsReason() throws Exception {
        Path dropped = data("inbox/9998/lijst.csv");
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "20260701;9998\n");

        Path reason = await().atMost(Duration.ofSeconds(20))
                .until(() -> findFile(data("quarantine/9998"), "lijst.csv.reason.txt"), found -> found != null);
        assertThat(Files.readString(reason)).contains("not-authorised");
        // the file consumer moves the original once the route has written the reason
        await().atMost(Duration.ofSeconds(10)).until(() -> findFile(data("quarantine/9998"), "lijst.csv") != null);
        assertThat(dropped).doesNotExist();
    }

    @Test
    void singleFileOver25MbIsRefusedWithIB003AndKept() throws Exception {
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        HttpResponse<String> response = post("/api/v1/deliveries?filename=groot.xml", "demo-0384", "application/xml",
                big);
        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();

        JsonNode trace = awaitFinal(id, "demo-0384");

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("IB003");
        StufSchemas.assertValidFo01(data("outbox/" + entry.get("fo01").get("file").asText()));
        assertThat(data("quarantine/0384/" + id + "-0-groot.xml")).hasSize(big.length);
    }

    private void assertSamplesOutcome(JsonNode trace, String id, String org) throws IOException {
        JsonNode entries = trace.get("entries");
        assertThat(entries).hasSize(21);
        Set<String> forwarded = new TreeSet<>();
        Set<String> refused = new TreeSet<>();
        for (JsonNode entry : entries) {
            String functie = entry.get("functie").asText();
            assertThat(entry.get("kind").asText()).isEqualTo(functie.startsWith("WMO") ? "IWMO" : "IJW");
            assertThat(entry.get("name").asText()).isEqualTo(functie + ".xml");
            if (entry.get("status").asText().equals("FORWARDED")) {
                forwarded.add(functie);
                assertThat(entry.get("fo01").isNull()).isTrue();
                assertThat(statuses(entry)).containsExactly("CLASSIFIED", "QUEUED", "FORWARDED");
                String folder = functie.startsWith("WMO") ? "iwmo" : "ijw";
                Path out = data("outbound/" + folder + "/" + id + "-" + entry.get("index").asInt() + "-" + functie
                        + ".xml");
                assertThat(out).exists();
                StufSchemas.assertValidEnvelope(out);
            } else {
                assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
                refused.add(functie);
                assertThat(entry.get("fo01").get("code").asText()).isEqualTo("IB006");
                Path fo01 = data("outbox/" + entry.get("fo01").get("file").asText());
                assertThat(fo01).exists();
                StufSchemas.assertValidFo01(fo01);
                String xml = Files.readString(fo01);
                assertThat(xml).contains("<StUF:crossRefnummer>" + id + "</StUF:crossRefnummer>")
                        .contains("<StUF:organisatie>" + org + "</StUF:organisatie>")
                        .contains("<StUF:code>IB006</StUF:code>");
            }
        }
        assertThat(forwarded).isEqualTo(new TreeSet<>(ALLOWED_FOR_0384));
        assertThat(refused).hasSize(14);
        assertThat(trace.get("status").asText()).isEqualTo("FORWARDED");
        assertThat(statuses(trace)).containsExactly("RECEIVED", "SPLIT", "QUEUED", "FORWARDED");
        assertThat(trace.get("counts").get("REJECTED").asInt()).isEqualTo(14);
    }

    private static List<String> statuses(JsonNode node) {
        List<String> result = new ArrayList<>();
        node.get("events").forEach(e -> result.add(e.get("status").asText()));
        return result;
    }

    private static Path findFile(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }
}
