package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/** A session ends after the idle timeout without requests, and at the absolute limit however busy it is. */
class SessionExpiryTest extends HubTestSupport {

    private final PortalClient portal = new PortalClient(() -> httpPort);

    /** Idle 3 s (0.05 minutes), at most 9 s (0.0025 hours). */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.portal.session-idle-minutes", "0.05");
        overrides.setProperty("ggk.portal.session-max-hours", "0.0025");
        return overrides;
    }

    @Test
    void aSessionWithoutRequestsEndsAfterTheIdleTimeout() {
        PortalClient.Login login = portal.loggedIn("0546.lezer", DemoUsers.PASSWORD);
        assertThat(portal.get("/api/v1/deliveries", login).statusCode()).isEqualTo(200);
        // the first look comes after the idle timeout: a look itself would keep the session alive
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> portal.get("/api/v1/deliveries", login).statusCode() == 401);
        assertThat(portal.get("/api/v1/session", login).statusCode()).isEqualTo(401);
    }

    @Test
    void aBusySessionEndsAtTheAbsoluteLimit() {
        Instant start = Instant.now();
        PortalClient.Login login = portal.loggedIn("0547.lezer", DemoUsers.PASSWORD);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1000))
                .until(() -> portal.get("/api/v1/session", login).statusCode() == 401);
        // requests every second kept it past the idle timeout of 3 s, up to the 9 s limit
        assertThat(Duration.between(start, Instant.now())).isGreaterThan(Duration.ofSeconds(7));
        assertThat(portal.loggedIn("0547.lezer", DemoUsers.PASSWORD).cookie()).isNotEqualTo(login.cookie());
    }
}
