package nl.ggk.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.ggk.hub.activity.ActivityStore.FeedRow;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.testsupport.TestDatabases;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.Delivery;
import nl.ggk.hub.track.TrackEvents;
import nl.ggk.hub.track.TrackEvents.EntryUpdate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feed's one query across track &amp; trace and the outbox, on both databases the hub supports (PostgreSQL when
 * {@code -Dggk.test.postgres.url} names one, as for TrackStoreTest).
 */
class ActivityStoreTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void theFeedMergesDeliveriesRefusalsReportsAndDownloadsNewestFirstForTheGemeenteTheyConcern(String database) {
        try (HikariDataSource dataSource = open(database)) {
            Instant t0 = Instant.parse("2026-07-01T10:00:00Z");
            TrackEvents track = new TrackEvents(dataSource, Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC),
                    TrackEvents.StatusCounter.NONE);
            TrackEvents later = new TrackEvents(dataSource, Clock.fixed(t0.plusSeconds(20), ZoneOffset.UTC),
                    TrackEvents.StatusCounter.NONE);
            String id = UUID.randomUUID().toString();
            track.createDelivery(new Delivery(id, "0546", "SWV-HR", "HTTP", "leiden.zip",
                    "ab".repeat(32), 10, t0, "RECEIVED"));
            track.recordEntries(id, List.of(
                    new EntryUpdate(0, "0546_WMO_2026H1.csv", "CBS", "WMO", DeliveryStatus.CLASSIFIED, null, null, null, "c"),
                    new EntryUpdate(1, "0546_SBO_2026H1.csv", "CBS", "SBO", DeliveryStatus.CLASSIFIED, null, null, null, "c")));
            track.recordEntries(id, List.of(new EntryUpdate(1, null, null, null, DeliveryStatus.REJECTED, null,
                    "GGK001", "SWV-HR/Fo01.xml", "GGK001 Het bestand voldoet niet.")));
            track.entryStatus(id, 0, DeliveryStatus.FORWARDED, "verzonden naar CBS (Bv03), referentienummer x");
            later.entryStatus(id, 0, DeliveryStatus.FORWARDED,
                    "terugkoppeling CBS ontvangen: spiegelrapport (spiegelrapport-cbs-0546_WMO_2026H1-1234abcd.zip)");

            OutboxStore outbox = new OutboxStore(dataSource, Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
            OutboxStore.Item leiden = outbox.record(new OutboxItem("0546", OutboxKind.TECHNISCHE_TERUGKOPPELING_HUB,
                    "tt-" + id + ".zip", new byte[0], id, 0, null, "0546_WMO_2026H1.csv", null, null));
            outbox.downloaded(leiden.id(), "SWV-HR", "0546");
            track.createDelivery(new Delivery(UUID.randomUUID().toString(), "0547", "0547", "HTTP",
                    "leiderdorp.csv", "cd".repeat(32), 10, t0, "RECEIVED"));

            ActivityStore store = new ActivityStore(dataSource);
            List<FeedRow> rows = store.feed(List.of("0546"), 0, 50).stream()
                    .filter(r -> id.equals(r.deliveryId())).toList();
            assertThat(rows).extracting(FeedRow::soort)
                    .containsExactly("gedownload", "rapport-ontvangen", "afgekeurd", "aangeleverd");
            assertThat(rows.get(0).actor()).isEqualTo("SWV-HR");
            assertThat(rows.get(0).concerns()).isEqualTo("0546");
            assertThat(rows.get(0).itemOrganisation()).isEqualTo("0546");
            assertThat(rows.get(2).count()).isEqualTo(1);
            assertThat(rows.get(3).actor()).isEqualTo("SWV-HR");
            assertThat(store.feed(List.of("0547"), 0, 50)).noneMatch(r -> id.equals(r.deliveryId()));
            assertThat(store.feed(List.of("0546"), 1, 2)).hasSize(2);

            // once CBS's report is in the outbox too, it is told once, from the outbox
            outbox.record(new OutboxItem("0546", OutboxKind.SPIEGELRAPPORT, "spiegel-" + id + ".zip", new byte[0], id,
                    0, null, "0546_WMO_2026H1.csv", null, null));
            assertThat(store.feed(List.of("0546"), 0, 50)).filteredOn(r -> id.equals(r.deliveryId())
                    && r.soort().equals("rapport-ontvangen")).singleElement()
                    .satisfies(r -> assertThat(r.kind()).isEqualTo("SPIEGELRAPPORT"));

            ActivityStore.DeliveryState state = store.states(List.of(id)).get(id);
            assertThat(state.entries()).extracting(ActivityStore.EntryState::cbsFeedback).containsExactly(true, false);
            assertThat(state.entries().get(1).rejectedDetail()).isEqualTo("GGK001 Het bestand voldoet niet.");
            assertThat(store.entryKinds(List.of(id))).containsEntry(id + "#0", "CBS");
        }
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("activity"), 2);
    }
}
