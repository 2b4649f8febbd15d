package nl.ggk.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/** The outbox over HTTP: list, download (recorded), the reader rules, and the links from track &amp; trace. */
class OutboxApiTest extends HubTestSupport {

    private static final String VALID = "20260715;0384;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aGemeenteListsAndDownloadsItsFo01AndTheDownloadIsRecorded() throws Exception {
        String id = deliver("0384_wmo_2026H1.csv", "demo-0384", "text/csv", VALID.getBytes(StandardCharsets.UTF_8));
        JsonNode trace = awaitFinal(id, "demo-0384");
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK002");

        JsonNode item = awaitItem("demo-0384", id, "FO01");
        assertThat(item.get("organisation").asText()).isEqualTo("0384");
        assertThat(item.get("fileName").asText()).isEqualTo(entry.get("fo01").get("file").asText().substring(5));
        assertThat(item.get("delivery").get("entry").asInt()).isEqualTo(entry.get("index").asInt());
        assertThat(item.get("downloads")).isEmpty();

        HttpResponse<byte[]> file = download(item.get("id").asText(), "demo-0384");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + item.get("fileName").asText() + "\"");
        assertThat(file.body()).isEqualTo(Files.readAllBytes(data("outbox/0384/" + item.get("fileName").asText())));

        JsonNode after = awaitItem("demo-0384", id, "FO01");
        assertThat(after.get("downloads")).hasSize(1);
        assertThat(after.get("downloads").get(0).get("by").asText()).isEqualTo("0384");
        assertThat(after.get("downloads").get(0).get("organisation").asText()).isEqualTo("0384");
    }

    @Test
    void anotherGemeenteGets404ForTheItemAndDoesNotSeeItInItsList() throws Exception {
        String id = deliver("0384_wmo_2026H2.csv", "demo-0384", "text/csv", VALID.getBytes(StandardCharsets.UTF_8));
        awaitFinal(id, "demo-0384");
        JsonNode item = awaitItem("demo-0384", id, "FO01");

        HttpResponse<byte[]> refused = download(item.get("id").asText(), "demo-0363");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(items("demo-0363", "")).noneMatch(i -> i.get("id").asText().equals(item.get("id").asText()));
        assertThat(get("/api/v1/outbox?organisation=0384", "demo-0363").statusCode()).isEqualTo(403);
        assertThat(items("demo-0384", "")).anyMatch(i -> i.get("id").asText().equals(item.get("id").asText()));
        // the list of 0384 was not touched by the refused download
        assertThat(awaitItem("demo-0384", id, "FO01").get("downloads")).isEmpty();
    }

    @Test
    void aSamenwerkingsverbandSeesItsMembersItemAndWhoDownloadedIt() throws Exception {
        String csv = VALID.replace(";0384;", ";0546;");
        String id = deliver("0546_wmo_2026H1.csv", "demo-0546", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitFinal(id, "demo-0546");
        JsonNode item = awaitItem("demo-0546", id, "FO01");
        assertThat(download(item.get("id").asText(), "demo-0546").statusCode()).isEqualTo(200);

        JsonNode seen = awaitItem("demo-SWV-HR", id, "FO01");
        assertThat(seen.get("organisation").asText()).isEqualTo("0546");
        assertThat(seen.get("downloads")).extracting(d -> d.get("by").asText()).containsExactly("0546");
        assertThat(download(item.get("id").asText(), "demo-0547").statusCode()).isEqualTo(404);
        assertThat(items("demo-0547", "")).noneMatch(i -> i.get("id").asText().equals(item.get("id").asText()));
    }

    @Test
    void trackAndTraceLinksEachEntryToItsFeedbackZipWhichDownloadsAsZip() throws Exception {
        String id = deliver("0384_WMO_2025H1.csv", "demo-0384", "text/csv",
                VALID.replace("2026", "2025").getBytes(StandardCharsets.UTF_8));
        JsonNode entry = await().atMost(Duration.ofSeconds(60)).until(
                () -> delivery(id, "demo-0384").get("entries").get(0), e -> e.get("outbox").size() > 0);
        JsonNode link = entry.get("outbox").get(0);
        assertThat(link.get("kind").asText()).isEqualTo("TECHNISCHE_TERUGKOPPELING_HUB");
        assertThat(entry.get("fo01").isNull()).isTrue();

        HttpResponse<byte[]> zip = download(link.get("id").asText(), "demo-0384");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(new String(zip.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }

    private JsonNode awaitItem(String apiKey, String deliveryId, String kind) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> items(apiKey, "").stream().filter(i -> !i.get("delivery").isNull()
                        && i.get("delivery").get("id").asText().equals(deliveryId)
                        && i.get("kind").asText().equals(kind)).findFirst().orElse(null),
                i -> i != null);
    }

    private List<JsonNode> items(String apiKey, String query) {
        HttpResponse<String> response = get("/api/v1/outbox?size=200" + query, apiKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json(response.body()).get("items").forEach(items::add);
        return items;
    }

    private HttpResponse<byte[]> download(String itemId, String apiKey) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/outbox/" + itemId))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
