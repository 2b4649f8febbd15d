package nl.ggk.hub.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.ForkedHubClasses;
import nl.ggk.hub.testsupport.FreePorts;
import nl.ggk.hub.testsupport.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape as an operator brings it up on one machine: {@code scripts/prod-local.sh start} starts
 * Artemis, the CBS simulator process and two hubs under the prod profile on PostgreSQL, one GMSD file uploaded at hub 1
 * goes to CBS over the network and CBS's feedback comes back (read at hub 2: one story, whichever instance), the
 * simulator process counts the file once, and {@code stop} leaves no process behind. Needs the test PostgreSQL
 * ({@code -Dggk.test.postgres.url}, {@code .user}, {@code .password}); skipped without it.
 */
@Tag("production-shape")
// its services are processes of their own: it runs beside the other classes (junit-platform.properties)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.Order(4)
class ProdLocalScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void startTakesADeliveryEndToEndOverArtemisPostgresqlAndTheSimulatorProcessAndStopLeavesNoProcess()
            throws Exception {
        String url = System.getProperty("ggk.test.postgres.url");
        assumeTrue(url != null && !url.isBlank(), "no PostgreSQL configured (-Dggk.test.postgres.url); skipped");
        assumeTrue(Files.isExecutable(Path.of("target/artemis/apache-artemis-2.40.0/bin/artemis")),
                "Artemis not unpacked (mvn generate-test-resources); skipped");
        assumeTrue(onPath("curl") && onPath("pg_isready") && onPath("psql"), "curl, psql or pg_isready missing; skipped");

        Map<String, String> env = new HashMap<>();
        int hub1 = FreePorts.next();
        int hub2 = FreePorts.next();
        int simulator = FreePorts.next();
        env.put("GGK_PROD_LOCAL_DIR", dir.toString());
        env.put("GGK_HUB1_HTTP_PORT", String.valueOf(hub1));
        env.put("GGK_HUB1_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("GGK_HUB2_HTTP_PORT", String.valueOf(hub2));
        env.put("GGK_HUB2_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("GGK_SIMULATOR_PORT", String.valueOf(simulator));
        env.put("GGK_ARTEMIS_PORT", String.valueOf(FreePorts.next()));
        env.put("GGK_DB_URL", url);
        env.put("GGK_DB_USER", System.getProperty("ggk.test.postgres.user", "ggk"));
        env.put("GGK_DB_PASSWORD", System.getProperty("ggk.test.postgres.password", "ggk"));
        // the hub's main from the test class path (the jar is built after the tests), short-lived JVM options, the
        // classes from the forked hubs' class-data archive (ForkedHubClasses)
        ForkedHubClasses.Launch launch = ForkedHubClasses.launch(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        env.put("GGK_CLASSPATH", launch.classpath());
        env.put("GGK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("GGK_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                + String.join(" ", launch.jvmOptions()) + " -Dlog4j2.configurationFile=log4j2.properties");
        env.put("GGK_START_TIMEOUT", "150");
        env.put("GGK_STOP_TIMEOUT", "40");
        try {
            Run start = script(env, "start", Duration.ofSeconds(240));
            assertThat(start.exit).as(start.output).isZero();
            assertThat(start.output).contains("artemis tcp://127.0.0.1:" + env.get("GGK_ARTEMIS_PORT"))
                    .contains("simulator http://127.0.0.1:" + simulator + "/sim/cbs")
                    .contains("hub1 http://127.0.0.1:" + hub1).contains("hub2 http://127.0.0.1:" + hub2);
            Run status = script(env, "status", Duration.ofSeconds(30));
            assertThat(status.exit).as(status.output).isZero();
            for (String service : List.of("artemis", "simulator", "hub1", "hub2")) {
                assertThat(status.output).containsPattern("(?m)^" + service + " pid " + pid(service) + " healthy");
            }

            // 0363 uploads a WMO file at hub 1, with the key the script generated (the prod profile refuses demo keys)
            String key = key("0363");
            String csv = Files.readString(Path.of("docs/examples/0384_WMO_2026H1.csv")).replace(";0384;", ";0363;");
            HttpResponse<String> upload = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub1
                            + "/api/v1/deliveries?filename=0363_WMO_2026H1.csv"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
            assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 202);
            String id = JSON.readTree(upload.body()).get("id").asText();

            // CBS's technical feedback came back through the simulator's callback; hub 2 tells the same story
            await("CBS feedback in track & trace at hub 2").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> details(hub2, id, key).stream()
                            .anyMatch(d -> d.startsWith("terugkoppeling CBS ontvangen: technische terugkoppeling")));
            assertThat(details(hub2, id, key)).anyMatch(d -> d.startsWith("verzonden naar CBS, ontvangst bevestigd"));
            try (Stream<Path> outbox = Files.list(dir.resolve("data/outbox/0363"))) {
                assertThat(outbox.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("technische-terugkoppeling-cbs-0363_WMO_2026H1"));
            }
            // the simulator process received the file once
            JsonNode received = JSON.readTree(Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + simulator + "/sim/cbs/received")).timeout(Duration.ofSeconds(10)).GET().build()).body());
            List<JsonNode> thisFile = new ArrayList<>();
            received.forEach(item -> {
                if (item.get("bestandsnaam").asText().equals("0363_WMO_2026H1.csv")) {
                    thisFile.add(item);
                }
            });
            assertThat(thisFile).hasSize(1);
            assertThat(thisFile.get(0).get("zender").asText()).isEqualTo("0363");
            assertThat(thisFile.get(0).get("accepted").asInt()).isEqualTo(1);
            // the simulator's log says what it is, not what a hub would
            assertThat(dir.resolve("logs/simulator.log")).content().contains("CBS simulator started: RINIS/CBS at")
                    .doesNotContain("ggk-hub started");

            List<Long> pids = new ArrayList<>();
            for (String service : List.of("artemis", "simulator", "hub1", "hub2")) {
                pids.add(pid(service));
            }
            Run stop = script(env, "stop", Duration.ofSeconds(200));
            assertThat(stop.exit).as(stop.output).isZero();
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process %d after stop", pid).isFalse();
            }
            Run after = script(env, "status", Duration.ofSeconds(30));
            assertThat(after.output).contains("artemis stopped", "simulator stopped", "hub1 stopped", "hub2 stopped");
        } finally {
            // whatever failed: nothing the script started outlives the test
            script(env, "stop", Duration.ofSeconds(200));
            killLeftovers();
        }
    }

    private record Run(int exit, String output) {
    }

    private Run script(Map<String, String> env, String command, Duration atMost) throws Exception {
        Path output = Files.createTempFile(dir, "script-" + command + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/prod-local.sh", command)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after " + atMost + ":\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    private long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("run/" + service + ".pid")).trim());
    }

    private String key(String organisation) throws IOException {
        return Files.readAllLines(dir.resolve("keys.properties")).stream()
                .filter(line -> line.startsWith(organisation + "=")).map(line -> line.substring(organisation.length() + 1))
                .findFirst().orElseThrow();
    }

    /** Every event detail of the delivery's entries, as hub {@code port} answers it. */
    private static List<String> details(int port, String id, String key) throws IOException {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/deliveries/" + id)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(10)).GET().build());
        List<String> details = new ArrayList<>();
        if (answer.statusCode() != 200) {
            return details;
        }
        for (JsonNode entry : JSON.readTree(answer.body()).path("entries")) {
            for (JsonNode event : entry.path("events")) {
                details.add(event.path("detail").asText());
            }
        }
        return details;
    }

    private void killLeftovers() throws IOException {
        Path run = dir.resolve("run");
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
