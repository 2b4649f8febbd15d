package nl.ggk.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.GgkHub;

/**
 * The real {@link GgkHub} main in its own JVM, started in a working directory of the test's choice, as
 * {@code java -jar} would run it there. For what only the entry point decides: the configuration folder, the
 * command line, the start-up and shutdown log.
 */
public final class ForkedHub implements AutoCloseable {

    private final Process process;
    private final Path logFile;
    public final int httpPort;
    public final int managementPort;

    private ForkedHub(Process process, Path logFile, int httpPort, int managementPort) {
        this.process = process;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code GgkHub} with {@code args} in {@code workDir} (data under {@code workDir/data}, free ports
     * unless {@code systemProperties} names them).
     */
    public static ForkedHub start(Path workDir, Map<String, String> systemProperties, Map<String, String> environment,
                                  String... args) throws IOException {
        return start(workDir, SHORT_LIVED, systemProperties, environment, args);
    }

    /**
     * The JVM options of a hub that lives for seconds: the client compiler only and the serial collector, so that
     * starting it costs a fraction of the CPU (the crash tests start dozens); the hub's code and settings are those
     * of production.
     */
    public static final List<String> SHORT_LIVED = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** As {@link #start(Path, Map, Map, String...)}, with these JVM options (heap size and the like) instead. */
    public static ForkedHub start(Path workDir, List<String> jvmOptions, Map<String, String> systemProperties,
                                  Map<String, String> environment, String... args) throws IOException {
        int httpPort = Integer.parseInt(systemProperties.getOrDefault("camel.server.port",
                String.valueOf(FreePorts.next())));
        int managementPort = Integer.parseInt(systemProperties.getOrDefault("camel.management.port",
                String.valueOf(FreePorts.next())));
        ForkedHubClasses.Launch launch = ForkedHubClasses.launch(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.classpath(),
                // the production logging, not the test layout on the same classpath
                "-Dlog4j2.configurationFile=log4j2.properties",
                "-Dggk.data-dir=" + workDir.resolve("data"),
                "-Dcamel.server.port=" + httpPort,
                "-Dcamel.management.port=" + managementPort,
                "-Dcamel.main.routes-include-pattern=" + routesPattern()));
        systemProperties.forEach((key, value) -> {
            if (!key.equals("camel.server.port") && !key.equals("camel.management.port")) {
                command.add("-D" + key + "=" + value);
            }
        });
        if (!systemProperties.containsKey("ggk.broker.embedded.transport")) {
            command.add("-Dggk.broker.embedded.transport=");
        }
        // cheap password hashes, as the in-JVM test hubs (HubTestSupport)
        if (!systemProperties.containsKey("ggk.portal.password.argon2-memory-kib")) {
            command.add("-Dggk.portal.password.argon2-memory-kib=64");
            command.add("-Dggk.portal.password.argon2-iterations=1");
        }
        command.add(GgkHub.class.getName());
        command.addAll(List.of(args));
        Path logFile = Files.createTempFile(workDir, "hub-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ForkedHub(process, logFile, httpPort, managementPort);
    }

    /** Waits until {@code /observe/health} answers 200. */
    public ForkedHub awaitHealthy() {
        await("hub up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("hub JVM alive; log:%n%s", log()).isTrue();
            try {
                return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/observe/health")).timeout(Duration.ofSeconds(5)).GET().build()).statusCode() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        return this;
    }

    /** Waits for the JVM to end and returns its exit code. */
    public int awaitExit(Duration atMost) {
        try {
            assertThat(process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)).as("hub ended; log:%n%s", log())
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook, no graceful stop, no broker or database close; waits for the end. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C or {@code docker stop} would send it. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** The process id of the hub's JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The production routes from the build output folder, each found once (see CrashRecoveryTest). */
    static String routesPattern() {
        try {
            Path classes = Path.of(GgkHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return "file:" + classes.resolve("routes") + "/*.camel.yaml";
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
