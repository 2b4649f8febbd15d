package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import nl.ggk.hub.testsupport.ForkedHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The hub's command line as a new user meets it: --help, the start-up and shutdown lines, a port clash. */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
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
    void startUpNamesTheBoundAddressesAndShutdownSaysItFinished() throws Exception {
        try (ForkedHub hub = ForkedHub.start(workDir, Map.of(), Map.of()).awaitHealthy()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.log().contains("ggk-hub started:"));
            assertThat(hub.log()).contains("ggk-hub started: API http://127.0.0.1:" + hub.httpPort
                            + "/api/v1/deliveries")
                    .contains("http://127.0.0.1:" + hub.managementPort + "/observe/health")
                    .doesNotContain("0.0.0.0");

            hub.stop();

            assertThat(hub.log()).contains("ggk-hub stopped:");
        }
    }

    @Test
    void aBrokerTransportInUseNamesGgkBrokerTransport() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String transport = "tcp://127.0.0.1:" + taken.getLocalPort();
            try (ForkedHub hub = ForkedHub.start(workDir, Map.of("ggk.broker.embedded.transport", transport),
                    Map.of())) {
                assertThat(hub.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
                assertThat(hub.log()).contains("ggk-hub could not start: the embedded broker cannot listen on "
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
                        + " in use: set GGK_HTTP_PORT (camel.server.port) to a free port");
            }
        }
    }
}
