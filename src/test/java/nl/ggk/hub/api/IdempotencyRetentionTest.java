package nl.ggk.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import nl.ggk.hub.api.IntakeAnswers.Answer;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Idempotency-Key is remembered for ggk.http.idempotency-retention-days: a retry within it gets the first answer,
 * a request after it is a new request whose answer is kept in turn, and the forgotten keys' rows are deleted.
 */
class IdempotencyRetentionTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aKeyIsRememberedForTheRetentionAndThenForgottenAndDeleted(String database) {
        try (HikariDataSource dataSource = TestDatabases.open(database, dir.resolve("idempotency"), 2)) {
            Instant t0 = Instant.parse("2026-07-01T10:00:00Z");
            Duration days30 = Duration.ofDays(30);
            String sender = "0384-" + System.nanoTime();
            Answer first = new Answer(202, "/api/v1/deliveries/a", "{\"id\":\"a\"}");
            Answer second = new Answer(202, "/api/v1/deliveries/b", "{\"id\":\"b\"}");

            new Idempotency(dataSource, at(t0), days30).remember(sender, "k1", first);
            new Idempotency(dataSource, at(t0), days30).remember(sender, "old", first);
            assertThat(new Idempotency(dataSource, at(t0.plus(Duration.ofDays(29))), days30).previous(sender, "k1"))
                    .isEqualTo(first);

            Idempotency later = new Idempotency(dataSource, at(t0.plus(Duration.ofDays(31))), days30);
            assertThat(later.previous(sender, "k1")).as("forgotten after 30 days").isNull();
            later.remember(sender, "k1", second);
            assertThat(later.previous(sender, "k1")).as("the new request's answer is kept").isEqualTo(second);
            assertThat(new Jdbc(dataSource).query("SELECT idem_key FROM http_idempotency WHERE sender = ?",
                    r -> r.getString(1), sender)).as("the other forgotten key's row is gone").containsExactly("k1");
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
