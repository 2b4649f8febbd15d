package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.broker.BrokerRegistry;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker health probe and a broker that is still starting. ActiveMQ 6.3.1 puts a starting broker in its
 * registry before it loads its store; a {@code vm://} connection made then builds the broker's region on the
 * caller's thread, unsynchronised with the start's own build. After a kill -9 (a long store recovery) with a caller
 * polling /observe/health, that once failed the start ("broker property is not set") and once left the broker
 * closing every connection the hub made. Here the broker is registered as a start registers it, and not started.
 */
class BrokerProbeDuringStartTest {

    private static final String NAME = "ggk-hub-probe-test";
    private static final String URL = "vm://" + NAME + "?create=false";

    private final BrokerService starting = new BrokerService();

    @AfterEach
    void unregister() {
        BrokerRegistry.getInstance().unbind(NAME);
    }

    @Test
    void theEmbeddedBrokersProbeDoesNotTouchABrokerThatIsStillStarting() throws Exception {
        register();
        EmbeddedBroker embedded = new EmbeddedBroker(NAME, null, null, null);

        assertThat(BrokerProbe.embedded(URL, "ggk-hub", "secret", () -> embedded).getAsBoolean()).isFalse();
        assertThat(BrokerProbe.embedded(URL, "ggk-hub", "secret", () -> null).getAsBoolean()).isFalse();

        assertThat(starting.getRegionBroker()).as("the broker's region, built by the probe").isNull();
    }

    /** What the probe did before: a login tried at once builds the starting broker's region on its own thread. */
    @Test
    void aPlainLoginDuringTheStartBuildsTheBrokersRegionOnTheCallersThread() throws Exception {
        register();

        BrokerProbe.external(URL, "ggk-hub", "secret").getAsBoolean();

        assertThat(starting.getRegionBroker()).as("the broker's region, built by the probe").isNotNull();
    }

    private void register() {
        starting.setBrokerName(NAME);
        starting.setPersistent(false);
        starting.setUseJmx(false);
        BrokerRegistry.getInstance().bind(NAME, starting);
    }
}
