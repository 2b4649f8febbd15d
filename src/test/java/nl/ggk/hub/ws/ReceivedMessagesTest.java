package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.TestDatabases;
import nl.ggk.hub.ws.ReceivedMessages.Claim;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The duplicate memory of the web service on both databases (PostgreSQL when -Dggk.test.postgres.url is set). */
class ReceivedMessagesTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    static Path dir;

    private final AnswerWriter answers = new AnswerWriter(StufSettings.defaults());

    private Bv03 bv03(String referentienummer) {
        return answers.bv03(StufSysteem.of("0548", "Wmo Applicatie"), referentienummer, Instant.parse("2026-07-01T10:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void anIdenticalResendGetsTheSameBv03AndADifferentOneIsAConflict(String database) {
        try (HikariDataSource dataSource = open(database)) {
            ReceivedMessages received = new ReceivedMessages(dataSource, answers);
            String ref = StufIds.newReferentienummer();
            Bv03 first = bv03(ref);

            assertThat(received.claim("0548", ref, "Di01", SHA_A, first)).isEqualTo(new Claim.Fresh(first));
            assertThat(received.answered("0548", ref)).as("no Bv03 before the message is stored").isEmpty();
            received.accepted("0548", ref, "delivery-1");

            Claim resend = received.claim("0548", ref, "Di01", SHA_A, bv03(ref));
            assertThat(resend).isEqualTo(new Claim.Duplicate(first, "delivery-1"));
            assertThat(answers.toBytes(((Claim.Duplicate) resend).bv03())).isEqualTo(answers.toBytes(first));
            assertThat(received.claim("0548", ref, "Di01", SHA_B, bv03(ref))).isEqualTo(new Claim.Conflict("Di01"));
            assertThat(received.claim("0599", ref, "Di01", SHA_B, bv03(ref)))
                    .as("another zender may use the same referentienummer").isInstanceOf(Claim.Fresh.class);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aReleasedClaimLetsTheResendThroughAndAStaleClaimIsTakenOver(String database) {
        try (HikariDataSource dataSource = open(database)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-07-01T10:00:00Z"));
            ReceivedMessages received = new ReceivedMessages(dataSource, answers, Duration.ofMinutes(10), clock);
            String ref = StufIds.newReferentienummer();

            assertThat(received.claim("0363", ref, "Di01", SHA_A, bv03(ref))).isInstanceOf(Claim.Fresh.class);
            assertThat(received.claim("0363", ref, "Di01", SHA_A, bv03(ref))).isEqualTo(new Claim.InProgress());
            received.release("0363", ref);
            Bv03 second = bv03(ref);
            assertThat(received.claim("0363", ref, "Di01", SHA_A, second)).isEqualTo(new Claim.Fresh(second));

            clock.now = clock.now.plus(Duration.ofMinutes(11)); // the claimer crashed
            Bv03 third = bv03(ref);
            assertThat(received.claim("0363", ref, "Di01", SHA_A, third)).isEqualTo(new Claim.Fresh(third));
            received.accepted("0363", ref, null);
            assertThat(received.answered("0363", ref)).contains(third);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void ofEightIdenticalRequestsAtOnceExactlyOneIsProcessed(String database) throws Exception {
        try (HikariDataSource dataSource = open(database)) {
            ReceivedMessages received = new ReceivedMessages(dataSource, answers);
            String ref = StufIds.newReferentienummer();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Claim>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> received.claim("0546", ref, "Di01", SHA_A, bv03(ref)));
                }
                List<Claim> claims = new ArrayList<>();
                for (Future<Claim> f : pool.invokeAll(calls)) {
                    claims.add(f.get());
                }
                assertThat(claims).filteredOn(c -> c instanceof Claim.Fresh).hasSize(1);
                assertThat(claims).filteredOn(c -> c instanceof Claim.InProgress).hasSize(7);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("received"), 8);
    }
}
