package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.ggk.hub.testsupport.FreePorts;
import nl.ggk.hub.testsupport.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two hub instances in this JVM on one data root, one database and one broker (the first hub's embedded broker over
 * TCP, the second connecting to it), as a load balancer would put them before the portal: a session made on one is
 * accepted by the other (also by the upload door), a logout on one ends it on both, a session survives a restart of
 * its hub, and a password guesser gets the free attempts once in total. The database is PostgreSQL when
 * {@code -Dggk.test.postgres.url} names one, else the embedded H2 file of the data root, shared in this JVM.
 */
@Tag("production-shape")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// two hubs of its own: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("SessionsAcrossHubsTest")
@org.junit.jupiter.api.Order(11)
class SessionsAcrossHubsTest {

    private Path dataRoot;
    private Properties shared;
    private TestHub first;
    private TestHub second;
    private final PortalClient one = new PortalClient(() -> first.httpPort);
    private final PortalClient two = new PortalClient(() -> second.httpPort);

    @BeforeAll
    void startTwoHubs() throws Exception {
        dataRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()),
                "two-hubs-");
        shared = new Properties();
        shared.setProperty("ggk.data-dir", dataRoot.toString());
        String postgres = System.getProperty("ggk.test.postgres.url");
        if (postgres != null && !postgres.isBlank()) {
            shared.setProperty("ggk.db.url", postgres);
            shared.setProperty("ggk.db.user", System.getProperty("ggk.test.postgres.user", "ggk"));
            shared.setProperty("ggk.db.password", System.getProperty("ggk.test.postgres.password", "ggk"));
        } else {
            shared.setProperty("ggk.db.url", "jdbc:h2:file:" + dataRoot.resolve("db").resolve("ggk"));
        }
        shared.setProperty("ggk.broker.user", "ggk-hub");
        shared.setProperty("ggk.broker.password", "two-hubs-" + UUID.randomUUID());
        shared.setProperty("ggk.portal.login.base-delay-seconds", "60");

        Properties firstSettings = new Properties();
        firstSettings.putAll(shared);
        firstSettings.setProperty("ggk.broker.embedded.transport", "tcp://127.0.0.1:" + FreePorts.next());
        first = TestHub.start("first-of-two", firstSettings);
        forgetEarlierLoginCounts();
        second = startSecond();
    }

    private TestHub startSecond() {
        Properties settings = new Properties();
        settings.putAll(shared);
        settings.setProperty("ggk.broker.embedded", "false");
        settings.setProperty("ggk.broker.url", first.brokerTcpUrl);
        return TestHub.start("second-of-two", settings);
    }

    /** A PostgreSQL database outlives a test run: failures from 127.0.0.1 of an earlier run are not this run's. */
    private void forgetEarlierLoginCounts() throws Exception {
        try (Connection c = DriverManager.getConnection(shared.getProperty("ggk.db.url"),
                shared.getProperty("ggk.db.user", "ggk"), shared.getProperty("ggk.db.password", ""));
             PreparedStatement delete = c.prepareStatement("DELETE FROM login_count WHERE count_key = ?")) {
            delete.setString(1, "addr:127.0.0.1");
            delete.executeUpdate();
        }
    }

    @AfterAll
    void stopHubs() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void aSessionMadeOnOneHubIsAcceptedByTheOtherAndALogoutThereEndsItOnBoth() {
        PortalClient.Login login = one.loggedIn("0363.aanlever", DemoUsers.PASSWORD);

        HttpResponse<String> me = two.get("/api/v1/session", login);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(PortalClient.read(me.body()).get("gebruikersnaam").asText()).isEqualTo("0363.aanlever");
        String optin = PortalClient.json(Map.of("organisation", "0363", "year", 2026, "half", 1,
                "WMO_BASIS", "J", "WMO_FACULTATIEF", "N", "JEUGD", "J", "SBO", "J"));
        HttpResponse<String> change = two.change("POST", "/api/v1/optin", login, true, "application/json", optin);
        assertThat(change.statusCode()).as(change.body()).isEqualTo(202);

        assertThat(two.change("DELETE", "/api/v1/session", login, true, null, null).statusCode()).isEqualTo(204);
        assertThat(one.get("/api/v1/session", login).statusCode()).isEqualTo(401);
        assertThat(two.get("/api/v1/session", login).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theUploadDoorOfTheOtherHubTakesTheSessionToo() {
        PortalClient.Login login = one.loggedIn("0518.aanlever", DemoUsers.PASSWORD);
        HttpResponse<String> upload = two.change("POST", "/api/v1/deliveries?filename=0518_SBO_2026H1.csv", login,
                true, "text/csv", "20260105;0518;001;12\n");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
    }

    @Test
    @Order(3)
    void aSessionOutlivesARestartOfItsHub() {
        PortalClient.Login login = two.loggedIn("0546.lezer", DemoUsers.PASSWORD);
        second.close();
        second = startSecond();

        HttpResponse<String> me = two.get("/api/v1/session", login);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(PortalClient.read(me.body()).get("gebruikersnaam").asText()).isEqualTo("0546.lezer");
    }

    @Test
    @Order(4)
    void aPasswordGuesserGetsFiveTriesInTotalAcrossBothHubs() {
        String account = "0599.geraden." + UUID.randomUUID().toString().substring(0, 8);
        for (int guess = 1; guess <= 5; guess++) {
            PortalClient hub = guess % 2 == 1 ? one : two;
            assertThat(hub.login(account, "gok-" + guess).statusCode()).as("guess " + guess).isEqualTo(401);
        }
        HttpResponse<String> sixth = two.login(account, "gok-6");
        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(one.login(account, "gok-7").statusCode()).isEqualTo(429);
    }
}
