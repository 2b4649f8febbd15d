package nl.ggk.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import nl.ggk.hub.activity.ActivityStore;
import nl.ggk.hub.activity.DeliveryPhases;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.testsupport.TestDatabases;
import nl.ggk.hub.track.Delivery;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackEvents;
import nl.ggk.hub.track.TrackEvents.EntryUpdate;
import nl.ggk.hub.track.TrackQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery's status and its phase tell the same moment, also when CBS answers between the reads that make up one
 * answer (the list read the delivery VALIDATED; a moment later its entry is FORWARDED): never "VALIDATED" beside
 * "Verzonden naar CBS".
 */
class DeliveryApiSameMomentTest {

    @TempDir
    Path dir;

    @Test
    void theStatusBesideThePhaseIsSettledFromTheSameEntries() throws Exception {
        try (HikariDataSource dataSource = TestDatabases.open("h2", dir.resolve("db"), 2)) {
            AtomicBoolean answered = new AtomicBoolean();
            String id = validated(dataSource);
            DeliveryApi api = apiWhereCbsAnswersAtThePhasesRead(dataSource, id, answered);

            DeliveryApi.DeliverySummary listed = api.list("0384", null, null, null, null).items().get(0);
            assertThat(answered).isTrue();
            assertThat(listed.fase()).isEqualTo("verzonden-naar-cbs");
            assertThat(listed.status()).isEqualTo("FORWARDED");
            assertThat(listed.counts()).containsExactly(java.util.Map.entry("FORWARDED", 1));
        }
    }

    /** One delivery's story: status, phase, the entries and their events of one moment. */
    @Test
    void oneDeliverysStoryTellsStatusPhaseAndEventsOfOneMoment() throws Exception {
        try (HikariDataSource dataSource = TestDatabases.open("h2", dir.resolve("db"), 2)) {
            AtomicBoolean answered = new AtomicBoolean();
            String id = validated(dataSource);
            DeliveryApi api = apiWhereCbsAnswersAtThePhasesRead(dataSource, id, answered);

            DeliveryApi.DeliveryStory story = api.delivery(id, "0384");
            assertThat(answered).isTrue();
            assertThat(story.status()).isEqualTo("FORWARDED");
            assertThat(story.fase()).isEqualTo("verzonden-naar-cbs");
            assertThat(story.entries().get(0).status()).isEqualTo("FORWARDED");
            assertThat(story.entries().get(0).events()).extracting(DeliveryApi.EventView::detail)
                    .contains("verzonden naar CBS (Bv03)");
        }
    }

    private static TrackEvents track(DataSource dataSource) {
        return new TrackEvents(dataSource, Clock.systemUTC(), TrackEvents.StatusCounter.NONE);
    }

    private static String validated(DataSource dataSource) {
        TrackEvents track = track(dataSource);
        String id = UUID.randomUUID().toString();
        track.createDelivery(new Delivery(id, "0384", "0384", "HTTP", "0384_WMO_2026H1.csv", "ab".repeat(32), 10,
                Instant.now(), "RECEIVED"));
        track.recordEntries(id, List.of(new EntryUpdate(0, "0384_WMO_2026H1.csv", "CBS", "WMO",
                DeliveryStatus.VALIDATED, null, null, null, "c")));
        return id;
    }

    /**
     * The API, whose phases' first read happens only after CBS took the file (Bv03): the entry is FORWARDED by then.
     */
    private DeliveryApi apiWhereCbsAnswersAtThePhasesRead(DataSource dataSource, String id, AtomicBoolean answered)
            throws Exception {
        TrackEvents track = track(dataSource);
        DataSource phasesSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && answered.compareAndSet(false, true)) {
                        track.entryStatus(id, 0, DeliveryStatus.FORWARDED, "verzonden naar CBS (Bv03)");
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (InputStream in = Files.newInputStream(Path.of("config/organisations.yaml"))) {
            return new DeliveryApi(new TrackQueries(dataSource), OrganisationRegistry.load(in), dir,
                    new OutboxStore(dataSource, Clock.systemUTC()), new DeliveryPhases(new ActivityStore(phasesSource)));
        }
    }
}
