package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The JSON endpoints of /api/v1 (login, opt-in, users, terugmelding) bound every body before it is read: the caller is
 * authenticated first where the endpoint needs it, the Content-Type and the declared length are checked, the body is
 * counted while it streams against the endpoint's own small limit, and anonymous bodies (login) share a budget.
 * Every refusal is a problem+json answer with Connection: close.
 */
class JsonDoorTest extends HubTestSupport {

    private static final long TEN_MB = 10_000_000L;
    private static final String LOGIN = "{\"gebruikersnaam\":\"0363.aanlever\",\"wachtwoord\":\"Welkom-demo-2026\"}";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.http.anonymous.max-concurrent", "2");
        overrides.setProperty("ggk.http.anonymous.body-timeout-ms", "3000");
        return overrides;
    }

    /** method, path and whether the endpoint needs a caller, of every JSON endpoint that takes a body. */
    private static Map<String, String> jsonEndpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/v1/session", "anonymous");
        endpoints.put("POST /api/v1/optin", "key");
        endpoints.put("POST /api/v1/users", "key");
        endpoints.put("PUT /api/v1/users/1", "key");
        endpoints.put("POST /api/v1/users/1/wachtwoord", "key");
        endpoints.put("POST /api/v1/outbox/x/terugmelding", "key");
        return endpoints;
    }

    @Test
    void aBodyThatIsNotJsonIs415WithAProblemOnEveryJsonEndpoint() throws IOException {
        for (String endpoint : jsonEndpoints().keySet()) {
            RawHttp.Answer answer = RawHttp.send(httpPort, head(endpoint, "demo-0384", "text/plain", 1), 1);

            assertThat(answer.status()).as(endpoint).isEqualTo(415);
            assertThat(answer.header("Content-Type")).as(endpoint).isEqualTo("application/problem+json");
            JsonNode problem = json(answer.body());
            assertThat(problem.get("status").asInt()).isEqualTo(415);
            assertThat(problem.get("detail").asText()).as(endpoint).contains("application/json");
        }
    }

    @Test
    void aCorsPreflightIs405WithTheAllowedMethodsAndAProblem() throws IOException {
        RawHttp.Answer answer = RawHttp.send(httpPort, "OPTIONS /api/v1/optin HTTP/1.1\r\nHost: hub\r\n"
                + "Origin: https://elders.example\r\nAccess-Control-Request-Method: POST\r\n\r\n", 0);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, POST");
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        assertThat(json(answer.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void aLoginThatDeclaresTenMegabytesIs413AtOnceWithoutItsBodyBeingSent() throws IOException {
        long started = System.nanoTime();
        // only the head goes out: an answer that comes anyway cannot have waited for the body
        RawHttp.Answer answer = RawHttp.send(httpPort, head("POST /api/v1/session", null, "application/json",
                TEN_MB), 0, 5_000);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(answer.body()).get("detail").asText()).contains("4096");
    }

    @Test
    void aChunkedLoginThatGrowsPastItsLimitIsCutOffWith413() throws IOException {
        RawHttp.Answer answer;
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/session HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024];
            try {
                for (int i = 0; i < 1024 && socket.getInputStream().available() == 0; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closedByTheHub) {
                // the hub may close the connection before the last chunk
            }
            answer = RawHttp.answerOn(socket);
        }

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void anUnauthenticatedTenMegabyteBodyIs401BeforeItIsReadOnEveryEndpointThatNeedsACaller() throws IOException {
        for (Map.Entry<String, String> endpoint : jsonEndpoints().entrySet()) {
            if (endpoint.getValue().equals("anonymous")) {
                continue;
            }
            RawHttp.Answer answer = RawHttp.send(httpPort, head(endpoint.getKey(), null, "application/json",
                    TEN_MB), 0, 5_000);

            assertThat(answer.status()).as(endpoint.getKey()).isEqualTo(401);
            assertThat(answer.header("Connection")).as(endpoint.getKey()).isEqualToIgnoringCase("close");
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void anAuthenticatedBodyOverItsEndpointsLimitIs413BeforeItIsRead() throws IOException {
        RawHttp.Answer optin = RawHttp.send(httpPort, head("POST /api/v1/optin", "demo-0384", "application/json",
                100_000), 0, 5_000);
        RawHttp.Answer terugmelding = RawHttp.send(httpPort, head("POST /api/v1/outbox/x/terugmelding", "demo-0384",
                "application/json", TEN_MB), 0, 5_000);

        assertThat(optin.status()).isEqualTo(413);
        assertThat(json(optin.body()).get("detail").asText()).contains("32768");
        assertThat(terugmelding.status()).isEqualTo(413);
        // the documented limit of a terugmelding: 4/3 of the 5 MB attachment plus the text
        assertThat(json(terugmelding.body()).get("detail").asText()).contains("7054604");
    }

    @Test
    void anonymousBodiesBeyondTheBudgetGet503WithRetryAfterAtOnceAndTheBudgetComesBack() throws IOException {
        String stalledHead = head("POST /api/v1/session", null, "application/json", 1000);
        List<Socket> stalled = new ArrayList<>();
        try {
            // each is let in (100 Continue) and holds its share of the budget of two
            stalled.add(RawHttp.stall(httpPort, stalledHead, 10));
            stalled.add(RawHttp.stall(httpPort, stalledHead, 10));
            long started = System.nanoTime();
            RawHttp.Answer third = RawHttp.send(httpPort, head("POST /api/v1/session", null, "application/json",
                    LOGIN.length()) + LOGIN, 0);

            assertThat(third.status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(third.header("Retry-After")).matches("\\d+");
            assertThat(third.header("Content-Type")).isEqualTo("application/problem+json");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // the stalled clients hung up: their share is free again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                RawHttp.send(httpPort, head("POST /api/v1/session", null, "application/json", LOGIN.length())
                        + LOGIN, 0).status()).isEqualTo(200));
    }

    @Test
    void anAnonymousBodyThatStallsIsAnswered408WhenItsTimeIsUp() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = RawHttp.stall(httpPort, head("POST /api/v1/session", null, "application/json", 1000),
                10)) {
            RawHttp.Answer answer = RawHttp.answerOn(socket);

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2500),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void aBodyOnARequestThatTakesNoneIsRefusedWith413() throws IOException {
        RawHttp.Answer answer = RawHttp.send(httpPort, "GET /api/v1/deliveries HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Length: " + TEN_MB + "\r\n\r\n", 0, 5_000);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aLoginAndAnOptinWithinTheirLimitsAreServedAsBefore() throws IOException {
        RawHttp.Answer login = RawHttp.send(httpPort, head("POST /api/v1/session", null,
                "application/json; charset=utf-8", LOGIN.length()) + LOGIN, 0);
        String optin = "{\"organisation\":\"0384\",\"year\":2026,\"half\":2,\"WMO_BASIS\":\"J\","
                + "\"WMO_FACULTATIEF\":\"N\",\"JEUGD\":\"J\",\"SBO\":\"J\"}";
        RawHttp.Answer decided = RawHttp.send(httpPort, head("POST /api/v1/optin", "demo-0384", "application/json",
                optin.length()) + optin, 0);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.header("Set-Cookie")).startsWith("ggk_session=");
        assertThat(decided.status()).as(decided.body()).isEqualTo(202);
    }

    private static String head(String endpoint, String key, String contentType, long length) {
        String[] methodAndPath = endpoint.split(" ", 2);
        return methodAndPath[0] + " " + methodAndPath[1] + " HTTP/1.1\r\nHost: hub\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + "Content-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n";
    }
}
