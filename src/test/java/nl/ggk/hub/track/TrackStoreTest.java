package nl.ggk.hub.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.testsupport.TestDatabases;
import nl.ggk.hub.track.GmsdReplacement.Earlier;
import nl.ggk.hub.track.GmsdReplacement.GmsdFile;
import nl.ggk.hub.track.TrackEvents.EntryUpdate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Track &amp; trace (its writing side, the API's queries and the GMSD replacement rule together) on both databases
 * the hub supports: the embedded H2 and PostgreSQL (when {@code -Dggk.test.postgres.url} names one; .ci/run starts a
 * local PostgreSQL 15 for this).
 */
class TrackStoreTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void deliveryStoryIsRecordedAndTheStatusFollowsItsEntries(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackEvents track = new TrackEvents(dataSource, TrackEvents.StatusCounter.NONE);
            TrackQueries queries = new TrackQueries(dataSource);
            String id = UUID.randomUUID().toString();
            // an organisation of this run only: a PostgreSQL database kept between runs holds others' deliveries
            String organisation = "T" + id.substring(0, 8);
            track.createDelivery(new Delivery(id, organisation, "SWV-HR", "HTTP", "MSD.zip",
                    "ab".repeat(32), 10, Instant.parse("2026-07-01T10:00:00Z"), "RECEIVED"));
            track.deliveryStatus(id, DeliveryStatus.SPLIT, "2 entries");
            track.recordEntries(id, List.of(
                    new EntryUpdate(0, "WMO301.xml", "IWMO", "WMO301", DeliveryStatus.CLASSIFIED, "cd".repeat(32),
                            null, null, "classified"),
                    new EntryUpdate(1, "x.txt", "UNKNOWN", null, DeliveryStatus.CLASSIFIED, null, null, null, "?")));
            track.recordEntries(id, List.of(EntryUpdate.status(0, DeliveryStatus.QUEUED, "queued")));

            assertThat(queries.find(id).orElseThrow().delivery().status()).isEqualTo("QUEUED");

            track.recordEntries(id, List.of(new EntryUpdate(1, null, null, null, DeliveryStatus.REJECTED, null,
                    "IB004", "0546/Fo01.xml", "IB004")));
            track.entryStatus(id, 0, DeliveryStatus.FORWARDED, "to iwmo");

            TrackQueries.DeliveryView view = queries.find(id).orElseThrow();
            assertThat(view.delivery().status()).isEqualTo("FORWARDED");
            assertThat(view.entries()).extracting(TrackQueries.Entry::status).containsExactly("FORWARDED", "REJECTED");
            assertThat(view.entries().get(0).events()).extracting(TrackQueries.Event::status)
                    .containsExactly("CLASSIFIED", "QUEUED", "FORWARDED");
            assertThat(view.entries().get(1).fo01Code()).isEqualTo("IB004");
            assertThat(view.events()).extracting(TrackQueries.Event::status)
                    .containsExactly("RECEIVED", "SPLIT", "QUEUED", "FORWARDED");
            assertThat(view.events().get(3).detail()).isEqualTo("2 bestanden: 1 doorgestuurd, 1 geweigerd");
            assertThat(view.delivery().counts()).containsEntry("FORWARDED", 1).containsEntry("REJECTED", 1);

            assertThat(queries.list(List.of(organisation), Instant.parse("2026-01-01T00:00:00Z"), 0, 10))
                    .extracting(Delivery::id, Delivery::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "FORWARDED"));
            assertThat(queries.list(List.of("U" + id.substring(0, 8)), Instant.EPOCH, 0, 10)).isEmpty();

            track.failed(id, 0, "endpoint down");
            assertThat(queries.find(id).orElseThrow().delivery().status()).isEqualTo("FAILED");
            assertThat(queries.find(id).orElseThrow().events()).extracting(TrackQueries.Event::status).last()
                    .isEqualTo("FAILED");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void theSamePayloadFromTheSameSenderIsMarkedAsDuplicateOfTheFirst(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackEvents track = new TrackEvents(dataSource, TrackEvents.StatusCounter.NONE);
            TrackQueries queries = new TrackQueries(dataSource);
            String payload = UUID.randomUUID().toString().replace("-", "").repeat(2);
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            String other = UUID.randomUUID().toString();
            track.createDelivery(new Delivery(first, "0384", "0384", "HTTP", "a.zip", payload, 10,
                    Instant.parse("2026-07-01T10:00:00Z"), "RECEIVED"));
            track.createDelivery(new Delivery(second, "0384", "0384", "FOLDER", "b.zip", payload, 10,
                    Instant.parse("2026-07-01T11:00:00Z"), "RECEIVED"));
            track.createDelivery(new Delivery(other, "0363", "0363", "HTTP", "a.zip", payload, 10,
                    Instant.parse("2026-07-01T12:00:00Z"), "RECEIVED"));

            assertThat(queries.find(first).orElseThrow().delivery().duplicateOf()).isNull();
            TrackQueries.DeliveryView again = queries.find(second).orElseThrow();
            assertThat(again.delivery().duplicateOf()).isEqualTo(first);
            assertThat(again.events().get(0).detail())
                    .isEqualTo("ontvangen via de map inbox; dezelfde inhoud als de levering van 1 juli 2026 om 12:00:00");
            assertThat(queries.find(other).orElseThrow().delivery().duplicateOf()).as("another sender").isNull();
        }
    }

    /** A crash lost the delivery's record while the broker kept its messages: the receipt they carry rebuilds it. */
    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aLostDeliveryRecordIsRebuiltOnceFromTheReceiptItsMessagesCarry(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackEvents track = new TrackEvents(dataSource, TrackEvents.StatusCounter.NONE);
            TrackQueries queries = new TrackQueries(dataSource);
            String id = UUID.randomUUID().toString();
            String payload = UUID.randomUUID().toString().replace("-", "").repeat(2);
            Receipt receipt = new Receipt(id, "0546", "SWV-HR", "FOLDER", "MSD.zip", payload, 10,
                    Instant.parse("2026-07-01T10:00:00Z"));
            EntryMessage entry = new EntryMessage(id, "SWV-HR", receipt.receivedAt(), 3, "WMO301.xml", Kind.IWMO,
                    "WMO301", "cd".repeat(32), "cd".repeat(32), false, null, null, id, "WMO301.xml", null, receipt);

            // an outbound batch forwarded for a delivery the database no longer knows, entries and all
            assertThat(track.forwarded(new OutboundBatch(id, Kind.IWMO, List.of(entry)), "to iwmo")).isEqualTo(1);
            track.restore(receipt);

            TrackQueries.DeliveryView view = queries.find(id).orElseThrow();
            assertThat(view.delivery()).extracting(Delivery::organisation, Delivery::sender,
                    Delivery::channel, Delivery::filename, Delivery::status)
                    .containsExactly("0546", "SWV-HR", "FOLDER", "MSD.zip", "FORWARDED");
            assertThat(view.events()).extracting(TrackQueries.Event::status).containsExactly("RECEIVED", "FORWARDED");
            assertThat(view.events().get(0).detail()).isEqualTo("ontvangen via de map inbox; " + TrackEvents.RESTORED);
            assertThat(view.entries()).singleElement().satisfies(e -> {
                assertThat(e.index()).isEqualTo(3);
                assertThat(e.name()).isEqualTo("WMO301.xml");
                assertThat(e.status()).isEqualTo("FORWARDED");
            });
        }
    }

    /** No receipt, no record to attach to: nothing is recorded, and nothing fails on a foreign key. */
    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aWriteForAnUnknownDeliveryWithoutAReceiptRecordsNothingAndDoesNotFail(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackEvents track = new TrackEvents(dataSource, TrackEvents.StatusCounter.NONE);
            TrackQueries queries = new TrackQueries(dataSource);
            String unknown = UUID.randomUUID().toString();

            assertThat(track.failed(unknown, 0, "gave up")).isFalse();
            assertThat(track.failed(unknown, null, "gave up")).isFalse();
            track.failed(unknown, 1, "IWMO", "gave up");
            track.entryStatus(unknown, 0, DeliveryStatus.FORWARDED, "verzonden naar CBS");
            track.event(unknown, 0, "CBS_FO01", "Fo01 van CBS");
            assertThat(track.forwarded(unknown, List.of(0), "to iwmo")).isZero();

            assertThat(queries.find(unknown)).isEmpty();
        }
    }

    /** A GMSD file that goes on replaces the earlier one of its gemeente, type and half year, as CBS does; once. */
    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aGmsdFileThatGoesOnReplacesTheEarlierOneOfItsGemeenteTypeAndHalfYearOnce(String database) {
        try (HikariDataSource dataSource = open(database)) {
            TrackEvents track = new TrackEvents(dataSource, TrackEvents.StatusCounter.NONE);
            TrackQueries queries = new TrackQueries(dataSource);
            GmsdReplacement replacement = new GmsdReplacement(dataSource);
            String gemeente = UUID.randomUUID().toString().substring(0, 8);
            GmsdFile wmo = new GmsdFile(gemeente, "WMO", "2026H1");
            EntryMessage first = gmsdEntry(track, Instant.parse("2026-07-01T10:00:00Z"));
            EntryMessage second = gmsdEntry(track, Instant.parse("2026-07-02T10:00:00Z"));
            EntryMessage otherHalfYear = gmsdEntry(track, Instant.parse("2026-07-03T10:00:00Z"));

            assertThat(track.gmsdForwarded(first, wmo)).isEmpty();
            assertThat(replacement.latest(wmo, second.deliveryId(), 0)).hasValueSatisfying(e -> {
                assertThat(e.deliveryId()).isEqualTo(first.deliveryId());
                assertThat(e.receivedAt()).isEqualTo(first.receivedAt());
            });
            assertThat(track.gmsdForwarded(second, wmo)).map(Earlier::deliveryId).contains(first.deliveryId());
            assertThat(track.gmsdForwarded(second, wmo)).as("a redelivered message").isEmpty();
            assertThat(track.gmsdForwarded(otherHalfYear, new GmsdFile(gemeente, "WMO", "2026H2"))).isEmpty();
            assertThat(track.gmsdForwarded(otherHalfYear, null)).isEmpty();

            TrackQueries.DeliveryView replaced = queries.find(first.deliveryId()).orElseThrow();
            assertThat(replaced.events()).extracting(TrackQueries.Event::status).containsExactly("RECEIVED", "VALIDATED",
                    "REPLACED");
            assertThat(replaced.events().get(2).detail()).isEqualTo("vervangen door de levering van 2 juli 2026"
                    + " om 12:00:00 (" + gemeente + " WMO 2026H1)");
            assertThat(replaced.entries().get(0).events()).extracting(TrackQueries.Event::status)
                    .containsExactly("VALIDATED", "REPLACED");
            assertThat(queries.find(second.deliveryId()).orElseThrow().entries().get(0).events())
                    .extracting(TrackQueries.Event::status, TrackQueries.Event::detail)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("VALIDATED", "ok"),
                            org.assertj.core.groups.Tuple.tuple("REPLACES", "vervangt de levering van 1 juli 2026 om"
                                    + " 12:00:00 (" + gemeente + " WMO 2026H1)"));
            assertThat(replacement.latest(wmo, "another", 0)).map(Earlier::deliveryId).contains(second.deliveryId());
        }
    }

    /** A delivery with one validated GMSD entry, received at {@code at}. */
    private static EntryMessage gmsdEntry(TrackEvents track, Instant at) {
        String id = UUID.randomUUID().toString();
        Receipt receipt = new Receipt(id, "0546", "0546", "HTTP", "0546_WMO_2026H1.csv", "ef".repeat(32), 10, at);
        EntryMessage entry = new EntryMessage(id, "0546", at, 0, "0546_WMO_2026H1.csv", Kind.CBS, "WMO",
                "ef".repeat(32), "ef".repeat(32), false, null, null, id, "0546_WMO_2026H1.csv", null, receipt);
        track.received(receipt);
        track.validated(entry, "ok");
        return entry;
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("track"), 2);
    }
}
