package nl.ggk.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.SlowOutboundSends;
import nl.ggk.hub.testsupport.ReferenceFiles;
import org.apache.activemq.ActiveMQConnectionFactory;
import nl.ggk.hub.testsupport.ForkedHubClasses;
import nl.ggk.hub.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Order;

/**
 * The crash test of the split: a hub in a forked JVM is killed (SIGKILL) while it splits a 200-entry ZIP, then
 * restarted on the same data root. Every entry must reach its outbound queue, and its outbound folder, exactly
 * once. The forked hub is the real {@link GgkHub} main on the test classpath; only the first run carries the
 * test hook {@link SlowOutboundSends}, which slows each outbound send (20 ms) and prints it, so the kill lands
 * part-way through the split's broker transaction.
 */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@Order(2)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {

    /** The forked hub's own broker password, so the test can look into its queues as the hub. */
    private static final String BROKER_PASSWORD = "crash-test-broker-secret";
    private static final int ENTRIES = 200;
    /** Killed once this many outbound sends of the split's transaction were made: well inside the split. */
    private static final int KILL_AFTER_SENDS = 50;
    private static final String ORGANISATION = "0384";
    private static final String ZIP_NAME = "0384_iwmo_crashtest.zip";
    private static final Pattern OUTBOUND_NAME = Pattern.compile("(.+)-(\\d+)-(WMO301-\\d{3})\\.xml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ForkedHub> hubs = new ArrayList<>();

    @AfterEach
    void stopForkedHubs() {
        hubs.forEach(ForkedHub::kill);
    }

    @Test
    void everyEntryReachesItsOutboundQueueExactlyOnceAfterAKillMidSplit() throws Exception {
        Path wmo301 = ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/WMO301.xml");
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path testDir = Files.createTempDirectory(base, "crash-");
        Path dataDir = testDir.resolve("data");
        Path outbound = dataDir.resolve("outbound").resolve("iwmo");

        // 1. a hub that is slowed down during the split, with a 200-entry ZIP in its inbox
        ForkedHub first = start(testDir.resolve("hub-first.log"), dataDir, true, null);
        first.awaitHealthy();
        dropIntoInbox(dataDir, zipOfWmo301Copies(wmo301));

        // 2. mid-split: the broker transaction holds some uncommitted sends; kill -9
        await("the split under way (" + KILL_AFTER_SENDS + " outbound sends)")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> first.outboundSends() >= KILL_AFTER_SENDS);
        first.kill();
        int sendsBeforeKill = first.outboundSends();
        assertThat(sendsBeforeKill).as("killed part-way through the split").isLessThan(ENTRIES);
        assertThat(first.log()).as("the split did not finish before the kill").doesNotContain("split into");
        assertThat(outboundFiles(outbound))
                .as("nothing is forwarded before the split's transaction commits (killed after %d of %d sends)",
                        sendsBeforeKill, ENTRIES)
                .isEmpty();

        // 3. restart as in production (no hook), the broker also on TCP so that the test can look at its queues
        int brokerPort = FreePorts.next();
        ForkedHub second = start(testDir.resolve("hub-second.log"), dataDir, false,
                "tcp://127.0.0.1:" + brokerPort);
        second.awaitHealthy();
        await("200 entries delivered to outbound/iwmo").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> outboundFiles(outbound).size() >= ENTRIES);
        await("outbound/iwmo stays at 200").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .until(() -> outboundFiles(outbound).size() == ENTRIES);

        // 4. exactly once: each entry one file, one message consumed from the queue, nothing left or dead
        List<String> files = outboundFiles(outbound);
        Map<String, Integer> perEntry = new TreeMap<>();
        List<String> deliveryIds = new ArrayList<>();
        for (String file : files) {
            Matcher m = OUTBOUND_NAME.matcher(file);
            assertThat(m.matches()).as("outbound file name %s", file).isTrue();
            deliveryIds.add(m.group(1));
            perEntry.merge(m.group(3), 1, Integer::sum);
        }
        assertThat(perEntry.keySet()).containsExactlyElementsOf(expectedEntryNames());
        assertThat(perEntry.values()).as("files per entry").containsOnly(1);
        assertThat(deliveryIds).as("one delivery").containsOnly(deliveryIds.get(0));
        String deliveryId = deliveryIds.get(0);

        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        await("outbound queue drained").atMost(Duration.ofSeconds(30))
                .until(() -> queueDepth(brokerUrl, "ggk.outbound.iwmo") == 0);
        assertThat(queueDepth(brokerUrl, "ggk.intake")).as("intake message consumed").isZero();
        for (String queue : List.of("DLQ.ggk.intake", "DLQ.ggk.outbound.iwmo")) {
            assertThat(queueDepth(brokerUrl, queue)).as(queue).isZero();
        }
        String metrics = second.managementGet("/observe/metrics");
        assertThat(counter(metrics, "ggk_entries_total", "kind=\"IWMO\"", "status=\"QUEUED\""))
                .as("entries sent to ggk.outbound.iwmo after the restart (the split re-ran once)")
                .isEqualTo(ENTRIES);
        assertThat(counter(metrics, "camel_exchanges_total", "routeId=\"outbound-iwmo\""))
                .as("batch messages taken from ggk.outbound.iwmo after the restart (default batch size 100): a"
                        + " send that had escaped the killed transaction would make this more")
                .isEqualTo(ENTRIES / 100);
        assertThat(counter(metrics, "ggk_entries_total", "kind=\"IWMO\"", "status=\"FORWARDED\""))
                .as("entries forwarded after the restart").isEqualTo(ENTRIES);
        assertThat(second.log()).doesNotContain("to DLQ");

        // 5. track & trace tells the municipality the same
        JsonNode list = json(second.get("/api/v1/deliveries?organisation=" + ORGANISATION, "demo-" + ORGANISATION));
        assertThat(list.get("items")).extracting(item -> item.get("id").asText()).containsExactly(deliveryId);
        JsonNode delivery = json(second.get("/api/v1/deliveries/" + deliveryId, "demo-" + ORGANISATION));
        assertThat(delivery.get("filename").asText()).isEqualTo(ZIP_NAME);
        JsonNode entries = delivery.get("entries");
        assertThat(entries).hasSize(ENTRIES);
        assertThat(entries).extracting(e -> e.get("status").asText()).containsOnly("FORWARDED");
        assertThat(entries).extracting(e -> e.get("name").asText().replace(".xml", ""))
                .containsExactlyInAnyOrderElementsOf(expectedEntryNames());
    }

    private static List<String> expectedEntryNames() {
        return IntStream.rangeClosed(1, ENTRIES).mapToObj(i -> String.format("WMO301-%03d", i)).toList();
    }

    /** 200 copies of the official WMO301 sample (Afzender 0384), each with its own BerichtIdentificatie. */
    private static byte[] zipOfWmo301Copies(Path wmo301) throws IOException {
        String sample = Files.readString(wmo301, StandardCharsets.UTF_8);
        String identificatie = "<iwmo:Identificatie>123456789012</iwmo:Identificatie>";
        assertThat(sample).contains("<wmo301:Afzender>" + ORGANISATION + "</wmo301:Afzender>").contains(identificatie);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 1; i <= ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry(String.format("WMO301-%03d.xml", i)));
                zip.write(sample.replace(identificatie,
                                String.format("<iwmo:Identificatie>900000000%03d</iwmo:Identificatie>", i))
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** As a careful writer does: write under a .part name (ignored by the inbox), then rename. */
    private static void dropIntoInbox(Path dataDir, byte[] zip) throws IOException {
        Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve(ORGANISATION));
        Path part = inbox.resolve(ZIP_NAME + ".part");
        Files.write(part, zip);
        Files.move(part, inbox.resolve(ZIP_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Delivered files; the file endpoint's temporary {@code .part-} files are not (yet) delivered. */
    private static List<String> outboundFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> !name.startsWith(".part-"))
                    .sorted()
                    .toList();
        }
    }

    private static int queueDepth(String brokerUrl, String queue) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("ggk-hub", BROKER_PASSWORD, brokerUrl);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    /** Sum of a Prometheus counter over the series carrying all the given labels. */
    private static int counter(String prometheus, String name, String... labels) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + "{") && Stream.of(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (int) sum;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private ForkedHub start(Path logFile, Path dataDir, boolean slowOutboundSends, String brokerTransport)
            throws IOException {
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        ForkedHubClasses.Launch launch = ForkedHubClasses.launch(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of(
                "-cp", launch.classpath(),
                "-Dggk.data-dir=" + dataDir,
                "-Dcamel.server.port=" + httpPort,
                "-Dcamel.management.port=" + managementPort,
                "-Dggk.broker.embedded.transport=" + (brokerTransport == null ? "" : brokerTransport),
                "-Dggk.broker.password=" + BROKER_PASSWORD,
                "-Dggk.inbox.poll-delay-ms=200",
                "-Dggk.inbox.read-lock-min-age-ms=300",
                "-Dggk.inbox.read-lock-check-interval-ms=100",
                "-Dggk.redelivery.delay-ms=50",
                "-Dcamel.main.routes-include-pattern=" + routesPattern(slowOutboundSends)));
        if (slowOutboundSends) {
            // one entry per outbound message, so that the slowed sends mark the split's progress entry by entry
            command.add(command.size() - 1, "-Dggk.outbound.batch-size=1");
        }
        command.add(GgkHub.class.getName());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        // should this JVM end before @AfterEach (surefire timeout), the hub must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        ForkedHub hub = new ForkedHub(process, logFile, httpPort, managementPort);
        hubs.add(hub);
        return hub;
    }

    /**
     * The production routes, read from the build output folder: the standalone camel-main scan of
     * {@code classpath:routes/*.camel.yaml} over a folder (not a jar) on the classpath finds every file twice and
     * the hub refuses to start ("Route configuration already exists"); {@code file:} finds each once.
     */
    private static String routesPattern(boolean slowOutboundSends) {
        Path classes;
        try {
            classes = Path.of(GgkHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String routes = "file:" + classes.resolve("routes") + "/*.camel.yaml";
        return slowOutboundSends ? routes + ",classpath:crashtest/slow-outbound.camel.yaml" : routes;
    }

    /** One hub JVM, its log and its ports. */
    private final class ForkedHub {

        private final Process process;
        private final Path logFile;
        private final int httpPort;
        private final int managementPort;

        ForkedHub(Process process, Path logFile, int httpPort, int managementPort) {
            this.process = process;
            this.logFile = logFile;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
        }

        void awaitHealthy() {
            await("hub up (" + logFile.getFileName() + ")").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(process.isAlive()).as("hub JVM alive; log:%n%s", log()).isTrue();
                        return status("http://127.0.0.1:" + managementPort + "/observe/health") == 200;
                    });
        }

        /** How many outbound sends the hook let through so far (0 without the hook). */
        int outboundSends() {
            return log().lines().filter(line -> line.startsWith(SlowOutboundSends.PROGRESS))
                    .mapToInt(line -> Integer.parseInt(line.substring(SlowOutboundSends.PROGRESS.length(),
                            line.indexOf(' ', SlowOutboundSends.PROGRESS.length()))))
                    .max().orElse(0);
        }

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL: no shutdown hook, no graceful stop, no broker or database close. */
        void kill() {
            process.destroyForcibly();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("hub JVM ended").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String get(String pathAndQuery, String apiKey) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + pathAndQuery))
                    .header("Authorization", "Bearer " + apiKey).GET().build());
            assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
            return response.body();
        }

        String managementGet(String path) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET()
                    .build()).body();
        }

        private int status(String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpResponse<String> send(HttpRequest request) {
            return Http.send(request);
        }
    }
}
