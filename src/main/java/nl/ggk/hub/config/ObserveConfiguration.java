package nl.ggk.hub.config;

import javax.sql.DataSource;
import nl.ggk.hub.observe.DeliveryMetrics;
import nl.ggk.hub.observe.HubHealthChecks;
import nl.ggk.hub.observe.MemoryHealth;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
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

    /** DOWN once the hub ran out of memory, or while its heap is nearly full after a collection. */
    @BindToRegistry
    public HealthCheck memoryHealth(@PropertyInject("ggk.health.heap-max-used-percent") int maxUsedPercent) {
        return new MemoryHealth(maxUsedPercent);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // an OutOfMemoryError that fails a route is noted by the memory check, whether the route handles it or not
        context.getManagementStrategy().addEventNotifier(MemoryHealth.exchangeFailures());
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // and one on the HTTP server's event loop, which Vert.x would only log
                for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                    if (router.vertx().exceptionHandler() == null) {
                        router.vertx().exceptionHandler(MemoryHealth::unhandledOnEventLoop);
                    }
                }
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
