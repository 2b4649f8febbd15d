package nl.ggk.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every problem+json a machine door or the API answers reads in Dutch (title and detail), with a stable English
 * {@code code} beside it; a path no route takes is a 404 problem, not Vert.x's HTML "Resource not found".
 */
class DutchProblemsTest extends HubTestSupport {

    /** English a user met in the answers before (issue 17): none of it may come back. */
    private static final List<String> ENGLISH = List.of("Send ", "Name the file", "not accepted", " may not ",
            "The API key", "is not a number", "larger than the limit", "Unauthorized", "Forbidden", "Not Found",
            "Bad Request", "Unsupported Media Type", "Content Too Large", "Resource not found", "<html>");

    private static final Map<Integer, String> DUTCH_TITLES = Map.of(400, "Ongeldig verzoek", 401, "Niet ingelogd",
            403, "Geen toegang", 404, "Niet gevonden", 415, "Soort inhoud niet ondersteund");

    private static final byte[] CSV = "x".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUnknownPathIsA404ProblemInDutchNotHtml() {
        for (String path : List.of("/nope", "/api/v1/nope", "/api/v2/deliveries")) {
            HttpResponse<String> answer = get(path, null);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            JsonNode problem = json(answer.body());
            assertThat(problem.get("title").asText()).isEqualTo("Niet gevonden");
            assertThat(problem.get("code").asText()).isEqualTo("not-found");
            assertThat(problem.get("detail").asText()).contains("Dit adres bestaat niet");
        }
    }

    @Test
    void everyRefusalOfTheApiIsInDutchWithAStableEnglishCode() {
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put("unauthorized", get("/api/v1/deliveries", null));
        answers.put("unauthorized ", get("/api/v1/outbox", "not-a-key"));
        answers.put("unauthorized  ", post("/api/v1/deliveries?filename=a.csv", null, "text/csv", CSV));
        answers.put("unsupported-media-type", post("/api/v1/deliveries?filename=a.json", "demo-0363",
                "application/json", CSV));
        answers.put("bad-request", post("/api/v1/deliveries", "demo-0363", "text/csv", CSV));
        answers.put("forbidden", post("/api/v1/deliveries?filename=a.csv", "demo-0363", "text/csv", CSV,
                "X-Organisation", "0599"));
        answers.put("forbidden ", get("/api/v1/deliveries?organisation=0599", "demo-0363"));
        answers.put("not-found", get("/api/v1/deliveries/00000000-0000-4000-8000-000000000000", "demo-0363"));
        answers.put("not-found ", get("/api/v1/outbox/00000000-0000-4000-8000-000000000000", "demo-0363"));
        answers.put("bad-request ", post("/api/v1/optin", "demo-0363", "application/json",
                "{\"organisation\":\"0363\",\"year\":2026,\"half\":3}".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, HttpResponse<String>> entry : answers.entrySet()) {
            HttpResponse<String> answer = entry.getValue();
            String code = entry.getKey().trim();
            assertThat(answer.headers().firstValue("Content-Type")).as(code + " " + answer.body())
                    .hasValue("application/problem+json");
            JsonNode problem = json(answer.body());
            assertThat(problem.get("code").asText()).as(answer.body()).isEqualTo(code);
            assertThat(problem.get("title").asText()).as(answer.body()).isEqualTo(DUTCH_TITLES.get(answer.statusCode()));
            for (String english : ENGLISH) {
                assertThat(problem.get("title").asText() + " " + problem.get("detail").asText()).as(answer.body())
                        .doesNotContain(english);
            }
        }
    }
}
