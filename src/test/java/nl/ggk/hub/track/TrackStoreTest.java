package nl.ggk.hub.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.track.TrackStore.EntryUpdate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Track &amp; trace on both databases the hub supports: the embedded H2 and PostgreSQL (when
 * {@code -Dggk.test.postgres.url} names one; .ci/run starts a local PostgreSQL 15 for this).
 */
class TrackStoreTest {

    @TempDir
    static Path dir;

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deliveryStoryIsRecordedAndTheStatusFollowsItsEntries(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackStore track = new TrackStore(dataSource, TrackStore.StatusCounter.NONE);
            String id = UUID.randomUUID().toString();
            track.createDelivery(new TrackStore.Delivery(id, "0546", "SWV-HR", "HTTP", "MSD.zip",
                    "ab".repeat(32), 10, Instant.parse("2026-07-01T10:00:00Z"), "RECEIVED"));
            track.deliveryStatus(id, DeliveryStatus.SPLIT, "2 entries");
            track.recordEntries(id, List.of(
                    new EntryUpdate(0, "WMO301.xml", "IWMO", "WMO301", DeliveryStatus.CLASSIFIED, "cd".repeat(32),
                            null, null, "classified"),
                    new EntryUpdate(1, "x.txt", "UNKNOWN", null, DeliveryStatus.CLASSIFIED, null, null, null, "?")));
            track.recordEntries(id, List.of(EntryUpdate.status(0, DeliveryStatus.QUEUED, "queued")));

            assertThat(track.find(id).orElseThrow().delivery().status()).isEqualTo("QUEUED");

            track.recordEntries(id, List.of(new EntryUpdate(1, null, null, null, DeliveryStatus.REJECTED, null,
                    "IB004", "0546/Fo01.xml", "IB004")));
            track.entryStatus(id, 0, DeliveryStatus.FORWARDED, "to iwmo");

            TrackStore.DeliveryView view = track.find(id).orElseThrow();
            assertThat(view.delivery().status()).isEqualTo("FORWARDED");
            assertThat(view.entries()).extracting(TrackStore.Entry::status).containsExactly("FORWARDED", "REJECTED");
            assertThat(view.entries().get(0).events()).extracting(TrackStore.Event::status)
                    .containsExactly("CLASSIFIED", "QUEUED", "FORWARDED");
            assertThat(view.entries().get(1).fo01Code()).isEqualTo("IB004");
            assertThat(view.events()).extracting(TrackStore.Event::status)
                    .containsExactly("RECEIVED", "SPLIT", "QUEUED", "FORWARDED");
            assertThat(view.events().get(3).detail()).isEqualTo("2 entries: FORWARDED 1, REJECTED 1");
            assertThat(view.delivery().counts()).containsEntry("FORWARDED", 1).containsEntry("REJECTED", 1);

            assertThat(track.list(List.of("0546"), Instant.parse("2026-01-01T00:00:00Z"), 0, 10))
                    .extracting(TrackStore.Delivery::id, TrackStore.Delivery::status)
                    .contains(org.assertj.core.groups.Tuple.tuple(id, "FORWARDED"));
            // not another organisation's (one PostgreSQL database keeps the deliveries of earlier tests and runs)
            assertThat(track.list(List.of("0363"), Instant.EPOCH, 0, 10)).extracting(TrackStore.Delivery::id)
                    .doesNotContain(id);

            track.failed(id, 0, "endpoint down");
            assertThat(track.find(id).orElseThrow().delivery().status()).isEqualTo("FAILED");
            assertThat(track.find(id).orElseThrow().events()).extracting(TrackStore.Event::status).last()
                    .isEqualTo("FAILED");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSamePayloadFromTheSameSenderIsMarkedAsDuplicateOfTheFirst(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackStore track = new TrackStore(dataSource, TrackStore.StatusCounter.NONE);
            String payload = UUID.randomUUID().toString().replace("-", "").repeat(2);
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            String other = UUID.randomUUID().toString();
            track.createDelivery(new TrackStore.Delivery(first, "0384", "0384", "HTTP", "a.zip", payload, 10,
                    Instant.parse("2026-07-01T10:00:00Z"), "RECEIVED"));
            track.createDelivery(new TrackStore.Delivery(second, "0384", "0384", "FOLDER", "b.zip", payload, 10,
                    Instant.parse("2026-07-01T11:00:00Z"), "RECEIVED"));
            track.createDelivery(new TrackStore.Delivery(other, "0363", "0363", "HTTP", "a.zip", payload, 10,
                    Instant.parse("2026-07-01T12:00:00Z"), "RECEIVED"));

            assertThat(track.find(first).orElseThrow().delivery().duplicateOf()).isNull();
            TrackStore.DeliveryView again = track.find(second).orElseThrow();
            assertThat(again.delivery().duplicateOf()).isEqualTo(first);
            assertThat(again.events().get(0).detail()).contains("duplicate of " + first);
            assertThat(track.find(other).orElseThrow().delivery().duplicateOf()).as("another sender").isNull();
        }
    }

    /** A crash lost the delivery's record while the broker kept its messages: the receipt they carry rebuilds it. */
    @ParameterizedTest
    @MethodSource("databases")
    void aLostDeliveryRecordIsRebuiltOnceFromTheReceiptItsMessagesCarry(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackStore track = new TrackStore(dataSource, TrackStore.StatusCounter.NONE);
            String id = UUID.randomUUID().toString();
            String payload = UUID.randomUUID().toString().replace("-", "").repeat(2);
            Receipt receipt = new Receipt(id, "0546", "SWV-HR", "FOLDER", "MSD.zip", payload, 10,
                    Instant.parse("2026-07-01T10:00:00Z"));
            EntryMessage entry = new EntryMessage(id, "SWV-HR", receipt.receivedAt(), 3, "WMO301.xml", Kind.IWMO,
                    "WMO301", "cd".repeat(32), "cd".repeat(32), false, null, null, id, "WMO301.xml", null, receipt);

            // an outbound batch forwarded for a delivery the database no longer knows, entries and all
            assertThat(track.forwarded(new OutboundBatch(id, Kind.IWMO, List.of(entry)), "to iwmo")).isEqualTo(1);
            track.restore(receipt);

            TrackStore.DeliveryView view = track.find(id).orElseThrow();
            assertThat(view.delivery()).extracting(TrackStore.Delivery::organisation, TrackStore.Delivery::sender,
                    TrackStore.Delivery::channel, TrackStore.Delivery::filename, TrackStore.Delivery::status)
                    .containsExactly("0546", "SWV-HR", "FOLDER", "MSD.zip", "FORWARDED");
            assertThat(view.events()).extracting(TrackStore.Event::status).containsExactly("RECEIVED", "FORWARDED");
            assertThat(view.events().get(0).detail()).isEqualTo("received via FOLDER; " + TrackStore.RESTORED);
            assertThat(view.entries()).singleElement().satisfies(e -> {
                assertThat(e.index()).isEqualTo(3);
                assertThat(e.name()).isEqualTo("WMO301.xml");
                assertThat(e.status()).isEqualTo("FORWARDED");
            });
        }
    }

    /** No receipt, no record to attach to: nothing is recorded, and nothing fails on a foreign key. */
    @ParameterizedTest
    @MethodSource("databases")
    void aWriteForAnUnknownDeliveryWithoutAReceiptRecordsNothingAndDoesNotFail(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackStore track = new TrackStore(dataSource, TrackStore.StatusCounter.NONE);
            String unknown = UUID.randomUUID().toString();

            assertThat(track.failed(unknown, 0, "gave up")).isFalse();
            assertThat(track.failed(unknown, null, "gave up")).isFalse();
            track.failed(unknown, 1, "IWMO", "gave up");
            track.entryStatus(unknown, 0, DeliveryStatus.FORWARDED, "verzonden naar CBS");
            track.event(unknown, 0, "CBS_FO01", "Fo01 van CBS");
            assertThat(track.forwarded(unknown, List.of(0), "to iwmo")).isZero();

            assertThat(track.find(unknown)).isEmpty();
        }
    }

    private static HikariDataSource open(String database) {
        if (database.equals("h2")) {
            return Database.open("jdbc:h2:file:" + dir.resolve("track"), "ggk", "", 2);
        }
        String url = System.getProperty("ggk.test.postgres.url");
        assumeTrue(url != null && !url.isBlank(),
                "no PostgreSQL configured (-Dggk.test.postgres.url); PostgreSQL variant skipped");
        return Database.open(url, System.getProperty("ggk.test.postgres.user", "ggk"),
                System.getProperty("ggk.test.postgres.password", "ggk"), 2);
    }
}
