package nl.ggk.hub.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import nl.ggk.hub.GgkHub;

/**
 * The classes of a forked hub from a class-data-sharing archive (AppCDS), so that each of the dozens of hub JVMs
 * the crash tests start does not parse and verify the same ~11,000 classes again (docs/development.md "The test
 * suite" has the one measurement). The JVM archives classes from jars only, so the build's class folders are put into jars first (under
 * {@code target/forked-hub/<digest of their files>/}, made again when a class changes); one hub started from those
 * jars and stopped writes the archive ({@code -XX:ArchiveClassesAtExit}); every later forked hub of the build
 * reads it. What the hub does is the same: the same classes, the same order of its beans (ConfigurationOrderTest),
 * only loaded faster. Off with {@code -Dggk.test.forked-hub.cds=false}; if the archive cannot be made, the hubs
 * start without it.
 */
public final class ForkedHubClasses {

    /** The classpath and the JVM options that read the archive. */
    public record Launch(String classpath, List<String> jvmOptions) {
    }

    private static Launch prepared;

    private ForkedHubClasses() {
    }

    /** The launch of a forked hub: made once per test JVM; the jars and the archive are reused while no class changes. */
    public static synchronized Launch launch(String classpath) {
        if (!Boolean.parseBoolean(System.getProperty("ggk.test.forked-hub.cds", "true"))) {
            return new Launch(classpath, List.of());
        }
        if (prepared == null) {
            prepared = prepare(classpath);
        }
        return prepared;
    }

    private static Launch prepare(String classpath) {
        try {
            List<String> entries = List.of(classpath.split(java.io.File.pathSeparator));
            Path base = Path.of("target", "forked-hub").toAbsolutePath();
            String digest = digest(entries);
            Path dir = base.resolve(digest);
            List<String> jarred = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Path entry = Path.of(entries.get(i));
                if (Files.isDirectory(entry)) {
                    Path jar = dir.resolve(i + "-" + entry.getFileName() + ".jar");
                    if (!Files.exists(jar)) {
                        jar(entry, jar);
                    }
                    jarred.add(jar.toString());
                } else if (Files.isRegularFile(entry)) {
                    jarred.add(entry.toString());
                }
            }
            String jarClasspath = String.join(java.io.File.pathSeparator, jarred);
            Path archive = dir.resolve("hub.jsa");
            if (!Files.exists(archive)) {
                train(dir, jarClasspath, ForkedHub.SHORT_LIVED, archive);
            }
            if (!Files.exists(archive)) {
                System.err.println("ForkedHubClasses: no class-data archive made; forked hubs start without one");
                return new Launch(classpath, List.of());
            }
            // -Xshare:auto: a JVM that cannot map the archive starts without it; its CDS messages stay out of the log
            return new Launch(jarClasspath, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        } catch (IOException | RuntimeException e) {
            System.err.println("ForkedHubClasses: " + e + "; forked hubs start without a class-data archive");
            return new Launch(classpath, List.of());
        }
    }

    /** A digest of the class path: the jars' names and sizes, every file of the class folders with size and time. */
    private static String digest(List<String> entries) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String entry : entries) {
                Path path = Path.of(entry);
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                            sha.update((path.relativize(file) + ":" + Files.size(file) + ":"
                                    + Files.getLastModifiedTime(file).toMillis()).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    sha.update((":" + Files.size(path)).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void jar(Path folder, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path part = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            // folders too: a scan of a classpath folder (Flyway's db/migration) finds it in a jar by its entry
            for (Path file : files.filter(f -> !f.equals(folder)).sorted().toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    zip.putNextEntry(new JarEntry(name + "/"));
                } else {
                    zip.putNextEntry(new JarEntry(name));
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts a hub from the jars with -XX:ArchiveClassesAtExit, waits until it is healthy and stops it. */
    private static void train(Path dir, String classpath, List<String> jvmOptions, Path archive) throws IOException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory(dir, "training-");
        Path part = dir.resolve("hub.jsa.part");
        int http = FreePorts.next();
        int management = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + part, "-cp", classpath,
                "-Dlog4j2.configurationFile=log4j2.properties",
                "-Dggk.data-dir=" + work.resolve("data"),
                "-Dcamel.server.port=" + http,
                "-Dcamel.management.port=" + management,
                "-Dcamel.main.routes-include-pattern=" + ForkedHub.routesPattern(),
                "-Dggk.broker.embedded.transport=",
                GgkHub.class.getName()));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("hub.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean healthy = false;
            while (!healthy && process.isAlive() && System.nanoTime() < deadline) {
                try {
                    healthy = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                            + "/observe/health")).timeout(Duration.ofSeconds(5)).GET().build()).statusCode() == 200;
                } catch (UncheckedIOException e) {
                    healthy = false;
                }
                if (!healthy) {
                    process.waitFor(250, TimeUnit.MILLISECONDS);
                }
            }
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (healthy && Files.exists(part)) {
                Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.out.printf("ForkedHubClasses: class-data archive %s in %.1f s%n",
                    Files.exists(archive) ? "made" : "NOT made", (System.nanoTime() - started) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
