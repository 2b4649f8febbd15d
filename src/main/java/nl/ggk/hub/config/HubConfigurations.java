package nl.ggk.hub.config;

import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * The composition root: small configuration classes whose {@code @BindToRegistry} methods take typed
 * {@code @PropertyInject} settings and the beans of the classes before them (by type). They are added in
 * this order, not found by package scanning, because a bean of a later class needs those of earlier ones.
 */
public final class HubConfigurations {

    public static final List<Class<? extends CamelConfiguration>> IN_ORDER = List.of(
            HttpServerConfiguration.class,
            StorageConfiguration.class,
            ClusterConfiguration.class,
            PersistenceConfiguration.class,
            ReferenceDataConfiguration.class,
            MessagingConfiguration.class,
            MirrorConfiguration.class,
            ChecksConfiguration.class,
            ChannelsConfiguration.class,
            OutboxConfiguration.class,
            ActivityConfiguration.class,
            PortalConfiguration.class,
            ApiConfiguration.class,
            TlsConfiguration.class,
            WebServiceConfiguration.class,
            WebServiceDoorConfiguration.class,
            CbsConfiguration.class,
            ObserveConfiguration.class,
            OperatorConfiguration.class,
            OperatorApiConfiguration.class);

    private HubConfigurations() {
    }

    /**
     * Adds one instance of each: an instance is post-processed (its beans bound) once, whereas a class added
     * by name is post-processed when camel-main instantiates it and again when it loads it.
     */
    public static void addTo(MainConfigurationProperties main) {
        for (Class<? extends CamelConfiguration> type : IN_ORDER) {
            try {
                main.addConfiguration(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName(), e);
            }
        }
    }
}
