package nl.ggk.hub.web;

import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;

/**
 * An event notifier that runs {@code action} when the routes are about to start: the HTTP server listens by then, and
 * no consumer serves a request yet. What the HTTP doors put on the server (the body guard, the fallbacks, the request
 * for client certificates) is installed this way.
 */
public final class WhenRoutesStart {

    private WhenRoutesStart() {
    }

    public static EventNotifier run(Consumer<CamelContext> action) {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                action.accept(((CamelEvent.CamelContextEvent) event).getContext());
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
            }
        };
        notifier.setIgnoreExchangeEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreStepEvents(true);
        return notifier;
    }
}
