package nl.ggk.hub.config;

import javax.sql.DataSource;
import nl.ggk.hub.observe.DeliveryMetrics;
import nl.ggk.hub.observe.HubHealthChecks;
import nl.ggk.hub.observe.PathMaskingHealthCheckRegistry;
import nl.ggk.hub.observe.PathMaskingNamingStrategy;
import nl.ggk.hub.observe.ServerPaths;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheck;

/**
 * Health checks of /observe/health besides Camel's own (routes, consumers); the broker's is in messaging. Once
 * started, every ggk_* series is registered at 0, so a first scrape after a restart shows them all.
 */
public class ObserveConfiguration implements CamelConfiguration {

    @BindToRegistry
    public HealthCheck databaseHealth(DataSource dataSource) {
        return HubHealthChecks.database(dataSource);
    }

    @BindToRegistry
    public HealthCheck diskSpaceHealth(DataRoot dataRoot, @PropertyInject("ggk.health.min-free-bytes") long minFree) {
        return HubHealthChecks.diskSpace(dataRoot.root(), minFree);
    }

    /** The management port shows endpoints relative to the data root and no server path (README: Operations). */
    @BindToRegistry
    public ServerPaths serverPaths(DataRoot dataRoot) {
        return new ServerPaths(dataRoot.root());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // the management port shows no server path: health results and exchange metrics name endpoints relative to
        // the data root (README: Operations)
        ServerPaths paths = context.getRegistry().findSingleByType(ServerPaths.class);
        PathMaskingHealthCheckRegistry.install(context, paths);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) {
                // before the routes start, so that no exchange meter is registered with a server path
                PathMaskingNamingStrategy.install(starting, paths);
            }

            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the meter registry is complete only once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                DeliveryMetrics metrics = started.getRegistry().findSingleByType(DeliveryMetrics.class);
                if (metrics != null) {
                    metrics.registerAll();
                }
            }
        });
    }
}
