package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alerts that ship in docker/: Prometheus' own promtool accepts the rules and the scrape
 * configuration (Debian package prometheus; .ci/run installs it, the check is skipped without it), and every metric a
 * rule or a Grafana panel names is one the running hub exposes on /observe/metrics.
 */
class PrometheusRulesTest extends HubTestSupport {

    private static final Path PROMTOOL = Path.of(System.getProperty("ggk.test.promtool", "/usr/bin/promtool"));
    private static final Path RULES = Path.of("docker/prometheus/ggk-alerts.yml");
    private static final Path CONFIG = Path.of("docker/prometheus/prometheus.yml");
    private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/ggk-hub.json");
    /** Metric names as the hub's families spell them (its own, Camel's, the JVM's). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ggk|camel|jvm|process|system)_[a-z0-9_]+)\\b");
    /** A series Prometheus makes itself for every target, not the hub. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @TempDir
    Path work;

    @Test
    void promtoolAcceptsTheRulesAndTheScrapeConfiguration() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "no promtool at " + PROMTOOL
                + " (Debian package prometheus; .ci/run installs it)");
        Result rules = promtool("check", "rules", RULES.toAbsolutePath().toString());
        assertThat(rules.exit()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: 6 rules found");

        // the configuration names the rules where the container mounts them; here, where they are
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, Files.readString(CONFIG).replace("/etc/prometheus/ggk-alerts.yml",
                RULES.toAbsolutePath().toString()));
        Result checked = promtool("check", "config", config.toString());
        assertThat(checked.exit()).as(checked.output()).isZero();
    }

    @Test
    void promtoolRefusesABrokenRuleSoTheCheckAbove() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "no promtool at " + PROMTOOL);
        Path broken = work.resolve("broken.yml");
        Files.writeString(broken, Files.readString(RULES).replace("max by (instance, queue) (ggk_dlq_depth) > 0",
                "max by (instance, queue) (ggk_dlq_depth > 0"));
        assertThat(promtool("check", "rules", broken.toString()).exit()).isNotZero();
    }

    @Test
    void everyMetricARuleOrAPanelNamesIsExposedByTheHub() throws IOException {
        Set<String> named = new TreeSet<>(metrics(Files.readString(RULES)));
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        List<String> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panels.add(panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                named.addAll(metrics(target.get("expr").asText()));
            }
        }
        assertThat(panels).contains("Queue depth", "Dead letters per queue (DLQ.<queue>)", "CBS round trip",
                "JVM heap", "Deliveries by status (track & trace now)", "Flow throughput: entries forwarded per channel");
        assertThat(named).contains("ggk_dlq_depth", "ggk_cbs_reachable", "ggk_data_root_free_bytes",
                "jvm_memory_used_bytes", "camel_exchanges_total");

        Set<String> exposed = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(managementGet("/observe/metrics"));
        while (sample.find()) {
            exposed.add(sample.group(1));
        }
        named.removeAll(PROMETHEUS_OWN);
        assertThat(exposed).as("metrics the hub exposes").containsAll(named);
    }

    private static Set<String> metrics(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(text.replaceAll("\\{\\{[^}]*}}", "").replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private record Result(int exit, String output) {
    }

    private Result promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
