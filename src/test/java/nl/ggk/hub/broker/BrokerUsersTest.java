package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.org.OrganisationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokerUsersTest {

    private OrganisationRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("config/organisations.yaml"))) {
            registry = OrganisationRegistry.load(in);
        }
    }

    @Test
    void organisationsLogInWithTheirIdAndApiKeyAndDemoKeysOnlyWhileAccepted() {
        BrokerCredentials hub = BrokerCredentials.resolve("ggk-hub", "s3cret", true, false);
        BrokerUsers demo = new BrokerUsers(hub, registry, true);
        BrokerUsers production = new BrokerUsers(hub, registry, false);

        assertThat(demo.authenticate("0384", "demo-0384"))
                .contains(new BrokerUsers.Authenticated("0384", BrokerUsers.Role.ORGANISATION));
        assertThat(production.authenticate("0384", "demo-0384")).isEmpty();
        assertThat(demo.authenticate("0363", "demo-0384")).isEmpty();
        assertThat(demo.authenticate("ggk-hub", "s3cret"))
                .contains(new BrokerUsers.Authenticated("ggk-hub", BrokerUsers.Role.HUB));
        assertThat(demo.authenticate("ggk-hub", "demo-0384")).isEmpty();
        assertThat(demo.authenticate(null, null)).isEmpty();
    }

    @Test
    void theHubsUserMayNotBeAnOrganisation() {
        assertThatThrownBy(() -> new BrokerUsers(BrokerCredentials.resolve("0384", "x", true, false), registry, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ggk.broker.user");
    }

    @Test
    void theEmbeddedBrokerGeneratesAStrongPasswordWhenNoneIsSet() {
        BrokerCredentials first = BrokerCredentials.resolve("", "", true, false);
        BrokerCredentials second = BrokerCredentials.resolve(null, null, true, false);

        assertThat(first.user()).isEqualTo("ggk-hub");
        assertThat(first.generated()).isTrue();
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(second.password());
        assertThat(first.toString()).doesNotContain(first.password());
        assertThat(BrokerCredentials.resolve("hub", "chosen", true, false))
                .isEqualTo(new BrokerCredentials("hub", "chosen", false));
    }

    @Test
    void anExternalBrokerGetsWhatIsConfiguredAndTheProdProfileRequiresBoth() {
        assertThat(BrokerCredentials.resolve("", "", false, false)).isEqualTo(new BrokerCredentials(null, null, false));
        assertThatThrownBy(() -> BrokerCredentials.resolve("ggk", "", false, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GGK_BROKER_PASSWORD")
                .hasMessageNotContaining("GGK_BROKER_USER");
        assertThatThrownBy(() -> BrokerCredentials.resolve("", "", true, true))
                .hasMessageContaining("GGK_BROKER_USER").hasMessageContaining("GGK_BROKER_PASSWORD");
    }
}
