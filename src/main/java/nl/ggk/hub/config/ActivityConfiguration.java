package nl.ggk.hub.config;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import nl.ggk.hub.activity.ActivityFeed;
import nl.ggk.hub.activity.ActivityStore;
import nl.ggk.hub.activity.BerichtenverkeerZip;
import nl.ggk.hub.activity.DeliveryPhases;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The portal's read side beyond accounts: delivery phases, the activity feed, the berichtenverkeer ZIP. */
public class ActivityConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ActivityStore activityStore(DataSource dataSource) {
        return new ActivityStore(dataSource);
    }

    @BindToRegistry
    public DeliveryPhases deliveryPhases(ActivityStore store) {
        return new DeliveryPhases(store);
    }

    @BindToRegistry
    public ActivityFeed activityFeed(ActivityStore store, OrganisationRegistry organisations,
                                     @PropertyInject(value = "ggk.activity.page-size", defaultValue = "50")
                                     int pageSize) {
        return new ActivityFeed(store, organisations, pageSize);
    }

    @BindToRegistry
    public BerichtenverkeerZip berichtenverkeerZip(OutboxStore outbox, ActivityStore store,
                                                   OrganisationRegistry organisations, DataRoot dataRoot,
                                                   @PropertyInject(value = "ggk.berichtenverkeer.kinds",
                                                           defaultValue = "BERICHT,FO01", separator = ",")
                                                   List<String> kinds,
                                                   @PropertyInject(value = "ggk.berichtenverkeer.max-items",
                                                           defaultValue = "1000") int maxItems) {
        Set<OutboxKind> chosen = new LinkedHashSet<>();
        for (String kind : kinds) {
            try {
                chosen.add(OutboxKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ggk.berichtenverkeer.kinds: no outbox kind " + kind.trim()
                        + " (one of " + List.of(OutboxKind.values()) + ")", e);
            }
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("ggk.berichtenverkeer.max-items must be at least 1, not " + maxItems);
        }
        return new BerichtenverkeerZip(outbox, store, organisations,
                dataRoot.resolve("outbox").toAbsolutePath().normalize(),
                dataRoot.resolve("work").resolve("berichtenverkeer"), chosen, maxItems, Clock.systemUTC(),
                ZoneId.of("Europe/Amsterdam"));
    }
}
