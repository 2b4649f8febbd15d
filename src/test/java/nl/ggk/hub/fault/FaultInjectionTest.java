package nl.ggk.hub.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.ArtemisProcess;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.ForkedHubClasses;
import nl.ggk.hub.testsupport.FreePorts;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.PostgresProcess;
import nl.ggk.hub.testsupport.ReferenceFiles;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production shape under faults (issue 16 item 6): two hub JVMs under the prod profile sharing one data root,
 * an Artemis process, a PostgreSQL server of the test's own and the CBS simulator as its own process, all started
 * here and stopped by their PIDs. Each scenario hands in a batch of deliveries from six gemeenten (half GMSD CSV files,
 * half ZIPs of iWmo WMO301 messages; half through the watched folder, half uploaded over HTTP to either hub, an
 * upload that fails retried with its Idempotency-Key at the other hub as a client behind a load balancer would),
 * breaks one thing when a third of the batch is handed in, and then checks at the receiving ends that every GMSD file
 * reached the simulator exactly once, every iWmo message reached {@code outbound/iwmo/} exactly once, every report
 * (the hub's technical feedback, CBS's, and the spiegelrapport of a WMO file) reached the gemeente's outbox once,
 * track &amp; trace says FORWARDED for each delivery and has one delivery per file. Each scenario prints one line:
 * deliveries, duplicates, losses, stray deliveries in track &amp; trace, messages resent to CBS under the same
 * referentienummer (printed, not asserted: not a duplicate under StUF), time to drain.
 *
 * <p>Settings (system properties): {@code ggk.fault.deliveries} deliveries per scenario (default 200),
 * {@code ggk.fault.drain-seconds} how long a scenario may take to drain after its fault ends (default 600),
 * {@code ggk.fault.broker-url} the hubs' broker URL with {@code {broker}} for Artemis' address (default
 * {@code {broker}}, plain tcp as scripts/prod-local.sh gives it; e.g. {@code failover:({broker})?timeout=10000} to
 * try the failover transport).
 * Skipped without PostgreSQL's binaries ({@code /usr/lib/postgresql/<major>/bin}), Artemis (unpacked by
 * {@code mvn generate-test-resources}) or the reference iWmo samples.
 */
@Tag("fault-injection")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELIVERIES = Integer.getInteger("ggk.fault.deliveries", 200);
    private static final Duration DRAIN = Duration.ofSeconds(Long.getLong("ggk.fault.drain-seconds", 600));
    /** After the drain, how long nothing may change any more (a late duplicate would show here). */
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final List<String> GEMEENTEN = List.of("0363", "0518", "0599", "0546", "0547", "0384");
    private static final List<String> GMSD_TYPES = List.of("WMO", "SBO", "JEUGD", "KOSTENWMO");
    private static final Pattern IDENTIFICATIE = Pattern.compile("<iwmo:Identificatie>(\\d+)</iwmo:Identificatie>");
    private static final Pattern XML_BESTAND = Pattern.compile("<GGK:xmlBestand>([^<]*)</GGK:xmlBestand>");
    private static final Pattern DATE = Pattern.compile("(?<![0-9])(20\\d\\d)(\\d{4})(?![0-9])");
    /** Messages in each iWmo ZIP. */
    private static final int MESSAGES_PER_ZIP = 2;

    private Path root;
    private Path dataRoot;
    private Path registry;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private PostgresProcess postgres;
    private ArtemisProcess artemis;
    private Process simulator;
    private int simulatorPort;
    private final ForkedHub[] hubs = new ForkedHub[2];
    private final int[] httpPorts = new int[2];
    private final int[] managementPorts = new int[2];
    private String wmo301;
    private byte[][] gmsdExamples;
    /** Run-wide counters: every GMSD file name and iWmo identification of the class is unique. */
    private final AtomicInteger gmsdSequence = new AtomicInteger();
    private final AtomicInteger messageSequence = new AtomicInteger();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fault-injection-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> summary = new ArrayList<>();
    private final List<Path> immutable = new ArrayList<>();

    @BeforeAll
    void startTheProductionShape() throws Exception {
        assumeTrue(PostgresProcess.usable(), "no PostgreSQL binaries under /usr/lib/postgresql (or no runuser as root);"
                + " skipped");
        assumeTrue(Files.isExecutable(Path.of("target/artemis/apache-artemis-2.40.0/bin/artemis")),
                "Artemis not unpacked (mvn generate-test-resources); skipped");
        wmo301 = Files.readString(ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/WMO301.xml"),
                StandardCharsets.UTF_8);
        gmsdExamples = new byte[GMSD_TYPES.size()][];
        for (int i = 0; i < GMSD_TYPES.size(); i++) {
            gmsdExamples[i] = Files.readAllBytes(Path.of("docs/examples/0384_" + GMSD_TYPES.get(i) + "_2026H1.csv"));
        }

        root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "fault-injection").toAbsolutePath()),
                "run-");
        dataRoot = Files.createDirectories(root.resolve("data"));
        registry = writeRegistry();
        postgres = PostgresProcess.start();
        // its own: the classes beside it use the JVM's shared instance, which this class must not kill
        artemis = ArtemisProcess.ownInstance().start();
        for (int n = 0; n < 2; n++) {
            httpPorts[n] = FreePorts.next();
            managementPorts[n] = FreePorts.next();
        }
        simulatorPort = FreePorts.next();
        startSimulator();
        // one after the other: the first migrates the fresh database
        hubs[0] = startHub(0);
        hubs[1] = startHub(1);
        awaitSimulator();
    }

    @AfterAll
    void stopEverythingByPid() {
        // whatever failed: nothing started here outlives the class
        releaseOutbox();
        for (int n = 1; n >= 0; n--) {
            ForkedHub hub = hubs[n];
            if (hub != null && hub.isAlive()) {
                try {
                    hub.stop();
                } catch (AssertionError | RuntimeException e) {
                    hub.kill();
                }
            }
        }
        if (simulator != null && simulator.isAlive()) {
            simulator.destroy();
            try {
                if (!simulator.waitFor(30, TimeUnit.SECONDS)) {
                    simulator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                simulator.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (artemis != null) {
            artemis.stop();
        }
        if (postgres != null) {
            postgres.stopAndDelete();
        }
        sender.shutdownNow();
        summary.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void aHubKilledWithKill9MidFlightAndRestarted() throws Exception {
        scenario("hub kill -9", () -> {
            long pid = hubs[0].pid();
            hubs[0].kill();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("hub 1 (PID %d) after kill -9", pid)
                    .isEmpty();
            hubs[0] = startHub(0);
        });
    }

    @Test
    @Order(2)
    void artemisKilledWithKill9For20SecondsMidFlight() throws Exception {
        scenario("Artemis kill -9, 20 s", () -> {
            long pid = artemis.pid();
            artemis.kill();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("Artemis (PID %d) after kill -9", pid)
                    .isEmpty();
            // the fault lasts as long as the condition must hold (during); atMost only leaves room for a late poll on a
            // busy machine
            await("20 s without a broker, both hubs alive").during(Duration.ofSeconds(20))
                    .atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> hubs[0].isAlive() && hubs[1].isAlive() && !artemis.isRunning());
            artemis.start();
        });
    }

    @Test
    @Order(3)
    void postgresqlRestartedMidFlight() throws Exception {
        scenario("PostgreSQL restart", () -> {
            postgres.stopImmediately();
            await("10 s without a database, both hubs alive").during(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> hubs[0].isAlive() && hubs[1].isAlive() && !postgres.isRunning());
            postgres.restart();
        });
    }

    @Test
    @Order(4)
    void theSimulatorAnswering503For60Seconds() throws Exception {
        scenario("CBS 503, 60 s", () -> {
            HttpResponse<String> control = Http.send(HttpRequest.newBuilder(URI.create(simulator(
                    "/sim/cbs/control?mode=unavailable&seconds=60"))).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(control.statusCode()).as(control.body()).isBetween(200, 204);
            await("60 s of CBS answering 503, both hubs alive").during(Duration.ofSeconds(60))
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> hubs[0].isAlive() && hubs[1].isAlive() && simulator.isAlive());
        });
    }

    @Test
    @Order(5)
    void theOutboxFolderNotWritableFor30Seconds() throws Exception {
        Path outbox = Files.createDirectories(dataRoot.resolve("outbox"));
        scenario("outbox unwritable, 30 s", () -> {
            lockOutbox(outbox);
            try {
                await("30 s of an unwritable outbox, both hubs alive").during(Duration.ofSeconds(30))
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> hubs[0].isAlive() && hubs[1].isAlive() && !writable(outbox));
            } finally {
                releaseOutbox();
            }
        });
    }

    // ---- One scenario ----------------------------------------------------------------------------------------------

    private interface Fault {
        void inject() throws Exception;
    }

    private void scenario(String name, Fault fault) throws Exception {
        List<Delivery> batch = batch(name);
        long began = System.nanoTime();
        AtomicInteger handedIn = new AtomicInteger();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (Delivery delivery : batch) {
                handIn(delivery);
                handedIn.incrementAndGet();
            }
        }, sender);

        // mid-flight: a third handed in, some of it at CBS already, the rest in queues or still to come
        await(name + ": a third of the batch handed in").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200)).until(() -> handedIn.get() >= batch.size() / 3 || sending.isDone());
        long faultAt = System.nanoTime();
        fault.inject();
        long faultEnded = System.nanoTime();

        sending.get(DRAIN.toSeconds(), TimeUnit.SECONDS);
        Outcome outcome;
        try {
            AtomicInteger polls = new AtomicInteger();
            outcome = await(name + ": every delivery at its end").atMost(DRAIN).pollInterval(Duration.ofSeconds(2))
                    .until(() -> progress(name, outcome(batch), polls.incrementAndGet()), Outcome::complete);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Outcome late = outcome(batch);
            summary.add(line(name, batch, late, "not drained in " + DRAIN.toSeconds() + " s"));
            throw new AssertionError(name + ": not drained within " + DRAIN + " after the fault; "
                    + late.describe(), e);
        }
        long drained = System.nanoTime();
        // nothing may arrive any more: a late duplicate (a redelivered message, a resent file) would show here
        Outcome settled = outcome;
        await(name + ": nothing changes for " + QUIET.toSeconds() + " s").during(QUIET)
                .atMost(QUIET.plusSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> outcome(batch).sameAs(settled));
        Outcome last = outcome(batch, true);
        String line = line(name, batch, last, String.format("time to drain %.1f s after the fault ended"
                        + " (fault at %.1f s, lasted %.1f s; scenario %.1f s)", seconds(faultEnded, drained),
                seconds(began, faultAt), seconds(faultAt, faultEnded), seconds(began, System.nanoTime())));
        summary.add(line);
        System.out.println(line);
        assertThat(last.duplicates()).as(name + ": duplicates; " + last.describe()).isZero();
        assertThat(last.losses()).as(name + ": losses; " + last.describe()).isZero();
        assertThat(last.strays()).as(name + ": stray deliveries in track & trace; " + last.describe()).isZero();
    }

    /** Every 30 s of the drain, what is still missing (the log shows a slow drain as it happens). */
    private static Outcome progress(String name, Outcome outcome, int poll) {
        if (poll % 15 == 0 && !outcome.complete()) {
            System.out.printf("fault-injection [%s]: still draining, %d deliveries not complete; first: %s%n", name,
                    outcome.losses(), outcome.problems().entrySet().stream().findFirst().map(Object::toString)
                            .orElse("-"));
        }
        return outcome;
    }

    private static String line(String name, List<Delivery> batch, Outcome outcome, String timing) {
        long gmsd = batch.stream().filter(Delivery::gmsd).count();
        long folder = batch.stream().filter(d -> !d.http()).count();
        return String.format("fault-injection [%s]: deliveries %d (GMSD %d, iWmo ZIPs %d with %d messages; folder %d,"
                        + " HTTP %d), duplicates %d, losses %d, stray deliveries in track & trace %d, resent to CBS"
                        + " under the same referentienummer %d, %s", name, batch.size(), gmsd, batch.size() - gmsd,
                (batch.size() - gmsd) * MESSAGES_PER_ZIP, folder, batch.size() - folder, outcome.duplicates(),
                outcome.losses(), outcome.strays(), outcome.resent(), timing);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    // ---- The deliveries --------------------------------------------------------------------------------------------

    /**
     * One delivery: a GMSD CSV (its file name unique in the run: type, year and half year vary) or a ZIP of WMO301
     * messages (each Identificatie unique in the run), by folder or HTTP.
     */
    private record Delivery(String gemeente, String filename, boolean gmsd, boolean http, byte[] content,
                            List<String> identificaties, String idempotencyKey, int index) {

        /** The file's name without .csv: what CBS's reports about it are named after. */
        String base() {
            return filename.substring(0, filename.lastIndexOf('.'));
        }

        boolean wmo() {
            return gmsd && filename.contains("_WMO_");
        }
    }

    private List<Delivery> batch(String scenario) {
        String tag = scenario.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "").toLowerCase();
        List<Delivery> batch = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            boolean gmsd = i % 2 == 0;
            boolean http = (i / 2) % 2 == 0;
            String gemeente = GEMEENTEN.get(i % GEMEENTEN.size());
            if (gmsd) {
                int g = gmsdSequence.getAndIncrement();
                int type = (g / GEMEENTEN.size()) % GMSD_TYPES.size();
                // the first half of a year of its own: the example's dates (of 2025 and 2026H1) moved along
                int year = 2030 + g / (GEMEENTEN.size() * GMSD_TYPES.size());
                gemeente = GEMEENTEN.get(g % GEMEENTEN.size());
                String name = gemeente + "_" + GMSD_TYPES.get(type) + "_" + year + "H1.csv";
                byte[] csv = shiftDates(new String(gmsdExamples[type], StandardCharsets.UTF_8), year - 2026)
                        .replace(";0384;", ";" + gemeente + ";").getBytes(StandardCharsets.UTF_8);
                batch.add(new Delivery(gemeente, name, true, http, csv, List.of(), UUID.randomUUID().toString(), i));
            } else {
                Map<String, byte[]> messages = new LinkedHashMap<>();
                List<String> identificaties = new ArrayList<>();
                for (int m = 0; m < MESSAGES_PER_ZIP; m++) {
                    String identificatie = String.format("%012d", 700_000_000_000L + messageSequence.incrementAndGet());
                    identificaties.add(identificatie);
                    messages.put("WMO301-" + (m + 1) + ".xml", wmo301
                            .replace("<wmo301:Afzender>0384</wmo301:Afzender>",
                                    "<wmo301:Afzender>" + gemeente + "</wmo301:Afzender>")
                            .replace("<iwmo:Identificatie>123456789012</iwmo:Identificatie>",
                                    "<iwmo:Identificatie>" + identificatie + "</iwmo:Identificatie>")
                            .getBytes(StandardCharsets.UTF_8));
                }
                batch.add(new Delivery(gemeente, "fault-" + tag + "-" + i + ".zip", false, http, Zips.zip(messages),
                        identificaties, UUID.randomUUID().toString(), i));
            }
        }
        return batch;
    }

    /** Every date (yyyyMMdd) of a CSV {@code years} later. */
    private static String shiftDates(String csv, int years) {
        Matcher date = DATE.matcher(csv);
        StringBuilder shifted = new StringBuilder();
        while (date.find()) {
            date.appendReplacement(shifted, (Integer.parseInt(date.group(1)) + years) + date.group(2));
        }
        date.appendTail(shifted);
        return shifted.toString();
    }

    /** Delivery id by file name (folder deliveries are found through the API), filled as they become known. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    private void handIn(Delivery delivery) {
        if (delivery.http()) {
            upload(delivery);
        } else {
            drop(delivery);
        }
    }

    /** Written aside and moved in whole, as a gemeente's transfer tool does. */
    private void drop(Delivery delivery) {
        try {
            Path folder = Files.createDirectories(dataRoot.resolve("inbox").resolve(delivery.gemeente()));
            Path part = folder.resolve("." + delivery.filename() + ".part");
            Files.write(part, delivery.content());
            Files.move(part, folder.resolve(delivery.filename()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POSTed to one hub; a failed try (no answer, 5xx) goes to the other hub with the same Idempotency-Key, as a
     * client behind a load balancer retries. A 4xx is not retried: the final check reports the delivery as lost.
     */
    private void upload(Delivery delivery) {
        AtomicInteger attempt = new AtomicInteger();
        await(delivery.filename() + " uploaded").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .pollDelay(Duration.ZERO).until(() -> {
                    int hub = (delivery.index() / 2 + attempt.getAndIncrement()) % 2;
                    HttpResponse<String> answer;
                    try {
                        answer = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[hub]
                                        + "/api/v1/deliveries?filename=" + URLEncoder.encode(delivery.filename(),
                                        StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + keys.get(delivery.gemeente()))
                                .header("Content-Type", delivery.gmsd() ? "text/csv" : "application/zip")
                                .header("Idempotency-Key", delivery.idempotencyKey())
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.content())).build());
                    } catch (UncheckedIOException | IllegalStateException e) {
                        return false;
                    }
                    if (answer.statusCode() >= 500 || answer.statusCode() == 429) {
                        return false;
                    }
                    if (answer.statusCode() >= 200 && answer.statusCode() < 300) {
                        ids.put(delivery.filename(), JSON.readTree(answer.body()).get("id").asText());
                    } else {
                        System.out.println("fault-injection: " + delivery.filename() + " refused: "
                                + answer.statusCode() + " " + answer.body());
                    }
                    return true;
                });
    }

    // ---- What arrived ----------------------------------------------------------------------------------------------

    /** What arrived for one batch: per delivery, how often at each end. */
    /**
     * {@code duplicates}, {@code losses}: deliveries that arrived more than once, or not, at one of the ends;
     * {@code strays}: deliveries track &amp; trace has of a file besides the one that went on (a door that stored a
     * file again when a client retried), counted by the final check only; {@code resent}: GMSD messages CBS received
     * again under the same referentienummer (not a duplicate under StUF: CBS answers the earlier Bv03 and does not
     * take it twice; the simulator counts its Bv03s), printed, not asserted.
     */
    private record Outcome(Map<String, String> problems, int duplicates, int losses, int strays, int resent,
                           Map<String, Integer> counts) {

        boolean complete() {
            return losses == 0;
        }

        boolean sameAs(Outcome other) {
            return counts.equals(other.counts);
        }

        String describe() {
            if (problems.isEmpty()) {
                return "nothing missing or duplicated";
            }
            StringBuilder text = new StringBuilder(problems.size() + " deliveries missing or duplicated:");
            problems.entrySet().stream().limit(40).forEach(p -> text.append("\n  ").append(p.getKey()).append(": ")
                    .append(p.getValue()));
            if (problems.size() > 40) {
                text.append("\n  ...");
            }
            return text.toString();
        }
    }

    private Outcome outcome(List<Delivery> batch) throws IOException {
        return outcome(batch, false);
    }

    /** {@code finalCheck}: also how many deliveries track & trace has of each file (one more per API call each). */
    private Outcome outcome(List<Delivery> batch, boolean finalCheck) throws IOException {
        Map<String, List<Integer>> received = receivedAtCbs();
        Map<String, Integer> messages = messagesInOutbound();
        Map<String, List<String>> outbox = outboxFiles();
        Map<String, String> problems = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        int duplicates = 0;
        int losses = 0;
        int strays = 0;
        int resent = 0;
        for (Delivery delivery : batch) {
            List<String> wrong = new ArrayList<>();
            int lost = 0;
            int extra = 0;
            if (delivery.gmsd()) {
                // per referentienummer the file came with, how many Bv03s CBS gave for it
                List<Integer> accepted = received.getOrDefault(delivery.filename(), List.of());
                int bv03s = accepted.stream().mapToInt(Integer::intValue).sum();
                counts.put("cbs " + delivery.filename(), bv03s);
                if (accepted.isEmpty()) {
                    lost++;
                    wrong.add("not at CBS");
                } else if (accepted.size() > 1) {
                    // the file as more than one message: CBS would take it twice
                    extra += accepted.size() - 1;
                    wrong.add("at CBS as " + accepted.size() + " messages (" + accepted + " Bv03s per referentienummer)");
                } else if (bv03s > 1) {
                    // the same message sent again (a hub killed between CBS's Bv03 and recording it): StUF makes CBS
                    // answer a repeat of a referentienummer with the earlier Bv03 and not take it twice
                    resent += bv03s - 1;
                }
                List<String> reports = outbox.getOrDefault(delivery.gemeente(), List.of());
                // the hub's own technical feedback (technische-terugkoppeling-<name>-<time>-<id>), CBS's, and for a WMO file
                // CBS's spiegelrapport
                List<String> kinds = new ArrayList<>(List.of("technische-terugkoppeling-" + delivery.base(),
                        "technische-terugkoppeling-cbs-"));
                if (delivery.wmo()) {
                    kinds.add("spiegelrapport");
                }
                for (String kind : kinds) {
                    long found = reports.stream().filter(n -> n.startsWith(kind) && isAbout(n, delivery.base())).count();
                    counts.put("outbox " + kind + " " + delivery.base(), (int) found);
                    if (found == 0) {
                        lost++;
                        wrong.add("no " + kind + " in the outbox");
                    } else if (found > 1) {
                        extra += (int) found - 1;
                        wrong.add(found + " times " + kind + " in the outbox");
                    }
                }
            } else {
                for (String identificatie : delivery.identificaties()) {
                    int found = messages.getOrDefault(identificatie, 0);
                    counts.put("outbound " + identificatie, found);
                    if (found == 0) {
                        lost++;
                        wrong.add("message " + identificatie + " not in outbound/iwmo");
                    } else if (found > 1) {
                        extra += found - 1;
                        wrong.add("message " + identificatie + " " + found + " times in outbound/iwmo");
                    }
                }
            }
            String status = status(delivery);
            if (!"FORWARDED".equals(status)) {
                lost++;
                wrong.add("track & trace " + status);
            }
            if (finalCheck) {
                // one file, one delivery: a door that stored it twice leaves a second story for the gemeente
                int named = deliveriesNamed(delivery).size();
                counts.put("deliveries " + delivery.filename(), named);
                if (named > 1) {
                    strays += named - 1;
                    wrong.add(named + " deliveries of this file in track & trace");
                }
            }
            if (!wrong.isEmpty()) {
                problems.put(delivery.gemeente() + " " + delivery.filename() + (delivery.http() ? " (HTTP)" : " (folder)"),
                        String.join(", ", wrong));
            }
            // a delivery counts once as lost or duplicated, however many of its parts are
            losses += lost > 0 ? 1 : 0;
            duplicates += extra > 0 ? 1 : 0;
        }
        return new Outcome(problems, duplicates, losses, strays, resent, counts);
    }

    /** A report's name is about this file: its base name, not followed by more of a longer name. */
    private static boolean isAbout(String reportName, String base) {
        int at = reportName.indexOf(base);
        return at >= 0 && (at + base.length() == reportName.length()
                || !Character.isLetterOrDigit(reportName.charAt(at + base.length())));
    }

    /** GET /sim/cbs/received: per bestandsnaam, the number of Bv03s of each referentienummer it came with. */
    private Map<String, List<Integer>> receivedAtCbs() throws IOException {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(simulator("/sim/cbs/received")))
                .timeout(Duration.ofSeconds(20)).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, List<Integer>> received = new TreeMap<>();
        for (JsonNode item : JSON.readTree(answer.body())) {
            received.computeIfAbsent(item.path("bestandsnaam").asText(), k -> new ArrayList<>())
                    .add(item.path("accepted").asInt());
        }
        return received;
    }

    /** How many files of outbound/iwmo/ hold each Identificatie. */
    private Map<String, Integer> messagesInOutbound() throws IOException {
        Path folder = dataRoot.resolve("outbound").resolve("iwmo");
        Map<String, Integer> found = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                // the message travels base64 in a Di01 envelope's xmlBestand
                Matcher wrapped = XML_BESTAND.matcher(text);
                if (wrapped.find()) {
                    text = new String(Base64.getMimeDecoder().decode(wrapped.group(1)), StandardCharsets.UTF_8);
                }
                Matcher m = IDENTIFICATIE.matcher(text);
                if (m.find()) {
                    found.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        return found;
    }

    /** The file names in each gemeente's outbox folder. */
    private Map<String, List<String>> outboxFiles() throws IOException {
        Map<String, List<String>> names = new TreeMap<>();
        for (String gemeente : GEMEENTEN) {
            Path folder = dataRoot.resolve("outbox").resolve(gemeente);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    names.put(gemeente, files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("."))
                            .toList());
                }
            }
        }
        return names;
    }

    /**
     * The delivery's status in track &amp; trace (asked at either hub), or what is wrong instead. A folder delivery is
     * found by its file name; of several deliveries of one name (a duplicate, reported by the final check) FORWARDED
     * if any is.
     */
    private String status(Delivery delivery) {
        try {
            String id = ids.get(delivery.filename());
            if (id != null) {
                return statusOf(delivery, id);
            }
            List<String> named = deliveriesNamed(delivery);
            if (named.isEmpty()) {
                return "(no delivery)";
            }
            if (named.size() == 1) {
                ids.put(delivery.filename(), named.get(0));
            }
            List<String> statuses = new ArrayList<>();
            for (String each : named) {
                statuses.add(statusOf(delivery, each));
            }
            return statuses.contains("FORWARDED") ? "FORWARDED" : statuses.get(0);
        } catch (IOException | RuntimeException e) {
            return "(not asked: " + e.getMessage() + ")";
        }
    }

    private String statusOf(Delivery delivery, String id) throws IOException {
        HttpResponse<String> answer = api(delivery.index(), "/api/v1/deliveries/" + id, delivery.gemeente());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("status").asText()
                : "(answer " + answer.statusCode() + ")";
    }

    /** The ids of the gemeente's deliveries with exactly this file name. */
    private List<String> deliveriesNamed(Delivery delivery) throws IOException {
        HttpResponse<String> answer = api(delivery.index(), "/api/v1/deliveries?filename="
                + URLEncoder.encode(delivery.filename(), StandardCharsets.UTF_8), delivery.gemeente());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the deliveries of " + delivery.filename() + ": answer "
                    + answer.statusCode());
        }
        List<String> found = new ArrayList<>();
        for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
            if (delivery.filename().equals(item.path("filename").asText(null))) {
                found.add(item.path("id").asText());
            }
        }
        return found;
    }

    /** A GET at a hub that runs (the other one while one is down). */
    private HttpResponse<String> api(int index, String pathAndQuery, String gemeente) {
        UncheckedIOException last = null;
        for (int tryHub = 0; tryHub < 2; tryHub++) {
            int hub = (index + tryHub) % 2;
            try {
                return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[hub] + pathAndQuery))
                        .header("Authorization", "Bearer " + keys.get(gemeente)).timeout(Duration.ofSeconds(20))
                        .GET().build());
            } catch (UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    // ---- The processes ---------------------------------------------------------------------------------------------

    /** config/organisations.yaml with a fresh, non-demo key per organisation (the prod profile refuses demo keys). */
    private Path writeRegistry() throws IOException, NoSuchAlgorithmException {
        String shipped = Files.readString(Path.of("config/organisations.yaml"), StandardCharsets.UTF_8);
        StringBuilder yaml = new StringBuilder(shipped.substring(0, shipped.indexOf("\napiKeys:") + 1));
        yaml.append("apiKeys:\n");
        SecureRandom random = new SecureRandom();
        for (String organisation : List.of("0363", "0518", "0599", "0546", "0547", "0384", "RINIS")) {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            String key = HexFormat.of().formatHex(secret);
            keys.put(organisation, key);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            yaml.append("  - organisation: \"").append(organisation).append("\"\n    sha256: ").append(hash)
                    .append("\n    demo: false\n");
        }
        Path file = root.resolve("organisations.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** Hub n (0, 1) under the prod profile, with the settings scripts/prod-local.sh gives it; waits until healthy. */
    private ForkedHub startHub(int n) throws IOException {
        Path workDir = Files.createDirectories(root.resolve("hub" + (n + 1)));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CAMEL_MAIN_PROFILE", "prod");
        environment.put("GGK_DATA_DIR", dataRoot.toString());
        environment.put("GGK_HTTP_HOST", "127.0.0.1");
        environment.put("GGK_HTTP_PORT", String.valueOf(httpPorts[n]));
        environment.put("GGK_MANAGEMENT_PORT", String.valueOf(managementPorts[n]));
        environment.put("GGK_BROKER_URL", brokerUrl());
        environment.put("GGK_BROKER_USER", ArtemisProcess.HUB_USER);
        environment.put("GGK_BROKER_PASSWORD", artemis.hubPassword());
        environment.put("GGK_DB_URL", postgres.jdbcUrl());
        environment.put("GGK_DB_USER", PostgresProcess.USER);
        environment.put("GGK_DB_PASSWORD", "not-checked");
        environment.put("GGK_ORGANISATIONS", "file:" + registry);
        environment.put("GGK_CBS_ENDPOINT", simulator("/sim/cbs"));
        environment.put("GGK_TLS_ENABLED", "false");
        environment.put("GGK_TLS_CLIENT_AUTH_WS", "off");
        environment.put("GGK_PORTAL_SECURE_COOKIE", "false");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.server.port", String.valueOf(httpPorts[n]));
        properties.put("camel.management.port", String.valueOf(managementPorts[n]));
        // the one data root both share (ForkedHub's default is the working directory's)
        properties.put("ggk.data-dir", dataRoot.toString());
        // a CBS outage of a minute is retried within seconds of its end, not after the production's back-off of minutes
        properties.put("ggk.cbs.retry.max-delay-ms", "5000");
        // a callback claimed by the killed hub is taken over by the simulator's resend after 30 s, not 10 minutes
        properties.put("ggk.ws.claim-stale-after-ms", "30000");
        // so too an unwritable outbox, a database or broker away, a rolled-back message: tried again within 5 s of
        // the fault's end instead of after the production's back-off of up to 30 s (the drain measures the hub, not
        // the last wait)
        properties.put("ggk.queue.outage-retry-max-delay-ms", "5000");
        properties.put("ggk.inbox.outage-retry-max-delay-ms", "5000");
        properties.put("ggk.broker.redelivery-max-delay-ms", "5000");
        ForkedHub hub = ForkedHub.start(workDir, ForkedHub.SHORT_LIVED, properties, environment);
        try {
            hub.awaitHealthy();
        } catch (AssertionError | RuntimeException e) {
            hub.kill();
            throw e;
        }
        System.out.printf("fault-injection: hub %d (PID %d) healthy on %d%n", n + 1, hub.pid(), httpPorts[n]);
        return hub;
    }

    /**
     * The hubs' broker URL: {@code -Dggk.fault.broker-url} with {@code {broker}} standing for Artemis' address, by
     * default what scripts/prod-local.sh gives them.
     */
    private String brokerUrl() {
        return System.getProperty("ggk.fault.broker-url", "{broker}")
                .replace("{broker}", artemis.url());
    }

    /** The simulator process, calling both hubs back in turn as RINIS. */
    private void startSimulator() throws IOException {
        Path workDir = Files.createDirectories(root.resolve("simulator"));
        ForkedHubClasses.Launch launch = ForkedHubClasses.launch(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ForkedHub.SHORT_LIVED);
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.classpath(), "-Dlog4j2.configurationFile=log4j2.properties",
                nl.ggk.hub.GgkHub.class.getName(), "cbs-simulator", "--port", String.valueOf(simulatorPort),
                "--hub-endpoint", "http://127.0.0.1:" + httpPorts[0] + "/ws/ggk0210,http://127.0.0.1:" + httpPorts[1]
                        + "/ws/ggk0210", "--data-dir", workDir.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("simulator.log").toFile());
        builder.environment().put("GGK_CBS_SIMULATOR_HUB_KEY", keys.get("RINIS"));
        builder.environment().put("GGK_ORGANISATIONS", "file:" + registry);
        simulator = builder.start();
        Process started = simulator;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    }

    private void awaitSimulator() {
        await("the simulator answers").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(simulator.isAlive()).as("simulator alive; see " + root.resolve("simulator/simulator.log"))
                    .isTrue();
            try {
                return Http.send(HttpRequest.newBuilder(URI.create(simulator("/sim/cbs/receipts")))
                        .timeout(Duration.ofSeconds(5)).GET().build()).statusCode() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    private String simulator(String path) {
        return "http://127.0.0.1:" + simulatorPort + path;
    }

    // ---- The outbox made unwritable --------------------------------------------------------------------------------

    /**
     * The outbox folder and every folder in it made unwritable. Root ignores permission bits, so as root the folders
     * are made immutable ({@code chattr +i}: no entry may be added, even by root); otherwise write permission is taken
     * away. Skips the scenario when neither works here.
     */
    private void lockOutbox(Path outbox) throws Exception {
        // the test JVM ending without its @AfterAll: the folders do not stay immutable
        Runtime.getRuntime().addShutdownHook(new Thread(this::releaseOutbox, "outbox-release"));
        List<Path> folders;
        try (Stream<Path> all = Files.walk(outbox)) {
            folders = all.filter(Files::isDirectory).toList();
        }
        for (Path folder : folders) {
            boolean locked;
            if ("root".equals(System.getProperty("user.name"))) {
                locked = run("chattr", "+i", folder.toString());
            } else {
                locked = run("chmod", "a-w", folder.toString());
            }
            if (locked) {
                immutable.add(folder);
            }
        }
        assumeTrue(!writable(outbox) && !writable(outbox.resolve("0363")),
                "the outbox cannot be made unwritable here (chattr +i as root, chmod a-w otherwise); skipped");
    }

    private synchronized void releaseOutbox() {
        for (Path folder : immutable) {
            if ("root".equals(System.getProperty("user.name"))) {
                run("chattr", "-i", folder.toString());
            } else {
                run("chmod", "u+w", folder.toString());
            }
        }
        immutable.clear();
    }

    /** Whether a file can be made in {@code folder} (or the folder itself, where it is missing). */
    private static boolean writable(Path folder) {
        try {
            Path probe = Files.isDirectory(folder) ? folder.resolve(".probe-" + UUID.randomUUID())
                    : folder;
            Files.createDirectories(probe.getParent());
            if (Files.isDirectory(folder)) {
                Files.createFile(probe);
                Files.delete(probe);
            } else {
                Files.createDirectory(folder);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
