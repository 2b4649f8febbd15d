package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/**
 * A database outage is not a bad file: an inbox file that arrives while the database is away (the folder door's
 * first database step fails as Hikari fails when it gets no connection) stays in the inbox, is retried, and becomes
 * a delivery when the database is back; nothing goes to quarantine and the gemeente gets no Fo01.
 */
@OwnHub("it advises intake-folder to fail while the database is 'down'")
// a hub of its own: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("FolderOutageTest")
@org.junit.jupiter.api.Order(12)
class FolderOutageTest extends HubTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.inbox.outage-retry-delay-ms", "100");
        overrides.setProperty("ggk.inbox.outage-retry-max-delay-ms", "400");
        overrides.setProperty("ggk.queue.outage-retry-delay-ms", "100");
        overrides.setProperty("ggk.queue.outage-retry-max-delay-ms", "400");
        return overrides;
    }

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger tries = new AtomicInteger();
    private boolean advised;

    /** The folder door's first database step fails while {@link #down}, as Hikari fails without a connection. */
    private synchronized void databaseSwitch() throws Exception {
        if (advised) {
            return;
        }
        AdviceWith.adviceWith(context, "intake-folder", route -> route.weaveById("intake-folder-earlier").before()
                .process(exchange -> {
                    tries.incrementAndGet();
                    if (down.get()) {
                        throw new IllegalStateException("database: ggk-hub - Connection is not available",
                                new SQLTransientConnectionException(
                                        "ggk-hub - Connection is not available, request timed out after 30000ms."));
                    }
                }));
        advised = true;
    }

    @Test
    void aFileThatArrivesWhileTheDatabaseIsDownWaitsInTheInboxAndIsDeliveredWhenItIsBack() throws Exception {
        databaseSwitch();
        down.set(true);
        int before = tries.get();
        Path file = drop("storing-");

        await().atMost(Duration.ofSeconds(20)).until(() -> tries.get() >= before + 4);
        assertNotRefused(file);

        down.set(false);
        assertDeliveredOnce(file);
    }

    @Test
    void aStopDuringTheOutageLeavesTheFileInTheInboxAndItIsDeliveredAfterTheRestart() throws Exception {
        databaseSwitch();
        down.set(true);
        int before = tries.get();
        Path file = drop("stop-");
        await().atMost(Duration.ofSeconds(20)).until(() -> tries.get() >= before + 3);

        context.getRouteController().stopRoute("intake-folder");
        assertNotRefused(file);

        down.set(false);
        context.getRouteController().startRoute("intake-folder");
        assertDeliveredOnce(file);
    }

    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final AtomicInteger enqueues = new AtomicInteger();
    private boolean brokerAdvised;

    /** The intake's send of the receipt to ggk.intake fails while {@link #brokerDown}, as the JMS producer fails. */
    private synchronized void brokerSwitch() throws Exception {
        if (brokerAdvised) {
            return;
        }
        AdviceWith.adviceWith(context, "intake", route -> route.weaveById("intake-enqueue").before()
                .process(exchange -> {
                    enqueues.incrementAndGet();
                    if (brokerDown.get()) {
                        throw new jakarta.jms.JMSException("Could not connect to broker URL: Connection refused");
                    }
                }));
        brokerAdvised = true;
    }

    /**
     * The delivery is stored, then its receipt cannot go to the broker: the retry sends the receipt of the delivery
     * it stored, and track &amp; trace has one delivery of the file, not one more left RECEIVED per try (found by
     * FaultInjectionTest's Artemis kill -9).
     */
    @Test
    void aFileWhoseReceiptCannotReachTheBrokerBecomesOneDeliveryWhenTheBrokerIsBack() throws Exception {
        brokerSwitch();
        brokerDown.set(true);
        int before = enqueues.get();
        Path file = drop("broker-weg-");
        await().atMost(Duration.ofSeconds(20)).until(() -> enqueues.get() >= before + 3);
        assertThat(file).as("the file waits in the inbox").exists();

        brokerDown.set(false);
        assertDeliveredOnce(file);
    }

    /**
     * The leader stops (or dies) while the file's receipt cannot reach the broker: its delivery is stored and its drop
     * recorded, the file still in the inbox. The next take finds the drop with its delivery still RECEIVED and sends
     * that receipt again: one delivery, and it goes on (before, the drop was recorded only after the receipt reached
     * the broker, so a leader killed just after that made a second delivery of the file: FaultInjectionTest).
     */
    @Test
    void aFileTakenAgainWhoseDeliveryNeverReachedTheBrokerGoesOnAsThatOneDelivery() throws Exception {
        brokerSwitch();
        brokerDown.set(true);
        int before = enqueues.get();
        Path file = drop("leider-weg-");
        await().atMost(Duration.ofSeconds(20)).until(() -> enqueues.get() >= before + 2);

        context.getRouteController().stopRoute("intake-folder");
        assertThat(file).as("the file waits in the inbox").exists();
        assertThat(deliveries(file.getFileName().toString())).isEqualTo(1);
        brokerDown.set(false);
        context.getRouteController().startRoute("intake-folder");

        assertDeliveredOnce(file);
        await("the delivery went on").atMost(Duration.ofSeconds(30)).until(() -> !"RECEIVED".equals(
                statusOf(file.getFileName().toString())));
    }

    private String statusOf(String filename) {
        return jdbc().queryOne("SELECT status FROM delivery WHERE filename = ?", row -> row.getString(1), filename)
                .orElse(null);
    }


    private final AtomicBoolean outboxDown = new AtomicBoolean();
    private final AtomicInteger outboxWrites = new AtomicInteger();
    private boolean outboxAdvised;

    /** Every write to outbox/ fails while {@link #outboxDown}, as Camel's file producer fails on a read-only folder. */
    private synchronized void outboxSwitch() throws Exception {
        if (outboxAdvised) {
            return;
        }
        AdviceWith.adviceWith(context, "outbox", route -> route.weaveById("write-outbox").before()
                .process(exchange -> {
                    outboxWrites.incrementAndGet();
                    if (outboxDown.get()) {
                        throw new org.apache.camel.component.file.GenericFileOperationFailedException(
                                "Cannot store file: outbox/0363/.part-technische-terugkoppeling.zip",
                                new java.nio.file.AccessDeniedException("outbox/0363"));
                    }
                }));
        outboxAdvised = true;
    }

    /**
     * The outbox cannot be written while a GMSD file is checked (its technical feedback goes there): the check waits
     * until it can, instead of giving up after its retries and failing the delivery (found by FaultInjectionTest's
     * outbox made unwritable for 30 s: every GMSD file checked meanwhile ended FAILED and never reached CBS).
     */
    @Test
    void aGmsdFileCheckedWhileTheOutboxCannotBeWrittenGoesOnWhenItCan() throws Exception {
        outboxSwitch();
        outboxDown.set(true);
        int before = outboxWrites.get();
        String csv = "20260715;0363;101;250\n20260715;0363;204;38\n";
        String id = deliver("0363_SBO_2026H1.csv", "demo-0363", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        // more tries than queue-errors' dead-letter clause allows (ggk.redelivery.maximum, 3)
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxWrites.get() >= before + 8);

        outboxDown.set(false);
        JsonNode trace = awaitFinal(id, "demo-0363");
        assertThat(trace.get("status").asText()).as(trace.toString()).isIn("VALIDATED", "FORWARDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> named(dataDir.resolve("outbox").resolve("0363"),
                "technische-terugkoppeling-0363_SBO_2026H1") >= 1);
    }

    private Path drop(String prefix) throws Exception {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8) + "-0363_SBO_2026H1.csv";
        Path folder = Files.createDirectories(dataDir.resolve("inbox").resolve("0363"));
        Path part = folder.resolve(name + ".part");
        Files.writeString(part, "20260105;0363;001;12\n");
        return Files.move(part, folder.resolve(name));
    }

    private void assertNotRefused(Path file) throws Exception {
        String name = file.getFileName().toString();
        assertThat(file).as("the file waits in the inbox").exists();
        assertThat(Files.isDirectory(dataDir.resolve("quarantine"))).as("quarantine/ is still a folder").isTrue();
        assertThat(named(dataDir.resolve("quarantine"), name)).as("nothing quarantined").isZero();
        assertThat(named(dataDir.resolve("outbox"), name)).as("no Fo01").isZero();
        assertThat(deliveries(name)).isZero();
    }

    private void assertDeliveredOnce(Path file) throws Exception {
        String name = file.getFileName().toString();
        // a delivery, so not refused at the door (its entry is checked and may be refused later: the test's file
        // name is no valid GMSD name, which is the GMSD check's business, not the door's)
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(name) == 1 && !Files.exists(file));
        // archived as <name>-<stamp>.csv
        String stem = name.substring(0, name.length() - ".csv".length());
        assertThat(named(dataDir.resolve("archive"), stem)).as("archived once").isEqualTo(1);
    }

    /** Files under {@code folder} whose name contains {@code name}, or whose content names it (a Fo01, a reason). */
    private static long named(Path folder, String name) throws Exception {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(name)
                    || contains(p, name)).count();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.size(file) < 5_000_000 && new String(Files.readAllBytes(file),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private int deliveries(String filename) {
        return jdbc().queryOne("SELECT COUNT(*) FROM delivery WHERE filename = ?", row -> row.getInt(1), filename)
                .orElse(0);
    }

    private nl.ggk.hub.db.Jdbc jdbc() {
        return new nl.ggk.hub.db.Jdbc(context.getRegistry().findSingleByType(DataSource.class));
    }
}
