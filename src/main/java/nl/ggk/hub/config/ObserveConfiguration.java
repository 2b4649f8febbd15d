package nl.ggk.hub.config;

import javax.sql.DataSource;
import nl.ggk.hub.observe.CbsChainWatch;
import nl.ggk.hub.observe.DeliveryMetrics;
import nl.ggk.hub.observe.HubFigures;
import nl.ggk.hub.observe.QuarantineMetrics;
import nl.ggk.hub.observe.HubHealthChecks;
import nl.ggk.hub.observe.MemoryHealth;
import nl.ggk.hub.observe.PathMaskingHealthCheckRegistry;
import nl.ggk.hub.observe.PathMaskingNamingStrategy;
import nl.ggk.hub.observe.ServerPaths;
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

    /** The management port shows endpoints relative to the data root and no server path (README: Operations). */
    @BindToRegistry
    public ServerPaths serverPaths(DataRoot dataRoot) {
        return new ServerPaths(dataRoot.root());
    }

    /** DOWN once the hub ran out of memory, or while its heap is nearly full after a collection. */
    @BindToRegistry
    public HealthCheck memoryHealth(@PropertyInject("ggk.health.heap-max-used-percent") int maxUsedPercent) {
        return new MemoryHealth(maxUsedPercent);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // the management port shows no server path: health results and exchange metrics name endpoints relative to
        // the data root (README: Operations)
        ServerPaths paths = context.getRegistry().findSingleByType(ServerPaths.class);
        PathMaskingHealthCheckRegistry.install(context, paths);
        // an OutOfMemoryError that fails a route is noted by the memory check, whether the route handles it or not
        context.getManagementStrategy().addEventNotifier(MemoryHealth.exchangeFailures());
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) {
                // before the routes start, so that no exchange meter is registered with a server path
                PathMaskingNamingStrategy.install(starting, paths);
            }

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
                // issue 18: quarantines, the CBS hop, queues, track & trace, outbox and disk, all at 0 with HELP
                QuarantineMetrics quarantines = started.getRegistry().findSingleByType(QuarantineMetrics.class);
                if (quarantines != null) {
                    quarantines.registerAll();
                }
                CbsChainWatch cbs = started.getRegistry().findSingleByType(CbsChainWatch.class);
                if (cbs != null) {
                    cbs.registerAll();
                }
                HubFigures figures = started.getRegistry().findSingleByType(HubFigures.class);
                if (figures != null) {
                    figures.registerAll();
                }
            }
        });
    }
}
