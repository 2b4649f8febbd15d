package nl.ggk.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every date and time the API reads from a query lies in the years 2000–2100: outside that (up to the year
 * +999999999 that java.time still parses) it is a 400 problem+json whose Dutch detail names the parameter — never
 * a 503 from a year that overflows further on.
 */
class DateParametersTest extends HubTestSupport {

    private static final String FAR = "%2B999999999-12-31";

    @Test
    void aFoutrapportageForTheLastDayJavaKnowsIsA400NamingTheFieldNotA503() {
        assertRefused("/api/v1/foutrapportage?from=" + FAR + "&to=" + FAR, "from");
        assertRefused("/api/v1/foutrapportage?to=" + FAR, "to");
        assertRefused("/api/v1/foutrapportage?from=-999999999-01-01", "from");
        assertRefused("/api/v1/foutrapportage?from=1999-12-31&to=2000-01-31", "from");
        assertRefused("/api/v1/foutrapportage?from=2026-01-01&to=2101-01-01", "to");
    }

    @Test
    void theFirstAndLastDayOfTheRangeAreAnswered() {
        assertThat(get("/api/v1/foutrapportage?from=2000-01-01&to=2000-01-31", "demo-0384").statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/foutrapportage?from=2100-12-31&to=2100-12-31", "demo-0384").statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/deliveries?since=2000-01-01T00:00:00Z", "demo-0384").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outbox?since=2100-12-31T23:59:59Z", "demo-0384").statusCode()).isEqualTo(200);
    }

    @Test
    void sinceOutsideTheRangeIsA400NamingItOnDeliveriesOutboxAndBerichtenverkeer() {
        for (String path : new String[] {"/api/v1/deliveries", "/api/v1/outbox", "/api/v1/berichtenverkeer/download"}) {
            assertRefused(path + "?since=" + FAR + "T00:00:00Z", "since");
            assertRefused(path + "?since=-999999999-01-01T00:00:00Z", "since");
            assertRefused(path + "?since=1999-12-31T23:59:59Z", "since");
            assertRefused(path + "?since=2101-01-01T00:00:00Z", "since");
            assertRefused(path + "?since=gisteren", "since");
        }
    }

    private void assertRefused(String pathAndQuery, String field) {
        HttpResponse<String> response = get(pathAndQuery, "demo-0384");
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).as(pathAndQuery)
                .startsWith("'" + field + "' moet ").contains("tussen 2000 en 2100");
    }
}
