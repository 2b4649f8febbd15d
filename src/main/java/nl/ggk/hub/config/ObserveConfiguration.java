package nl.ggk.hub.config;

import javax.sql.DataSource;
import nl.ggk.hub.observe.HubHealthChecks;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheck;

/** Health checks of /observe/health besides Camel's own (routes, consumers); the broker's is in messaging. */
public class ObserveConfiguration implements CamelConfiguration {

    @BindToRegistry
    public HealthCheck databaseHealth(DataSource dataSource) {
        return HubHealthChecks.database(dataSource);
    }

    @BindToRegistry
    public HealthCheck diskSpaceHealth(DataRoot dataRoot, @PropertyInject("ggk.health.min-free-bytes") long minFree) {
        return HubHealthChecks.diskSpace(dataRoot.root(), minFree);
    }
}
