package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Order;

/**
 * kill -9 of a forked hub while a dropped file is under its read lock, and while it is being stored: after the
 * restart on the same data root the file is one delivery, exactly once, and nothing is left in the inbox.
 * (Before, the idempotent record was written before the delivery existed and the file stayed for ever.)
 */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@Order(4)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FolderCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANISATION = "0384";

    private ForkedHub hub;

    @AfterEach
    void killHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aFileUnderItsReadLockWhenTheHubIsKilledIsDeliveredOnceAfterTheRestart() throws Exception {
        Path work = workDir("lock-");
        // a read lock that outlasts the test: the file is held under it until the kill
        hub = start(work, Map.of("ggk.inbox.read-lock-min-age-ms", "600000"));
        drop(work, "onder-slot.csv", 1000);
        await("the inbox consumer waiting in the file's read lock").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> threadDump(hub).contains("FileChangedExclusiveReadLockStrategy.acquireExclusiveReadLock"));

        kill();

        hub = start(work, Map.of());
        assertDeliveredOnceAndInboxEmpty(work, "onder-slot.csv");
    }

    @Test
    void aFileBeingStoredWhenTheHubIsKilledIsDeliveredOnceAfterTheRestart() throws Exception {
        Path work = workDir("store-");
        hub = start(work, Map.of());
        // large enough that storing it (stream, SHA-256, fsync) takes a while on any disk
        drop(work, "groot.csv", 80_000_000);
        Path incoming = work.resolve("data/store/incoming");
        await("the payload being stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> partsIn(incoming) > 0);

        kill();
        assertThat(filesIn(work.resolve("data/archive"))).as("killed before the file was archived").isEmpty();

        hub = start(work, Map.of());
        assertDeliveredOnceAndInboxEmpty(work, "groot.csv");
    }

    private void assertDeliveredOnceAndInboxEmpty(Path work, String name) throws IOException {
        hub.awaitHealthy();
        await("delivered after the restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveriesNamed(name) >= 1);
        await("the inbox is empty").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> filesIn(work.resolve("data/inbox")).isEmpty());
        await("still one delivery").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> deliveriesNamed(name) == 1);
        // the consumer moves the file to archive/ once its exchange has completed
        await("archived once").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> filesIn(work.resolve("data/archive/" + ORGANISATION)).size() == 1);
        // (a file over 25 MB is then refused as an entry of its delivery, IB003: that is the delivery's answer)
        for (Path reason : filesIn(work.resolve("data/quarantine"))) {
            if (reason.toString().endsWith(".reason.txt")) {
                assertThat(reason).as("nothing refused at the door").content().doesNotContain("(not accepted)");
            }
        }
    }

    private void kill() {
        hub.close();
        hub.awaitExit(Duration.ofSeconds(30));
        hub = null;
    }

    private static ForkedHub start(Path work, Map<String, String> extra) throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "ggk.inbox.poll-delay-ms", "200",
                "ggk.inbox.read-lock-min-age-ms", "300",
                "ggk.inbox.read-lock-check-interval-ms", "100"));
        properties.putAll(extra);
        return ForkedHub.start(work, properties, Map.of()).awaitHealthy();
    }

    private static Path workDir(String prefix) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        return Files.createTempDirectory(base, "folder-crash-" + prefix);
    }

    /** A GMSD-like CSV of about {@code bytes} bytes, written under .part and renamed into the inbox. */
    private static Path drop(Path work, String name, long bytes) throws IOException {
        Path inbox = Files.createDirectories(work.resolve("data/inbox/" + ORGANISATION));
        Path part = inbox.resolve(name + ".part");
        byte[] line = "0384;2026;1;WMO;0000000000;regel\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(part)) {
            for (long written = 0; written < bytes; written += line.length) {
                out.write(line);
            }
        }
        return Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private long deliveriesNamed(String name) throws IOException {
        JsonNode list = JSON.readTree(Http.send(HttpRequest.newBuilder(
                        hub.api("/api/v1/deliveries?organisation=" + ORGANISATION + "&size=200"))
                .header("Authorization", "Bearer demo-" + ORGANISATION).GET().build()).body());
        long count = 0;
        for (JsonNode item : list.get("items")) {
            count += item.get("filename").asText().equals(name) ? 1 : 0;
        }
        return count;
    }

    /** The forked hub's threads (jcmd Thread.print): where its inbox consumer is, without a hook in the hub. */
    private static String threadDump(ForkedHub hub) throws IOException, InterruptedException {
        // by its process id: other classes' forked hubs may run beside this one (junit-platform.properties)
        long pid = hub.pid();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    private static long partsIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }
}
