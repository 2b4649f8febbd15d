package nl.ggk.hub.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.observe.DeliveryMetrics;
import nl.ggk.hub.track.TrackEvents;
import nl.ggk.hub.track.TrackQueries;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The database (Flyway schema) with track &amp; trace on it. */
public class PersistenceConfiguration implements CamelConfiguration {

    /** Empty {@code ggk.db.url}: the embedded H2 file under the data root. */
    @BindToRegistry(destroyMethod = "close")
    public HikariDataSource dataSource(DataRoot dataRoot, @PropertyInject(value = "ggk.db.url", defaultValue = "") String url,
                                       @PropertyInject(value = "ggk.db.user", defaultValue = "") String user,
                                       @PropertyInject(value = "ggk.db.password", defaultValue = "") String password,
                                       @PropertyInject("ggk.db.pool-size") int poolSize,
                                       @PropertyInject(value = "ggk.db.migrate-on-every-start", defaultValue = "false")
                                       boolean migrateEveryStart) {
        String jdbcUrl = url.isBlank() ? "jdbc:h2:file:" + dataRoot.resolve("db").resolve("ggk") : url;
        return Database.open(jdbcUrl, user, password, poolSize, migrateEveryStart);
    }

    /** Track &amp; trace's writing side, under the name the routes call it by. */
    @BindToRegistry
    public TrackEvents trackStore(DataSource dataSource, DeliveryMetrics metrics) {
        return new TrackEvents(dataSource, metrics);
    }

    /** What the API reads of track &amp; trace. */
    @BindToRegistry
    public TrackQueries trackQueries(DataSource dataSource) {
        return new TrackQueries(dataSource);
    }

    /** Counted by track &amp; trace as it records each status. */
    @BindToRegistry
    public DeliveryMetrics deliveryMetrics(CamelContext context) {
        return new DeliveryMetrics(() -> context.getRegistry().findSingleByType(MeterRegistry.class));
    }
}
