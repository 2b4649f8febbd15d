package nl.ggk.hub.testsupport;

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
import nl.ggk.hub.GgkHub;
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
        // system properties override application.properties (Camel's default), as -D would for a user
        System.setProperty("ggk.data-dir", DATA_DIR.toString());
        System.setProperty("camel.server.port", String.valueOf(HTTP_PORT));
        System.setProperty("camel.management.port", String.valueOf(MANAGEMENT_PORT));
        System.setProperty("ggk.broker.embedded.transport", "");
        System.setProperty("ggk.inbox.poll-delay-ms", "200");
        System.setProperty("ggk.inbox.read-lock-min-age-ms", "300");
        System.setProperty("ggk.inbox.read-lock-check-interval-ms", "100");
        System.setProperty("ggk.redelivery.delay-ms", "50");
    }

    /** The configuration classes, in the order {@link GgkHub#newMain()} adds them (no package scan). */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        HubConfigurations.addTo(configuration);
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
