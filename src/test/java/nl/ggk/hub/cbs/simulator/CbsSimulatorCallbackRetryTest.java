package nl.ggk.hub.cbs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's callback goes through a door in front of the hub's web service that answers 503 to the first two
 * Du01s: the simulator retries the same message until the hub takes it, and the gemeente gets its report once.
 */
class CbsSimulatorCallbackRetryTest extends HubTestSupport {

    private static final String ACTION_DU01 = "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final HttpServer DOOR;
    private static final AtomicInteger REFUSE_DU01 = new AtomicInteger(2);
    private static final List<String> DU01_BODIES = new CopyOnWriteArrayList<>();
    /** The hub's HTTP port, for the door's handler. */
    private static volatile int hubPort;

    static {
        try {
            DOOR = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DOOR.createContext("/ws", CbsSimulatorCallbackRetryTest::pass);
        DOOR.start();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.cbs.simulator.hub-endpoint",
                "http://127.0.0.1:" + DOOR.getAddress().getPort() + "/ws");
        overrides.setProperty("ggk.cbs.simulator.feedback-delay-ms", "200");
        overrides.setProperty("ggk.cbs.simulator.spiegelrapport-delay-ms", "200");
        overrides.setProperty("ggk.cbs.simulator.retry-delay-ms", "200");
        return overrides;
    }

    @BeforeAll
    void doorToThisHub() {
        hubPort = httpPort;
    }

    @AfterAll
    void closeDoor() {
        DOOR.stop(0);
    }

    @Test
    void aCallbackTheHubAnswersWith503IsRetriedWithTheSameMessageAndArrivesOnce() throws Exception {
        String name = "0384_WMO_2026H1.csv";
        String id = deliver(name, "demo-0384", "text/csv", Files.readAllBytes(Path.of("docs/examples", name)));

        JsonNode entry = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384").get("entries").get(0),
                        e -> e.get("events").toString().contains("terugkoppeling CBS ontvangen: spiegelrapport"));

        assertThat(DU01_BODIES).as("two 503s, then accepted").hasSizeGreaterThanOrEqualTo(3);
        assertThat(DU01_BODIES).as("every retry is the same message").containsOnly(DU01_BODIES.get(0));
        assertThat(entry.get("events").toString()).contains("terugkoppeling CBS ontvangen: technische terugkoppeling");
        try (Stream<Path> files = Files.list(data("outbox/0384"))) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("technische-terugkoppeling-cbs-0384_WMO_2026H1-"))).hasSize(1);
        }
    }

    /** 503 for the first Du01s; everything else goes on to the hub's /ws/ggk0210 as it came. */
    private static void pass(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String action = exchange.getRequestHeaders().getFirst("SOAPAction");
        int status;
        byte[] answer;
        if (ACTION_DU01.equals(action)) {
            DU01_BODIES.add(new String(body, StandardCharsets.UTF_8));
        }
        if (ACTION_DU01.equals(action) && REFUSE_DU01.getAndDecrement() > 0) {
            status = 503;
            answer = "Service Unavailable".getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + hubPort + "/ws/ggk0210"))
                        .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                        .header("SOAPAction", action)
                        .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                answer = response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 502;
                answer = new byte[0];
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
