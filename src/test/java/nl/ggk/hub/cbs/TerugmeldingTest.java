package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** POST /api/v1/outbox/{id}/terugmelding: a Du01 to CBS answering a spiegelrapport, tracked like a delivery. */
@OwnHub("it advises cbs-forward to record what goes to CBS")
// its own hub, mostly waiting on CBS answers and scheduled retries: it runs beside the other classes, after the
// forked-hub classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
// the class beside the others, its tests one after the other (a lock of its own keeps them on one thread)
@ResourceLock("TerugmeldingTest")
@Order(10)
class TerugmeldingTest extends HubTestSupport {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ATTACHMENT = 2000;

    /** What the CBS forwarding POSTed: SOAPAction and the SOAP request. */
    private record Sent(String soapAction, String soap) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.terugmelding.max-attachment-bytes", String.valueOf(MAX_ATTACHMENT));
        return overrides;
    }

    private boolean advised;

    @BeforeEach
    void recordWhatGoesToCbs() throws Exception {
        if (advised) {
            return;
        }
        advised = true;
        AdviceWith.adviceWith(context, "cbs-send", route -> route.weaveById("cbs-post").before()
                .process(e -> sent.add(new Sent(e.getMessage().getHeader("SOAPAction", String.class),
                        Files.readString(e.getMessage().getBody(File.class).toPath())))));
    }

    @Test
    void aTerugmeldingOnASpiegelrapportGoesToCbsAsADu01AnsweringTheReportAndIsTrackedLikeADelivery() throws Exception {
        String reportRef = StufIds.newReferentienummer();
        String itemId = spiegelrapport("0384", null, reportRef);

        HttpResponse<String> posted = terugmelding(itemId, "demo-0384",
                "{\"tekst\": \"De aantallen voor productcategorie 04 lijken te laag; wij controleren ze.\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode answer = json(posted.body());
        String deliveryId = answer.get("deliveryId").asText();
        String referentienummer = answer.get("referentienummer").asText();
        assertThat(StufIds.isUuidV4(referentienummer)).isTrue();
        assertThat(answer.get("crossRefnummer").asText()).isEqualTo(reportRef);
        assertThat(posted.headers().firstValue("Location")).hasValue("/api/v1/deliveries/" + deliveryId);

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(deliveryId, "demo-0384"), t -> "FORWARDED".equals(t.get("status").asText()));
        assertThat(trace.get("channel").asText()).isEqualTo("API");
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("functie").asText()).isEqualTo("TERUGMELDING");
        assertThat(entry.get("events").toString()).contains("verzonden naar CBS, ontvangst bevestigd; referentienummer "
                + referentienummer);

        Sent du01 = sentWith(referentienummer).get(0);
        assertThat(du01.soapAction()).contains("ggk0210/ggk_Du01");
        Path envelope = envelope(du01);
        StufSchemas.assertValidEnvelope(envelope);
        String xml = Files.readString(envelope);
        assertThat(xml).contains("envelopRetourbericht-ggk_Du01").contains(">" + reportRef + "<")
                .contains(">0384<");
        assertThat(new String(payload(xml), StandardCharsets.UTF_8))
                .isEqualTo("De aantallen voor productcategorie 04 lijken te laag; wij controleren ze.");
        assertThat(json(get("/sim/cbs/receipts", null).body()).get(referentienummer).asInt()).isEqualTo(1);
        // CBS answers a terugmelding with its Bv03 only: no technical feedback on it reaches the gemeente
        Path outbox = data("outbox/0384");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> {
            try (var names = Files.list(outbox)) {
                return names.noneMatch(p -> p.getFileName().toString().contains("terugmelding"));
            }
        });
    }

    @Test
    void anAttachmentTravelsWithTheTextInAZip() throws Exception {
        String itemId = spiegelrapport("0384", null, StufIds.newReferentienummer());
        byte[] attachment = "%PDF-1.4 toelichting".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> posted = terugmelding(itemId, "demo-0384", "{\"tekst\": \"Zie de bijlage.\", \"bijlage\":"
                + " {\"bestandsnaam\": \"toelichting 2026.pdf\", \"inhoud\": \""
                + Base64.getEncoder().encodeToString(attachment) + "\"}}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String referentienummer = json(posted.body()).get("referentienummer").asText();
        assertThat(json(posted.body()).get("fileName").asText()).startsWith("terugmelding-0384-").endsWith(".zip");

        List<Sent> du01 = await().atMost(Duration.ofSeconds(30)).until(() -> sentWith(referentienummer),
                l -> !l.isEmpty());
        Map<String, byte[]> zip = Reports.unzip(payload(Files.readString(envelope(du01.get(0)))));
        assertThat(zip).containsOnlyKeys("terugmelding.txt", "toelichting_2026.pdf");
        assertThat(new String(zip.get("terugmelding.txt"), StandardCharsets.UTF_8)).isEqualTo("Zie de bijlage.");
        assertThat(zip.get("toelichting_2026.pdf")).isEqualTo(attachment);
    }

    @Test
    void whileCbsIsDownTheTerugmeldingIsRetriedUnderItsOneReferentienummer() throws Exception {
        String itemId = spiegelrapport("0384", null, StufIds.newReferentienummer());
        // CBS stays down until the terugmelding has waited for it once (no outage length the test's pace must beat)
        assertThat(post("/sim/cbs/control?mode=unavailable&seconds=600", null, "text/plain", new byte[0]).statusCode())
                .isEqualTo(200);
        try {
            HttpResponse<String> posted = terugmelding(itemId, "demo-0384", "{\"tekst\": \"Graag een correctie.\"}");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String deliveryId = json(posted.body()).get("deliveryId").asText();
            String referentienummer = json(posted.body()).get("referentienummer").asText();
            await("a retry shown").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> delivery(deliveryId, "demo-0384").toString().contains("CBS niet bereikbaar"));
            assertThat(post("/sim/cbs/control?mode=healthy", null, "text/plain", new byte[0]).statusCode())
                    .isEqualTo(200);

            JsonNode trace = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> delivery(deliveryId, "demo-0384"), t -> "FORWARDED".equals(t.get("status").asText()));
            assertThat(trace.get("entries").get(0).get("events").toString()).contains("CBS niet bereikbaar");
            List<Sent> attempts = sentWith(referentienummer);
            assertThat(attempts.size()).as("attempts").isGreaterThan(1);
            // every attempt the same message: the same referentienummer and tijdstipBericht
            assertThat(attempts.stream().map(s -> tijdstip(s.soap())).distinct()).hasSize(1);
            assertThat(json(get("/sim/cbs/receipts", null).body()).get(referentienummer).asInt()).isEqualTo(1);
        } finally {
            post("/sim/cbs/control?mode=healthy", null, "text/plain", new byte[0]);
        }
    }

    @Test
    void aSamenwerkingsverbandAnswersOnItsCopyForTheMemberGemeente() throws Exception {
        String reportRef = StufIds.newReferentienummer();
        spiegelrapport("0546", "SWV-HR", reportRef);
        String copy = await().atMost(Duration.ofSeconds(10)).until(() -> itemOf("SWV-HR", reportRef), id -> id != null);
        HttpResponse<String> posted = terugmelding(copy, "demo-SWV-HR", "{\"tekst\": \"Namens Leiden: klopt.\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode answer = json(posted.body());
        assertThat(answer.get("organisation").asText()).isEqualTo("0546");
        List<Sent> du01 = await().atMost(Duration.ofSeconds(30))
                .until(() -> sentWith(answer.get("referentienummer").asText()), l -> !l.isEmpty());
        String xml = Files.readString(envelope(du01.get(0)));
        assertThat(xml).contains(">0546<").contains(">Holland Rijnland<").contains(">" + reportRef + "<");
        // the member gemeente reads the delivery too
        assertThat(get("/api/v1/deliveries/" + answer.get("deliveryId").asText(), "demo-0546").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTerugmeldingOnAnythingButASpiegelrapportIsAConflictExplainedInDutch() throws Exception {
        String itemId = report("0384", null, StufIds.newReferentienummer(), "op-orde-rapport-0384.pdf");
        HttpResponse<String> refused = terugmelding(itemId, "demo-0384", "{\"tekst\": \"Klopt niet.\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused.body()).get("detail").asText())
                .isEqualTo("Een terugmelding kan alleen op een spiegelrapport; outbox-item " + itemId
                        + " is een op-orde rapport.");
    }

    @Test
    void anotherOrganisationsItemIsNotFound() throws Exception {
        String itemId = spiegelrapport("0384", null, StufIds.newReferentienummer());
        HttpResponse<String> other = terugmelding(itemId, "demo-0363", "{\"tekst\": \"Hallo.\"}");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(terugmelding("no-such-item", "demo-0384", "{\"tekst\": \"Hallo.\"}").statusCode()).isEqualTo(404);
        assertThat(terugmelding(itemId, null, "{\"tekst\": \"Hallo.\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void aBodyThatIsNoTerugmeldingIsRefusedNamingTheField() throws Exception {
        String itemId = spiegelrapport("0384", null, StufIds.newReferentienummer());
        assertDetail(terugmelding(itemId, "demo-0384", "{\"tekst\": \"  \"}"), 400, "'tekst'");
        assertDetail(terugmelding(itemId, "demo-0384", "niet json"), 400, "JSON");
        assertDetail(terugmelding(itemId, "demo-0384", "{\"tekst\": \"x\", \"bijlage\": {\"bestandsnaam\":"
                + " \"a.pdf\", \"inhoud\": \"%%%\"}}"), 400, "'bijlage.inhoud'");
        assertDetail(terugmelding(itemId, "demo-0384", "{\"tekst\": \"x\", \"bijlage\": {\"inhoud\": \"QUJD\"}}"),
                400, "'bijlage.bestandsnaam'");
        String tooLarge = Base64.getEncoder().encodeToString(new byte[MAX_ATTACHMENT + 1]);
        assertDetail(terugmelding(itemId, "demo-0384", "{\"tekst\": \"x\", \"bijlage\": {\"bestandsnaam\":"
                + " \"groot.pdf\", \"inhoud\": \"" + tooLarge + "\"}}"), 413, String.valueOf(MAX_ATTACHMENT));
    }

    private void assertDetail(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("detail").asText()).contains(detail);
    }

    private HttpResponse<String> terugmelding(String itemId, String apiKey, String json) {
        return post("/api/v1/outbox/" + itemId + "/terugmelding", apiKey, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private String spiegelrapport(String gemeente, String deliveredBy, String referentienummer) throws Exception {
        return report(gemeente, deliveredBy, referentienummer, "spiegelrapport-" + gemeente + "-2026H1.pdf");
    }

    /** A report from CBS as the web service puts it on ggk.cbs.return; returns the gemeente's outbox item id. */
    private String report(String gemeente, String deliveredBy, String referentienummer, String bestandsnaam)
            throws Exception {
        String ref = context.getRegistry().findSingleByType(ContentStore.class).store(new ByteArrayInputStream(PDF))
                .ref();
        context.createProducerTemplate().sendBody("activemq6:queue:ggk.cbs.return", JSON.writeValueAsString(
                new CbsReturns.ReturnMessage(referentienummer, null, "Di01", "CBS", gemeente, bestandsnaam, "Dummy",
                        ref, null, null, deliveredBy, null)));
        return await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(gemeente, referentienummer),
                id -> id != null);
    }

    private String itemOf(String organisation, String referentienummer) {
        OutboxStore store = context.getRegistry().findSingleByType(OutboxStore.class);
        return store.withCrossRef(referentienummer).stream().filter(i -> i.organisation().equals(organisation))
                .map(OutboxStore.Item::id).findFirst().orElse(null);
    }

    private List<Sent> sentWith(String referentienummer) {
        return sent.stream().filter(s -> s.soap().contains(">" + referentienummer + "<")).toList();
    }

    /** The Du01 inside the SOAP request, as a file. */
    private Path envelope(Sent sent) throws Exception {
        String soap = sent.soap();
        String body = soap.substring(soap.indexOf("<soapenv:Body>") + "<soapenv:Body>".length(),
                soap.lastIndexOf("</soapenv:Body>"));
        Path file = Files.createTempFile(dataDir, "du01-", ".xml");
        Files.writeString(file, body);
        return file;
    }

    private static byte[] payload(String xml) {
        Matcher m = Pattern.compile("<(?:\\w+:)?tekstBestand[^>]*>([^<]+)<").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return Base64.getMimeDecoder().decode(m.group(1).trim());
    }

    private static String tijdstip(String soap) {
        Matcher m = Pattern.compile("tijdstipBericht>([0-9]+)<").matcher(soap);
        assertThat(m.find()).as(soap).isTrue();
        return m.group(1);
    }
}
