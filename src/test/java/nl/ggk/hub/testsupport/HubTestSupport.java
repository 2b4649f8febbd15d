package nl.ggk.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import nl.ggk.hub.config.HubConfigurations;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts the whole hub as {@code java -jar} would (camel-main, YAML routes, embedded broker and
 * database) on a fresh data root and free ports, once per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HubTestSupport extends CamelMainTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("FORWARDED", "VALIDATED", "REJECTED", "FAILED");
    protected static final Path DATA_DIR;
    protected static final int HTTP_PORT;
    protected static final int MANAGEMENT_PORT;

    static {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            DATA_DIR = Files.createTempDirectory(base.toAbsolutePath(), "hub-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HTTP_PORT = AvailablePortFinder.getNextAvailable();
        MANAGEMENT_PORT = AvailablePortFinder.getNextAvailable();
    }

    /** A fresh data root, free ports, no TCP transport, quick polling and retries; over application.properties. */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = new Properties();
        overrides.setProperty("ggk.data-dir", DATA_DIR.toString());
        overrides.setProperty("camel.server.port", String.valueOf(HTTP_PORT));
        overrides.setProperty("camel.management.port", String.valueOf(MANAGEMENT_PORT));
        overrides.setProperty("ggk.broker.embedded.transport", "");
        overrides.setProperty("ggk.inbox.poll-delay-ms", "200");
        overrides.setProperty("ggk.inbox.read-lock-min-age-ms", "300");
        overrides.setProperty("ggk.inbox.read-lock-check-interval-ms", "100");
        overrides.setProperty("ggk.redelivery.delay-ms", "50");
        return overrides;
    }

    /** The configuration classes, in the order {@link nl.ggk.hub.boot.HubMain#newMain()} adds them (no package scan). */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        HubConfigurations.addTo(configuration);
    }

    /**
     * The tests of one class share a data root and database, and the official samples share their
     * BerichtIdentificatie: each test starts with a hub that has forwarded none of them, as it would alone.
     */
    @org.junit.jupiter.api.BeforeEach
    void forgetForwardedMessages() throws java.sql.SQLException {
        javax.sql.DataSource dataSource = context.getRegistry().findSingleByType(javax.sql.DataSource.class);
        if (dataSource != null) {
            try (java.sql.Connection connection = dataSource.getConnection();
                 java.sql.Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM forwarded_message");
            }
        }
    }

    protected Path data(String relative) {
        return DATA_DIR.resolve(relative);
    }

    protected HttpResponse<String> post(String pathAndQuery, String apiKey, String contentType, byte[] body,
                                        String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected HttpResponse<String> get(String pathAndQuery, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    /** The track &amp; trace answer for a delivery, as its organisation sees it. */
    protected JsonNode delivery(String id, String apiKey) {
        HttpResponse<String> response = get("/api/v1/deliveries/" + id, apiKey);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET delivery " + id + " gave " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** POSTs a delivery as {@code apiKey}'s organisation, expects 202 and returns the delivery id. */
    protected String deliver(String filename, String apiKey, String contentType, byte[] body) {
        HttpResponse<String> response = post("/api/v1/deliveries?filename=" + filename, apiKey, contentType, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).get("id").asText();
    }

    /** The track &amp; trace answer once the delivery is settled: FORWARDED, VALIDATED, REJECTED or FAILED. */
    protected JsonNode awaitFinal(String id, String apiKey) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, apiKey), trace -> FINAL.contains(trace.get("status").asText()));
    }

    /** The id of the delivery of {@code filename} by {@code org} (demo key), or null while there is none. */
    protected String deliveryIdOf(String org, String filename) {
        JsonNode list = json(get("/api/v1/deliveries?organisation=" + org + "&size=200", "demo-" + org).body());
        for (JsonNode item : list.get("items")) {
            if (item.get("filename").asText().equals(filename)) {
                return item.get("id").asText();
            }
        }
        return null;
    }

    protected static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    protected String managementGet(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path)).GET().build())
                .body();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + HTTP_PORT + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return Http.send(request);
    }
}
