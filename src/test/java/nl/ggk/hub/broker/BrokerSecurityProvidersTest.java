package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.Security;
import nl.ggk.hub.org.OrganisationRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ActiveMQ's broker registers BouncyCastle as a JCA security provider when it finds it on the class path (about half
 * a second of a start); the hub's embedded broker says no. In a JVM of its own (own-jvm): in the shared test JVM a
 * test that uses ActiveMQ's BrokerService directly could have registered it first.
 */
@Tag("own-jvm")
class BrokerSecurityProvidersTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedBrokerLeavesTheJvmsSecurityProvidersAlone() throws Exception {
        OrganisationRegistry registry;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of("config/organisations.yaml"))) {
            registry = OrganisationRegistry.load(in);
        }
        EmbeddedBroker broker = new EmbeddedBroker("providers", dir.resolve("broker"), "",
                new BrokerUsers(BrokerCredentials.resolve("ggk-hub", "", true, false), registry, true));
        broker.start();
        try {
            assertThat(broker.isStarted()).isTrue();
            assertThat(Security.getProvider("BC")).as("BouncyCastle registered as a JCA provider").isNull();
        } finally {
            broker.stop();
        }
    }
}
