package nl.ggk.hub.config;

import nl.ggk.hub.broker.BrokerCredentials;
import nl.ggk.hub.broker.BrokerProbe;
import nl.ggk.hub.broker.BrokerUsers;
import nl.ggk.hub.broker.EmbeddedBroker;
import nl.ggk.hub.broker.JmsPayloads;
import nl.ggk.hub.broker.JmsSenders;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.observe.HubHealthChecks;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The broker side: the embedded broker (a Camel service: started before the routes, stopped after them),
 * the one pooled connection factory every JMS endpoint uses, and the one in-process redelivery policy.
 */
public class MessagingConfiguration implements CamelConfiguration {

    @PropertyInject("ggk.broker.embedded")
    private boolean embedded;
    @PropertyInject(value = "ggk.broker.embedded.transport", defaultValue = "")
    private String transport;
    @PropertyInject("ggk.data-dir")
    private String dataDir;
    @PropertyInject("ggk.demo-keys-enabled")
    private boolean demoKeys;
    @PropertyInject("ggk.broker.url")
    private String url;
    /** Made in {@link #configure}; the health probe waits for its start. */
    private volatile EmbeddedBroker embeddedBroker;

    @Override
    public void configure(CamelContext context) throws Exception {
        if (embedded) {
            // the broker checks organisation logins against the registry's key hashes
            BrokerUsers users = new BrokerUsers(context.getRegistry().findSingleByType(BrokerCredentials.class),
                    context.getRegistry().findSingleByType(OrganisationRegistry.class), demoKeys);
            // added before the context starts: Camel starts its services before the routes, stops them after
            EmbeddedBroker broker = new EmbeddedBroker(EmbeddedBroker.nameFor(url),
                    DataRoot.create(dataDir).resolve("broker"), transport, users);
            context.addService(broker, true, true);
            embeddedBroker = broker;
        }
    }

    /** The hub's own broker login (README "Broker credentials"); generated for the embedded broker if unset. */
    @BindToRegistry
    public BrokerCredentials hubBrokerCredentials(
            @PropertyInject(value = "ggk.broker.user", defaultValue = "") String user,
            @PropertyInject(value = "ggk.broker.password", defaultValue = "") String password,
            @PropertyInject(value = "ggk.broker.credentials-required", defaultValue = "false") boolean required) {
        return BrokerCredentials.resolve(user, password, embedded, required);
    }

    /** The payload of a message on ggk.inbound, read by the route (the consumer does not map bodies). */
    @BindToRegistry
    public JmsPayloads jmsPayloads() {
        return new JmsPayloads();
    }

    /** Who delivers on ggk.inbound: the broker login, narrowed to a member by the GgkOrganisation header. */
    @BindToRegistry
    public JmsSenders jmsSenders(OrganisationRegistry registry, BrokerCredentials hub) {
        return new JmsSenders(registry, hub.user());
    }

    /**
     * A transacted consumer's session is bound to this factory, so the sends of the same exchange find it and
     * commit together with the receive ({@code camel.component.activemq6.connection-factory}).
     */
    @BindToRegistry(destroyMethod = "stop")
    public JmsPoolConnectionFactory jmsConnectionFactory(
            @PropertyInject("ggk.broker.url") String url,
            BrokerCredentials hub,
            @PropertyInject("ggk.broker.redeliveries") int brokerRedeliveries,
            @PropertyInject("ggk.redelivery.delay-ms") long redeliveryDelay,
            @PropertyInject(value = "ggk.broker.redelivery-max-delay-ms", defaultValue = "10000") long maxRedeliveryDelay,
            @PropertyInject("ggk.broker.prefetch") int prefetch,
            @PropertyInject("ggk.broker.max-connections") int maxConnections) {
        ActiveMQConnectionFactory activeMq = new ActiveMQConnectionFactory(url);
        activeMq.setUserName(blankToNull(hub.user()));
        activeMq.setPassword(blankToNull(hub.password()));
        // a rolled-back message waits 0.5, 1, 2, 4, 8, 10 s (ActiveMQ's own multiplier of 5 reached 5 minutes at the
        // fifth rollback); a message redelivered because a consumer died (kill -9, restart) is taken at once
        activeMq.getRedeliveryPolicy().setMaximumRedeliveries(brokerRedeliveries);
        activeMq.getRedeliveryPolicy().setInitialRedeliveryDelay(redeliveryDelay);
        activeMq.getRedeliveryPolicy().setRedeliveryDelay(redeliveryDelay);
        activeMq.getRedeliveryPolicy().setUseExponentialBackOff(true);
        activeMq.getRedeliveryPolicy().setBackOffMultiplier(2);
        activeMq.getRedeliveryPolicy().setMaximumRedeliveryDelay(maxRedeliveryDelay);
        // ActiveMQ's default prefetch (1000) hands a whole ZIP's entries to one consumer while the others idle
        activeMq.getPrefetchPolicy().setQueuePrefetch(prefetch);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(activeMq);
        pool.setMaxConnections(maxConnections);
        return pool;
    }

    /** The retries of every routeConfiguration ({@code redeliveryPolicyRef: hubRedelivery}). */
    @BindToRegistry
    public RedeliveryPolicy hubRedelivery(@PropertyInject("ggk.redelivery.maximum") int maximum,
                                          @PropertyInject("ggk.redelivery.delay-ms") long delay) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximum);
        policy.setRedeliveryDelay(delay);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN);
        return policy;
    }

    /**
     * With the hub's own credentials: a broker that requires login (Artemis' default) refuses anonymous probes. The
     * embedded broker is not probed before it has started ({@link BrokerProbe}).
     */
    @BindToRegistry
    public HealthCheck brokerHealth(@PropertyInject("ggk.broker.url") String url, BrokerCredentials hub) {
        String user = blankToNull(hub.user());
        String password = blankToNull(hub.password());
        return HubHealthChecks.broker(embedded
                ? BrokerProbe.embedded(url, user, password, () -> embeddedBroker)
                : BrokerProbe.external(url, user, password));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
