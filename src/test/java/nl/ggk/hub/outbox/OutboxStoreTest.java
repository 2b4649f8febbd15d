package nl.ggk.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox records on both databases: once per file however often it is written, with its downloads. */
class OutboxStoreTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aRedeliveredItemIsRecordedOnceAndKeepsItsId(String database) {
        try (HikariDataSource dataSource = open(database)) {
            OutboxStore store = new OutboxStore(dataSource, Clock.systemUTC());
            String delivery = UUID.randomUUID().toString();
            OutboxItem fo01 = new OutboxItem("0384", OutboxKind.FO01, "Fo01-" + delivery + "-0-x.xml", new byte[1],
                    delivery, 0, "ref", "0384_wmo_2026H1.csv", "GGK002", "De bestandsnaam is onjuist.");

            OutboxStore.Item first = store.record(fo01);
            OutboxStore.Item again = store.record(fo01);

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(store.ofDelivery(delivery).get(0)).extracting(OutboxStore.Item::id).containsExactly(first.id());
            assertThat(store.find(first.id())).hasValueSatisfying(i -> {
                assertThat(i.code()).isEqualTo("GGK002");
                assertThat(i.description()).isEqualTo("De bestandsnaam is onjuist.");
            });
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void downloadsAreListedPerItemAndFo01sPerPeriod(String database) {
        try (HikariDataSource dataSource = open(database)) {
            Clock march = Clock.fixed(Instant.parse("2026-03-10T08:00:00Z"), ZoneOffset.UTC);
            OutboxStore store = new OutboxStore(dataSource, march);
            String org = "T" + UUID.randomUUID().toString().substring(0, 8);
            OutboxStore.Item item = store.record(OutboxItem.of(org, OutboxKind.FO01, "a.xml", new byte[1], null, null));
            store.downloaded(item.id(), "SWV-HR", org);

            assertThat(store.downloads(List.of(item.id())).get(item.id()))
                    .extracting(OutboxStore.Download::downloadedBy).containsExactly("SWV-HR");
            assertThat(store.received(org, OutboxKind.FO01, Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-04-01T00:00:00Z"))).hasSize(1);
            assertThat(store.received(org, OutboxKind.FO01, Instant.parse("2026-04-01T00:00:00Z"),
                    Instant.parse("2026-05-01T00:00:00Z"))).isEmpty();
        }
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("outbox"), 2);
    }
}
