package nl.ggk.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.testsupport.ReferenceFiles;
import nl.ggk.hub.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The entries of an outbound batch are claimed together, in one transaction, as each was alone before. */
class ForwardedMessagesTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.BOTH)
    void aBatchClaimsItsMessagesOnceAndRefusesWhatWentOnBeforeOrTwiceInIt(String database) throws Exception {
        ContentStore store = new ContentStore(dir.resolve("store-" + database));
        try (HikariDataSource dataSource = open(database)) {
            ForwardedMessages forwarded = new ForwardedMessages(dataSource, store);
            String sample = Files.readString(ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/WMO301.xml"),
                    StandardCharsets.UTF_8);
            long unique = Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
            String first = UUID.randomUUID().toString();
            List<EntryMessage> batch = List.of(
                    entry(store, first, 0, sample, unique),
                    entry(store, first, 1, sample, unique + 1),
                    entry(store, first, 2, sample, unique));

            List<EntryMessage> claimed = forwarded.claimAll(batch);
            assertThat(claimed).extracting(EntryMessage::accepted).containsExactly(true, true, false);
            assertThat(claimed.get(2).detail()).startsWith("Eerder ontvangen in levering " + first);
            // the same batch again (redelivered after a crash): its own claims hold
            assertThat(forwarded.claimAll(batch)).extracting(EntryMessage::accepted).containsExactly(true, true, false);

            String second = UUID.randomUUID().toString();
            List<EntryMessage> later = forwarded.claimAll(List.of(entry(store, second, 0, sample, unique + 1),
                    entry(store, second, 1, sample, unique + 2)));
            assertThat(later).extracting(EntryMessage::accepted).containsExactly(false, true);
            assertThat(later.get(0).detail()).contains(first).contains("WMO301");
        }
    }

    private static EntryMessage entry(ContentStore store, String deliveryId, int index, String sample, long id)
            throws Exception {
        String message = sample.replace("<iwmo:Identificatie>123456789012</iwmo:Identificatie>",
                String.format("<iwmo:Identificatie>5%011d</iwmo:Identificatie>", id));
        String ref = store.store(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))).ref();
        return new EntryMessage(deliveryId, "0384", Instant.now(), index, "m" + index + ".xml", Kind.IWMO, "WMO301",
                ref, ref, false, null, null, deliveryId, "m" + index + ".xml", null, null);
    }

    private static HikariDataSource open(String database) {
        return TestDatabases.open(database, dir.resolve("forwarded"), 2);
    }
}
