package nl.ggk.hub.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one way the stores talk to the database: a statement with its parameters, on portable SQL that runs on H2 and
 * PostgreSQL alike. Outside {@link #inTransaction} each call takes a connection of the pool and commits on its own;
 * inside, the {@link Tx} calls share one connection and one commit. A database error is an unchecked
 * {@link IllegalStateException} carrying the {@link SQLException}.
 *
 * <p>{@link #insertOnce} is the claim-a-row step every idempotent store needs: it answers whether this call inserted
 * the row, and a unique violation (SQLState {@value #UNIQUE_VIOLATION}, as H2 and PostgreSQL both report it) is the
 * answer "it was there already", not an error. Inside a transaction the insert runs under a savepoint, because a
 * failed statement aborts a PostgreSQL transaction: the caller's other work in it stays.
 *
 * <p>Parameters: {@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code Instant} (a timestamp),
 * {@code byte[]} and {@code null} (typed by the column); anything else is passed to {@code setObject}.
 */
public final class Jdbc {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Jdbc.class);

    /** SQLState of a unique or primary key violation, on H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work in one transaction, with a result. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Work in one transaction, without a result. */
    @FunctionalInterface
    public interface Action {
        void run(Tx tx) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True: this call inserted the row; false: a row with the same unique key was there. */
    public boolean insertOnce(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return insertOnce(connection, sql, params);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** An INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, params);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Every row, read by {@code mapper}, in the order of the query. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, 0, mapper, params);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The first row, if there is one. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, 1, mapper, params).stream().findFirst();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** {@code work} on one connection, committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(new Tx(connection));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                // a connection that broke (the database restarted) is closed by the pool at the first failure; its
                // rollback and reset then fail with "Connection is closed" and no SQLState: the first failure is the
                // one thrown, so that what it says (SQLState 08: an outage, not a bad input) reaches the caller
                try {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException afterwards) {
                    e.addSuppressed(afterwards);
                }
                throw e;
            }
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException reset) {
                // committed: the result stands (the pool resets a connection it takes back anyway)
                LOG.debug("auto-commit not reset after a commit: {}", reset.getMessage());
            }
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** As {@link #inTransaction(Work)}, for work without a result. */
    public void inTransactionWithoutResult(Action action) {
        inTransaction(tx -> {
            action.run(tx);
            return null;
        });
    }

    /** The statements of one transaction; valid only inside the {@link #inTransaction} call that made it. */
    public static final class Tx {

        private final Connection connection;

        private Tx(Connection connection) {
            this.connection = connection;
        }

        /** As {@link Jdbc#insertOnce}, under a savepoint: a unique violation leaves the transaction usable. */
        public boolean insertOnce(String sql, Object... params) {
            return onceUnderSavepoint(() -> Jdbc.update(connection, sql, params));
        }

        public int update(String sql, Object... params) {
            try {
                return Jdbc.update(connection, sql, params);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /**
         * Inserts every row in one round trip, under a savepoint: true when all were inserted; false when one hit a
         * unique key (then none of them is, and the transaction is usable as before the call).
         */
        public boolean batchInsertOnce(String sql, List<Object[]> rows) {
            if (rows.isEmpty()) {
                return true;
            }
            return onceUnderSavepoint(() -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (Object[] row : rows) {
                        bind(statement, row);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            });
        }

        /** A statement whose inserts a unique key may refuse. */
        @FunctionalInterface
        private interface Inserts {
            void run() throws SQLException;
        }

        /**
         * Runs {@code inserts} under a savepoint: true when they went in; false when a unique key refused them, then
         * rolled back to the savepoint so that the transaction is usable (on PostgreSQL too) as before the call.
         */
        private boolean onceUnderSavepoint(Inserts inserts) {
            try {
                Savepoint before = connection.setSavepoint();
                boolean inserted = true;
                try {
                    inserts.run();
                } catch (SQLException e) {
                    try {
                        connection.rollback(before);
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    if (!isUniqueViolation(e)) {
                        throw e;
                    }
                    inserted = false;
                }
                connection.releaseSavepoint(before);
                return inserted;
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /** One statement run for every parameter row in one round trip; the rows each changed. */
        public int[] batch(String sql, List<Object[]> rows) {
            if (rows.isEmpty()) {
                return new int[0];
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
            try {
                return Jdbc.query(connection, sql, 0, mapper, params);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
            try {
                return Jdbc.query(connection, sql, 1, mapper, params).stream().findFirst();
            } catch (SQLException e) {
                throw failed(e);
            }
        }
    }

    /** Whether {@code e}, or an exception chained to it, is a unique or primary key violation. */
    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean insertOnce(Connection connection, String sql, Object... params) throws SQLException {
        try {
            update(connection, sql, params);
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    private static <T> List<T> query(Connection connection, String sql, int maxRows, RowMapper<T> mapper,
                                     Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            statement.setMaxRows(maxRows);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            Object value = params[i];
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof Integer n) {
                statement.setInt(index, n);
            } else if (value instanceof Long n) {
                statement.setLong(index, n);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else if (value instanceof Timestamp timestamp) {
                statement.setTimestamp(index, timestamp);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("database: " + e.getMessage(), e);
    }
}
