package nl.ggk.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stores' JDBC helper on both databases: insert-once, queries with every parameter type, transactions. */
class JdbcTest {

    @TempDir
    static Path dir;

    private record Row(String key, String text, Integer number, Instant at) {
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void bothDatabasesReportADuplicateKeyAsSqlState23505(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO " + table + " (k, text) VALUES ('a', 'first')");

                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO " + table + " (k, text) VALUES ('a', 'x')"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(Jdbc.UNIQUE_VIOLATION));
            }
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void insertOnceTellsWhetherThisCallInsertedAndKeepsTheFirstRow(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {

            assertThat(jdbc.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "a", "first")).isTrue();
            assertThat(jdbc.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "a", "second")).isFalse();

            assertThat(jdbc.query("SELECT text FROM " + table + " WHERE k = ?", r -> r.getString(1), "a"))
                    .containsExactly("first");
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aBatchInsertWithOneTakenKeyInsertsNoneOfItsRowsAndLeavesTheTransactionToCommit(String database)
            throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {
            jdbc.update("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "taken", "earlier");
            String insert = "INSERT INTO " + table + " (k, text) VALUES (?, ?)";

            List<Boolean> inserted = jdbc.inTransaction(tx -> List.of(
                    tx.insertOnce(insert, "before", "1"),
                    tx.batchInsertOnce(insert, List.of(new Object[] {"x", "2"}, new Object[] {"taken", "3"},
                            new Object[] {"y", "4"})),
                    tx.batchInsertOnce(insert, List.of(new Object[] {"z", "5"}, new Object[] {"w", "6"}))));

            assertThat(inserted).containsExactly(true, false, true);
            assertThat(jdbc.query("SELECT k, text FROM " + table + " ORDER BY k", r -> r.getString(1) + "="
                    + r.getString(2))).containsExactly("before=1", "taken=earlier", "w=6", "z=5");
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aDuplicateInsideATransactionLeavesTheRestOfItsWorkToCommit(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {
            jdbc.update("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "taken", "earlier");

            List<Boolean> inserted = jdbc.inTransaction(tx -> List.of(
                    tx.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "before", "1"),
                    tx.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "taken", "2"),
                    tx.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "after", "3")));

            assertThat(inserted).containsExactly(true, false, true);
            assertThat(jdbc.query("SELECT k, text FROM " + table + " ORDER BY k", r -> r.getString(1) + "="
                    + r.getString(2))).containsExactly("after=3", "before=1", "taken=earlier");
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void anotherConstraintViolationIsAnErrorNotADuplicate(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {

            assertThatThrownBy(() -> jdbc.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", null, "x"))
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(SQLException.class);
            assertThatThrownBy(() -> jdbc.inTransactionWithoutResult(tx ->
                    tx.insertOnce("INSERT INTO " + table + " (k, text) VALUES (?, ?)", null, "x")))
                    .isInstanceOf(IllegalStateException.class);
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void ofManyConcurrentClaimsOfOneKeyExactlyOneInserts(String database) throws Exception {
        withTable(database, 8, (dataSource, jdbc, table) -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "race-" + round;
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Boolean>> claims = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        String text = "claimant-" + i;
                        boolean inTransaction = i % 2 == 0;
                        Callable<Boolean> claim = () -> {
                            start.await();
                            String sql = "INSERT INTO " + table + " (k, text) VALUES (?, ?)";
                            return inTransaction ? jdbc.inTransaction(tx -> tx.insertOnce(sql, key, text))
                                    : jdbc.insertOnce(sql, key, text);
                        };
                        claims.add(pool.submit(claim));
                    }
                    start.countDown();
                    int winners = 0;
                    for (Future<Boolean> claim : claims) {
                        winners += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(winners).as("claims of " + key + " that inserted").isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void parametersOfEveryKindRoundTripAndNullsTakeTheColumnsType(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {
            Instant at = Instant.parse("2026-03-10T08:15:30.123Z");
            jdbc.update("INSERT INTO " + table + " (k, text, number, at) VALUES (?, ?, ?, ?)", "full", "tekst", 42, at);
            jdbc.update("INSERT INTO " + table + " (k, text, number, at) VALUES (?, ?, ?, ?)", "empty", null, null,
                    null);

            Jdbc.RowMapper<Row> row = r -> new Row(r.getString("k"), r.getString("text"),
                    (Integer) r.getObject("number", Integer.class),
                    r.getTimestamp("at") == null ? null : r.getTimestamp("at").toInstant());
            assertThat(jdbc.queryOne("SELECT * FROM " + table + " WHERE k = ?", row, "full"))
                    .contains(new Row("full", "tekst", 42, at));
            assertThat(jdbc.queryOne("SELECT * FROM " + table + " WHERE k = ?", row, "empty"))
                    .contains(new Row("empty", null, null, null));
            assertThat(jdbc.queryOne("SELECT * FROM " + table + " WHERE k = ?", row, "none")).isEmpty();
            assertThat(jdbc.update("UPDATE " + table + " SET text = COALESCE(?, text), number = ? WHERE k = ?",
                    null, 7, "full")).isEqualTo(1);
            assertThat(jdbc.query("SELECT text, number FROM " + table + " WHERE k = ? AND at < ?",
                    r -> r.getString(1) + r.getInt(2), "full", at.plusSeconds(1))).containsExactly("tekst7");
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aTransactionThatThrowsLeavesNothingBehindAndABatchCountsItsRows(String database) throws Exception {
        withTable(database, 2, (dataSource, jdbc, table) -> {

            assertThatThrownBy(() -> jdbc.inTransactionWithoutResult(tx -> {
                tx.update("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "lost", "x");
                throw new IllegalArgumentException("the step failed");
            })).hasMessage("the step failed");
            int[] changed = jdbc.inTransaction(tx -> {
                tx.batch("INSERT INTO " + table + " (k, number) VALUES (?, ?)",
                        List.of(new Object[] {"b1", 1}, new Object[] {"b2", null}, new Object[] {"b3", 3}));
                return tx.batch("UPDATE " + table + " SET text = ? WHERE k = ?",
                        List.of(new Object[] {"t", "b1"}, new Object[] {"t", "nobody"}));
            });

            assertThat(changed).containsExactly(1, 0);
            assertThat(jdbc.query("SELECT k FROM " + table + " ORDER BY k", r -> r.getString(1)))
                    .containsExactly("b1", "b2", "b3");
        });
    }

    /**
     * The server ends the session in the middle of a transaction (as a restart does): the pool closes the broken
     * connection, whose rollback then fails with "Connection is closed" and no SQLState; what the caller gets is the
     * loss of the connection, which Outages knows for an outage (the folder door waits instead of quarantining).
     */
    @Test
    void aSessionEndedByTheServerInATransactionIsThrownAsThatOutageNotAsTheClosedConnectionAfterIt() throws Exception {
        withTable("postgresql", 2, (dataSource, jdbc, table) -> {
            assertThatThrownBy(() -> jdbc.inTransactionWithoutResult(tx -> {
                tx.update("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "a", "x");
                int pid = tx.queryOne("SELECT pg_backend_pid()", r -> r.getInt(1)).orElseThrow();
                try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                    statement.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
                tx.update("INSERT INTO " + table + " (k, text) VALUES (?, ?)", "b", "x");
            })).satisfies(e -> {
                assertThat(e).as("the first failure, not the rollback's").hasCauseInstanceOf(SQLException.class);
                assertThat(((SQLException) e.getCause()).getSQLState()).as(String.valueOf(e.getCause())).isNotNull();
                assertThat(new nl.ggk.hub.errors.Outages().isOutage(e)).as(String.valueOf(e)).isTrue();
            });
            assertThat(jdbc.query("SELECT k FROM " + table, r -> r.getString(1))).as("rolled back").isEmpty();
        });
    }

    @FunctionalInterface
    private interface TableTest {
        void run(HikariDataSource dataSource, Jdbc jdbc, String table) throws Exception;
    }

    /** {@code test} on a fresh table of its own (PostgreSQL is shared by every run), dropped afterwards. */
    private static void withTable(String database, int poolSize, TableTest test) throws Exception {
        try (HikariDataSource dataSource = TestDatabases.open(database, dir.resolve("jdbc"), poolSize)) {
            Jdbc jdbc = new Jdbc(dataSource);
            String table = "jdbc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            jdbc.update("CREATE TABLE " + table + " (k VARCHAR(40) NOT NULL PRIMARY KEY, text VARCHAR(100),"
                    + " number INTEGER, at TIMESTAMP)");
            try {
                test.run(dataSource, jdbc, table);
            } finally {
                jdbc.update("DROP TABLE " + table);
            }
        }
    }
}
