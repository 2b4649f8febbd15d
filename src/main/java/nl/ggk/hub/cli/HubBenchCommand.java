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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.boot.HubMain;
import nl.ggk.hub.gmsd.SyntheticWmoFile;
import org.apache.camel.main.Main;

/**
 * {@code bench-hub}: starts the whole hub (embedded broker and database) on a fresh temporary data root
 * and measures what a user notices: (1) 3 ZIPs of 900 small iWMO messages dropped in the inbox, messages/s
 * from the first to the last message written to outbound/; (2) a 10 MB GMSD file dropped in the inbox,
 * seconds until its feedback ZIP is in the outbox. Prints figures; asserts nothing. Unmeasured iWMO
 * rounds go first ({@code --warm-up N}, default 3; {@code --no-warm-up}), so that the figures are those of
 * a hub that has been running rather than of the JIT compiler at work.
 */
public final class HubBenchCommand {

    private static final int ZIPS = 3;
    private static final int MESSAGES_PER_ZIP = 900;

    private HubBenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path dataDir = Files.createTempDirectory("ggk-bench-");
        System.setProperty("ggk.data-dir", dataDir.toString());
        System.setProperty("camel.server.port", String.valueOf(freePort()));
        System.setProperty("camel.management.port", String.valueOf(freePort()));
        System.setProperty("ggk.broker.embedded.transport", "");
        System.setProperty("ggk.inbox.poll-delay-ms", "100");
        System.setProperty("ggk.inbox.read-lock-min-age-ms", "100");
        System.setProperty("ggk.inbox.read-lock-check-interval-ms", "50");
        Main main = HubMain.newMain();
        try {
            out.println("Starting the hub on " + dataDir + " ...");
            main.start();
            int warmUpRounds = Arrays.asList(args).contains("--no-warm-up") ? 0 : option(args, "--warm-up", 3);
            for (int round = 1; round <= warmUpRounds; round++) {
                out.println("Warm-up round " + round + "/" + warmUpRounds
                        + " (not measured): the JIT compiles the hot paths, as in a hub that has been running");
                iwmoThroughput(dataDir, out, "warm-up-" + round, true);
            }
            iwmoThroughput(dataDir, out, "measured", false);
            gmsdFeedbackLatency(dataDir, out);
            return 0;
        } finally {
            main.stop();
            if (Arrays.asList(args).contains("--keep")) {
                out.println("Data kept in " + dataDir);
            } else {
                deleteTree(dataDir);
            }
        }
    }

    private static void iwmoThroughput(Path dataDir, PrintStream out, String round, boolean quiet) throws Exception {
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
            writeIwmoZip(part, z);
            zips.add(part);
        }
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        for (Path part : zips) {
            Files.move(part, part.resolveSibling(part.getFileName().toString().replace(".part", "")));
        }
        int expected = ZIPS * MESSAGES_PER_ZIP;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline && (count = countFiles(outbound)) < expected) {
            Thread.sleep(200);
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        double cpuMsPerMessage = (processCpuNanos() - cpuStarted) / 1e6 / Math.max(1, count);
        List<FileTime> times = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbound)) {
            for (Path p : files.toList()) {
                times.add(Files.getLastModifiedTime(p));
            }
        }
        times.sort(Comparator.naturalOrder());
        if (quiet) {
            return;
        }
        double spanSeconds = times.size() < 2 ? 0
                : (times.get(times.size() - 1).toMillis() - times.get(0).toMillis()) / 1000.0;
        out.printf(Locale.ROOT, "iWMO: %d ZIPs x %d messages -> %d in outbound/iwmo%n", ZIPS, MESSAGES_PER_ZIP, count);
        out.printf(Locale.ROOT, "iWMO: first to last message in outbound: %.2f s = %.0f messages/s%n", spanSeconds,
                spanSeconds > 0 ? (times.size() - 1) / spanSeconds : 0);
        out.printf(Locale.ROOT, "iWMO: drop to last message (incl. read lock %s ms): %.2f s = %.0f messages/s%n",
                System.getProperty("ggk.inbox.read-lock-min-age-ms"), wallSeconds, count / wallSeconds);
        out.printf(Locale.ROOT, "iWMO: CPU time of the hub process per message: %.2f ms (%d cores)%n",
                cpuMsPerMessage, Runtime.getRuntime().availableProcessors());
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
    private static void writeIwmoZip(Path target, int zipIndex) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (int i = 0; i < MESSAGES_PER_ZIP; i++) {
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

    private static long processCpuNanos() {
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
