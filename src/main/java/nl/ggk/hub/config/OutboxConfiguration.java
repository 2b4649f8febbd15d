package nl.ggk.hub.config;

import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxApi;
import nl.ggk.hub.outbox.OutboxItems;
import nl.ggk.hub.outbox.OutboxStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The outbox: what the outbox route records, and the outbox API on it. */
public class OutboxConfiguration implements CamelConfiguration {

    @BindToRegistry
    public OutboxStore outboxStore(DataSource dataSource) {
        return new OutboxStore(dataSource, Clock.systemUTC());
    }

    @BindToRegistry
    public OutboxItems outboxItems() {
        return new OutboxItems();
    }

    @BindToRegistry
    public OutboxApi outboxApi(OutboxStore store, OrganisationRegistry organisations, DataRoot dataRoot) {
        return new OutboxApi(store, organisations, dataRoot.resolve("outbox").toAbsolutePath().normalize());
    }
}
