package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** Reports from CBS through /ws/ggk0210 reach the outboxes as a ZIP holding the PDF, once. */
class CbsReturnFlowTest extends HubTestSupport {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    /** This test plays RINIS itself: the CBS simulator's own callbacks come after the test has ended. */
    @Override
    protected java.util.Properties useOverridePropertiesWithPropertiesComponent() {
        java.util.Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.cbs.simulator.feedback-delay-ms", "600000");
        return overrides;
    }

    @Test
    void technicalFeedbackOnAFileSwvHrDeliveredForLeidenReachesLeidenAndSwvHrButNotLeiderdorp() throws Exception {
        String csv = Files.readString(Path.of("docs/examples/0384_WMO_2026H1.csv")).replace(";0384;", ";0546;");
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=0546_WMO_2026H1.csv", "demo-SWV-HR",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8), "X-Organisation", "0546");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();
        JsonNode entry = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-SWV-HR").get("entries").get(0),
                        e -> "FORWARDED".equals(e.get("status").asText()));
        String ref = CbsForwardingFlowTest.referentienummer(entry);

        String du01 = du01(ref, "0546");
        HttpResponse<String> answer = soap(du01);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Bv03Bericht");

        String zip = await().atMost(Duration.ofSeconds(30)).until(() -> zipIn("0546"), z -> z != null);
        assertThat(zip).startsWith("technische-terugkoppeling-cbs-0546_WMO_2026H1-").endsWith(".zip");
        Map<String, byte[]> content = nl.ggk.hub.testsupport.Reports.unzip(Files.readAllBytes(data("outbox/0546/" + zip)));
        assertThat(content.values()).singleElement().satisfies(pdf -> assertThat(pdf).isEqualTo(PDF));
        // the PDF is dated when CBS sent it (its tijdstipBericht), not 1 January 1970
        try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(
                Files.newInputStream(data("outbox/0546/" + zip)))) {
            long time = entries.getNextEntry().getTime();
            assertThat(java.time.Instant.ofEpochMilli(time))
                    .isBetween(java.time.Instant.now().minus(Duration.ofDays(1)), java.time.Instant.now().plus(Duration.ofDays(1)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> zipIn("SWV-HR") != null);
        assertThat(zipIn("SWV-HR")).isEqualTo(zip);
        assertThat(zipIn("0547")).isNull();
        JsonNode after = await().atMost(Duration.ofSeconds(10)).until(
                () -> delivery(id, "demo-0546").get("entries").get(0),
                e -> e.get("events").toString().contains("terugkoppeling CBS ontvangen"));
        assertThat(after.get("status").asText()).isEqualTo("FORWARDED");

        // the outbox API lists it for both, with kind, file name and the delivery it is about
        for (String org : List.of("0546", "SWV-HR")) {
            String key = "demo-" + org;
            JsonNode items = json(get("/api/v1/outbox?organisation=" + org, key).body()).get("items");
            List<JsonNode> reports = reportsNamed(items, zip);
            assertThat(reports).as(key + ": " + items).hasSize(1);
            assertThat(reports.get(0).get("kind").asText()).isEqualTo("TECHNISCHE_TERUGKOPPELING_CBS");
            assertThat(reports.get(0).get("delivery").get("id").asText()).isEqualTo(id);
        }
        assertThat(reportsNamed(json(get("/api/v1/outbox", "demo-0547").body()).get("items"), zip)).isEmpty();
        JsonNode linked = delivery(id, "demo-0546").get("entries").get(0).get("outbox");
        assertThat(linked.findValuesAsText("kind")).contains("TECHNISCHE_TERUGKOPPELING_CBS");

        // RINIS resends the same Du01: the same Bv03, still one ZIP
        HttpResponse<String> again = soap(du01);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        assertThat(zips("0546")).hasSize(1);
    }

    @Test
    void aSpiegelrapportDeliveredTwiceOnTheReturnQueueIsOneFileAndOneOutboxItem() throws Exception {
        ContentStore store = context.getRegistry().findSingleByType(ContentStore.class);
        String ref = store.store(new ByteArrayInputStream(PDF)).ref();
        String referentienummer = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
        String message = JSON.writeValueAsString(new CbsReturns.ReturnMessage(referentienummer, null, "Di01", "CBS",
                "0384", "spiegelrapport-0384-2026H1.pdf", "Dummy", ref, null, null, null, null));
        NotifyBuilder twice = new NotifyBuilder(context).fromRoute("cbs-return").whenCompleted(2).create();

        // what a broker redelivery looks like to the route: the same message again
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody("activemq6:queue:ggk.cbs.return", message);
        producer.sendBody("activemq6:queue:ggk.cbs.return", message);
        assertThat(twice.matches(30, TimeUnit.SECONDS)).isTrue();

        String zip = "spiegelrapport-cbs-spiegelrapport-0384-2026H1-6f1c2b3a.zip";
        try (Stream<Path> files = Files.list(data("outbox/0384"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spiegelrapport-cbs-")))
                    .containsExactly(zip);
        }
        List<JsonNode> items = reportsNamed(json(get("/api/v1/outbox", "demo-0384").body()).get("items"), zip);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("kind").asText()).isEqualTo("SPIEGELRAPPORT");
        OutboxStore.Item stored = context.getRegistry().findSingleByType(OutboxStore.class)
                .find(items.get(0).get("id").asText()).orElseThrow();
        assertThat(stored.crossRef()).as("the referentienummer of the CBS message that carried it")
                .isEqualTo(referentienummer);
    }

    private static List<JsonNode> reportsNamed(JsonNode items, String fileName) {
        List<JsonNode> found = new java.util.ArrayList<>();
        items.forEach(i -> {
            if (i.get("fileName").asText().equals(fileName)) {
                found.add(i);
            }
        });
        return found;
    }

    @Test
    void aDu01AboutNoMessageOfTheHubIsNotAccepted() throws Exception {
        HttpResponse<String> answer = soap(du01("0f0e0d0c-0b0a-4909-8807-060504030201", "0546"));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("Fo03Bericht");
    }

    private HttpResponse<String> soap(String du01) {
        String soap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + du01.replaceFirst("^<\\?xml[^>]*\\?>", "") + "</s:Body></s:Envelope>";
        return post("/ws/ggk0210", "demo-RINIS", "text/xml; charset=utf-8", soap.getBytes(StandardCharsets.UTF_8),
                "SOAPAction", "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01");
    }

    private static String du01(String crossRef, String gemeente) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDu01(Du01Request.tekstBestand(StufSysteem.of("CBS", "CBS"),
                gemeente, "Dummy", "terugkoppeling.pdf", crossRef), new ByteArrayInputStream(PDF), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> zips(String org) throws Exception {
        Path dir = data("outbox/" + org);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("technische-terugkoppeling-cbs-0546"))
                    .toList();
        }
    }

    private String zipIn(String org) throws Exception {
        List<String> found = zips(org);
        return found.isEmpty() ? null : found.get(0);
    }
}
