package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cbs-simulator}: its options, and what of the environment it takes (only its own settings). */
class CbsSimulatorCommandTest {

    @Test
    void optionsBecomeTheSimulatorsSettingsWithItsOwnBrokerAndDatabase() {
        CbsSimulatorCommand.Parsed parsed = CbsSimulatorCommand.parse(new String[] {"--port", "18090",
                "--hub-endpoint", "http://127.0.0.1:18081/ws/ggk0210", "--data-dir", "/tmp/sim"}, Map.of());

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.settings()).containsEntry("camel.server.port", "18090")
                .containsEntry("ggk.cbs.simulator.hub-endpoint", "http://127.0.0.1:18081/ws/ggk0210")
                .containsEntry("ggk.data-dir", "/tmp/sim")
                .containsEntry("ggk.cbs.simulator.enabled", "true")
                .containsEntry("ggk.broker.embedded", "true").containsEntry("ggk.broker.embedded.transport", "")
                .containsEntry("ggk.db.url", "").containsEntry("ggk.tls.enabled", "false")
                .containsEntry("camel.main.profile", "cbs-simulator");
        assertThat(parsed.settings().get("camel.main.routes-include-pattern"))
                .contains("classpath:routes/cbs-simulator.camel.yaml", "classpath:routes/cbs-simulator-callback.camel.yaml")
                .doesNotContain("intake");
    }

    @Test
    void onlyItsOwnSettingsAreTakenFromTheEnvironment() {
        CbsSimulatorCommand.Parsed parsed = CbsSimulatorCommand.parse(new String[0], Map.of(
                "GGK_CBS_SIMULATOR_HUB_KEY", "the-rinis-key", "GGK_CBS_SIMULATOR_FEEDBACK_DELAY_MS", "500",
                "GGK_CBS_SIMULATOR_ENABLED", "false", "GGK_DB_URL", "jdbc:postgresql://db/ggk"));

        assertThat(parsed.settings()).containsEntry("ggk.cbs.simulator.hub-key", "the-rinis-key")
                .containsEntry("ggk.cbs.simulator.feedback-delay-ms", "500")
                .containsEntry("ggk.cbs.simulator.enabled", "true")
                .containsEntry("ggk.db.url", "")
                .containsEntry("camel.server.port", String.valueOf(CbsSimulatorCommand.DEFAULT_PORT));
    }

    @Test
    void aWrongOptionIsAUsageError() {
        assertThat(CbsSimulatorCommand.parse(new String[] {"--prot", "1"}, Map.of()).error())
                .isEqualTo("cbs-simulator: unknown option '--prot'");
        assertThat(CbsSimulatorCommand.parse(new String[] {"--port"}, Map.of()).error())
                .isEqualTo("cbs-simulator: '--port' needs a value");
        assertThat(CbsSimulatorCommand.parse(new String[] {"--port", "99999"}, Map.of()).error())
                .contains("--port must be a port number");
        assertThat(CbsSimulatorCommand.parse(new String[] {"--hub-endpoint", "file:/etc"}, Map.of()).error())
                .contains("--hub-endpoint must be an http:// or https:// URL");
    }
}
