package nl.ggk.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import nl.ggk.hub.errors.Outages;
import nl.ggk.hub.routing.OutageWhen;
import nl.ggk.hub.intake.InboxDrops;
import nl.ggk.hub.intake.InboxFiles;
import nl.ggk.hub.intake.InboxStrays;
import nl.ggk.hub.intake.IntakeService;
import nl.ggk.hub.observe.QuarantineMetrics;
import nl.ggk.hub.outbox.Quarantine;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbound.ForwardedMessages;
import nl.ggk.hub.outbound.OutboundMessages;
import nl.ggk.hub.routing.DetachFromJms;
import nl.ggk.hub.routing.NoLinksInInbox;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.DiskSync;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The ways in and out: the one intake door and what the outbound channels deliver. */
public class ChannelsConfiguration implements CamelConfiguration {

    @BindToRegistry
    public IntakeService intakeService(ContentStore store, OrganisationRegistry organisations,
                                       @PropertyInject("ggk.intake.max-bytes") long maxBytes) {
        return new IntakeService(store, organisations, maxBytes);
    }

    /** Tells the database or the broker being away from a bad file (routeConfiguration folder-errors). */
    @BindToRegistry
    public Outages outages() {
        return new Outages();
    }

    /** folder-outage's onWhen ({@code ref: outageWhen}): the database, the broker or a folder away. */
    @BindToRegistry
    public OutageWhen outageWhen(Outages outages) {
        return new OutageWhen(failure -> outages.isOutage(failure) || outages.isFolderOutage(failure));
    }

    /** queue-broker-outage's onWhen ({@code ref: brokerOutageWhen}): the broker connection failed. */
    @BindToRegistry
    public OutageWhen brokerOutageWhen(Outages outages) {
        return new OutageWhen(outages::isBrokerOutage);
    }

    /** queue-folder-outage's onWhen ({@code ref: folderOutageWhen}): a folder of the data root not writable. */
    @BindToRegistry
    public OutageWhen folderOutageWhen(Outages outages) {
        return new OutageWhen(outages::isFolderOutage);
    }

    /** The folder door's checks of one inbox file, its drop key and archive name. */

    @BindToRegistry
    public InboxFiles inboxFiles(DataRoot dataRoot) {
        return new InboxFiles(dataRoot.resolve("inbox"), Clock.systemUTC());
    }

    /** The inbox consumer's filter ({@code filter: "#noLinksInInbox"}): it never sees a link. */
    @BindToRegistry
    public NoLinksInInbox noLinksInInbox(InboxFiles inboxFiles) {
        return new NoLinksInInbox(inboxFiles);
    }

    /** Which inbox drops became a delivery (crash-safe replacement of an idempotent repository). */
    @BindToRegistry
    public InboxDrops inboxDrops(DataSource dataSource) {
        return new InboxDrops(dataSource, Clock.systemUTC());
    }

    /** What the inbox consumer cannot see (wrong depth, undecodable names, odd links), found to be answered. */
    @BindToRegistry
    public InboxStrays inboxStrays(DataRoot dataRoot, Quarantine quarantine,
                                   @PropertyInject("ggk.inbox.read-lock-min-age-ms") long minAgeMs) {
        return new InboxStrays(dataRoot.resolve("inbox"), dataRoot.resolve("quarantine"), Duration.ofMillis(minAgeMs),
                quarantine::nameFor, Clock.systemUTC());
    }

    @BindToRegistry
    public QuarantineMetrics quarantineMetrics(CamelContext context) {
        return new QuarantineMetrics(() -> context.getRegistry().findSingleByType(MeterRegistry.class));
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

    @BindToRegistry
    public nl.ggk.hub.routing.MarkEntry markEntry() {
        return new nl.ggk.hub.routing.MarkEntry();
    }

    @BindToRegistry
    public nl.ggk.hub.routing.OutputFileMessage outputFileMessage() {
        return new nl.ggk.hub.routing.OutputFileMessage();
    }
}
