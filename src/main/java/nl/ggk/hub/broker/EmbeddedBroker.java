package nl.ggk.hub.broker;

import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The embedded ActiveMQ 6 broker of the demo/embedded profile: persistent (KahaDB under the data root),
 * one dead-letter queue per queue ({@code DLQ.<queue>}). Registered as a Camel service so that Camel
 * stops it after the routes, never before; the broker's own JVM shutdown hook is therefore off.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private final Path dataDirectory;
    private final String transportUri;
    private BrokerService broker;

    public EmbeddedBroker(Path dataDirectory, String transportUri) {
        this.dataDirectory = dataDirectory;
        this.transportUri = transportUri;
    }

    @Override
    protected void doStart() throws Exception {
        BrokerService service = new BrokerService();
        service.setBrokerName("ggk-hub");
        service.setUseShutdownHook(false);
        service.setUseJmx(false);
        service.setPersistent(true);
        service.setDataDirectoryFile(dataDirectory.toFile());
        service.setAdvisorySupport(false);
        service.setSchedulerSupport(false);

        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(dataDirectory.resolve("kahadb").toFile());
        service.setPersistenceAdapter(kahaDb);

        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix("DLQ.");
        deadLetters.setUseQueueForQueueMessages(true);
        deadLetters.setProcessNonPersistent(false);
        PolicyEntry everyQueue = new PolicyEntry();
        everyQueue.setQueue(">");
        everyQueue.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(everyQueue);
        service.setDestinationPolicy(policies);

        if (transportUri != null && !transportUri.isBlank()) {
            service.addConnector(transportUri);
        }
        service.start();
        service.waitUntilStarted();
        broker = service;
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
            broker = null;
        }
    }

    public boolean isBrokerStarted() {
        return broker != null && broker.isStarted();
    }
}
