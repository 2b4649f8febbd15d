package nl.ggk.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.ReferenceFiles;
import org.junit.jupiter.api.AfterEach;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Order;

/**
 * Durable before acknowledged (issue 14): rounds of a burst of unique WMO301 POSTs (4 at a time) and a folder ZIP,
 * with kill -9 of the forked hub at a random moment 0–1.5 s into the burst, then a restart on the same data root.
 * After each restart every POST answered 202 and every entry of every ZIP handed to the inbox is in outbound/iwmo
 * exactly once, track &amp; trace says FORWARDED for each, and no log line tells of a foreign-key failure. A POST
 * that got no answer (killed in flight) may have been delivered, but never twice. Each round first POSTs one message
 * before the burst (a freshly started hub answers its first request slowly), so that the burst is answered at the
 * pace of a running hub.
 *
 * <p>Rounds: {@code -Dggk.test.crash-burst.rounds} (default 20), shared out over {@code -Dggk.test.crash-burst.lanes}
 * (default 2) lanes that run side by side, each a hub of its own on a data root of its own (as two installations
 * would be), so the rounds take about half the wall time on two cores; every round is the same as when they ran one
 * after the other. The random kill moments are reproducible with {@code -Dggk.test.crash-burst.seed} (printed; lane
 * k uses seed + k).
 */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@Order(1)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class CrashBurstTest {

    private static final int ROUNDS = Integer.getInteger("ggk.test.crash-burst.rounds", 20);
    private static final int LANES = Integer.getInteger("ggk.test.crash-burst.lanes", 2);
    private static final int POSTS = 16;
    private static final int PARALLEL_POSTS = 4;
    private static final int ZIP_ENTRIES = 24;
    private static final long BURST_MS = 1500;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String ORGANISATION = "0384";
    private static final Pattern OUTBOUND_NAME = Pattern.compile("([0-9a-f-]{36})-(\\d+)-(r\\d{2}-[pz]\\d{2})\\.xml");
    /**
     * What H2 and PostgreSQL say of a foreign-key failure, Camel of a dead-letter step that failed itself, and the
     * hub of a message it gave up on.
     */
    private static final Pattern FK_FAILURE = Pattern.compile("(?i)referential integrity|foreign key constraint"
            + "|FOREIGN KEY\\(|FatalFallbackErrorHandler|after retries, to DLQ");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The route files of an iWmo delivery by HTTP and folder, its refusals, dead letters and track &amp; trace. */
    static final String IWMO_ROUTES = Stream.of("api-caller", "api-deliveries", "dead-letter", "error-handling",
                    "intake-folder", "intake-http", "intake", "refusals", "split-classify", "outbound", "outbox")
            .map(name -> "classpath:routes/" + name + ".camel.yaml").collect(java.util.stream.Collectors.joining(","));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ForkedHub hub;

    /** One POST of the burst: its message name and, when answered 202, its delivery id. */
    private record Post(String name, int status, String deliveryId) {
    }

    /** What a round handed to the hub and when the hub died. */
    private record Burst(int round, long killedAtMs, List<Post> posts, List<String> zipEntries) {
        long acknowledged() {
            return posts.stream().filter(p -> p.deliveryId != null).count();
        }
    }

    @AfterEach
    void killHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static IntStream lanes() {
        return IntStream.rangeClosed(1, LANES);
    }

    @ParameterizedTest(name = "lane {0}")
    @MethodSource("lanes")
    void everyAcknowledgedDeliveryIsForwardedOnceAndSaysForwardedAfterKillsInABurst(int lane) throws Exception {
        int firstRound = (lane - 1) * ROUNDS / LANES + 1;
        int lastRound = lane * ROUNDS / LANES;
        long seed = Long.getLong("ggk.test.crash-burst.seed", System.nanoTime()) + lane;
        Random random = new Random(seed);
        String wmo301 = Files.readString(ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/WMO301.xml"),
                StandardCharsets.UTF_8);
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path work = Files.createTempDirectory(base, "crash-burst-lane" + lane + "-");
        Path outbound = work.resolve("data/outbound/iwmo");
        System.out.printf("CrashBurstTest lane %d: rounds %d-%d of %d, seed %d, data %s%n", lane, firstRound,
                lastRound, ROUNDS, seed, work);

        Map<String, String> acknowledged = new LinkedHashMap<>();
        List<String> zipEntries = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        List<String> fkLines = new ArrayList<>();
        long started = System.nanoTime();
        Burst previous = null;
        for (int round = firstRound; round <= lastRound + 1; round++) {
            long restart = System.nanoTime();
            hub = start(work);
            long healthy = System.nanoTime();
            if (previous != null) {
                settle(outbound, previous, acknowledged, zipEntries, figures, fkLines);
                String line = String.format("round %2d: killed at %4d ms; posted %2d, 202 %2d, zip entries %d; after the"
                                + " restart (up in %.1f s): forwarded %2d of the 202s, FORWARDED %2d, drained in %.1f s",
                        previous.round, previous.killedAtMs, previous.posts.size(), previous.acknowledged(),
                        previous.zipEntries.size(), (healthy - restart) / 1e9,
                        count(outbound, previous.posts.stream().filter(p -> p.deliveryId != null).map(Post::name)
                                .toList()),
                        forwardedInTrackAndTrace(previous), (System.nanoTime() - healthy) / 1e9);
                figures.add(line);
                System.out.println(line);
            }
            if (round > lastRound) {
                break;
            }
            previous = burst(round, random, work, wmo301);
            for (Post p : previous.posts) {
                if (p.deliveryId != null) {
                    acknowledged.put(p.name, p.deliveryId);
                }
            }
            zipEntries.addAll(previous.zipEntries);
            fkLines.addAll(fkFailures(hub.log()));
            hub = null;
        }
        // at the end, all rounds together: each message once in outbound/, each 202 FORWARDED in track & trace
        Map<String, Integer> counts = outboundCounts(outbound);
        for (String name : acknowledged.keySet()) {
            assertThat(counts.get(name)).as("%s in outbound/iwmo", name).isEqualTo(1);
        }
        for (String name : zipEntries) {
            assertThat(counts.get(name)).as("%s in outbound/iwmo", name).isEqualTo(1);
        }
        List<String> notForwarded = acknowledged.values().stream()
                .filter(id -> !"FORWARDED".equals(status(id))).toList();
        hub.stop();
        assertThat(hub.log()).as("graceful stop at the end").contains("ggk-hub stopped:");
        fkLines.addAll(fkFailures(hub.log()));
        hub = null;

        System.out.printf("CrashBurstTest lane %d: %d rounds in %.0f s; %d POSTs answered 202, %d ZIP entries dropped;"
                        + " in outbound/iwmo once each; %d of the 202s FORWARDED in track & trace%n", lane,
                lastRound - firstRound + 1,
                (System.nanoTime() - started) / 1e9, acknowledged.size(), zipEntries.size(),
                acknowledged.size() - notForwarded.size());
        assertThat(notForwarded).as("202s whose track & trace does not say FORWARDED").isEmpty();
        assertThat(fkLines).as("foreign-key failures and messages given up in the hub logs").isEmpty();
        assertThat(acknowledged).as("the bursts were answered at all (seed %d)", seed).isNotEmpty();
    }

    /**
     * Waits until everything handed to the hub so far is in outbound/iwmo and the last burst's deliveries say
     * FORWARDED; then nothing is there twice.
     */
    private void settle(Path outbound, Burst burst, Map<String, String> acknowledged, List<String> zipEntries,
                        List<String> figures, List<String> fkLines) {
        List<String> expected = new ArrayList<>(acknowledged.keySet());
        expected.addAll(zipEntries);
        try {
            await("round " + burst.round + " forwarded after the restart").atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> outboundCounts(outbound).keySet().containsAll(expected)
                            && forwardedInTrackAndTrace(burst) == burst.acknowledged()
                            && zipDeliveriesForwarded(outbound, burst));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<String, Integer> counts = outboundCounts(outbound);
            List<String> missing = expected.stream().filter(name -> !counts.containsKey(name)).toList();
            List<String> fk = fkFailures(hub.log());
            throw new AssertionError(String.format("round %d: %d of %d acknowledged messages not in outbound/iwmo %s;"
                            + " FORWARDED %d of %d 202s; %d foreign-key lines now (%d before), e.g. %s%nrounds so far:%n%s",
                    burst.round, missing.size(), expected.size(), missing.stream().limit(10).toList(),
                    forwardedInTrackAndTrace(burst), burst.acknowledged(), fk.size(), fkLines.size(),
                    fk.stream().limit(2).toList(), String.join("\n", figures)), e);
        }
        Map<String, Integer> counts = outboundCounts(outbound);
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("messages in outbound/iwmo more than once (round %d)", burst.round).isEmpty();
    }

    /** How many of the burst's 202s track &amp; trace shows as FORWARDED. */
    private int forwardedInTrackAndTrace(Burst burst) {
        int forwarded = 0;
        for (Post p : burst.posts) {
            if (p.deliveryId != null && "FORWARDED".equals(status(p.deliveryId))) {
                forwarded++;
            }
        }
        return forwarded;
    }

    /** Every delivery that brought a ZIP entry of this burst to outbound/ says FORWARDED, and so do its entries. */
    private boolean zipDeliveriesForwarded(Path outbound, Burst burst) {
        List<String> ids = new ArrayList<>();
        for (String file : outboundFiles(outbound)) {
            Matcher m = OUTBOUND_NAME.matcher(file);
            if (m.matches() && burst.zipEntries.contains(m.group(3)) && !ids.contains(m.group(1))) {
                ids.add(m.group(1));
            }
        }
        for (String id : ids) {
            JsonNode delivery = delivery(id);
            if (delivery == null || !"FORWARDED".equals(delivery.get("status").asText())) {
                return false;
            }
            for (JsonNode entry : delivery.get("entries")) {
                if (!"FORWARDED".equals(entry.get("status").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private Burst burst(int round, Random random, Path work, String wmo301) throws Exception {
        long killAt = (long) (random.nextDouble() * BURST_MS);
        List<String> entries = new ArrayList<>();
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (int i = 1; i <= ZIP_ENTRIES; i++) {
            String name = String.format("r%02d-z%02d", round, i);
            entries.add(name);
            zip.put(name + ".xml", message(wmo301, round, 1, i));
        }
        byte[] zipBytes = zip(zip);
        Map<Integer, byte[]> bodies = new TreeMap<>();
        for (int i = 0; i <= POSTS; i++) {
            bodies.put(i, message(wmo301, round, 0, i));
        }
        ScheduledExecutorService posters = Executors.newScheduledThreadPool(PARALLEL_POSTS);
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        List<Post> posts = new ArrayList<>();
        // one POST before the burst: the freshly started hub answers the burst's first POSTs as quickly as the rest
        Post first = post(String.format("r%02d-p00", round), bodies.get(0));
        assertThat(first.status).as("the POST before the burst").isEqualTo(202);
        posts.add(first);
        try {
            long t0 = System.nanoTime();
            dropIntoInbox(work, String.format("0384_r%02d_burst.zip", round), zipBytes);
            List<Future<Post>> answers = new ArrayList<>();
            for (int i = 1; i <= POSTS; i++) {
                String name = String.format("r%02d-p%02d", round, i);
                byte[] body = bodies.get(i);
                answers.add(posters.schedule(() -> post(name, body), (i - 1) * BURST_MS / POSTS,
                        TimeUnit.MILLISECONDS));
            }
            ForkedHub victim = hub;
            Future<Long> kill = killer.schedule(() -> {
                long at = (System.nanoTime() - t0) / 1_000_000;
                victim.kill();
                return at;
            }, killAt - (System.nanoTime() - t0) / 1_000_000, TimeUnit.MILLISECONDS);
            long killedAt = kill.get(60, TimeUnit.SECONDS);
            for (Future<Post> answer : answers) {
                posts.add(answer.get(60, TimeUnit.SECONDS));
            }
            return new Burst(round, killedAt, posts, entries);
        } finally {
            posters.shutdownNow();
            killer.shutdownNow();
        }
    }

    private Post post(String name, byte[] body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            hubApi("/api/v1/deliveries?filename=" + name + ".xml"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer demo-" + ORGANISATION)
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            String id = response.statusCode() == 202 ? JSON.readTree(response.body()).get("id").asText() : null;
            return new Post(name, response.statusCode(), id);
        } catch (IOException e) {
            // killed before it answered: not acknowledged
            return new Post(name, -1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Post(name, -1, null);
        }
    }

    private volatile URI apiBase;

    private URI hubApi(String pathAndQuery) {
        return apiBase.resolve(pathAndQuery);
    }

    private ForkedHub start(Path work) throws IOException {
        // C1 only: the hub starts in about half the time, and it starts many times here
        // only the routes an iWmo delivery passes (issue 15's route slice): 21 routes start instead of 83, which
        // takes about a fifth off each of the lanes' 22 starts
        ForkedHub started = ForkedHub.start(work, ForkedHub.SHORT_LIVED, Map.of(
                "camel.main.routes-include-pattern", IWMO_ROUTES,
                "ggk.inbox.poll-delay-ms", "200",
                "ggk.inbox.read-lock-min-age-ms", "300",
                "ggk.inbox.read-lock-check-interval-ms", "100"), Map.of()).awaitHealthy();
        apiBase = started.api("/");
        return started;
    }

    private String status(String deliveryId) {
        JsonNode delivery = delivery(deliveryId);
        return delivery == null ? null : delivery.get("status").asText();
    }

    private JsonNode delivery(String deliveryId) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(hubApi("/api/v1/deliveries/" + deliveryId))
                .header("Authorization", "Bearer demo-" + ORGANISATION).GET().build());
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as("GET delivery %s: %s", deliveryId, response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The official WMO301 sample (Afzender 0384) with a BerichtIdentificatie of its own. */
    private static byte[] message(String wmo301, int round, int kind, int index) {
        String identificatie = "<iwmo:Identificatie>123456789012</iwmo:Identificatie>";
        assertThat(wmo301).contains(identificatie);
        return wmo301.replace(identificatie, String.format("<iwmo:Identificatie>7%03d%d%07d</iwmo:Identificatie>",
                round, kind, index)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** As a careful writer does: write under a .part name (ignored by the inbox), then rename. */
    private static void dropIntoInbox(Path work, String name, byte[] zip) throws IOException {
        Path inbox = Files.createDirectories(work.resolve("data/inbox/" + ORGANISATION));
        Path part = inbox.resolve(name + ".part");
        Files.write(part, zip);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Message name (r03-p07) → how many files in outbound/iwmo carry it. */
    private static Map<String, Integer> outboundCounts(Path outbound) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (String file : outboundFiles(outbound)) {
            Matcher m = OUTBOUND_NAME.matcher(file);
            assertThat(m.matches()).as("outbound file name %s", file).isTrue();
            counts.merge(m.group(3), 1, Integer::sum);
        }
        return counts;
    }

    private static int count(Path outbound, List<String> names) {
        Map<String, Integer> counts = outboundCounts(outbound);
        return (int) names.stream().filter(counts::containsKey).count();
    }

    private static List<String> outboundFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.startsWith(".part-")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fkFailures(String log) {
        return log.lines().filter(line -> FK_FAILURE.matcher(line).find()).toList();
    }
}
