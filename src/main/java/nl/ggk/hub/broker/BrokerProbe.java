package nl.ggk.hub.broker;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * Whether the hub's broker answers a login: the broker health check ({@code /observe/health}).
 *
 * <p>While the embedded broker is starting it must not be asked: ActiveMQ 6.3.1 registers a starting broker in
 * its registry at once, and a {@code vm://} connection made in that window builds the broker's region a second
 * time, unsynchronised, beside the start itself. After a {@code kill -9}, with the management port already up and
 * a caller polling health, that race once failed the broker's start ("broker property is not set") and once left
 * it closing every connection the hub made. So an embedded broker that has not finished starting is "not
 * reachable" without a connection being tried.
 */
public final class BrokerProbe implements BooleanSupplier {

    private final ActiveMQConnectionFactory factory;
    /** The embedded broker (null while the configuration has not made it yet); absent for an external broker. */
    private final java.util.Optional<Supplier<EmbeddedBroker>> embedded;

    private BrokerProbe(String url, String user, String password, Supplier<EmbeddedBroker> embedded) {
        this.factory = new ActiveMQConnectionFactory(user, password, url);
        this.embedded = java.util.Optional.ofNullable(embedded);
    }

    /** For an external broker: a login is tried every time. */
    public static BrokerProbe external(String url, String user, String password) {
        return new BrokerProbe(url, user, password, null);
    }

    /** For the embedded broker: no connection is tried until it has started. */
    public static BrokerProbe embedded(String url, String user, String password, Supplier<EmbeddedBroker> broker) {
        return new BrokerProbe(url, user, password, broker);
    }

    @Override
    public boolean getAsBoolean() {
        if (embedded.isPresent()) {
            EmbeddedBroker broker = embedded.get().get();
            if (broker == null || !broker.isBrokerStarted()) {
                return false;
            }
        }
        try (var connection = factory.createConnection()) {
            connection.start();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
