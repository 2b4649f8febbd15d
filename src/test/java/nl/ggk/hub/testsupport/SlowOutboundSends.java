package nl.ggk.hub.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Crash-test hook, loaded into a forked hub only (as a bean of {@code crashtest/slow-outbound.camel.yaml}, added
 * to {@code camel.main.routes-include-pattern}): holds every send to an outbound queue for a moment and prints
 * each one, so a 200-entry split lasts long enough to be killed part-way, and the test sees how far it got.
 * It only observes sends (an event notifier it installs when bound); the routes and beans of the hub stay
 * exactly as in production.
 */
public class SlowOutboundSends implements CamelContextAware {

    /** Printed (with the running count) just before each outbound send is let through. */
    public static final String PROGRESS = "crash-test hook: outbound send #";

    private CamelContext camelContext;
    private long delayMillis = 20;

    public void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /*
     * camel-main reads the YAML beans twice (an early pass and the route load), so this bean may be made twice;
     * the context gets one notifier all the same. The notifier is not itself the bean, because camel-main also
     * registers every EventNotifier it finds in the registry, and one registered twice hears every send twice.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        boolean installed = camelContext.getManagementStrategy().getEventNotifiers().stream()
                .anyMatch(Notifier.class::isInstance);
        if (!installed) {
            camelContext.getManagementStrategy().addEventNotifier(new Notifier());
        }
    }

    private final class Notifier extends EventNotifierSupport {

        private final AtomicInteger sends = new AtomicInteger();

        Notifier() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            setIgnoreExchangeFailedEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().contains("ggk.outbound.");
        }

        @Override
        public void notify(CamelEvent event) throws Exception {
            System.out.println(PROGRESS + sends.incrementAndGet() + " to "
                    + ((ExchangeSendingEvent) event).getEndpoint().getEndpointUri());
            // a deliberate throttle inside the forked hub (the test itself never sleeps)
            TimeUnit.MILLISECONDS.sleep(delayMillis);
        }
    }
}
