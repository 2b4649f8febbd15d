package nl.ggk.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from Debian's binaries ({@code /usr/lib/postgresql/<major>/bin}), in a
 * temporary directory on a free loopback port: a test may stop and start it (a database restart mid-flight) without
 * touching the machine's shared cluster. {@code initdb} refuses to run as root, so as root every server command runs
 * as the {@code postgres} user ({@code runuser}). Authentication is {@code trust} on loopback: any password is
 * accepted, as the hubs under test send one. Stopped by {@code pg_ctl}, and by the postmaster's PID if that fails.
 */
public final class PostgresProcess {

    public static final String DATABASE = "ggk";
    public static final String USER = "ggk";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresProcess(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The binaries of the newest PostgreSQL major installed the Debian way, if any (15 preferred). */
    public static Optional<Path> binaries() {
        Path preferred = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(preferred.resolve("initdb")) && Files.isExecutable(preferred.resolve("pg_ctl"))) {
            return Optional.of(preferred);
        }
        try (Stream<Path> majors = Files.list(Path.of("/usr/lib/postgresql"))) {
            return majors.map(major -> major.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** As root: commands run as the postgres user, which must exist and {@code runuser} must be there. */
    public static boolean usable() {
        if (binaries().isEmpty()) {
            return false;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"));
    }

    /** initdb in a fresh temporary directory, start, and create role {@link #USER} and database {@link #DATABASE}. */
    public static PostgresProcess start() throws IOException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries"));
        // under /tmp: the postgres user must reach it (a work tree under /root or /work may not be traversable)
        Path dir = Files.createTempDirectory("ggk-fault-pg-");
        PostgresProcess postgres = new PostgresProcess(bin, dir, FreePorts.next());
        if (isRoot()) {
            postgres.run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        postgres.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale"), true);
        postgres.start(true);
        // the test JVM ending without its @AfterAll (a timeout, Ctrl-C): the server does not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> postgres.pid().flatMap(ProcessHandle::of)
                .ifPresent(ProcessHandle::destroyForcibly), "postgres-stop"));
        postgres.psql("CREATE ROLE " + USER + " LOGIN PASSWORD 'not-checked'");
        postgres.psql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Starts the server again on its directory and port; waits until it accepts connections. */
    public void restart() {
        start(false);
    }

    private void start(boolean first) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=60",
                "start"), true);
        if (first) {
            System.out.printf("PostgreSQL (PID %d) on 127.0.0.1:%d, data in %s%n", pid().orElse(-1L), port, dir);
        }
    }

    /** {@code pg_ctl stop -m immediate}: every backend ends at once, as a crash would end them (recovery at start). */
    public void stopImmediately() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                "stop"), true);
    }

    public boolean isRunning() {
        return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The postmaster's PID (first line of postmaster.pid) while it runs. */
    public Optional<Long> pid() {
        Path file = dir.resolve("data/postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A fast stop; the postmaster's PID killed if that fails; the directory deleted. */
    public void stopAndDelete() {
        Optional<Long> pid = pid();
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                    "-t", "60", "stop"), true);
        } catch (RuntimeException e) {
            System.err.println("pg_ctl stop failed (" + e.getMessage() + "): killing the postmaster by its PID");
        }
        pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private void psql(String sql) {
        run(List.of(bin.resolve("psql").toString(), "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", "postgres", "-d", "postgres", "-c", sql), true);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command (as postgres when root and {@code asPostgres}), bounded; fails with its output. */
    private void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("ggk-fault-pg-command-", ".log");
            try {
                Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + COMMAND_TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                            + "): " + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
