package nl.ggk.hub;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jakarta.jms.Connection;
import nl.ggk.hub.api.DeliveryApi;
import nl.ggk.hub.api.DeliveryRequests;
import nl.ggk.hub.api.Problems;
import nl.ggk.hub.broker.BrokerCredentials;
import nl.ggk.hub.broker.BrokerUsers;
import nl.ggk.hub.broker.EmbeddedBroker;
import nl.ggk.hub.broker.JmsSenders;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.intake.IntakeService;
import nl.ggk.hub.observe.HubHealthChecks;
import java.time.Clock;
import java.util.Arrays;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.TechnicalCheck;
import nl.ggk.hub.gmsd.ValidationSettings;
import nl.ggk.hub.report.FeedbackReport;
import nl.ggk.hub.routing.DetachFromJms;
import nl.ggk.hub.classify.Classifier;
import nl.ggk.hub.config.ConfigFiles;
import nl.ggk.hub.config.InboxFolders;
import nl.ggk.hub.classify.MessageTypes;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbound.OutboundMessages;
import nl.ggk.hub.outbox.Fo01Service;
import nl.ggk.hub.split.DeliverySplitter;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.zip.ZipLimits;
import nl.ggk.hub.zip.ZipSplitter;
import nl.ggk.hub.outbox.Quarantine;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.DiskSync;
import nl.ggk.hub.track.TrackStore;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Builds the hub's beans from the settings in {@code application.properties} and binds them for the
 * routes: the data root and its folders, the (embedded) broker, the database, the stores and services.
 */
public class HubConfiguration implements CamelConfiguration {

    public static final List<String> DATA_FOLDERS = List.of("inbox", "outbox", "outbound", "archive", "quarantine",
            "store", "work");

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Path dataRoot = Path.of(setting(properties, "ggk.data-dir")).toAbsolutePath().normalize();
        for (String folder : DATA_FOLDERS) {
            Files.createDirectories(dataRoot.resolve(folder));
        }

        ConfigFiles config = ConfigFiles.fromEnvironment();
        OrganisationRegistry registry;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                config.resolve(setting(properties, "ggk.organisations")))) {
            registry = OrganisationRegistry.load(in);
        }
        InboxFolders.create(dataRoot.resolve("inbox"), registry.organisations());
        boolean demoKeys = Boolean.parseBoolean(setting(properties, "ggk.demo-keys-enabled"));
        boolean embeddedBroker = Boolean.parseBoolean(setting(properties, "ggk.broker.embedded"));
        BrokerCredentials hubCredentials = BrokerCredentials.resolve(
                properties.resolveProperty("ggk.broker.user").orElse(""),
                properties.resolveProperty("ggk.broker.password").orElse(""), embeddedBroker,
                Boolean.parseBoolean(properties.resolveProperty("ggk.broker.credentials-required").orElse("false")));
        if (embeddedBroker) {
            EmbeddedBroker broker = new EmbeddedBroker(dataRoot.resolve("broker"),
                    properties.resolveProperty("ggk.broker.embedded.transport").orElse(""),
                    new BrokerUsers(hubCredentials, registry, demoKeys));
            broker.start();
            // Camel stops its services after the routes: the broker outlives every consumer.
            context.addService(broker, true, false);
        }
        String brokerUrl = setting(properties, "ggk.broker.url");
        String brokerUser = hubCredentials.user();
        String brokerPassword = hubCredentials.password();
        // One pooled connection factory for every JMS endpoint: a transacted consumer's session is bound to
        // this factory, so the sends of the same exchange find it and commit together with the receive.
        ActiveMQConnectionFactory activeMq = new ActiveMQConnectionFactory(brokerUrl);
        activeMq.setUserName(brokerUser);
        activeMq.setPassword(brokerPassword);
        activeMq.getRedeliveryPolicy().setMaximumRedeliveries(
                Integer.parseInt(setting(properties, "ggk.broker.redeliveries")));
        activeMq.getRedeliveryPolicy().setInitialRedeliveryDelay(
                Long.parseLong(setting(properties, "ggk.redelivery.delay-ms")));
        activeMq.getRedeliveryPolicy().setUseExponentialBackOff(true);
        // ActiveMQ's default prefetch (1000) hands a whole ZIP's entries to one consumer while the others idle
        activeMq.getPrefetchPolicy().setQueuePrefetch(Integer.parseInt(setting(properties, "ggk.broker.prefetch")));
        JmsPoolConnectionFactory jmsConnectionFactory = new JmsPoolConnectionFactory();
        jmsConnectionFactory.setConnectionFactory(activeMq);
        jmsConnectionFactory.setMaxConnections(Integer.parseInt(setting(properties, "ggk.broker.max-connections")));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                jmsConnectionFactory.stop();
            }
        }, true, false);
        context.getRegistry().bind("jmsConnectionFactory", jmsConnectionFactory);

        String dbUrl = properties.resolveProperty("ggk.db.url").filter(u -> !u.isBlank())
                .orElse("jdbc:h2:file:" + dataRoot.resolve("db").resolve("ggk"));
        HikariDataSource dataSource = Database.open(dbUrl,
                properties.resolveProperty("ggk.db.user").orElse(""),
                properties.resolveProperty("ggk.db.password").orElse(""),
                Integer.parseInt(setting(properties, "ggk.db.pool-size")));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, false);

        DiskSync diskSync = new DiskSync(Integer.parseInt(setting(properties, "ggk.store.sync-threads")));
        ContentStore contentStore = new ContentStore(dataRoot.resolve("store"), diskSync);
        TrackStore track = new TrackStore(dataSource);
        IntakeService intake = new IntakeService(contentStore, track, registry,
                Long.parseLong(setting(properties, "ggk.intake.max-bytes")));

        StufSettings stuf = StufSettings.from(key -> properties.resolveProperty(key).orElse(null));
        ErrorCodes errorCodes;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                config.resolve(setting(properties, "ggk.errors.table")))) {
            errorCodes = ErrorCodes.load(in, setting(properties, ErrorCodes.GENERATION_SETTING));
        }
        MessageTypes messageTypes;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                config.resolve(setting(properties, "ggk.message-types")))) {
            messageTypes = MessageTypes.load(in);
        }
        GmsdSpecifications gmsdSpecs = GmsdSpecifications.load(
                Arrays.stream(setting(properties, "ggk.gmsd.specs").split(",")).map(config::resolve).toList());
        Classifier classifier = new Classifier(messageTypes, registry, name -> gmsdSpecs.recognise(name).isPresent());
        GmsdValidator gmsdValidator = new GmsdValidator(gmsdSpecs, registry, new ValidationSettings(
                Integer.parseInt(setting(properties, "ggk.gmsd.examples-per-rule")),
                Integer.parseInt(setting(properties, "ggk.gmsd.max-line-length")),
                Integer.parseInt(setting(properties, "ggk.gmsd.max-violations-listed")),
                Boolean.parseBoolean(setting(properties, "ggk.gmsd.windows1252-accepted"))));
        ZipLimits zipLimits = new ZipLimits(Integer.parseInt(setting(properties, "ggk.zip.max-entries")),
                Long.parseLong(setting(properties, "ggk.zip.max-entry-bytes")),
                Long.parseLong(setting(properties, "ggk.zip.max-total-uncompressed-bytes")),
                Integer.parseInt(setting(properties, "ggk.zip.max-compression-ratio")));
        Path workDir = dataRoot.resolve("work");

        var beans = context.getRegistry();
        beans.bind("dataSource", dataSource);
        beans.bind("organisationRegistry", registry);
        beans.bind("contentStore", contentStore);
        beans.bind("trackStore", track);
        beans.bind("intakeService", intake);
        beans.bind("deliveryRequests", new DeliveryRequests(registry, demoKeys,
                Arrays.stream(setting(properties, "ggk.intake.media-types").split(","))
                        .map(t -> t.trim().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet())));
        beans.bind("deliveryApi", new DeliveryApi(track, registry));
        beans.bind("problems", new Problems());
        beans.bind("quarantine", new Quarantine(dataRoot.resolve("quarantine")));
        beans.bind("errorCodes", errorCodes);
        beans.bind("deliverySplitter", new DeliverySplitter(contentStore, new ZipSplitter(zipLimits), classifier, track,
                workDir, zipLimits.maxEntryBytes()));
        beans.bind("fo01Service", new Fo01Service(dataRoot.resolve("outbox"), dataRoot.resolve("quarantine"),
                contentStore, errorCodes, new Fo01Writer(stuf), track));
        beans.bind("outboundMessages", new OutboundMessages(contentStore, new EnvelopeWriter(stuf), stuf, workDir,
                diskSync));
        beans.bind("technicalCheck", new TechnicalCheck(gmsdValidator, new FeedbackReport(), contentStore, track,
                registry, dataRoot.resolve("outbox"), TechnicalCheck.Policy.of(setting(properties, "ggk.gmsd.policy")),
                Clock.systemUTC()));
        beans.bind("detachFromJms", new DetachFromJms());
        beans.bind("jmsSenders", new JmsSenders(registry, hubCredentials.user()));
        beans.bind("fileIdempotentRepository", new JdbcMessageIdRepository(dataSource, "inbox"));

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(HubHealthChecks.broker(() -> brokerReachable(brokerUrl, brokerUser, brokerPassword)));
            health.register(HubHealthChecks.database(dataSource));
            health.register(HubHealthChecks.diskSpace(dataRoot,
                    Long.parseLong(setting(properties, "ggk.health.min-free-bytes"))));
        }
    }

    // with the hub's own credentials: a broker that requires login (Artemis' default) refuses anonymous probes
    private static boolean brokerReachable(String brokerUrl, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(user, password, brokerUrl);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("missing setting " + key + " in application.properties"));
    }
}
