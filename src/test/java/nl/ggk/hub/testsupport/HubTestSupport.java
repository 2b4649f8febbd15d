package nl.ggk.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against the whole hub as {@code java -jar} runs it (camel-main, YAML routes, embedded broker and
 * database), started by {@link HubExtension}: shared with every other class of the same settings in this JVM,
 * or one of its own for a class marked {@link OwnHub}. A class on a shared hub works on deliveries, file names and
 * users of its own and asserts on those (its delivery ids, its file names), never on how many there are in a
 * folder or a list that other classes write too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(HubExtension.class)
public abstract class HubTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("FORWARDED", "VALIDATED", "REJECTED", "FAILED");

    /** The hub's data root, ports and context: set before the class's first test. */
    protected Path dataDir;
    protected int httpPort;
    protected int managementPort;
    /** The embedded broker's TCP transport, where an external JMS client connects. */
    protected String brokerTcpUrl;
    protected CamelContext context;
    protected ProducerTemplate template;
    protected ConsumerTemplate consumer;

    /**
     * The settings of this class's hub over application.properties: quick polling and retries. A class that
     * needs other settings adds to these; classes with the same settings share a hub. The data root, the ports
     * and the broker's name and TCP transport are the hub's own and not set here.
     */
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = new Properties();
        overrides.setProperty("ggk.inbox.poll-delay-ms", "200");
        overrides.setProperty("ggk.inbox.read-lock-min-age-ms", "300");
        overrides.setProperty("ggk.inbox.read-lock-check-interval-ms", "100");
        overrides.setProperty("ggk.redelivery.delay-ms", "50");
        // cheap password hashes: a quarter of the test JVM's CPU went to Argon2 at the default cost (16 MiB, 2
        // passes) in logins; what a login does is the same at any cost (PasswordsTest checks the default's)
        overrides.setProperty("ggk.portal.password.argon2-memory-kib", "64");
        overrides.setProperty("ggk.portal.password.argon2-iterations", "1");
        return overrides;
    }

    final void attach(TestHub hub) {
        dataDir = hub.dataDir;
        httpPort = hub.httpPort;
        managementPort = hub.managementPort;
        brokerTcpUrl = hub.brokerTcpUrl;
        context = hub.context();
        template = context.createProducerTemplate();
        consumer = context.createConsumerTemplate();
    }

    @AfterAll
    void closeTemplates() throws Exception {
        if (template != null) {
            template.close();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    /**
     * The tests of one hub share its data root and database, and the official samples share their
     * BerichtIdentificatie: each test starts with a hub that has forwarded none of them, as it would alone.
     */
    @BeforeEach
    void forgetForwardedMessages() throws SQLException {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        if (dataSource != null) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM forwarded_message");
            }
        }
    }

    protected Path data(String relative) {
        return dataDir.resolve(relative);
    }

    /** The file quarantine/{@code organisation}/ holds whose name ends in -{@code suffix}, or null while there is none. */
    protected Path quarantinedFile(String organisation, String suffix) throws IOException {
        Path folder = data("quarantine/" + organisation);
        if (!java.nio.file.Files.isDirectory(folder)) {
            return null;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            // .part-… is a file the quarantine route is still writing (its tempPrefix), not yet the file
            return files.filter(p -> p.getFileName().toString().endsWith("-" + suffix))
                    .filter(p -> !p.getFileName().toString().startsWith(".part-")).findFirst().orElse(null);
        }
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
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build())
                .body();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return Http.send(request);
    }
}
