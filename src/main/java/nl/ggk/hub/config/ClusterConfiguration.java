package nl.ggk.hub.config;

import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.file.cluster.FileLockClusterService;

/**
 * One instance at a time (ggk.cluster.*): Camel's file-lock cluster service on the data root the instances share
 * ({@code <data>/cluster}), which the {@code master:} routes ask who leads (the watched folder, its sweep of strays,
 * the monthly foutrapportage). The leader holds a lock on a file there and writes a heartbeat every
 * acquire-lock-interval; when it stops, another instance takes over at its next try, and when it dies (its lock is
 * gone with its process, its heartbeat stops) within acquire-lock-interval × heartbeat-multiplier. camel-main adds
 * a CamelClusterService bean of the registry to the context.
 */
public class ClusterConfiguration implements CamelConfiguration {

    @BindToRegistry
    public FileLockClusterService clusterService(DataRoot dataRoot,
                                                 @PropertyInject("ggk.cluster.acquire-lock-delay-ms") long delayMs,
                                                 @PropertyInject("ggk.cluster.acquire-lock-interval-ms") long intervalMs,
                                                 @PropertyInject("ggk.cluster.heartbeat-multiplier") int multiplier) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId("ggk-hub");
        service.setRoot(dataRoot.resolve("cluster").toString());
        service.setAcquireLockDelay(delayMs, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(intervalMs, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(multiplier);
        return service;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        FileLockClusterService service = context.getRegistry().findSingleByType(FileLockClusterService.class);
        if (service != null && !context.hasService(service)) {
            context.addService(service, true, true);
        }
    }
}
