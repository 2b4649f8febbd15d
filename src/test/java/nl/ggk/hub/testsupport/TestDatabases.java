package nl.ggk.hub.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.stream.Stream;
import nl.ggk.hub.db.Database;

/**
 * The two databases a store test runs on, migrated as the hub migrates them: an embedded H2 in a file, and
 * PostgreSQL when {@code -Dggk.test.postgres.url} names one (with {@code ggk.test.postgres.user} and
 * {@code .password}, default ggk/ggk); without it the PostgreSQL variant is skipped, not failed. Use:
 * {@code @ParameterizedTest @MethodSource(TestDatabases.BOTH)} with a {@code String database} parameter.
 */
public final class TestDatabases {

    /** The {@code @MethodSource} of a test run on both databases. */
    public static final String BOTH = "nl.ggk.hub.testsupport.TestDatabases#both";

    private TestDatabases() {
    }

    public static Stream<String> both() {
        return Stream.of("h2", "postgresql");
    }

    /** {@code database} ("h2": a file at {@code h2File}; "postgresql": the configured one) with a pool this big. */
    public static HikariDataSource open(String database, Path h2File, int poolSize) {
        if (database.equals("h2")) {
            H2Template.copyTo(h2File);
            return Database.open("jdbc:h2:file:" + h2File, "ggk", "", poolSize);
        }
        String url = System.getProperty("ggk.test.postgres.url");
        assumeTrue(url != null && !url.isBlank(),
                "no PostgreSQL configured (-Dggk.test.postgres.url); PostgreSQL variant skipped");
        return Database.open(url, System.getProperty("ggk.test.postgres.user", "ggk"),
                System.getProperty("ggk.test.postgres.password", "ggk"), poolSize);
    }
}
