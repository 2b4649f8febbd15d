package nl.ggk.hub.routing;

import nl.ggk.hub.errors.Outages;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code onWhen} of routeConfiguration folder-errors' clause folder-outage ({@code ref: outageWhen}): the failure
 * of the exchange is the database or the broker being away ({@link Outages}), not a bad file.
 */
public final class OutageWhen implements Predicate {

    private final Outages outages;

    public OutageWhen(Outages outages) {
        this.outages = outages;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return outages.isOutage(failure);
    }
}
