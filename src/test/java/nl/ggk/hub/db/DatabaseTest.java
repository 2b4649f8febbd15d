package nl.ggk.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable before acknowledged: a commit the hub answers on is in the database's files when commit() returns. */
class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedH2WritesEveryCommitToItsFileBeforeCommitReturns() throws SQLException {
        try (HikariDataSource dataSource = Database.open("jdbc:h2:file:" + dir.resolve("ggk"), "ggk", "", 2)) {
            assertThat(setting(dataSource, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'")).isEqualTo("0");
        }
    }

    @Test
    void aWriteDelayTheOperatorChoseIsKeptAndOtherUrlsAreLeftAlone() {
        assertThat(Database.durable("jdbc:h2:file:/data/db/ggk")).isEqualTo("jdbc:h2:file:/data/db/ggk;WRITE_DELAY=0");
        assertThat(Database.durable("jdbc:h2:/data/db/ggk;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:/data/db/ggk;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(Database.durable("jdbc:h2:file:/data/db/ggk;write_delay=100"))
                .isEqualTo("jdbc:h2:file:/data/db/ggk;write_delay=100");
        assertThat(Database.durable("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(Database.durable("jdbc:h2:tcp://db/ggk")).isEqualTo("jdbc:h2:tcp://db/ggk");
        assertThat(Database.durable("jdbc:postgresql://db:5432/ggk")).isEqualTo("jdbc:postgresql://db:5432/ggk");
    }

    /**
     * Track &amp; trace's event ids on the embedded H2 come from a cache of 1,000 (V150: H2's 32 stored the whole
     * database every 32 events), and still number the events in the order they were written, whichever pooled
     * connection wrote them (a delivery's story is read back ordered by id).
     */
    @Test
    void eventIdsOnH2ComeFromALargeCacheAndFollowTheOrderOfWriting() throws SQLException {
        try (HikariDataSource dataSource = Database.open("jdbc:h2:file:" + dir.resolve("ggk"), "ggk", "", 3)) {
            assertThat(setting(dataSource, "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'DELIVERY_EVENT' AND COLUMN_NAME = 'ID'")).isEqualTo("1000");
            Jdbc jdbc = new Jdbc(dataSource);
            java.time.Instant now = java.time.Instant.now();
            jdbc.update("INSERT INTO delivery (id, organisation, sender, channel, filename, payload_ref, payload_size,"
                    + " received_at, status, updated_at) VALUES ('d1', '0363', '0363', 'FOLDER', 'a.zip', 'ref', 1, ?,"
                    + " 'RECEIVED', ?)", now, now);
            try (Connection one = dataSource.getConnection(); Connection two = dataSource.getConnection()) {
                for (int i = 0; i < 40; i++) {
                    try (Statement statement = (i % 2 == 0 ? one : two).createStatement()) {
                        statement.executeUpdate("INSERT INTO delivery_event (delivery_id, entry_index, at, status,"
                                + " detail) VALUES ('d1', " + i + ", CURRENT_TIMESTAMP, 'SPLIT', 'x')");
                    }
                }
            }
            assertThat(jdbc.query("SELECT entry_index FROM delivery_event WHERE delivery_id = 'd1' ORDER BY id",
                    rs -> rs.getInt(1))).isSorted().hasSize(40);
        }
    }

    /** A session that starts with synchronous_commit off (as a server or role may set it) gets it back on. */
    @Test
    void postgresqlSessionsCommitSynchronouslyEvenWhereTheServerSaysOff() throws SQLException {
        String url = System.getProperty("ggk.test.postgres.url");
        assumeTrue(url != null && !url.isBlank(),
                "no PostgreSQL configured (-Dggk.test.postgres.url); PostgreSQL variant skipped");
        String off = url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
        try (HikariDataSource dataSource = Database.open(off, System.getProperty("ggk.test.postgres.user", "ggk"),
                System.getProperty("ggk.test.postgres.password", "ggk"), 2)) {
            assertThat(setting(dataSource, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    private static String setting(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
