package nl.ggk.hub.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.boot.HubMain;
import nl.ggk.hub.gmsd.SyntheticWmoFile;
import org.apache.camel.main.Main;

/**
 * {@code bench-hub}: starts the whole hub (embedded broker and database) on a fresh temporary data root
 * and measures what a user notices, each beside its physical reference in the same run:
 * <ol>
 *   <li>3 ZIPs of 900 small iWMO messages dropped in the inbox: messages/s from the first to the last message written
 *   to outbound/, hub CPU per message, latency per message from its ZIP's drop to its file's time stamp (p50/p95/p99),
 *   peak heap; interleaved round by round with the broker baseline ({@link BrokerBaseline}: the same number of
 *   persistent messages of the same size through the same kind of broker and client, transacted batches of the hub's
 *   outbound batch size, no hub) and the ratio hub/baseline;</li>
 *   <li>a 10 MB GMSD file dropped in the inbox: seconds until the hub's feedback ZIP is in the outbox;</li>
 *   <li>a small valid WMO file uploaded by HTTP, and dropped in the folder: milliseconds until CBS's technical
 *   feedback (the simulator at zero delay) is in the outbox (p50 over {@code --deliveries N}, default 3).</li>
 * </ol>
 * Prints figures; asserts nothing. Unmeasured rounds go first ({@code --warm-up N}, default 3;
 * {@code --no-warm-up}), so that the figures are those of a hub that has been running rather than of the JIT compiler
 * at work; {@code --rounds N} (default 2) measured rounds of hub and baseline alternate; {@code --messages N} (default
 * 900) messages per ZIP; {@code --keep} keeps the data root.
 */
public final class HubBenchCommand {

    private static final int ZIPS = 3;
    private static final int DEFAULT_MESSAGES_PER_ZIP = 900;

    private HubBenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> flags = Arrays.asList(args);
        int warmUpRounds = flags.contains("--no-warm-up") ? 0 : option(args, "--warm-up", 3);
        int rounds = Math.max(1, option(args, "--rounds", 2));
        int deliveries = Math.max(0, option(args, "--deliveries", 3));
        int perZip = Math.max(2, option(args, "--messages", DEFAULT_MESSAGES_PER_ZIP));
        int instances = option(args, "--instances", 1);
        if (instances < 1 || instances > 2) {
            err.println("bench-hub: --instances is 1 or 2");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("ggk-bench-");
        int httpPort = freePort();
        System.setProperty("ggk.data-dir", dataDir.toString());
        // one hub: its broker in-JVM only; two: the second hub is the first one's broker's client over TCP
        String brokerTcp = instances == 1 ? "" : "tcp://127.0.0.1:" + freePort();
        System.setProperty("camel.server.port", String.valueOf(httpPort));
        System.setProperty("camel.management.port", String.valueOf(freePort()));
        System.setProperty("ggk.broker.embedded.transport", brokerTcp);
        if (instances == 2) {
            // both hubs log in as the hub: a password both know instead of one the broker makes up at its start
            System.setProperty("ggk.broker.password", "bench-" + java.util.UUID.randomUUID());
        }
        System.setProperty("ggk.inbox.poll-delay-ms", "100");
        System.setProperty("ggk.inbox.read-lock-min-age-ms", "100");
        System.setProperty("ggk.inbox.read-lock-check-interval-ms", "50");
        // the simulator answers at once: what remains of upload -> CBS feedback is the hub's own path
        System.setProperty("ggk.cbs.simulator.feedback-delay-ms", "0");
        Main main = HubMain.newMain();
        Main second = null;
        BrokerBaseline baseline = null;
        try {
            out.println("Starting the hub on " + dataDir + " ...");
            main.start();
            if (instances == 2) {
                second = secondInstance(brokerTcp);
                out.println("Started a second hub instance in this JVM on the same data root and database, a client of"
                        + " the first one's broker over TCP (" + brokerTcp + "): the two share the queues' work and this"
                        + " process's cores; only the leader reads the inbox");
            }
            BrokerBaseline.Settings settings = settings(main);
            baseline = new BrokerBaseline(dataDir.resolve("baseline-broker"), settings);
            for (int round = 1; round <= warmUpRounds; round++) {
                out.println("Warm-up round " + round + "/" + warmUpRounds
                        + " (not measured): the JIT compiles the hot paths, as in a hub that has been running");
                iwmoThroughput(dataDir, "warm-up-" + round, perZip);
                baselineRound(baseline, perZip);
            }
            out.printf(Locale.ROOT, "Baseline: the same %d persistent messages of %d bytes, %d producers, transacted "
                            + "batches of %d, %d consumers (prefetch %d, pool of %d connections), embedded broker with "
                            + "KahaDB, no hub%n", ZIPS * perZip, messageBytes(), ZIPS,
                    settings.batchSize(), settings.consumers(), settings.prefetch(), settings.maxConnections());
            List<Double> hubRates = new ArrayList<>();
            List<Double> baseRates = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            long peakHeap = 0;
            for (int round = 1; round <= rounds; round++) {
                IwmoRound hub = iwmoThroughput(dataDir, "measured-" + round, perZip);
                BrokerBaseline.Result base = baselineRound(baseline, perZip);
                hubRates.add(hub.messagesPerSecond());
                baseRates.add(base.messagesPerSecond());
                latencies.addAll(hub.latenciesMs());
                peakHeap = Math.max(peakHeap, hub.peakHeapBytes());
                out.printf(Locale.ROOT, "Round %d: hub %d messages in %.2f s = %.0f messages/s, %.2f ms CPU/message"
                                + " | baseline %.2f s = %.0f messages/s, %.2f ms CPU/message | ratio hub/baseline %.2f%n",
                        round, hub.count(), hub.spanSeconds(), hub.messagesPerSecond(), hub.cpuMsPerMessage(),
                        base.seconds(), base.messagesPerSecond(), base.cpuMsPerMessage(),
                        hub.messagesPerSecond() / Math.max(1e-9, base.messagesPerSecond()));
            }
            double hubMedian = median(hubRates);
            double baseMedian = median(baseRates);
            out.printf(Locale.ROOT, "iWMO: %d ZIPs x %d messages, %d measured rounds (first to last message in "
                    + "outbound/iwmo), %d hub instance%s against one broker%n", ZIPS, perZip, rounds, instances,
                    instances == 1 ? "" : "s");
            out.printf(Locale.ROOT, "iWMO: hub %.0f messages/s (median), broker baseline %.0f messages/s (median), "
                    + "ratio hub/baseline %.2f%n", hubMedian, baseMedian, hubMedian / Math.max(1e-9, baseMedian));
            latencies.sort(Comparator.naturalOrder());
            out.printf(Locale.ROOT, "iWMO: latency ZIP dropped -> message in outbound/iwmo (incl. read lock %s ms): "
                            + "p50 %d ms, p95 %d ms, p99 %d ms (%d messages)%n",
                    System.getProperty("ggk.inbox.read-lock-min-age-ms"), percentile(latencies, 50),
                    percentile(latencies, 95), percentile(latencies, 99), latencies.size());
            out.printf(Locale.ROOT, "iWMO: peak heap of the hub process during the measured rounds: %.0f MB "
                    + "(max heap %d MB)%n", peakHeap / 1_048_576.0, Runtime.getRuntime().maxMemory() / 1_048_576);
            out.printf(Locale.ROOT, "iWMO: %d cores%n", Runtime.getRuntime().availableProcessors());
            if (second != null) {
                out.printf(Locale.ROOT, "iWMO: ZIPs split and classified (route split-classify, warm-up included) by the"
                                + " first instance %d, by the second %d; batches written to outbound/iwmo (outbound-iwmo)"
                                + " %d / %d%n", exchanges(main, "split-classify"), exchanges(second, "split-classify"),
                        exchanges(main, "outbound-iwmo"), exchanges(second, "outbound-iwmo"));
            }
            gmsdFeedbackLatency(dataDir, out);
            if (deliveries > 0) {
                cbsFeedbackLatency(dataDir, httpPort, deliveries, out);
            }
            return 0;
        } finally {
            try {
                if (baseline != null) {
                    baseline.close();
                }
                if (second != null) {
                    second.stop();
                }
            } finally {
                main.stop();
                if (flags.contains("--keep")) {
                    out.println("Data kept in " + dataDir);
                } else {
                    deleteTree(dataDir);
                }
            }
        }
    }

    /**
     * A second hub in this JVM, as a second instance of the production shape would be: the same data root (leader
     * election decides who reads the inbox) and database (the embedded H2 file, shared in the JVM), the first hub's
     * broker over TCP instead of a broker of its own, ports of its own.
     */
    private static Main secondInstance(String brokerTcp) throws IOException {
        Main second = HubMain.newMain();
        // the JVM's system properties are the first hub's settings: the second takes them as its own overrides
        // (the ggk.* and camel.* ones) with what differs put over them, and consults system properties no more
        java.util.Properties own = new java.util.Properties();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("ggk.") || key.startsWith("camel."))
                .forEach(key -> own.setProperty(key, System.getProperty(key)));
        // camel.* system properties would also reach it through camel-main's auto-configuration
        second.configure().setAutoConfigurationSystemPropertiesEnabled(false);
        second.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void beforeInitialize(org.apache.camel.main.BaseMainSupport main) {
                ((org.apache.camel.component.properties.PropertiesComponent) main.getCamelContext()
                        .getPropertiesComponent()).setSystemPropertiesMode(
                        org.apache.camel.component.properties.PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
            }
        });
        own.setProperty("camel.server.port", String.valueOf(freePort()));
        own.setProperty("camel.management.port", String.valueOf(freePort()));
        own.setProperty("ggk.broker.embedded", "false");
        own.setProperty("ggk.broker.url", brokerTcp);
        own.setProperty("ggk.broker.embedded.transport", "");
        second.setOverrideProperties(own);
        second.start();
        return second;
    }

    /** The exchanges a route of this hub has completed (Camel's route-policy counter). */
    private static long exchanges(Main hub, String routeId) {
        io.micrometer.core.instrument.MeterRegistry meters = hub.getCamelContext().getRegistry()
                .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        return meters == null ? 0 : (long) meters.find("camel.exchanges.total").tag("routeId", routeId).counters()
                .stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** The hub's messaging settings, so that the baseline uses the same. */
    private static BrokerBaseline.Settings settings(Main main) {
        org.apache.camel.spi.PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        java.util.function.Function<String, Long> number = key -> Long.parseLong(properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException(key + " is not set")).trim());
        return new BrokerBaseline.Settings(number.apply("ggk.outbound.batch-size").intValue(),
                number.apply("ggk.outbound.consumers").intValue(), number.apply("ggk.broker.prefetch").intValue(),
                number.apply("ggk.broker.max-connections").intValue(),
                number.apply("ggk.broker.redeliveries").intValue(), number.apply("ggk.redelivery.delay-ms"),
                properties.resolveProperty("ggk.broker.redelivery-max-delay-ms").map(String::trim).map(Long::parseLong)
                        .orElse(10_000L));
    }

    private static BrokerBaseline.Result baselineRound(BrokerBaseline baseline, int perZip) throws Exception {
        return baseline.run(ZIPS, perZip, n -> wmo301(n).getBytes(StandardCharsets.UTF_8));
    }

    /** The size of one iWMO message the bench sends (all are the same but for a few digits). */
    static int messageBytes() {
        return wmo301(1_000_000).getBytes(StandardCharsets.UTF_8).length;
    }

    /** One measured round of the hub. */
    record IwmoRound(long count, double spanSeconds, double cpuMsPerMessage, List<Long> latenciesMs,
                     long peakHeapBytes) {
        double messagesPerSecond() {
            return spanSeconds > 0 ? (count - 1) / spanSeconds : 0;
        }
    }

    private static final Pattern ZIP_OF_ENTRY = Pattern.compile("WMO301-(\\d+)-\\d{4}\\.xml");

    private static IwmoRound iwmoThroughput(Path dataDir, String round, int perZip) throws Exception {
        Path inbox = Files.createDirectories(dataDir.resolve("inbox/0363"));
        Path outbound = dataDir.resolve("outbound/iwmo");
        if (Files.isDirectory(outbound)) {
            try (Stream<Path> previous = Files.list(outbound)) {
                for (Path p : previous.toList()) {
                    Files.delete(p);
                }
            }
        }
        List<Path> zips = new ArrayList<>();
        for (int z = 0; z < ZIPS; z++) {
            Path part = inbox.resolve(round + "-" + z + ".zip.part");
            writeIwmoZip(part, z, perZip);
            zips.add(part);
        }
        resetHeapPeaks();
        long cpuStarted = processCpuNanos();
        long[] droppedAt = new long[ZIPS];
        for (int z = 0; z < ZIPS; z++) {
            Path part = zips.get(z);
            Files.move(part, part.resolveSibling(part.getFileName().toString().replace(".part", "")));
            droppedAt[z] = System.currentTimeMillis();
        }
        int expected = ZIPS * perZip;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline && (count = countFiles(outbound)) < expected) {
            Thread.sleep(100);
        }
        double cpuMsPerMessage = (processCpuNanos() - cpuStarted) / 1e6 / Math.max(1, count);
        long peakHeap = heapPeak();
        List<Long> times = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbound)) {
            for (Path p : files.toList()) {
                // the file's own time stamp: when the hub wrote it, whenever the bench looked
                long written = Files.getLastModifiedTime(p).toMillis();
                times.add(written);
                Matcher m = ZIP_OF_ENTRY.matcher(p.getFileName().toString());
                if (m.find()) {
                    latencies.add(Math.max(0, written - droppedAt[Integer.parseInt(m.group(1))]));
                }
            }
        }
        times.sort(Comparator.naturalOrder());
        double spanSeconds = times.size() < 2 ? 0 : (times.get(times.size() - 1) - times.get(0)) / 1000.0;
        return new IwmoRound(count, spanSeconds, cpuMsPerMessage, latencies, peakHeap);
    }

    private static void gmsdFeedbackLatency(Path dataDir, PrintStream out) throws Exception {
        Path work = Files.createDirectories(dataDir.resolve("bench-work"));
        SyntheticWmoFile.Written file = SyntheticWmoFile.write(work, 10_000_000, 0.01, 42);
        Path inbox = Files.createDirectories(dataDir.resolve("inbox/0363"));
        Path outbox = dataDir.resolve("outbox/0363");
        Path part = inbox.resolve(file.file().getFileName() + ".part");
        Files.move(file.file(), part);
        long started = System.nanoTime();
        Files.move(part, inbox.resolve(file.file().getFileName()));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && !hasFeedback(outbox)) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "GMSD: %.1f MB WMO file (%d records, %d faulty) dropped -> feedback ZIP in outbox"
                        + " after %.2f s (incl. read lock %s ms)%n", file.bytes() / 1e6, file.records(),
                file.faultyRecords(), seconds, System.getProperty("ggk.inbox.read-lock-min-age-ms"));
    }

    /**
     * A small valid WMO file (0 % errors: the reject policy forwards it to CBS), alternately uploaded by HTTP (POST
     * /api/v1/deliveries) and dropped in the inbox folder; the time from the start of the upload (or the drop) until
     * CBS's technical feedback ZIP (the simulator's Du01, at zero delay) is in the gemeente's outbox.
     */
    private static void cbsFeedbackLatency(Path dataDir, int httpPort, int deliveries, PrintStream out)
            throws Exception {
        Path work = Files.createDirectories(dataDir.resolve("bench-upload"));
        SyntheticWmoFile.Written file = SyntheticWmoFile.write(work, 50_000, 0, 7);
        byte[] content = Files.readAllBytes(file.file());
        String name = file.file().getFileName().toString();
        Path inbox = Files.createDirectories(dataDir.resolve("inbox/0363"));
        Path outbox = dataDir.resolve("outbox/0363");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<Long> uploads = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        List<Long> drops = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            Set<String> before = namesIn(outbox, CBS_FEEDBACK);
            long started = System.nanoTime();
            java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/v1/deliveries?filename=" + name))
                    .header("Authorization", "Bearer demo-0363").header("Content-Type", "text/csv")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
            }
            uploads.add(awaitNew(outbox, before, started));
            accepted.add((answered - started) / 1_000_000);

            before = namesIn(outbox, CBS_FEEDBACK);
            Path part = inbox.resolve(name + ".part");
            Files.write(part, content);
            started = System.nanoTime();
            Files.move(part, inbox.resolve(name));
            drops.add(awaitNew(outbox, before, started));
        }
        out.printf(Locale.ROOT, "CBS: %.0f KB WMO file uploaded (POST /api/v1/deliveries, 202 after p50 %.0f ms) -> CBS "
                        + "technical feedback in the outbox, simulator at zero delay: p50 %.0f ms (%s)%n",
                file.bytes() / 1e3, median(accepted), median(uploads), uploads);
        out.printf(Locale.ROOT, "CBS: the same file dropped in the inbox folder (read lock %s ms) -> CBS technical "
                        + "feedback in the outbox: p50 %.0f ms (%s)%n",
                System.getProperty("ggk.inbox.read-lock-min-age-ms"), median(drops), drops);
    }

    private static final String CBS_FEEDBACK = "technische-terugkoppeling-cbs-";

    /** Milliseconds from {@code started} until a file not in {@code before} is in {@code outbox}. */
    private static long awaitNew(Path outbox, Set<String> before, long started) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            for (String n : namesIn(outbox, CBS_FEEDBACK)) {
                if (!before.contains(n)) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no CBS technical feedback in the outbox within a minute");
    }

    private static Set<String> namesIn(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".zip"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** The middle value; of an even number of values the mean of the two middle ones. */
    static double median(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        sorted.sort(Comparator.naturalOrder());
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The nearest-rank percentile of sorted values (0 when there are none). */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the real peak). */
    private static long heapPeak() {
        long total = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static boolean hasFeedback(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return false;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("technische-terugkoppeling-")
                    && p.getFileName().toString().endsWith(".zip"));
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_MESSAGE =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A small, valid-looking WMO301 that gemeente 0363 may send (the classifier reads its header). */
    private static void writeIwmoZip(Path target, int zipIndex, int perZip) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (int i = 0; i < perZip; i++) {
                zip.putNextEntry(new ZipEntry(String.format(Locale.ROOT, "WMO301-%d-%04d.xml", zipIndex, i)));
                // a BerichtIdentificatie of its own in every round: the hub forwards a message only once
                zip.write(wmo301(NEXT_MESSAGE.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static String wmo301(int n) {
        StringBuilder clients = new StringBuilder();
        for (int c = 0; c < 8; c++) {
            clients.append("    <wmo301:Client><wmo301:Bsn>999990007</wmo301:Bsn><wmo301:Geboortedatum>")
                    .append("<wmo301:Datum>19500101</wmo301:Datum></wmo301:Geboortedatum>")
                    .append("<wmo301:Naam><wmo301:Geslachtsnaam><wmo301:Achternaam>Jansen</wmo301:Achternaam>")
                    .append("</wmo301:Geslachtsnaam></wmo301:Naam></wmo301:Client>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<wmo301:Bericht xmlns:wmo301=\"http://www.istandaarden.nl/iwmo/3_2/wmo301/schema\">\n"
                + "  <wmo301:Header><wmo301:BerichtCode>414</wmo301:BerichtCode><wmo301:BerichtVersie>3"
                + "</wmo301:BerichtVersie><wmo301:BerichtSubversie>2</wmo301:BerichtSubversie>"
                + "<wmo301:Afzender>0363</wmo301:Afzender><wmo301:Ontvanger>12345678</wmo301:Ontvanger>"
                + "<wmo301:BerichtIdentificatie><wmo301:Identificatie>B" + n + "</wmo301:Identificatie>"
                + "<wmo301:Dagtekening>20260101</wmo301:Dagtekening></wmo301:BerichtIdentificatie></wmo301:Header>\n"
                + clients + "</wmo301:Bericht>\n";
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
