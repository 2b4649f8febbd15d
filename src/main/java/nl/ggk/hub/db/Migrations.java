package nl.ggk.hub.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether the database already has every migration the hub carries, so that a start can leave Flyway out: Flyway
 * reads the class path and the schema history on every start (its classes alone are some 400), where a restart of
 * the same hub has nothing to migrate. "Current" means: every {@code V<version>__*.sql} script and Java migration
 * ({@code db.migration.V<version>__*}) under {@value #LOCATION} has
 * a successful row in {@code flyway_schema_history}, and no row records a failed migration. Anything else (a new
 * database, a newer hub, a failed migration, no history table, a location that cannot be listed) lets Flyway run as
 * before. What a skipped start does not do is Flyway's validation of the applied scripts' checksums:
 * {@code ggk.db.migrate-on-every-start=true} runs Flyway on every start.
 */
public final class Migrations {

    static final String LOCATION = "db/migration";
    /** A versioned SQL script, or a Java migration's class (package {@code db.migration}; not its inner classes). */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/$]*\\.(?:sql|class)");

    private Migrations() {
    }

    /** True when the database has every bundled migration, applied successfully, and no failed one. */
    public static boolean current(DataSource dataSource) {
        Set<String> bundled = bundledVersions();
        if (bundled.isEmpty()) {
            return false;
        }
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(normal(rows.getString(1)));
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return applied.containsAll(bundled);
    }

    /** The versions of the migrations on the class path, normalised ("1.2" and "1_2" alike); empty if not listable. */
    static Set<String> bundledVersions() {
        Set<String> versions = new TreeSet<>();
        try {
            Enumeration<URL> locations = Migrations.class.getClassLoader().getResources(LOCATION);
            while (locations.hasMoreElements()) {
                for (String name : names(locations.nextElement())) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (versioned.matches()) {
                        versions.add(normal(versioned.group(1)));
                    }
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Set.of();
        }
        return versions;
    }

    /** The names of the files in one location and below it (as Flyway reads it): a folder or a jar's entries. */
    static Set<String> names(URL location) throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        if ("file".equals(location.getProtocol())) {
            try (Stream<Path> files = Files.walk(Path.of(location.toURI()))) {
                files.filter(Files::isRegularFile).forEach(file -> names.add(file.getFileName().toString()));
            }
        } else if (location.openConnection() instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = jar.getEntryName().endsWith("/") ? jar.getEntryName() : jar.getEntryName() + "/";
            try (JarFile file = jar.getJarFile()) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(prefix) && !entry.endsWith("/")) {
                        names.add(entry.substring(entry.lastIndexOf('/') + 1));
                    }
                }
            }
        }
        return names;
    }

    private static String normal(String version) {
        return version.replace('_', '.').replaceAll("(^|\\.)0+(\\d)", "$1$2");
    }
}
