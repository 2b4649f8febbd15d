package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;

/**
 * The naming strategy of Camel's exchange metrics with the endpoint named as {@link ServerPaths} shows it: Camel tags
 * each exchange timer with its endpoint's URI ({@code endpointName="file:///srv/ggk/outbox"}), which becomes
 * {@code endpointName="file:outbox"}. Names and every other tag are Camel's own.
 */
public final class PathMaskingNamingStrategy implements MicrometerExchangeEventNotifierNamingStrategy {

    private final MicrometerExchangeEventNotifierNamingStrategy camel;
    private final ServerPaths paths;

    public PathMaskingNamingStrategy(MicrometerExchangeEventNotifierNamingStrategy camel, ServerPaths paths) {
        this.camel = camel;
        this.paths = paths;
    }

    /**
     * Puts the strategy on every exchange metrics notifier of the context; call it before the routes start (the
     * notifier asks its strategy at each exchange, and a meter keeps the tags it was registered with).
     */
    public static int install(CamelContext context, ServerPaths paths) {
        int installed = 0;
        for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
            if (notifier instanceof MicrometerExchangeEventNotifier exchanges
                    && !(exchanges.getNamingStrategy() instanceof PathMaskingNamingStrategy)) {
                exchanges.setNamingStrategy(new PathMaskingNamingStrategy(exchanges.getNamingStrategy(), paths));
                installed++;
            }
        }
        return installed;
    }

    @Override
    public String getName(Exchange exchange, Endpoint endpoint) {
        return camel.getName(exchange, endpoint);
    }

    @Override
    public boolean isBaseEndpointURI() {
        return camel.isBaseEndpointURI();
    }

    @Override
    public String formatName(String name) {
        return camel.formatName(name);
    }

    @Override
    public String getInflightExchangesName() {
        return camel.getInflightExchangesName();
    }

    @Override
    public Tags getInflightExchangesTags(CamelContext context, String routeId) {
        return masked(camel.getInflightExchangesTags(context, routeId));
    }

    @Override
    public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
        return masked(camel.getTags(event, endpoint));
    }

    private Tags masked(Tags tags) {
        List<Tag> masked = new ArrayList<>();
        for (Tag tag : tags) {
            masked.add(Tag.of(tag.getKey(), paths.mask(tag.getValue())));
        }
        return Tags.of(masked);
    }
}
