package nl.ggk.hub.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the entries settle a delivery, as the portal and the API show it. */
class StatusRulesTest {

    @Test
    void aDeliveryIsOpenWhileAnEntryIsAndThenTakesTheWeightiestSettledStatus() {
        assertThat(StatusRules.deliveryStatusOf(Map.of())).isNull();
        assertThat(StatusRules.deliveryStatusOf(Map.of("FORWARDED", 3, "QUEUED", 1))).isNull();
        assertThat(StatusRules.deliveryStatusOf(Map.of("FORWARDED", 3, "REJECTED", 1, "FAILED", 1))).isEqualTo("FAILED");
        assertThat(StatusRules.deliveryStatusOf(Map.of("FORWARDED", 3, "REJECTED", 1, "VALIDATED", 1)))
                .isEqualTo("FORWARDED");
        assertThat(StatusRules.deliveryStatusOf(Map.of("VALIDATED", 1, "REJECTED", 2))).isEqualTo("VALIDATED");
        assertThat(StatusRules.deliveryStatusOf(Map.of("REJECTED", 2))).isEqualTo("REJECTED");
    }

    @Test
    void aWriteMovesTheDeliveryOnlyWhenItsStatusChangesAndNeverOutOfFailed() {
        assertThat(StatusRules.next("SPLIT", Map.of("QUEUED", 2, "CLASSIFIED", 1))).isEqualTo("QUEUED");
        assertThat(StatusRules.next("QUEUED", Map.of("QUEUED", 1, "FORWARDED", 1))).isNull();
        assertThat(StatusRules.next("QUEUED", Map.of("FORWARDED", 2))).isEqualTo("FORWARDED");
        assertThat(StatusRules.next("SPLIT", Map.of("CLASSIFIED", 2))).isNull();
        assertThat(StatusRules.next("FAILED", Map.of("FORWARDED", 2))).isNull();
    }

    @Test
    void whatIsReadShowsTheStatusTheEntriesSettleItInWithTheirCounts() {
        Delivery stored = new Delivery("d", "0546", "0546", "HTTP", "a.zip", "ab", 1, Instant.EPOCH, "SPLIT");

        assertThat(StatusRules.settled(stored, Map.of("REJECTED", 1, "FORWARDED", 2)))
                .extracting(Delivery::status, Delivery::counts)
                .containsExactly("FORWARDED", Map.of("REJECTED", 1, "FORWARDED", 2));
        assertThat(StatusRules.settled(stored, Map.of("QUEUED", 1, "CLASSIFIED", 1)).status()).isEqualTo("QUEUED");
        assertThat(StatusRules.settled(stored, Map.of()).status()).isEqualTo("SPLIT");
        assertThat(StatusRules.settled(new Delivery("d", "0546", "0546", "HTTP", "a.zip", "ab", 1, Instant.EPOCH,
                "FAILED"), Map.of("FORWARDED", 1)).status()).isEqualTo("FAILED");
        assertThat(StatusRules.countsDetail(Map.of("REJECTED", 14, "FORWARDED", 7)))
                .isEqualTo("21 bestanden: 7 doorgestuurd, 14 geweigerd");
        assertThat(StatusRules.countsDetail(Map.of("REJECTED", 1))).isEqualTo("1 bestand: 1 geweigerd");
    }
}
