package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The hub's command line as a new user meets it: --help, the start-up and shutdown lines, a port clash. */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.Order(5)
class HubCommandLineTest {

    @TempDir
    java.nio.file.Path workDir;

    @Test
    void helpListsTheHubsOwnCommandsAndWhereCamelsOptionsAre() throws Exception {
        try (ForkedHub help = ForkedHub.start(workDir, Map.of(), Map.of(), "--help")) {
            assertThat(help.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(help.log()).contains("(no command)   start the hub")
                    .containsPattern("(?m)^  validate FILE +check a GMSD file offline")
                    .containsPattern("(?m)^  bench +measure the GMSD validator")
                    .containsPattern("(?m)^  bench-hub +start a hub on a temporary data root")
                    .contains("--camel-help   the options of Camel's runner")
                    .doesNotContain("Apache Camel");
        }
    }

    @Test
    void helpSaysTheConfigIsReadFromTheWorkingDirectory() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        HubCommands.help(new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8)).contains("config/ of the working directory (or in GGK_CONFIG_DIR)")
                .doesNotContain("beside the jar");
    }

    @Test
    void aMistypedCommandExitsNonZeroWithTheHubsOwnHelpAndStartsNothing() throws Exception {
        try (ForkedHub typo = ForkedHub.start(workDir, Map.of(), Map.of(), "valdate", "x.csv")) {
            assertThat(typo.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(typo.log()).contains("ggk-hub: unknown command 'valdate'; did you mean 'validate'?")
                    .contains("usage: java -jar ggk-hub.jar [command] [options]")
                    .doesNotContain("Unknown option").doesNotContain("Apache Camel");
        }
    }

    /** The operator's commands are commands of the jar (they were refused as unknown before the hub's own check). */
    @Test
    void theOperatorsCommandsAreKnownToTheEntryPoint() throws Exception {
        int closedPort = FreePorts.next();
        try (ForkedHub dlq = ForkedHub.start(workDir, Map.of(), Map.of(), "dlq", "list", "--url",
                "http://127.0.0.1:" + closedPort)) {
            dlq.awaitExit(Duration.ofSeconds(60));
            assertThat(dlq.log()).doesNotContain("unknown command").doesNotContain("Apache Camel");
        }
    }

    /**
     * One forked hub for what a user sees of a whole run: every request while it starts is answered problem+json
     * (503 with Retry-After, never Vert.x's HTML), the start line names the portal, a normal start and portal visit
     * log no WARN, and "ggk-hub stopped" is the last line.
     */
    @Test
    void startUpAnswersProblemsUntilReadyNamesThePortalLogsNoWarnAndStoppedIsTheLastLine() throws Exception {
        try (ForkedHub hub = ForkedHub.start(workDir, Map.of(), Map.of())) {
            List<HttpResponse<String>> early = new ArrayList<>();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(hub.isAlive()).as("hub alive; log:%n%s", hub.log()).isTrue();
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(hub.api("/api/v1/openapi.json"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    early.add(answer);
                    return answer.statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            hub.awaitHealthy();
            List<HttpResponse<String>> starting = early.subList(0, early.size() - 1);
            assertThat(starting).as("answers before the hub was ready").allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.body()).contains("\"code\":\"starting\"").contains("De hub start nog")
                        .doesNotContain("<html>");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.log().contains("ggk-hub started:"));
            assertThat(hub.log()).contains("ggk-hub started: portal http://127.0.0.1:" + hub.httpPort + "/, API http://"
                            + "127.0.0.1:" + hub.httpPort + "/api/v1/deliveries")
                    .contains("http://127.0.0.1:" + hub.managementPort + "/observe/health")
                    .doesNotContain("0.0.0.0");
            // a normal portal visit: the page, then "who is logged in?" before anyone is, and the browser's icon
            for (String path : List.of("/", "/api/v1/session", "/favicon.ico")) {
                client.send(HttpRequest.newBuilder(hub.api(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            }

            hub.stop();

            List<String> lines = hub.log().lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("a normal start, portal visit and stop log no WARN").noneMatch(l -> l.contains(" WARN "));
            assertThat(lines.get(lines.size() - 1)).contains("ggk-hub stopped:");
        }
    }

    @Test
    void aBrokerTransportInUseNamesGgkBrokerTransport() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String transport = "tcp://127.0.0.1:" + taken.getLocalPort();
            try (ForkedHub hub = ForkedHub.start(workDir, Map.of("ggk.broker.embedded.transport", transport),
                    Map.of())) {
                assertThat(hub.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
                assertThat(hub.log()).as(hub.log()).contains("ggk-hub could not start: the embedded broker cannot listen on "
                        + transport + ": set GGK_BROKER_TRANSPORT");
            }
        }
    }

    @Test
    void aPortInUseNamesTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            try (ForkedHub hub = ForkedHub.start(workDir, Map.of("camel.server.port", String.valueOf(port)),
                    Map.of())) {
                assertThat(hub.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
                assertThat(hub.log()).contains("ggk-hub could not start: port " + port + " on 127.0.0.1 is already"
                        + " in use: set GGK_HTTP_PORT (camel.server.port) to a free port")
                        .as("no one sent a signal").doesNotContain("SIGTERM");
            }
        }
    }
}
