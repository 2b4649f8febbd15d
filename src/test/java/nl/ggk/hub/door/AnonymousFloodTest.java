package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: anonymous bodies must not fill the memory. The real hub in its own JVM, started as documented (the JVM
 * options of docker/Dockerfile's ENTRYPOINT, so it exits on an OutOfMemoryError) with a heap of 256 MB, gets 200
 * parallel anonymous 10 MB bodies on every path that takes a body, one path after the other, while a gemeente keeps
 * uploading with its key. Every flood request gets an answer, the hub stays alive and healthy (its memory check
 * included), the heap stays bounded, and every upload is served before a flood body could have been timed out
 * ({@code ggk.http.anonymous.body-timeout-ms}): the gemeente never waits for the flood to go away.
 *
 * <p>"Bounded" is what the hub holds on to: the heap left after each garbage collection (from the JVM's own GC log),
 * whose highest value must stay below 75 % of the heap (G1 starts marking the old generation at 45 %, so garbage that
 * survived into it may be counted until then; 200 buffered 10 MB bodies would be 2 GB). The heap in use between collections is printed beside it but
 * not judged: it includes garbage the collector has not taken yet, and G1 lets that grow towards the maximum by design.
 *
 * <p>How long an upload takes under the flood is a matter of CPU: this class runs after the other classes, with nothing
 * beside it (pom: execution quiet), so that the rest of the suite does not compete with its hub.
 */
@Tag("alone")
class AnonymousFloodTest {

    private static final long TEN_MB = 10_000_000L;
    private static final int PARALLEL = 200;
    private static final long HEAP_MAX = 256L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP_USED =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.Ee+]+)$");
    /** A collection in the unified GC log: "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->45M(256M) 3.1ms". */
    private static final Pattern GC_PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** Every path of the API port that takes a body, with the Content-Type its route expects. */
    private static final List<String[]> PATHS = List.of(
            new String[] {"POST", "/api/v1/session", "application/json"},
            new String[] {"POST", "/api/v1/optin", "application/json"},
            new String[] {"POST", "/api/v1/users", "application/json"},
            new String[] {"PUT", "/api/v1/users/1", "application/json"},
            new String[] {"POST", "/api/v1/users/1/wachtwoord", "application/json"},
            new String[] {"POST", "/api/v1/outbox/x/terugmelding", "application/json"},
            new String[] {"POST", "/api/v1/deliveries?filename=a.zip", "application/zip"},
            new String[] {"POST", "/ws/ggk0210", "text/xml"},
            new String[] {"POST", "/sim/cbs", "text/xml"},
            new String[] {"GET", "/api/v1/deliveries", "application/json"});

    /** What a gemeente's upload that was not accepted was answered, for the failure message. */
    private static final List<String> REFUSED_UPLOADS = new CopyOnWriteArrayList<>();

    @TempDir
    Path work;

    @Test
    void twoHundredParallelAnonymousTenMegabyteBodiesOnEveryPathLeaveTheHeapBoundedAndUploadsServed()
            throws Exception {
        List<String> jvm = new ArrayList<>(documentedJvmOptions());
        jvm.add("-Xmx256m");
        Path gcLog = work.resolve("gc.log");
        jvm.add("-Xlog:gc:file=" + gcLog);
        long bodyTimeoutMs = anonymousBodyTimeoutMs();
        try (ForkedHub hub = ForkedHub.start(work, jvm, Map.of(), Map.of()).awaitHealthy()) {
            // the hub's first upload warms it up (a cold start is not what the flood is about)
            List<long[]> warmUp = new ArrayList<>();
            upload(hub, 0, warmUp);
            assertThat(warmUp.get(0)[0]).as("the first upload").isEqualTo(202);
            AtomicLong heapPeak = new AtomicLong();
            List<long[]> uploads = new CopyOnWriteArrayList<>();
            AtomicInteger uploaded = new AtomicInteger();
            ScheduledExecutorService watchers = Executors.newScheduledThreadPool(2);
            watchers.scheduleWithFixedDelay(() -> sampleHeap(hub, heapPeak), 0, 250, TimeUnit.MILLISECONDS);
            watchers.scheduleWithFixedDelay(() -> upload(hub, uploaded.getAndIncrement(), uploads), 500, 1000,
                    TimeUnit.MILLISECONDS);
            Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
            try {
                for (String[] path : PATHS) {
                    answers.put(path[0] + " " + path[1], flood(hub, clients, path));
                }
            } finally {
                clients.shutdownNow();
                watchers.shutdown();
                watchers.awaitTermination(60, TimeUnit.SECONDS);
            }
            long floodSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long[] slowest = uploads.stream().max((a, b) -> Long.compare(a[1], b[1])).orElseThrow();
            long[] retained = retainedAfterCollections(gcLog);
            System.out.printf("flood of %d x %d paths in %d s: heap retained after a collection at most %d MB of %d MB"
                            + " (%d collections; in use between collections up to %d MB); first upload %d ms, then %d"
                            + " uploads during the flood, slowest %d ms; answers %s%n", PARALLEL, PATHS.size(),
                    floodSeconds, retained[0], HEAP_MAX >> 20, retained[1], heapPeak.get() >> 20, warmUp.get(0)[1],
                    uploads.size(), slowest[1], answers);

            assertThat(hub.alive()).as("hub alive; log:%n%s", tail(hub.log())).isTrue();
            assertThat(hub.log()).doesNotContain("OutOfMemoryError");
            answers.forEach((path, statuses) -> {
                assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).as(path)
                        .isEqualTo(PARALLEL);
                assertThat(statuses).as(path).doesNotContainKey(0);
            });
            assertThat(answers.get("POST /api/v1/session")).containsOnlyKeys(413);
            assertThat(answers.get("POST /api/v1/optin")).containsOnlyKeys(401);
            assertThat(answers.get("POST /api/v1/deliveries?filename=a.zip")).containsOnlyKeys(401);
            assertThat(uploads).hasSizeGreaterThanOrEqualTo(3);
            // a gemeente's upload is not held behind the anonymous bodies: it is served before the hub would have
            // timed out a stalled one of them (408), that is before the flood could have gone away by itself
            assertThat(uploads).as("uploads; refused: %s; hub warnings:%n%s", REFUSED_UPLOADS,
                    warnings(hub.log())).allSatisfy(upload -> {
                assertThat(upload[0]).as("upload status").isEqualTo(202);
                assertThat(upload[1]).as("upload time (ms), ggk.http.anonymous.body-timeout-ms = %d", bodyTimeoutMs)
                        .isLessThan(bodyTimeoutMs);
            });
            assertThat(retained[1]).as("collections during the run").isPositive();
            assertThat(retained[0]).as("heap retained after a collection, at most (MB)")
                    .isLessThan((HEAP_MAX >> 20) * 3 / 4);
            JsonNode health = JSON.readTree(Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + hub.managementPort + "/observe/health")).GET().build()).body());
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
            assertThat(health.toString()).contains("\"memory\"");
        }
    }

    @Test
    void theDocumentedStartExitsOnOutOfMemory() throws IOException {
        assertThat(documentedJvmOptions()).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(Files.readString(Path.of("README.md")))
                .contains("java -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=target/ggk-hub.jsa -jar target/ggk-hub.jar");
    }

    /** The hub's ggk.http.anonymous.body-timeout-ms as it ships (the forked hub runs on it: no override). */
    private static long anonymousBodyTimeoutMs() throws IOException {
        java.util.Properties shipped = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(Path.of("config", "application.properties"),
                StandardCharsets.UTF_8)) {
            shipped.load(in);
        }
        return Long.parseLong(shipped.getProperty("ggk.http.anonymous.body-timeout-ms").trim());
    }

    /** 200 requests in parallel on one path, each declaring and sending 10 MB; the status each got (0: none). */
    private static Map<Integer, Integer> flood(ForkedHub hub, ExecutorService clients, String[] path)
            throws InterruptedException {
        String head = path[0] + " " + path[1] + " HTTP/1.1\r\nHost: hub\r\nContent-Type: " + path[2]
                + "\r\nContent-Length: " + TEN_MB + "\r\n\r\n";
        List<Future<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            requests.add(clients.submit(() -> {
                try {
                    return RawHttp.send(hub.httpPort, head, TEN_MB, 60_000).status();
                } catch (IOException | AssertionError e) {
                    return 0;
                }
            }));
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        for (Future<Integer> request : requests) {
            try {
                statuses.merge(request.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                statuses.merge(0, 1, Integer::sum);
            }
        }
        return new TreeMap<>(statuses);
    }

    /** [highest heap after a collection (MB), number of collections] from the hub's unified GC log. */
    private static long[] retainedAfterCollections(Path gcLog) throws IOException {
        long highest = 0;
        long collections = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.find()) {
                highest = Math.max(highest, Long.parseLong(pause.group(2)));
                collections++;
            }
        }
        return new long[] {highest, collections};
    }

    /** One sample of the hub's used heap (all heap pools), kept when it is the highest so far. */
    private static void sampleHeap(ForkedHub hub, AtomicLong peak) {
        try {
            String metrics = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.managementPort
                    + "/observe/metrics")).timeout(Duration.ofSeconds(5)).GET().build()).body();
            long used = 0;
            Matcher matcher = HEAP_USED.matcher(metrics);
            while (matcher.find()) {
                used += (long) Double.parseDouble(matcher.group(1));
            }
            peak.accumulateAndGet(used, Math::max);
        } catch (RuntimeException e) {
            // a sample the busy hub did not answer in time; the next one will
        }
    }

    /** A gemeente uploads a small CSV with its key: [status, milliseconds]. */
    private static void upload(ForkedHub hub, int n, List<long[]> uploads) {
        byte[] csv = "20260701;0384;999990007\n".getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        int status;
        try {
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + hub.httpPort + "/api/v1/deliveries?filename=0384_SBO_2026H" + (1 + n % 2) + ".csv"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer demo-0384")
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                    .build());
            status = answer.statusCode();
            if (status != 202) {
                REFUSED_UPLOADS.add(status + " " + answer.body());
            }
        } catch (RuntimeException e) {
            status = 0;
            REFUSED_UPLOADS.add("no answer: " + e);
        }
        uploads.add(new long[] {status, Duration.ofNanos(System.nanoTime() - started).toMillis()});
    }

    /** The hub log's WARN and ERROR lines (the door's expected refusals left out) with their stack traces. */
    private static String warnings(String log) {
        List<String> picked = new ArrayList<>();
        boolean inWarning = false;
        for (String line : log.split("\\R")) {
            boolean logLine = line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
            if (logLine) {
                inWarning = (line.contains(" WARN ") || line.contains(" ERROR ")) && !line.contains("DoorRefusal");
            }
            if (inWarning && picked.size() < 80) {
                picked.add(line);
            }
        }
        return String.join(System.lineSeparator(), picked);
    }

    /**
     * The JVM options of the documented start: those between "java" and "-jar" in docker/Dockerfile's ENTRYPOINT, but
     * its class-data archive (the image's; a forked hub maps the test's own, testsupport.ForkedHubClasses).
     */
    static List<String> documentedJvmOptions() throws IOException {
        for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"))) {
            if (line.startsWith("ENTRYPOINT")) {
                List<String> words = new ArrayList<>();
                for (JsonNode word : JSON.readTree(line.substring("ENTRYPOINT".length()))) {
                    words.add(word.asText());
                }
                assertThat(words.get(0)).isEqualTo("java");
                return words.subList(1, words.indexOf("-jar")).stream()
                        .filter(word -> !word.startsWith("-XX:SharedArchiveFile=")).toList();
            }
        }
        throw new AssertionError("docker/Dockerfile has no ENTRYPOINT");
    }

    private static String tail(String log) {
        return log.length() <= 20_000 ? log : log.substring(log.length() - 20_000);
    }
}
