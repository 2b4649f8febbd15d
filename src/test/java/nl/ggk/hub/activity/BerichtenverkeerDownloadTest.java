package nl.ggk.hub.activity;

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
import java.util.Map;
import java.util.stream.Stream;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/berichtenverkeer/download: what arrived for an organisation that is berichtenverkeer (messages from
 * care providers, the Fo01s about its iWmo/iJw deliveries) as one ZIP, each item's download recorded; the Fo01 and
 * feedback of a GMSD file stay out (they are the CBS tab's).
 */
@OwnHub("the berichtenverkeer ZIP holds everything in an organisation's outbox")
// a hub of its own: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("BerichtenverkeerDownloadTest")
@org.junit.jupiter.api.Order(12)
class BerichtenverkeerDownloadTest extends HubTestSupport {

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();
    private static final String MESSAGE = "<WMO302 xmlns=\"http://www.istandaarden.nl/iwmo/3_2/wmo302/schema\"/>";

    @Test
    void theZipHoldsTheFo01sOfTheMessagesAndTheMessageFromACareProviderAndEachDownloadIsRecorded() throws Exception {
        Map<String, byte[]> samples = Zips.istandaardenSamples();
        String messages = deliver("berichten.zip", "demo-0384", "application/zip", Zips.zip(samples));
        String gmsd = deliver("0384_wmo_2026H1.csv", "demo-0384", "text/csv",
                Files.readAllBytes(Path.of("docs/examples/0384_WMO_2026H1.csv")));
        awaitFinal(messages, "demo-0384");
        awaitFinal(gmsd, "demo-0384");
        // a message from a care provider as the web service puts it in the gemeente's outbox
        template.sendBody("direct:outbox", new OutboxItem("0384", OutboxKind.BERICHT, "WMO302-12345678-0001.xml",
                MESSAGE.getBytes(StandardCharsets.UTF_8), null, null, null, "WMO302 van aanbieder 12345678", null,
                null));
        List<JsonNode> outbox = await().atMost(Duration.ofSeconds(30)).until(() -> outboxItems("demo-0384"),
                items -> items.stream().filter(i -> i.get("kind").asText().equals("FO01")).count() == 15
                        && items.stream().anyMatch(i -> i.get("kind").asText().equals("BERICHT")));
        List<String> expected = new ArrayList<>();
        String gmsdFo01 = null;
        for (JsonNode item : outbox) {
            boolean ofMessages = item.get("kind").asText().equals("FO01")
                    && item.get("delivery").get("id").asText().equals(messages);
            if (ofMessages || item.get("kind").asText().equals("BERICHT")) {
                expected.add(item.get("fileName").asText());
            } else if (item.get("kind").asText().equals("FO01")) {
                gmsdFo01 = item.get("fileName").asText();
            }
        }
        assertThat(expected).hasSize(15);
        assertThat(gmsdFo01).isNotNull();

        HttpResponse<byte[]> zip = download("", "demo-0384");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .matches("attachment; filename=\"berichtenverkeer-0384-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.zip\""));
        Map<String, byte[]> content = Reports.unzip(zip.body());
        assertThat(content.keySet()).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(gmsdFo01);
        assertThat(content.get("WMO302-12345678-0001.xml")).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        for (String name : expected) {
            assertThat(content.get(name)).as(name).isEqualTo(Files.readAllBytes(data("outbox/0384/" + name)));
        }
        assertThat(content.values()).filteredOn(b -> new String(b, StandardCharsets.UTF_8).contains("Fo01Bericht"))
                .hasSize(14);

        // every item in the ZIP is recorded as downloaded by 0384, the others are not
        for (JsonNode item : outboxItems("demo-0384")) {
            List<String> by = new ArrayList<>();
            item.get("downloads").forEach(d -> by.add(d.get("by").asText()));
            if (expected.contains(item.get("fileName").asText())) {
                assertThat(by).as(item.get("fileName").asText()).containsExactly("0384");
            } else {
                assertThat(by).as(item.get("fileName").asText()).isEmpty();
            }
        }
        // and the ZIP built for the answer is gone from the work folder
        try (Stream<Path> left = Files.list(data("work/berichtenverkeer"))) {
            assertThat(left).isEmpty();
        }
        JsonNode feed = json(get("/api/v1/activity?size=200", "demo-0384").body());
        assertThat(feed.get("items").toString()).contains("Diemen heeft bericht WMO302-12345678-0001.xml gedownload")
                .contains("14 van de 21 bestanden in berichten.zip van Diemen zijn afgekeurd");
        JsonNode listed = json(get("/api/v1/deliveries/" + messages, "demo-0384").body());
        assertThat(listed.get("fase").asText()).isEqualTo("doorgestuurd");
        assertThat(listed.get("redenTekst").isNull()).isTrue();
    }

    @Test
    void sinceLeavesOutWhatArrivedBefore() throws Exception {
        template.sendBody("direct:outbox", new OutboxItem("0363", OutboxKind.BERICHT, "JW302-87654321-0001.xml",
                MESSAGE.getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null));
        String created = await().atMost(Duration.ofSeconds(30)).until(() -> outboxItems("demo-0363").stream()
                .filter(i -> i.get("fileName").asText().equals("JW302-87654321-0001.xml"))
                .map(i -> i.get("created").asText()).findFirst().orElse(null), c -> c != null);
        assertThat(Reports.unzip(download("?since=" + created, "demo-0363").body()).keySet())
                .contains("JW302-87654321-0001.xml");
        HttpResponse<byte[]> later = download("?since=2100-12-31T00:00:00Z", "demo-0363");
        assertThat(later.statusCode()).isEqualTo(404);
    }

    @Test
    void nothingArrivedIsA404InDutchAndAnotherOrganisationIsForbidden() {
        HttpResponse<byte[]> none = download("", "demo-0599");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(new String(none.body(), StandardCharsets.UTF_8));
        assertThat(problem.get("title").asText()).isEqualTo("Geen berichten");
        assertThat(problem.get("detail").asText()).contains("Er zijn geen berichten").contains("Rotterdam (0599)");

        assertThat(download("?organisation=0384", "demo-0363").statusCode()).isEqualTo(403);
        assertThat(download("?organisation=0546", "demo-0547").statusCode()).isEqualTo(403);
        assertThat(download("?organisation=SWV-HR", "demo-0546").statusCode()).isEqualTo(403);
        assertThat(download("", null).statusCode()).isEqualTo(401);
        assertThat(download("?since=gisteren", "demo-0363").statusCode()).isEqualTo(400);
    }

    private List<JsonNode> outboxItems(String key) {
        List<JsonNode> items = new ArrayList<>();
        json(get("/api/v1/outbox?size=200", key).body()).get("items").forEach(items::add);
        return items;
    }

    private HttpResponse<byte[]> download(String query, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1/berichtenverkeer/download" + query)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
