package nl.ggk.hub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench-start}: how long the hub takes from {@code java} to a healthy {@code /observe/health}, as the README
 * starts it, beside the floor every start of this jar pays (the same JVM running {@code --help}: JVM start, the jar
 * opened, the main class run). Each start is a process of its own on a scratch data root with ports the system picks
 * and the embedded broker in-JVM only: the first on a new data root (the database created and migrated), then
 * restarts on it; with the class-data archive {@code package} made ({@code ggk-hub.jsa} beside the jar) and without.
 * Prints per start the wall time to healthy, the CPU the process used by then, its resident memory then, and Camel's
 * own boot/start split; then the medians. Idle resident memory is read 10 s after healthy. {@code --jar PATH} times
 * another build of the hub instead (an earlier version, for a before/after in one run).
 */
public final class StartBenchCommand {

    private static final Pattern CAMEL_STARTED = Pattern.compile("started in (\\S+) \\(build:\\S+ init:\\S+ start:(\\S+)"
            + " boot:(\\S+)\\)");
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private StartBenchCommand() {
    }

    /** One start: wall ms to healthy, CPU ms by then, RSS MB then and when idle, Camel's summary. */
    record Start(String what, long wallMs, long cpuMs, long rssMb, long idleRssMb, String camel) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int restarts = Math.max(1, option(args, "--restarts", 3));
        // --jar: another build of the hub (an earlier version, to compare in the same run)
        Optional<Path> jar = textOption(args, "--jar").map(Path::of).map(Path::toAbsolutePath).or(StartBenchCommand::thisJar);
        if (jar.isEmpty()) {
            err.println("bench-start: run it from the jar (java -jar target/ggk-hub.jar bench-start)");
            return 2;
        }
        Path archive = jar.get().resolveSibling(jar.get().getFileName().toString().replaceAll("\\.jar$", ".jsa"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path work = Files.createTempDirectory("ggk-bench-start-");
        try {
            out.printf(Locale.ROOT, "bench-start: %s, %d cores, %s%n", jar.get(), Runtime.getRuntime()
                    .availableProcessors(), Files.exists(archive) ? "class-data archive " + archive
                    : "no class-data archive beside the jar (mvn package makes it)");
            List<Long> floor = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                floor.add(reference(java, jar.get(), work));
            }
            out.printf(Locale.ROOT, "reference: the JVM running this jar's --help (JVM start, jar, main class): "
                    + "median %d ms%n", median(floor));
            List<List<String>> modes = new ArrayList<>();
            modes.add(List.of("-XX:+ExitOnOutOfMemoryError"));
            if (Files.exists(archive)) {
                modes.add(0, List.of("-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=" + archive));
            }
            for (List<String> options : modes) {
                String label = options.size() > 1 ? "with the class-data archive" : "without a class-data archive";
                Path dataRoot = Files.createDirectories(work.resolve("data-" + modes.indexOf(options)));
                List<Start> starts = new ArrayList<>();
                starts.add(start(java, options, jar.get(), dataRoot, work, "first start, new data root", false));
                for (int i = 1; i <= restarts; i++) {
                    starts.add(start(java, options, jar.get(), dataRoot, work, "restart " + i, i == restarts));
                }
                for (Start s : starts) {
                    out.printf(Locale.ROOT, "%s, %s: healthy after %d ms, %d ms CPU, %d MB resident%s; Camel %s%n",
                            label, s.what(), s.wallMs(), s.cpuMs(), s.rssMb(),
                            s.idleRssMb() > 0 ? ", " + s.idleRssMb() + " MB idle 10 s later" : "", s.camel());
                }
                List<Start> again = starts.subList(1, starts.size());
                long wall = median(again.stream().map(Start::wallMs).toList());
                out.printf(Locale.ROOT, "%s: restart to healthy median %d ms (%.1f x the reference), CPU median %d ms;"
                                + " first start on a new data root %d ms%n", label, wall,
                        wall / (double) Math.max(1, median(floor)),
                        median(again.stream().map(Start::cpuMs).toList()), starts.get(0).wallMs());
            }
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    /** Wall ms of {@code java -jar <jar> --help}. */
    private static long reference(String java, Path jar, Path work) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process help = new ProcessBuilder(java, "-jar", jar.toString(), "--help").redirectErrorStream(true)
                .redirectOutput(work.resolve("help.log").toFile()).start();
        help.waitFor();
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static Start start(String java, List<String> options, Path jar, Path dataRoot, Path work, String what,
                               boolean idle) throws Exception {
        int http = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = work.resolve("hub-" + System.nanoTime() + ".log");
        builder.redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("GGK_DATA_DIR", dataRoot.toString());
        env.put("GGK_HTTP_PORT", String.valueOf(http));
        env.put("GGK_MANAGEMENT_PORT", String.valueOf(management));
        env.put("GGK_BROKER_TRANSPORT", "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long started = System.nanoTime();
        Process hub = builder.start();
        try {
            long deadline = started + START_LIMIT.toNanos();
            while (true) {
                if (!hub.isAlive()) {
                    throw new IllegalStateException("the hub stopped before it was healthy; its log: " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hub was not healthy within " + START_LIMIT);
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            long wall = Duration.ofNanos(System.nanoTime() - started).toMillis();
            long cpu = hub.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            long rss = residentMb(hub.pid());
            long idleRss = 0;
            if (idle) {
                Thread.sleep(10_000);
                idleRss = residentMb(hub.pid());
            }
            return new Start(what, wall, cpu, rss, idleRss, camelSummary(log));
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    /** "boot 3.1 s, start 1.2 s" from Camel's "started in" line, or "-". */
    private static String camelSummary(Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher started = CAMEL_STARTED.matcher(line);
            if (started.find()) {
                return "boot " + started.group(3) + ", start " + started.group(2);
            }
        }
        return "-";
    }

    /** VmRSS of a process in MB (Linux /proc); 0 where not readable. */
    private static long residentMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static Optional<Path> thisJar() {
        try {
            Path location = Path.of(StartBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static Optional<String> textOption(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
