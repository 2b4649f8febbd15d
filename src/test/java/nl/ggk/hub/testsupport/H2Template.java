package nl.ggk.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import nl.ggk.hub.db.Database;

/**
 * An embedded H2 database with the hub's schema, migrated by Flyway once per test JVM and copied for each fresh
 * database after that: a test hub or store then starts on a current schema, and its start leaves Flyway out
 * ({@code db.Migrations}) instead of running every migration again (a tenth of the test JVM's CPU went there). What
 * Flyway makes is tested where it runs: here once per JVM, in {@code MigrationsTest}, on PostgreSQL, and in every
 * forked hub. {@code -Dggk.test.h2-template=false} turns it off.
 */
public final class H2Template {

    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("ggk.test.h2-template", "true"));
    private static Path template;

    private H2Template() {
    }

    /**
     * Puts a copy of the migrated template where {@code "jdbc:h2:file:" + h2File} will find it (h2File without the
     * {@code .mv.db} extension), unless a database is there already.
     */
    public static void copyTo(Path h2File) {
        if (!ENABLED) {
            return;
        }
        Path target = h2File.resolveSibling(h2File.getFileName() + ".mv.db");
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.copy(template(), target, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path dir = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath())
                    .resolve("h2-template-" + ProcessHandle.current().pid());
            Path file = dir.resolve("ggk");
            // opened and closed: Flyway migrates it, and the last connection's close closes the file cleanly
            Database.open("jdbc:h2:file:" + file, "ggk", "", 2).close();
            template = dir.resolve("ggk.mv.db");
        }
        return template;
    }
}
