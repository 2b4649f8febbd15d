package nl.ggk.hub.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * A real ActiveMQ Artemis 2.40.0 broker in its own process, as the production shape runs it: an instance made by
 * {@code artemis create --require-login} from the distribution Maven unpacks into {@code target/artemis}, with the
 * project's shipped settings applied by {@code config/artemis/apply.sh} (the same script {@code scripts/prod-local.sh}
 * uses), listening for OpenWire (and Artemis' other protocols) on a free loopback port.
 *
 * <p>Making an instance costs seconds of CPU (a JVM for {@code create}, one for {@code javac}), so there is one per
 * test JVM ({@link #instance()}), made at first use and reused by every class; each class starts it and stops it
 * ({@link #start()}, {@link #stop()}: by PID), and a fault test may {@link #kill()} it ({@code kill -9}) and
 * {@link #start()} it again on the same journal and port. A shutdown hook stops a process still running when the JVM
 * ends and deletes the instance.
 *
 * <p>Users: the hub's own ({@link #HUB_USER}, a password made for this instance, Artemis' admin role {@code amq}) and
 * every demo organisation of {@code config/organisations.yaml} with its demo key as password (role
 * {@code organisation}: it may only send to {@code ggk.inbound}, see {@code config/artemis/broker.properties}).
 */
public final class ArtemisProcess {

    public static final String HUB_USER = "ggk-hub";
    /** The demo organisations (config/organisations.yaml); each logs in with {@code demo-<id>}. */
    public static final List<String> ORGANISATIONS = List.of("0363", "0518", "0599", "0546", "0547", "0384", "SWV-HR");

    private static final Path HOME = Path.of("target", "artemis", "apache-artemis-2.40.0").toAbsolutePath();
    private static final Path APPLY = Path.of("config", "artemis", "apply.sh").toAbsolutePath();
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** A small broker beside the hubs on a machine of two cores: the heap Artemis' profile asks for is 2 GB. */
    private static final String JVM_OPTIONS = "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1";

    private static ArtemisProcess instance;

    private final Path dir;
    private final int port;
    private final String hubPassword;
    private Process process;
    /** Starts so far: each start logs to a file of its own (artemis-1.log, artemis-2.log, ...). */
    private int starts;

    private ArtemisProcess(Path dir, int port, String hubPassword) {
        this.dir = dir;
        this.port = port;
        this.hubPassword = hubPassword;
    }

    /** This JVM's Artemis instance, made (not started) at the first call. */
    public static synchronized ArtemisProcess instance() {
        if (instance == null) {
            instance = ownInstance();
        }
        return instance;
    }

    /**
     * An instance of the caller's own, made (not started), stopped and deleted when the JVM ends: for a class that
     * kills its broker while other classes of the JVM use {@link #instance()}.
     */
    public static ArtemisProcess ownInstance() {
        long began = System.nanoTime();
        ArtemisProcess own = create();
        System.out.printf("Artemis instance %s made and config/artemis applied in %d ms%n", own.dir,
                (System.nanoTime() - began) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(own::stopAndDelete, "artemis-stop"));
        return own;
    }

    private static ArtemisProcess create() {
        if (!Files.isExecutable(HOME.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis at " + HOME + ": run mvn generate-test-resources (execution"
                    + " 'artemis' unpacks it)");
        }
        try {
            Path base = Files.createDirectories(Path.of("target", "artemis-instances").toAbsolutePath());
            Path dir = Files.createTempDirectory(base, "artemis-").resolve("instance");
            int port = FreePorts.next();
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String hubPassword = HexFormat.of().formatHex(secret);
            run(Path.of("target").toAbsolutePath(), List.of(HOME.resolve("bin/artemis").toString(), "create",
                    dir.toString(), "--silent", "--require-login", "--user", HUB_USER, "--password", hubPassword,
                    "--role", "amq", "--name", "ggk-test", "--host", "127.0.0.1", "--default-port",
                    String.valueOf(port), "--no-web", "--no-autotune", "--nio", "--no-amqp-acceptor", "--no-stomp-acceptor",
                    "--no-hornetq-acceptor", "--no-mqtt-acceptor"), dir.resolveSibling("create.log"));
            run(Path.of("").toAbsolutePath(), List.of("bash", APPLY.toString(), dir.toString(), HOME.toString()),
                    dir.resolveSibling("apply.log"));
            addOrganisations(dir);
            return new ArtemisProcess(dir, port, hubPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every demo organisation a user with its demo key, role organisation (plain passwords: a test instance; an
     * operator uses {@code artemis user add}, which stores a hash). Each text starts on a new line: {@code create}
     * writes both files without a final one.
     */
    private static void addOrganisations(Path dir) throws IOException {
        StringBuilder users = new StringBuilder("\n");
        for (String organisation : ORGANISATIONS) {
            users.append(organisation).append(" = demo-").append(organisation).append('\n');
        }
        Files.writeString(dir.resolve("etc/artemis-users.properties"), users, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("etc/artemis-roles.properties"),
                "\norganisation = " + String.join(",", ORGANISATIONS) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private static void run(Path workDir, List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        javaEnvironment(builder);
        Process process = builder.start();
        try {
            if (!process.waitFor(CREATE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command.get(1) + " took longer than " + CREATE_TIMEOUT + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed (" + process.exitValue()
                    + "): " + Files.readString(log));
        }
    }

    /** This JVM's JDK for the scripts: javac for apply.sh, java for the broker. */
    private static void javaEnvironment(ProcessBuilder builder) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", ""));
        builder.environment().put("JAVA_ARGS_APPEND", JVM_OPTIONS);
    }

    /** Where the hub connects: {@code tcp://127.0.0.1:<port>} (OpenWire, and Artemis' other protocols). */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String hubPassword() {
        return hubPassword;
    }

    public Path dir() {
        return dir;
    }

    /** The broker's console output (its log) since its last start. */
    public synchronized Path log() {
        return dir.resolveSibling("artemis-" + starts + ".log");
    }

    /** Starts the broker unless it runs, and waits (bounded) until it accepts the hub's login. */
    public synchronized ArtemisProcess start() {
        if (isRunning()) {
            return this;
        }
        starts++;
        ProcessBuilder builder = new ProcessBuilder(dir.resolve("bin/artemis").toString(), "run")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log().toFile());
        javaEnvironment(builder);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        long began = System.nanoTime();
        await("Artemis accepts the hub's login on " + url()).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("Artemis ended at start (" + started.exitValue() + "); see "
                                + log());
                    }
                    return acceptsLogin();
                });
        System.out.printf("Artemis (PID %d) accepts logins on %s after %d ms%n", started.pid(), url(),
                (System.nanoTime() - began) / 1_000_000);
        return this;
    }

    private boolean acceptsLogin() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(HUB_USER, hubPassword, url());
        try (var connection = factory.createConnection()) {
            connection.start();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker JVM's PID ({@code bin/artemis} execs java), -1 when none runs. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** A graceful stop (SIGTERM to its PID: Artemis' shutdown hook), {@code kill -9} if it takes over a minute. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        waitForEnd(STOP_TIMEOUT);
        if (process.isAlive()) {
            kill();
        }
        process = null;
    }

    /** {@code kill -9} by PID: the broker dies mid-whatever; {@link #start()} brings it back on the same journal. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForEnd(Duration.ofSeconds(30));
        process = null;
    }

    private void waitForEnd(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The broker's own status (the management operation {@code broker.getStatus}, asked as the hub over OpenWire): a
     * JSON text whose {@code configuration.properties."broker.properties".errors} lists every line of
     * config/artemis/broker.properties Artemis could not apply (it logs none of them).
     */
    public String status() throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(HUB_USER, hubPassword, url());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue reply = session.createTemporaryQueue();
            TextMessage request = session.createTextMessage("[]");
            request.setStringProperty("_AMQ_ResourceName", "broker");
            request.setStringProperty("_AMQ_OperationName", "getStatus");
            request.setJMSReplyTo(reply);
            session.createProducer(session.createQueue("activemq.management")).send(request);
            Message answer = session.createConsumer(reply).receive(30_000);
            if (!(answer instanceof TextMessage text)) {
                throw new IllegalStateException("no status from Artemis: " + answer);
            }
            // the answer is a JSON array holding the result, itself a JSON text
            try {
                return new ObjectMapper().readTree(text.getText()).get(0).asText();
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text.getText(), e);
            }
        }
    }

    /**
     * The WARN and ERROR lines the broker logged while it started (its last start, up to "Server is now active"): an
     * address or queue of config/artemis it could not deploy shows here. (A misspelt key of broker.properties does
     * not: Artemis only notes it in its {@link #status()}.)
     */
    public List<String> startWarnings() {
        List<String> warnings = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log())) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.contains("AMQ221007")) {
                    break;
                }
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    warnings.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return warnings;
    }

    private void stopAndDelete() {
        stop();
        Path top = dir.getParent();
        try (Stream<Path> files = Files.walk(top)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not delete the Artemis instance " + top + ": " + e);
        }
    }
}
