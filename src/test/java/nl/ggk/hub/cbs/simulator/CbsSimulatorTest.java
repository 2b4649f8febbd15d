package nl.ggk.hub.cbs.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import nl.ggk.hub.cbs.simulator.CbsSimulator.Receipt;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CbsSimulatorTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-07-01T10:00:00Z"));
    private final CbsSimulator simulator = new CbsSimulator("CBS-simulator", clock);

    private static Receipt wmo(String ref) {
        return new Receipt(ref, StufSysteem.of("0363", "GGk-portaal"), "Dummy", "0363_WMO_2026H1.csv");
    }

    @Test
    void aDeliveryGetsABv03FromCbsAndOnlyItsFirstBv03AsksForATechnicalFeedback() throws Exception {
        String ref = StufIds.newReferentienummer();
        CbsSimulator.Answer answer = simulator.receive(wmo(ref));

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.bv03().zender()).isEqualTo(StufSysteem.of("CBS", "CBS-simulator"));
        assertThat(answer.bv03().crossRefnummer()).isEqualTo(ref);
        Path bv03 = Files.write(dir.resolve("bv03.xml"), new AnswerWriter(StufSettings.defaults()).toBytes(answer.bv03()));
        StufSchemas.assertValid(bv03, StufSchemas.FO01_XSD);

        assertThat(answer.callBack()).isTrue();
        assertThat(simulator.receive(wmo(ref)).callBack()).as("a resend is not checked again").isFalse();
    }

    @Test
    void anOptInGetsABv03OnlyAndAResendIsCountedButCalledBackOnce() {
        String optIn = StufIds.newReferentienummer();
        assertThat(simulator.receive(new Receipt(optIn, StufSysteem.organisatie("0363"), "Dummy",
                "0363_OPTIN_2026H1.csv")).callBack()).as("opt-in: Bv03 only").isFalse();
        String ref = StufIds.newReferentienummer();
        assertThat(simulator.receive(wmo(ref)).callBack()).isTrue();
        assertThat(simulator.receive(wmo(ref)).callBack()).isFalse();

        assertThat(simulator.accepted(ref)).as("a duplicate delivery shows").isEqualTo(2);
        assertThat(simulator.accepted(optIn)).isEqualTo(1);
        assertThat(simulator.acceptedCounts()).containsEntry(ref, 2).containsEntry(optIn, 1);
    }

    @Test
    void itCanBeDownForAWhileAnswerFo03OrBeSlow() throws Exception {
        String ref = StufIds.newReferentienummer();
        simulator.unavailableFor(Duration.ofSeconds(30));
        assertThat(simulator.receive(wmo(ref)).isUnavailable()).isTrue();
        assertThat(simulator.receive(wmo(ref)).callBack()).as("nothing is checked while down").isFalse();
        clock.now = clock.now.plusSeconds(29);
        assertThat(simulator.receive(wmo(ref)).httpStatus()).isEqualTo(503);
        clock.now = clock.now.plusSeconds(1);
        assertThat(simulator.receive(wmo(ref)).httpStatus()).as("recovered after 30 s").isEqualTo(200);
        assertThat(simulator.attempts(ref)).isEqualTo(4);
        assertThat(simulator.accepted(ref)).isEqualTo(1);

        simulator.answerFo03(ErrorCodes.loadFromClasspath("ggk-2025").forReason("envelope-invalid"));
        String refused = StufIds.newReferentienummer();
        CbsSimulator.Answer fo03 = simulator.receive(wmo(refused));
        assertThat(fo03.httpStatus()).isEqualTo(500);
        assertThat(fo03.fo03().code()).isEqualTo("IB001");
        assertThat(fo03.fo03().crossRefnummer()).isEqualTo(refused);
        assertThat(simulator.accepted(refused)).isZero();

        simulator.slow(Duration.ofSeconds(40));
        assertThat(simulator.receive(wmo(StufIds.newReferentienummer())).delay()).isEqualTo(Duration.ofSeconds(40));
        simulator.healthy();
        assertThat(simulator.receive(wmo(StufIds.newReferentienummer())).delay()).isZero();
    }

    private static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
