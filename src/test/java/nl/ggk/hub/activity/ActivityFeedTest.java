package nl.ggk.hub.activity;

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
import java.util.ArrayList;
import java.util.List;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Test;

/**
 * The portal's feed and delivery phases over HTTP, with bearer keys: who sees what within samenwerkingsverband
 * Holland Rijnland (SWV-HR: 0546 Leiden, 0547 Leiderdorp), and the phases along the CBS chain (the CBS simulator
 * of the embedded default answers the Di01; RINIS sends CBS's Du01 through the web service).
 */
@OwnHub("it reads whole activity feeds of organisations")
// a hub of its own: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("ActivityFeedTest")
@org.junit.jupiter.api.Order(12)
class ActivityFeedTest extends HubTestSupport {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aDeliveryBySwvHrForLeidenIsInTheFeedOfLeidenAndSwvHrButNotOfLeiderdorp() throws Exception {
        String id = deliverAs("demo-SWV-HR", "0546", "0546_WMO_2026H1.csv");
        String expected = "Leiden heeft 0546_WMO_2026H1.csv aangeleverd via Samenwerkingsverband Holland Rijnland";

        JsonNode item = awaitFeedItem("demo-0546", "", expected);
        assertThat(item.get("soort").asText()).isEqualTo("aangeleverd");
        assertThat(item.get("levering").asText()).isEqualTo(id);
        assertThat(item.get("outboxItem").isNull()).isTrue();
        assertThat(feed("demo-SWV-HR", "")).anyMatch(i -> i.get("tekst").asText().equals(expected));
        assertThat(feed("demo-SWV-HR", "&organisation=0546")).anyMatch(i -> i.get("tekst").asText().equals(expected));
        assertThat(feed("demo-0547", "")).noneMatch(i -> i.get("levering").asText().equals(id));
        assertThat(feed("demo-0547", "&organisation=0547")).noneMatch(i -> i.get("levering").asText().equals(id));

        JsonNode listed = listItem("demo-0546", id);
        assertThat(listed.get("aangeleverdDoor").get("code").asText()).isEqualTo("SWV-HR");
        assertThat(listed.get("aangeleverdDoor").get("naam").asText()).isEqualTo("Holland Rijnland");
        assertThat(listed.get("gemeente").get("code").asText()).isEqualTo("0546");
        assertThat(listed.get("gemeente").get("naam").asText()).isEqualTo("Leiden");
    }

    @Test
    void aReportLeidenDownloadsIsSeenByLeidenAndSwvHrAndNotByLeiderdorpAndSoIsSwvHrsDownloadForLeiden()
            throws Exception {
        // Leiden itself delivers: the hub's technical feedback lands in Leiden's outbox
        String own = deliverAs("demo-0546", null, "0546_JEUGD_2026H1.csv");
        String ownReport = awaitOutboxItem("demo-0546", own, "TECHNISCHE_TERUGKOPPELING_HUB");
        assertThat(download(ownReport, "demo-0546").statusCode()).isEqualTo(200);
        String byLeiden = "Leiden heeft de technische terugkoppeling van de hub op 0546_JEUGD_2026H1.csv gedownload";

        JsonNode seen = awaitFeedItem("demo-0546", "", byLeiden);
        assertThat(seen.get("soort").asText()).isEqualTo("gedownload");
        assertThat(seen.get("outboxItem").asText()).isEqualTo(ownReport);
        assertThat(seen.get("levering").asText()).isEqualTo(own);
        assertThat(feed("demo-SWV-HR", "")).anyMatch(i -> i.get("tekst").asText().equals(byLeiden));
        assertThat(feed("demo-0547", "")).noneMatch(i -> i.get("tekst").asText().contains("gedownload"));

        // SWV-HR delivers for Leiden: the feedback is in SWV-HR's outbox, about Leiden
        String forLeiden = deliverAs("demo-SWV-HR", "0546", "0546_KOSTENWMO_2026H1.csv");
        String swvReport = awaitOutboxItem("demo-SWV-HR", forLeiden, "TECHNISCHE_TERUGKOPPELING_HUB");
        assertThat(download(swvReport, "demo-SWV-HR").statusCode()).isEqualTo(200);
        String bySwv = "Samenwerkingsverband Holland Rijnland heeft de technische terugkoppeling van de hub op"
                + " 0546_KOSTENWMO_2026H1.csv voor Leiden gedownload";
        JsonNode swvSeen = awaitFeedItem("demo-0546", "", bySwv);
        // Leiden cannot fetch SWV-HR's own copy, so the feed does not offer its id
        assertThat(swvSeen.get("outboxItem").isNull()).isTrue();
        assertThat(feed("demo-SWV-HR", "")).filteredOn(i -> i.get("tekst").asText().equals(bySwv)).singleElement()
                .satisfies(i -> assertThat(i.get("outboxItem").asText()).isEqualTo(swvReport));
        assertThat(feed("demo-0547", "")).noneMatch(i -> i.get("tekst").asText().contains("Leiden"));
    }

    @Test
    void aSpiegelrapportForLeidenIsReceivedAndItsDownloadIsSeenBySwvHrButNotByLeiderdorp() {
        // as route cbs-return records a Di01 from CBS (helper ret): the ZIP in Leiden's outbox, about no delivery
        template.sendBody("direct:outbox", new nl.ggk.hub.outbox.OutboxItem("0546",
                nl.ggk.hub.outbox.OutboxKind.SPIEGELRAPPORT, "spiegelrapport-cbs-0546_2026H1-0a1b2c3d.zip",
                PDF, null, null, "0a1b2c3d-0000-4000-8000-000000000000", "0546_2026H1", null, null));
        JsonNode received = awaitFeedItem("demo-0546", "", "Leiden heeft spiegelrapport 2026H1 van CBS ontvangen");
        assertThat(received.get("soort").asText()).isEqualTo("rapport-ontvangen");
        assertThat(received.get("levering").isNull()).isTrue();
        String item = received.get("outboxItem").asText();
        assertThat(feed("demo-0547", "")).noneMatch(i -> i.get("tekst").asText().contains("spiegelrapport"));

        assertThat(download(item, "demo-0546").statusCode()).isEqualTo(200);
        String downloaded = "Leiden heeft spiegelrapport 2026H1 gedownload";
        awaitFeedItem("demo-0546", "", downloaded);
        assertThat(feed("demo-SWV-HR", "")).filteredOn(i -> i.get("tekst").asText().equals(downloaded))
                .singleElement().satisfies(i -> assertThat(i.get("outboxItem").asText()).isEqualTo(item));
        assertThat(feed("demo-0547", "")).noneMatch(i -> i.get("tekst").asText().contains("spiegelrapport"));
    }

    @Test
    void thePhasesFollowTheChainFromVerzondenNaarCbsToTerugkoppelingCbsOntvangen() throws Exception {
        String id = deliverAs("demo-0384", null, "0384_WMO_2026H1.csv");
        JsonNode sent = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> listItem("demo-0384", id), i -> i != null && "verzonden-naar-cbs".equals(i.get("fase").asText()));
        assertThat(sent.get("faseTekst").asText()).isEqualTo("Verzonden naar CBS");
        assertThat(sent.get("redenTekst").isNull()).isTrue();
        assertThat(sent.get("status").asText()).isEqualTo("FORWARDED");
        assertThat(sent.get("aangeleverdDoor").get("naam").asText()).isEqualTo("Diemen");
        JsonNode single = delivery(id, "demo-0384");
        assertThat(single.get("fase").asText()).isEqualTo("verzonden-naar-cbs");
        assertThat(single.get("gemeente").get("naam").asText()).isEqualTo("Diemen");

        HttpResponse<String> answer = soap(du01(referentienummer(single.get("entries").get(0)), "0384"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode back = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384"), d -> "terugkoppeling-cbs-ontvangen".equals(d.get("fase").asText()));
        assertThat(back.get("faseTekst").asText()).isEqualTo("Terugkoppeling CBS ontvangen");
        assertThat(listItem("demo-0384", id).get("fase").asText()).isEqualTo("terugkoppeling-cbs-ontvangen");

        JsonNode report = awaitFeedItem("demo-0384", "",
                "Diemen heeft de technische terugkoppeling van CBS op 0384_WMO_2026H1.csv ontvangen");
        assertThat(report.get("soort").asText()).isEqualTo("rapport-ontvangen");
        assertThat(report.get("levering").asText()).isEqualTo(id);
        // newest first: the report came after the delivery
        List<String> texts = feed("demo-0384", "").stream().map(i -> i.get("tekst").asText()).toList();
        assertThat(texts.indexOf(report.get("tekst").asText()))
                .isLessThan(texts.indexOf("Diemen heeft 0384_WMO_2026H1.csv aangeleverd"));
    }

    @Test
    void aRefusedFileIsAfgekeurdWithItsDutchReasonInTheListAndTheFeedWithoutTheBsnInItsName() throws Exception {
        String name = "0384_wmo_2026H1_123456789.csv";
        String id = deliverAs("demo-0384", null, name);
        JsonNode refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> listItem("demo-0384", id), i -> i != null && "afgekeurd".equals(i.get("fase").asText()));
        assertThat(refused.get("faseTekst").asText()).isEqualTo("Afgekeurd");
        assertThat(refused.get("redenTekst").asText()).contains("(GGK002)").contains("gemeentecode")
                .doesNotContain("123456789").doesNotContain(dataDir.toString());

        JsonNode item = awaitFeedItem("demo-0384", "", null, i -> "afgekeurd".equals(i.get("soort").asText())
                && id.equals(i.get("levering").asText()));
        assertThat(item.get("tekst").asText()).startsWith("0384_wmo_2026H1_*****6789.csv van Diemen is afgekeurd: ")
                .contains("(GGK002)");
        assertThat(feed("demo-0384", "")).noneMatch(i -> i.get("tekst").asText().contains("123456789"));
    }

    @Test
    void anotherOrganisationsFeedIsForbiddenAndItsDeliveriesAreNotFound() throws Exception {
        String id = deliverAs("demo-0518", null, "0518_WMO_2026H1.csv");
        awaitFinal(id, "demo-0518");
        assertThat(problem(get("/api/v1/activity?organisation=0518", "demo-0363"), 403)).isNotNull();
        assertThat(problem(get("/api/v1/activity?organisation=0546", "demo-0547"), 403)).isNotNull();
        assertThat(problem(get("/api/v1/activity?organisation=SWV-HR", "demo-0546"), 403)).isNotNull();
        assertThat(problem(get("/api/v1/activity", null), 401)).isNotNull();
        assertThat(problem(get("/api/v1/activity?page=x", "demo-0363"), 400).get("detail").asText()).contains("'page'");
        assertThat(feed("demo-0363", "")).noneMatch(i -> id.equals(i.get("levering").asText()));
        assertThat(problem(get("/api/v1/deliveries/" + id, "demo-0363"), 404)).isNotNull();
        assertThat(feed("demo-0518", "")).anyMatch(i -> id.equals(i.get("levering").asText()));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The example file of the same type (docs/examples/0384_<TYPE>_2026H1.csv) for the gemeente the name starts with. */
    private String deliverAs(String key, String forGemeente, String filename) throws Exception {
        String gemeente = filename.substring(0, 4);
        String type = filename.split("_")[1].toUpperCase(java.util.Locale.ROOT);
        String csv = Files.readString(Path.of("docs/examples/0384_" + type + "_2026H1.csv"))
                .replace(";0384;", ";" + gemeente + ";");
        return deliverAs(key, forGemeente, filename, csv);
    }

    private String deliverAs(String key, String forGemeente, String filename, String csv) {
        HttpResponse<String> posted = forGemeente == null
                ? post("/api/v1/deliveries?filename=" + filename, key, "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                : post("/api/v1/deliveries?filename=" + filename, key, "text/csv", csv.getBytes(StandardCharsets.UTF_8),
                        "X-Organisation", forGemeente);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        return json(posted.body()).get("id").asText();
    }

    private List<JsonNode> feed(String key, String query) {
        HttpResponse<String> response = get("/api/v1/activity?size=200" + query, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        List<JsonNode> items = new ArrayList<>();
        json(response.body()).get("items").forEach(items::add);
        return items;
    }

    private JsonNode awaitFeedItem(String key, String query, String text) {
        return awaitFeedItem(key, query, text, i -> text.equals(i.get("tekst").asText()));
    }

    private JsonNode awaitFeedItem(String key, String query, String text,
                                   java.util.function.Predicate<JsonNode> wanted) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> feed(key, query).stream().filter(wanted).findFirst().orElse(null), i -> i != null);
    }

    private JsonNode listItem(String key, String id) {
        for (JsonNode item : json(get("/api/v1/deliveries?size=200", key).body()).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private String awaitOutboxItem(String key, String deliveryId, String kind) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode i : json(get("/api/v1/outbox?size=200", key).body()).get("items")) {
                if (!i.get("delivery").isNull() && i.get("delivery").get("id").asText().equals(deliveryId)
                        && i.get("kind").asText().equals(kind)) {
                    return i.get("id").asText();
                }
            }
            return null;
        }, i -> i != null);
    }

    private HttpResponse<String> download(String itemId, String key) {
        return get("/api/v1/outbox/" + itemId, key);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return json(response.body());
    }

    private HttpResponse<String> soap(String du01) {
        String soap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope"
                + " xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
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

    private static String referentienummer(JsonNode entry) {
        for (JsonNode event : entry.get("events")) {
            String detail = event.path("detail").asText();
            int at = detail.indexOf("referentienummer ");
            if (at >= 0) {
                return detail.substring(at + "referentienummer ".length()).trim();
            }
        }
        throw new AssertionError("no referentienummer in " + entry);
    }
}
