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
import nl.ggk.hub.intake.IntakeService.IntakeRequest;
import nl.ggk.hub.intake.IntakeService.Receipt;
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

    /**
     * The parts an earlier try of a key stored are found by a retry (with whether their delivery may still have to be
     * enqueued) until the key is forgotten; a part withdrawn with its delivery is forgotten at once.
     */
    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void thePartsOfATryThatStoppedBeforeItAnsweredAreFoundByARetryUntilTheKeyIsForgotten(String database) {
        try (HikariDataSource dataSource = TestDatabases.open(database, dir.resolve("idempotency-parts"), 2)) {
            Instant t0 = Instant.parse("2026-07-01T10:00:00Z");
            Duration days30 = Duration.ofDays(30);
            String sender = "0384-" + System.nanoTime();
            Idempotency first = new Idempotency(dataSource, at(t0), days30);
            DeliveryRequests.DeliveryRequest request = request(sender, "k1", "a.csv", "b.csv", "c.csv");
            Receipt a = receipt("a-" + sender, sender, "a.csv", t0);
            Receipt b = receipt("b-" + sender, sender, "b.csv", t0);
            first.recordStored(request.parts().get(0).claim(), a);
            first.recordStored(request.parts().get(1).claim(), b);
            // a went on (its delivery is past RECEIVED); b's record was lost with the hub (no delivery row)
            new Jdbc(dataSource).update("INSERT INTO delivery (id, organisation, sender, channel, filename, payload_ref,"
                    + " payload_size, received_at, status, updated_at) VALUES (?, ?, ?, 'HTTP', 'a.csv', ?, 1, ?, 'SPLIT',"
                    + " ?)", a.deliveryId(), sender, sender, a.payloadRef(), t0, t0);

            DeliveryRequests.DeliveryRequest retry = new Idempotency(dataSource, at(t0.plus(Duration.ofDays(29))),
                    days30).earlier(request);

            assertThat(retry.replay()).as("no answer was kept").isFalse();
            assertThat(retry.parts().get(0).earlier()).isEqualTo(a);
            assertThat(retry.parts().get(0).enqueueAgain()).as("a went on: not enqueued again").isFalse();
            assertThat(retry.parts().get(1).earlier()).isEqualTo(b);
            assertThat(retry.parts().get(1).enqueueAgain()).as("b may never have reached the broker").isTrue();
            assertThat(retry.parts().get(2).storedBefore()).as("c was not stored: stored now").isFalse();

            first.forget(request.parts().get(1).claim(), b);
            assertThat(first.earlier(request).parts().get(1).storedBefore()).as("b withdrawn: stored anew").isFalse();
            assertThat(new Idempotency(dataSource, at(t0.plus(Duration.ofDays(31))), days30).earlier(request).parts())
                    .as("after 30 days the key is a new request").noneMatch(DeliveryRequests.Part::storedBefore);
        }
    }

    private static DeliveryRequests.DeliveryRequest request(String sender, String key, String... names) {
        java.util.List<DeliveryRequests.Part> parts = new java.util.ArrayList<>();
        for (String name : names) {
            parts.add(new DeliveryRequests.Part(new IntakeRequest(sender, sender, "HTTP", name,
                    () -> java.io.InputStream.nullInputStream()), new Idempotency.PartClaim(sender, key, parts.size()),
                    null, false));
        }
        return new DeliveryRequests.DeliveryRequest(sender, sender, "multipart/form-data", key, parts, null);
    }

    private static Receipt receipt(String id, String sender, String filename, Instant at) {
        return new Receipt(id, sender, sender, "HTTP", filename, "ref-" + id.substring(0, 1), 1, at);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
