package nl.ggk.hub.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * Connection pool plus schema migration: the same Flyway scripts run on H2 (embedded) and PostgreSQL.
 *
 * <p>Durable before acknowledged: a 202, a Bv03 and every broker commit rest on database commits made just before
 * them, so a commit must be in the database's files when {@code commit()} returns. H2 writes committed changes to
 * its file from a background thread up to {@code WRITE_DELAY} (500 ms) later by default, and a process that dies in
 * that window loses them while the broker's synchronous commit survives: the H2 URL gets {@code WRITE_DELAY=0}
 * (each commit is written to the file before it returns; it survives the process dying, not the machine losing
 * power: H2 does not fsync a commit). PostgreSQL flushes its WAL on commit unless {@code synchronous_commit} is
 * off; the hub's sessions turn it back on where a server or role has it off.
 */
public final class Database {

    /** Only when the server or role turned it off: a stronger setting (remote_apply, …) is left as it is. */
    static final String POSTGRES_SYNCHRONOUS_COMMIT = "SELECT set_config('synchronous_commit', 'on', false)"
            + " WHERE current_setting('synchronous_commit') = 'off'";

    private Database() {
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, false);
    }

    /**
     * The pool on {@code url}, its schema migrated by Flyway unless it already has every migration the hub carries
     * ({@link Migrations#current}); {@code migrateEveryStart} runs Flyway (and its checksum validation) regardless.
     */
    public static HikariDataSource open(String url, String user, String password, int poolSize,
                                        boolean migrateEveryStart) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ggk-hub");
        if (url.startsWith("jdbc:postgresql:")) {
            config.setConnectionInitSql(POSTGRES_SYNCHRONOUS_COMMIT);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        if (migrateEveryStart || !Migrations.current(dataSource)) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + Migrations.LOCATION)
                    .load()
                    .migrate();
        }
        return dataSource;
    }

    /**
     * An embedded H2 database in files gets {@code ;WRITE_DELAY=0} unless its URL sets a write delay itself (the
     * operator's choice then); other URLs (in memory, an H2 server, PostgreSQL) are returned as they are.
     */
    static String durable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.contains(";write_delay=")) {
            return url;
        }
        for (String other : new String[] {"jdbc:h2:mem:", "jdbc:h2:tcp:", "jdbc:h2:ssl:", "jdbc:h2:zip:"}) {
            if (lower.startsWith(other)) {
                return url;
            }
        }
        return url + ";WRITE_DELAY=0";
    }
}
