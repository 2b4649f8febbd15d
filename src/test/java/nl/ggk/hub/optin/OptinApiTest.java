package nl.ggk.hub.optin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/** POST/GET /api/v1/optin: stored with history, delivered through the chain as the specification's CSV. */
class OptinApiTest extends HubTestSupport {

    private static String body(String organisation, Object year, Object half, String wmoBasis) {
        return "{\"organisation\": \"" + organisation + "\", \"year\": " + year + ", \"half\": " + half
                + ", \"WMO_BASIS\": \"" + wmoBasis + "\", \"WMO_FACULTATIEF\": \"N\", \"JEUGD\": \"J\", \"SBO\": \"J\"}";
    }

    private HttpResponse<String> optin(String apiKey, String json) {
        return post("/api/v1/optin", apiKey, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOptinIsStoredWithItsHistoryAndItsCsvIsValidatedAndQueuedForCbs() {
        // the hub may be shared with other classes that chose for 0384 in 2026H1: this test's two come last
        int before = json(get("/api/v1/optin?organisation=0384&year=2026&half=1", "demo-0384").body())
                .get("history").size();
        HttpResponse<String> first = optin("demo-0384", body("0384", 2026, 1, "J"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode answer = json(first.body());
        String deliveryId = answer.get("deliveryId").asText();
        assertThat(answer.get("fileName").asText()).isEqualTo("0384_OPTIN_2026H1.csv");
        assertThat(answer.get("cbsFileName").asText()).as("ggk.optin.format defaults to csv")
                .isEqualTo("0384_OPTIN_2026H1.csv");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/deliveries/" + deliveryId);

        // checked like any GMSD file (VALIDATED), then forwarded to CBS (the simulator of the embedded default)
        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(deliveryId, "demo-0384"), t -> t.get("entries").size() == 1
                        && t.get("entries").get(0).get("status").asText().equals("FORWARDED"));
        assertThat(trace.get("channel").asText()).isEqualTo("API");
        assertThat(trace.get("filename").asText()).isEqualTo("0384_OPTIN_2026H1.csv");
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("functie").asText()).isEqualTo("OPTIN");
        assertThat(entry.get("events").findValuesAsText("status")).as(trace.toString()).contains("VALIDATED");

        HttpResponse<String> second = optin("demo-0384", body("0384", 2026, 1, "N"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);

        JsonNode current = json(get("/api/v1/optin?organisation=0384&year=2026&half=1", "demo-0384").body());
        assertThat(current.get("current").get("WMO_BASIS").asText()).isEqualTo("N");
        assertThat(current.get("current").get("deliveryId").asText()).isEqualTo(json(second.body()).get("deliveryId").asText());
        assertThat(current.get("history")).hasSize(before + 2);
        JsonNode mine = current.get("history").get(before);
        assertThat(mine.get("deliveryId").asText()).isEqualTo(deliveryId);
        assertThat(mine.get("WMO_BASIS").asText()).isEqualTo("J");
        assertThat(mine.get("decidedBy").asText()).isEqualTo("0384");
        assertThat(mine.get("decidedAt").asText()).isNotBlank();
    }

    @Test
    void aSamenwerkingsverbandDecidesForItsMember() {
        HttpResponse<String> response = optin("demo-SWV-HR", body("0546", 2026, 2, "J"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode history = json(get("/api/v1/optin?organisation=0546&year=2026&half=2", "demo-0546").body());
        assertThat(history.get("current").get("decidedBy").asText()).isEqualTo("SWV-HR");
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        assertField(optin("demo-0384", body("0384", 2026, 3, "J")), "'half'");
        assertField(optin("demo-0384", body("0384", "\"twintig\"", 1, "J")), "'year'");
        assertField(optin("demo-0384", body("0384", 2026, 1, "ja")), "'WMO_BASIS'");
        assertField(optin("demo-0384", body("12", 2026, 1, "J")), "'organisation'");
        assertField(optin("demo-0384", "{\"organisation\": "), "JSON");
        assertField(get("/api/v1/optin?organisation=0384&year=2026", "demo-0384"), "'half'");
    }

    @Test
    void anotherGemeentesOptinIsForbidden() {
        HttpResponse<String> post = optin("demo-0363", body("0384", 2026, 1, "J"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/v1/optin?organisation=0384&year=2026&half=1", "demo-0363").statusCode()).isEqualTo(403);
        assertThat(optin("demo-SWV-HR", body("0384", 2026, 1, "J")).statusCode()).isEqualTo(403);
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("detail").asText()).contains(field);
    }
}
