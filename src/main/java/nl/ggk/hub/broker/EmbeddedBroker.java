package nl.ggk.hub.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.TempDestinationAuthorizationEntry;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ 6 broker of the demo/embedded profile: persistent (KahaDB under the data root),
 * one dead-letter queue per queue ({@code DLQ.<queue>}). Registered as a Camel service so that Camel
 * stops it after the routes, never before; the broker's own JVM shutdown hook is therefore off.
 *
 * <p>Every connection logs in ({@link BrokerUsers}): the hub's own user may use every destination; an
 * organisation may only write {@value #INBOUND_QUEUE}, the JMS door, and its messages carry its user name
 * as {@code JMSXUserID}. Internal queues ({@code ggk.intake}, {@code ggk.outbound.*}, {@code ggk.cbs.*},
 * {@code DLQ.*}) and temporary destinations are the hub's alone.
 */
public final class EmbeddedBroker extends ServiceSupport {

    /** The only destination an organisation's user may write. */
    public static final String INBOUND_QUEUE = "ggk.inbound";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * ActiveMQ's BrokerService registers BouncyCastle as a JCA security provider when it finds it on the class path
     * (the hub has it for Argon2 and certificate names, which use BouncyCastle's classes directly, never through
     * JCA): building that provider costs a start about half a second of CPU (all its algorithm mappings) and
     * changes the JVM's provider list for nothing. Off unless the property is given.
     */
    static final String BOUNCY_CASTLE_NOT_ADDED = "org.apache.activemq.broker.BouncyCastleNotAdded";

    static {
        if (System.getProperty(BOUNCY_CASTLE_NOT_ADDED) == null) {
            System.setProperty(BOUNCY_CASTLE_NOT_ADDED, "true");
        }
    }

    /** The broker's name when the hub's own address is not a {@code vm://} one. */
    public static final String DEFAULT_NAME = "ggk-hub";

    private final String name;
    private final Path dataDirectory;
    private final String transportUri;
    private final BrokerUsers users;
    private volatile BrokerService broker;

    public EmbeddedBroker(String name, Path dataDirectory, String transportUri, BrokerUsers users) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.transportUri = transportUri;
        this.users = users;
    }

    /**
     * The name the hub's own connection asks for ({@code vm://ggk-hub?create=false} names {@code ggk-hub}), so
     * that the broker is the one that address finds; {@value #DEFAULT_NAME} for any other address.
     */
    public static String nameFor(String brokerUrl) {
        if (brokerUrl == null || !brokerUrl.startsWith("vm://")) {
            return DEFAULT_NAME;
        }
        String rest = brokerUrl.substring("vm://".length());
        int end = rest.indexOf('?');
        String name = end < 0 ? rest : rest.substring(0, end);
        return name.isBlank() ? DEFAULT_NAME : name;
    }

    @Override
    protected void doStart() throws Exception {
        BrokerService service = new BrokerService();
        service.setBrokerName(name);
        service.setUseShutdownHook(false);
        service.setUseJmx(false);
        service.setPersistent(true);
        service.setDataDirectoryFile(dataDirectory.toFile());
        service.setAdvisorySupport(false);
        // the CBS forwarding waits out an outage with AMQ_SCHEDULED_DELAY (a delay held by the broker, not a thread)
        service.setSchedulerSupport(true);

        limitUsage(service);

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
        service.setPlugins(new BrokerPlugin[] {next -> new AuthenticatingBroker(next, users),
                new AuthorizationPlugin(authorizationMap())});

        if (transportUri != null && !transportUri.isBlank()) {
            service.addConnector(transportUri);
        }
        service.start();
        service.waitUntilStarted();
        broker = service;
        LOG.info("Embedded broker started{}; every connection must log in (hub user '{}'{}, organisations with "
                        + "their id and API key)",
                transportUri == null || transportUri.isBlank() ? " (in-JVM only)" : " on " + transportUri,
                users.hubUser(), users.hubPasswordGenerated() ? " with a password generated at start" : "");
    }

    /**
     * Limits the broker can keep: 70 % of the heap for messages in memory, 90 % of the data root's free space for the
     * store and temporary files. ActiveMQ's defaults (1 GB, 100 GB) are larger than a small heap or disk, and it lowers
     * them itself with a WARN at every start; the memory and disk-space health checks are what an operator watches.
     */
    private void limitUsage(BrokerService service) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dataDirectory);
        long usable = dataDirectory.toFile().getUsableSpace();
        long store = Math.max(usable / 10 * 9, 64L * 1024 * 1024);
        service.getSystemUsage().getMemoryUsage().setLimit(Runtime.getRuntime().maxMemory() / 10 * 7);
        service.getSystemUsage().getStoreUsage().setLimit(store);
        service.getSystemUsage().getTempUsage().setLimit(store);
    }

    // Entries add up: the hub may do everything everywhere; organisations only write the JMS door. Advisory
    // topics are readable by everyone because every ActiveMQ client subscribes to them when it connects.
    private static DefaultAuthorizationMap authorizationMap() {
        Set<Object> hub = Set.of(BrokerUsers.Role.HUB);
        Set<Object> everyone = Set.of(BrokerUsers.Role.HUB, BrokerUsers.Role.ORGANISATION);

        AuthorizationEntry allQueues = entry(hub, hub, hub);
        allQueues.setQueue(">");
        AuthorizationEntry allTopics = entry(hub, hub, hub);
        allTopics.setTopic(">");
        AuthorizationEntry inbound = entry(hub, everyone, hub);
        inbound.setQueue(INBOUND_QUEUE);
        AuthorizationEntry advisories = entry(everyone, everyone, everyone);
        advisories.setTopic("ActiveMQ.Advisory.>");

        DefaultAuthorizationMap map = new DefaultAuthorizationMap(
                List.<DestinationMapEntry>of(allQueues, allTopics, inbound, advisories));
        TempDestinationAuthorizationEntry temporary = new TempDestinationAuthorizationEntry();
        temporary.setReadACLs(hub);
        temporary.setWriteACLs(hub);
        temporary.setAdminACLs(hub);
        map.setTempDestinationAuthorizationEntry(temporary);
        return map;
    }

    private static AuthorizationEntry entry(Set<Object> read, Set<Object> write, Set<Object> admin) {
        AuthorizationEntry entry = new AuthorizationEntry();
        entry.setReadACLs(read);
        entry.setWriteACLs(write);
        entry.setAdminACLs(admin);
        return entry;
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
