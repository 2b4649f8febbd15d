package nl.ggk.hub.config;

import nl.ggk.hub.intake.IntakeService;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbound.ForwardedMessages;
import nl.ggk.hub.outbound.OutboundMessages;
import nl.ggk.hub.routing.DetachFromJms;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.DiskSync;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The ways in and out: the one intake door and what the outbound channels deliver. */
public class ChannelsConfiguration implements CamelConfiguration {

    @BindToRegistry
    public IntakeService intakeService(ContentStore store, OrganisationRegistry organisations,
                                       @PropertyInject("ggk.intake.max-bytes") long maxBytes) {
        return new IntakeService(store, organisations, maxBytes);
    }

    @BindToRegistry
    public OutboundMessages outboundMessages(ContentStore store, StufSettings stuf, DataRoot dataRoot,
                                             DiskSync diskSync) {
        return new OutboundMessages(store, new EnvelopeWriter(stuf), stuf, dataRoot.resolve("work"), diskSync);
    }

    @BindToRegistry
    public ForwardedMessages forwardedMessages(javax.sql.DataSource dataSource, ContentStore store) {
        return new ForwardedMessages(dataSource, store);
    }

    @BindToRegistry
    public DetachFromJms detachFromJms() {
        return new DetachFromJms();
    }
}
