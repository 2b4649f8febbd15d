package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StufIdsTest {

    @Test
    void newReferentienummersAreDistinctLowerCaseUuidV4() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = StufIds.newReferentienummer();
            assertThat(StufIds.isUuidV4(id)).as(id).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void onlyLowerCaseVersion4UuidsPass() {
        assertThat(StufIds.isUuidV4("9c0f7b90-5c69-41e5-a837-0800200c9a66")).isTrue();
        assertThat(StufIds.isUuidV4("9C0F7B90-5C69-41E5-A837-0800200C9A66")).as("upper case").isFalse();
        assertThat(StufIds.isUuidV4("9c0f7b90-5c69-11e5-a837-0800200c9a66")).as("version 1").isFalse();
        assertThat(StufIds.isUuidV4("9c0f7b90-5c69-41e5-c837-0800200c9a66")).as("variant").isFalse();
        assertThat(StufIds.isUuidV4(" 9c0f7b90-5c69-41e5-a837-0800200c9a66")).isFalse();
        assertThat(StufIds.isUuidV4(null)).isFalse();
    }

    @Test
    void tijdstipIsDutchLocalTimeInWinterAndSummer() {
        assertThat(StufIds.tijdstipBericht(Instant.parse("2026-01-15T23:30:00Z"))).isEqualTo("20260116003000");
        assertThat(StufIds.tijdstipBericht(Instant.parse("2026-07-01T10:00:00Z"))).isEqualTo("20260701120000");
        assertThat(StufIds.tijdstipBerichtMillis(Instant.parse("2026-07-01T10:00:00.042Z")))
                .isEqualTo("20260701120000042").matches("[0-9]{8,17}");
    }
}
