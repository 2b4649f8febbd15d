package nl.ggk.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import nl.ggk.hub.testsupport.FreePorts;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.TestHub;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two hub instances in this JVM on one data root, one database and one broker (the test's own, which outlives
 * them): only the leader of the file-lock cluster service takes the watched folder's files and runs the monthly
 * foutrapportage timer; every file becomes exactly one delivery. When the leader stops, the other takes over within
 * the lock's interval × heartbeat multiplier and takes the next files. The database is PostgreSQL when
 * {@code -Dggk.test.postgres.url} names one, else the data root's H2 file, shared in this JVM.
 */
@Tag("production-shape")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// two hubs of its own: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("OneLeaderTest")
@org.junit.jupiter.api.Order(11)
class OneLeaderTest {

    private static final String LEADER = "ggk-leader";
    private static final long INTERVAL_MS = 300;
    private static final int MULTIPLIER = 3;

    private BrokerService broker;
    private Path dataRoot;
    private TestHub first;
    private TestHub second;

    @BeforeAll
    void startBrokerAndTwoHubs() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("one-leader-" + UUID.randomUUID());
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setSchedulerSupport(true);
        String brokerUrl = broker.addConnector("tcp://127.0.0.1:" + FreePorts.next()).getConnectUri().toString();
        broker.start();
        broker.waitUntilStarted();

        dataRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()),
                "one-leader-");
        Properties settings = new Properties();
        settings.setProperty("ggk.data-dir", dataRoot.toString());
        String postgres = System.getProperty("ggk.test.postgres.url");
        if (postgres != null && !postgres.isBlank()) {
            settings.setProperty("ggk.db.url", postgres);
            settings.setProperty("ggk.db.user", System.getProperty("ggk.test.postgres.user", "ggk"));
            settings.setProperty("ggk.db.password", System.getProperty("ggk.test.postgres.password", "ggk"));
        } else {
            settings.setProperty("ggk.db.url", "jdbc:h2:file:" + dataRoot.resolve("db").resolve("ggk"));
        }
        settings.setProperty("ggk.broker.embedded", "false");
        settings.setProperty("ggk.broker.url", brokerUrl);
        settings.setProperty("ggk.broker.password", "not-checked-by-this-broker");
        settings.setProperty("ggk.inbox.poll-delay-ms", "200");
        settings.setProperty("ggk.inbox.read-lock-min-age-ms", "300");
        settings.setProperty("ggk.inbox.read-lock-check-interval-ms", "100");
        settings.setProperty("ggk.foutrapportage.monthly-enabled", "true");
        settings.setProperty("ggk.foutrapportage.monthly-check-ms", "200");
        settings.setProperty("ggk.foutrapportage.monthly-delay-ms", "0");
        settings.setProperty("ggk.cluster.acquire-lock-delay-ms", "200");
        settings.setProperty("ggk.cluster.acquire-lock-interval-ms", String.valueOf(INTERVAL_MS));
        settings.setProperty("ggk.cluster.heartbeat-multiplier", String.valueOf(MULTIPLIER));

        first = TestHub.start("leader-first", settings);
        // the first runs its scheduled work (it leads) before the second starts
        NotifyBuilder firstRuns = new NotifyBuilder(first.context()).fromRoute("outbox-foutrapportage").whenDone(1)
                .create();
        await().atMost(Duration.ofSeconds(20)).until(firstRuns::matches);
        second = TestHub.start("leader-second", settings);
    }

    @AfterAll
    void stopAll() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    @Test
    void onlyTheLeaderTakesFolderFilesAndRunsTheTimerAndTheOtherTakesOverWhenItStops() throws Exception {
        NotifyBuilder firstFolder = new NotifyBuilder(first.context()).fromRoute("intake-folder").whenDone(10).create();
        NotifyBuilder secondFolder = new NotifyBuilder(second.context()).fromRoute("intake-folder").whenDone(1).create();
        NotifyBuilder firstTimer = new NotifyBuilder(first.context()).fromRoute("outbox-foutrapportage").whenDone(5)
                .create();
        NotifyBuilder secondTimer = new NotifyBuilder(second.context()).fromRoute("outbox-foutrapportage").whenDone(1)
                .create();

        List<String> files = drop(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> folderEmpty() && firstTimer.matches());
        for (String file : files) {
            assertThat(deliveries(file)).as(file).isEqualTo(1);
        }
        assertThat(secondFolder.matches()).as("the follower took a folder file").isFalse();
        assertThat(firstFolder.matches()).as("the leader took all ten").isTrue();
        assertThat(secondTimer.matches()).as("the follower ran the monthly timer").isFalse();
        assertThat(leads(first)).isTrue();
        assertThat(leads(second)).as("the second instance leads too").isFalse();
        HttpResponse<String> followerHealth = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + second.managementPort + "/observe/health")).GET().build());
        assertThat(followerHealth.statusCode()).as(followerHealth.body()).isEqualTo(200);
        assertThat(followerHealth.body()).as("a follower is healthy").contains("UP").doesNotContain("DOWN");

        NotifyBuilder takenOver = new NotifyBuilder(second.context()).fromRoute("intake-folder").whenDone(3).create();
        NotifyBuilder timerTakenOver = new NotifyBuilder(second.context()).fromRoute("outbox-foutrapportage")
                .whenDone(1).create();
        long stopped = System.nanoTime();
        first.close();
        first = null;
        Duration bound = Duration.ofMillis(INTERVAL_MS * MULTIPLIER + 3_000);
        await().atMost(bound).until(() -> leads(second));
        long takeoverMs = (System.nanoTime() - stopped) / 1_000_000;
        System.out.println("OneLeaderTest: the second instance led " + takeoverMs + " ms after the first stopped"
                + " (interval " + INTERVAL_MS + " ms, multiplier " + MULTIPLIER + ")");

        List<String> later = drop(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> takenOver.matches() && timerTakenOver.matches());
        for (String file : later) {
            assertThat(deliveries(file)).as(file).isEqualTo(1);
        }
    }

    private static boolean leads(TestHub hub) {
        return hub.context().getRegistry().findSingleByType(CamelClusterService.class).isLeader(LEADER);
    }

    /** {@code count} CSV files in inbox/0363/, each written aside and moved in whole; their names. */
    private List<String> drop(int count) throws Exception {
        Path folder = Files.createDirectories(dataRoot.resolve("inbox").resolve("0363"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "leader-" + UUID.randomUUID().toString().substring(0, 8) + "-0363_SBO_2026H1.csv";
            Path part = folder.resolve(name + ".part");
            Files.writeString(part, "20260105;0363;001;" + (10 + i) + "\n", StandardCharsets.UTF_8);
            Files.move(part, folder.resolve(name));
            names.add(name);
        }
        return names;
    }

    /** No file left in inbox/0363/ (each was archived, or quarantined). */
    private boolean folderEmpty() throws Exception {
        try (var left = Files.list(dataRoot.resolve("inbox").resolve("0363"))) {
            return left.findAny().isEmpty();
        }
    }

    /** How many deliveries the shared database has of this file name. */
    private int deliveries(String filename) {
        DataSource dataSource = second.context().getRegistry().findSingleByType(DataSource.class);
        return new nl.ggk.hub.db.Jdbc(dataSource).queryOne("SELECT COUNT(*) FROM delivery WHERE filename = ?",
                row -> row.getInt(1), filename).orElse(0);
    }
}
