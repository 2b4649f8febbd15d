package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.testsupport.ForkedHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code bench-hub} as a user runs it, made small ({@code --messages 20 --rounds 1 --deliveries 1}): every figure the
 * issue asks for is printed with a number, beside its broker baseline, and the command ends by itself.
 */
// its hub is a process of its own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.Order(7)
class HubBenchCommandTest {

    @TempDir
    Path workDir;

    @Test
    void benchHubPrintsThroughputLatencyHeapAndCbsFeedbackBesideTheBrokerBaseline() throws Exception {
        try (ForkedHub bench = ForkedHub.start(workDir, Map.of(), Map.of(), "bench-hub", "--no-warm-up",
                "--rounds", "1", "--messages", "20", "--deliveries", "1")) {
            assertThat(bench.awaitExit(Duration.ofMinutes(4))).as(bench.log()).isZero();
            String log = bench.log();
            assertThat(log).contains("Baseline: the same 60 persistent messages of");
            assertThat(number(log, "ratio hub/baseline (\\d+\\.\\d+)")).as(log).isPositive();
            assertThat(number(log, "broker baseline (\\d+) messages/s")).as(log).isPositive();
            double p50 = number(log, "p50 (\\d+) ms, p95");
            double p99 = number(log, "p99 (\\d+) ms \\(60 messages\\)");
            assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
            assertThat(number(log, "peak heap of the hub process during the measured rounds: (\\d+) MB")).isPositive();
            assertThat(number(log, "CBS technical feedback in the outbox, simulator at zero delay: p50 (\\d+) ms"))
                    .isPositive();
            assertThat(number(log, "dropped in the inbox folder \\(read lock 100 ms\\) -> CBS technical feedback in "
                    + "the outbox: p50 (\\d+) ms")).isPositive();
        }
    }

    /** Two hub instances against one broker: the second a client of the first one's broker, sharing the work. */
    @Test
    void benchHubMeasuresTwoHubInstancesAgainstOneBroker() throws Exception {
        try (ForkedHub bench = ForkedHub.start(java.nio.file.Files.createDirectories(workDir.resolve("two")), Map.of(), Map.of(), "bench-hub",
                "--no-warm-up", "--rounds", "1", "--messages", "20", "--deliveries", "0", "--instances", "2")) {
            assertThat(bench.awaitExit(Duration.ofMinutes(4))).as(bench.log()).isZero();
            String log = bench.log();
            assertThat(log).contains("Started a second hub instance in this JVM")
                    .contains("2 hub instances against one broker").doesNotContain("Address already in use");
            assertThat(number(log, "Round 1: hub (\\d+) messages in")).as(log).isEqualTo(60);
            assertThat(number(log, "ratio hub/baseline (\\d+\\.\\d+)")).as(log).isPositive();
        }
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
