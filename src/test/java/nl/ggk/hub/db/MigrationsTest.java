package nl.ggk.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart with nothing to migrate leaves Flyway out; anything else lets Flyway run as before. */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void everyMigrationScriptOfTheHubIsFound() throws IOException {
        long scripts;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/resources/db/migration")),
                Files.list(Path.of("src/main/java/db/migration")))) {
            scripts = files.filter(file -> file.getFileName().toString().matches("V.*__.*\\.(sql|java)")).count();
        }
        assertThat(scripts).as("SQL scripts and Java migrations").isPositive();
        assertThat(Migrations.bundledVersions()).hasSize((int) scripts);
    }

    @Test
    void theScriptsAreListedFromAJarAsWell() throws Exception {
        Path jar = dir.resolve("hub.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"db/", "db/migration/", "db/migration/V1__first.sql",
                    "db/migration/V2_1__second.sql", "db/migration/sub/V9__elsewhere.sql", "db/other.sql"}) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("SELECT 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        assertThat(Migrations.names(new URL("jar:" + jar.toUri() + "!/db/migration")))
                .containsExactlyInAnyOrder("V1__first.sql", "V2_1__second.sql", "V9__elsewhere.sql");
    }

    @Test
    void aRestartWithNothingToMigrateLeavesFlywayOutAndTheSettingBringsItBack() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("ggk");
        try (HikariDataSource fresh = Database.open(url, "ggk", "", 2)) {
            assertThat(Migrations.current(fresh)).as("after the first start's migration").isTrue();
            // a script changed after it was applied: Flyway's validation would refuse the start
            execute(fresh, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 12345"
                    + " WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\""
                    + " WHERE \"type\" = 'SQL')");
        }
        try (HikariDataSource restarted = Database.open(url, "ggk", "", 2)) {
            assertThat(Migrations.current(restarted)).isTrue();
        }
        assertThatThrownBy(() -> Database.open(url, "ggk", "", 2, true).close())
                .as("ggk.db.migrate-on-every-start=true: Flyway runs and validates")
                .hasMessageContaining("checksum");
    }

    @Test
    void aDatabaseWithoutHistoryOrWithAFailedOrMissingMigrationIsNotCurrent() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("other");
        try (HikariDataSource empty = plain(url)) {
            assertThat(Migrations.current(empty)).as("no history table").isFalse();
        }
        try (HikariDataSource migrated = Database.open(url, "ggk", "", 2)) {
            execute(migrated, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE"
                    + " WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")");
            assertThat(Migrations.current(migrated)).as("a failed migration").isFalse();
            execute(migrated, "DELETE FROM \"flyway_schema_history\""
                    + " WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")");
            assertThat(Migrations.current(migrated)).as("a migration not applied").isFalse();
        }
    }

    private static HikariDataSource plain(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("ggk");
        dataSource.setPassword("");
        return dataSource;
    }

    private static void execute(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
