package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import nl.ggk.hub.testsupport.Zips;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a municipality reads when the hub recognises a file by its content and when it refuses one: the kind
 * comes from the bytes, not the name, and every refusal says in Dutch what is wrong and what to do.
 */
@OwnHub("it advises split-classify")
class DutchAnswersFlowTest extends HubTestSupport {

    @Test
    void anIwmoMessageNamedDotZipIsForwardedNotRefusedAsABrokenZip() {
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");

        JsonNode trace = postAndAwait("WMO301.zip", "application/zip", wmo301);

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("IWMO");
        assertThat(entry.get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void aZipNamedDotCsvIsSplitByItsContent() {
        byte[] zip = Zips.zip(java.util.Map.of("WMO301.xml", Zips.istandaardenSamples().get("WMO301.xml")));

        JsonNode trace = postAndAwait("0384_WMO_2026H1.csv", "text/csv", zip);

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("name").asText()).isEqualTo("WMO301.xml");
        assertThat(entry.get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void aCsvWithALowerCaseTypeGetsGgk002AndTheTechnicalFeedbackBothNamingTheCorrectSpelling() throws Exception {
        byte[] csv = "20260701;0384;999990007;01;1;20260101;;1;;;10;04;2;;\n".getBytes(StandardCharsets.UTF_8);

        JsonNode trace = postAndAwait("0384_wmo_2026H1.csv", "text/csv", csv);

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK002");
        Path fo01 = data("outbox/" + entry.get("fo01").get("file").asText());
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("<StUF:code>GGK002</StUF:code>")
                .contains("&lt;gemeentecode&gt;_&lt;TYPE&gt;_&lt;jjjj&gt;H&lt;1|2&gt;.csv")
                .contains("Hernoem naar 0384_WMO_2026H1.csv (hoofdletters) en lever opnieuw aan.");
        assertThat(lastDetail(entry)).contains("GGK002").contains("Hernoem naar 0384_WMO_2026H1.csv");

        // refused by its name before the GMSD check, it gets the check's feedback ZIP all the same
        String feedback = entry.get("feedback").asText();
        assertThat(feedback).matches("0384/technische-terugkoppeling-0384_wmo_2026H1-\\d{8}T\\d{6}-"
                + trace.get("id").asText().substring(0, 8) + "\\.zip");
        Map<String, byte[]> zip = Reports.unzip(Files.readAllBytes(data("outbox/" + feedback)));
        assertThat(zip).containsOnlyKeys("technische-terugkoppeling.pdf", "fouten.csv");
        assertThat(new String(zip.get("technische-terugkoppeling.pdf"), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(Reports.pdfText(zip.get("technische-terugkoppeling.pdf"))).contains("afgekeurd");
        assertThat(new String(zip.get("fouten.csv"), StandardCharsets.UTF_8)).contains("0384_wmo_2026H1.csv")
                .contains("Hernoem naar 0384_WMO_2026H1.csv (hoofdletters) en lever opnieuw aan.");
        try (var outbox = Files.list(data("outbox/0384"))) {
            assertThat(outbox.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("technische-terugkoppeling-0384_wmo_2026H1-")
                            && n.contains(trace.get("id").asText().substring(0, 8)))).hasSize(1);
        }
    }

    @Test
    void aMisnamedCsvWhoseDeliveryIsConsumedAgainAsAfterACrashKeepsOneFeedbackZipAndOneFo01() throws Exception {
        AtomicReference<String> receipt = new AtomicReference<>();
        AdviceWith.adviceWith(context, "split-classify", route -> route.weaveAddFirst()
                .process(e -> receipt.compareAndSet(null, e.getMessage().getBody(String.class))));
        byte[] csv = "20260701;0384;999990007;01;1;20260101;;1;;;10;04;2;;\n".getBytes(StandardCharsets.UTF_8);
        JsonNode trace = postAndAwait("wmo-0384-2026H2.csv", "text/csv", csv);
        String id = trace.get("id").asText();
        assertThat(trace.get("entries").get(0).get("fo01").get("code").asText()).isEqualTo("GGK002");

        // the broker hands the same receipt over again, as after a crash before the commit
        NotifyBuilder again = new NotifyBuilder(context).fromRoute("split-classify").whenDone(1).create();
        template.sendBodyAndHeader("activemq6:queue:ggk.intake", receipt.get(), "GgkDeliveryId", id);
        assertThat(again.matches(40, TimeUnit.SECONDS)).as("the receipt was processed again").isTrue();

        try (var outbox = Files.list(data("outbox/0384"))) {
            List<String> ours = outbox.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Fo01-" + id) || (n.startsWith("technische-terugkoppeling-wmo-0384-2026H2-")
                            && n.endsWith("-" + id.substring(0, 8) + ".zip"))).toList();
            assertThat(ours).hasSize(2).anyMatch(n -> n.startsWith("Fo01-")).anyMatch(n -> n.endsWith(".zip"));
        }
        List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : json(get("/api/v1/outbox?size=200", "demo-0384").body()).get("items")) {
            if (!item.get("delivery").isNull() && item.get("delivery").get("id").asText().equals(id)) {
                items.add(item.get("kind").asText());
            }
        }
        assertThat(items).as("outbox items of the delivery").hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aProviderMessageSentByAGemeenteIsRefusedSayingWhyInDutch() throws Exception {
        byte[] wmo305 = Zips.istandaardenSamples().get("WMO305.xml");

        JsonNode trace = postAndAwait("WMO305.xml", "application/xml", wmo305);

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("IB006");
        String expected = "WMO305 is een bericht van aanbieder aan gemeente; een gemeente";
        Path fo01 = data("outbox/" + entry.get("fo01").get("file").asText());
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("<StUF:omschrijving>Uw organisatie mag dit bericht niet versturen. "
                + expected);
        assertThat(lastDetail(entry)).contains(expected);
        assertThat(entry.get("events").get(0).get("detail").asText()).contains(expected);
        Path reason = data("quarantine/0384/" + trace.get("id").asText() + "-0-WMO305.xml.reason.txt");
        assertThat(Files.readString(reason)).contains(expected);
    }

    @Test
    void aNineDigitNumberInAnEnvelopeIsMaskedInEveryAnswer() throws Exception {
        String envelope = """
                <GGK:envelopHeenbericht-ggk_Di01 xmlns:StUF="http://www.egem.nl/StUF/StUF0301" xmlns:GGK="http://www.stufstandaarden.nl/koppelvlak/ggk0210">
                  <GGK:stuurgegevens>
                    <StUF:berichtcode>999990007</StUF:berichtcode>
                    <StUF:zender><StUF:organisatie>0384</StUF:organisatie><StUF:applicatie>app</StUF:applicatie></StUF:zender>
                    <StUF:ontvanger><StUF:organisatie>CBS</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>
                    <StUF:referentienummer>0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b</StUF:referentienummer>
                    <StUF:tijdstipBericht>20260701120000</StUF:tijdstipBericht>
                    <StUF:functie>Dummy</StUF:functie>
                  </GGK:stuurgegevens>
                  <GGK:parameters>
                    <GGK:applicatieVersie>0001</GGK:applicatieVersie><GGK:applicatieSubversie>0000</GGK:applicatieSubversie>
                    <GGK:functieVersie>0001</GGK:functieVersie><GGK:functieSubversie>0000</GGK:functieSubversie>
                    <GGK:bericht><GGK:tekstBestand bestandsnaam="0384_WMO_2026H1.csv">MjAyNjA3MDE7MDM4NA==</GGK:tekstBestand></GGK:bericht>
                  </GGK:parameters>
                </GGK:envelopHeenbericht-ggk_Di01>
                """;

        JsonNode trace = postAndAwait("envelop.xml", "application/xml", envelope.getBytes(StandardCharsets.UTF_8));

        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.toString()).doesNotContain("999990007").contains("*****0007");
        assertThat(Files.readString(data("outbox/" + entry.get("fo01").get("file").asText())))
                .doesNotContain("<StUF:omschrijving>" + "999990007");
    }

    private JsonNode postAndAwait(String filename, String contentType, byte[] body) {
        HttpResponse<String> response = post("/api/v1/deliveries?filename=" + filename.replace(" ", "%20"),
                "demo-0384", contentType, body);
        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384"), trace -> Set.of("FORWARDED", "REJECTED", "FAILED", "VALIDATED")
                        .contains(trace.get("status").asText()));
    }

    private static String lastDetail(JsonNode entry) {
        JsonNode events = entry.get("events");
        return events.get(events.size() - 1).get("detail").asText();
    }
}
