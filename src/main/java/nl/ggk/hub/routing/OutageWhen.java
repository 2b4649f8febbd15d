package nl.ggk.hub.routing;

import org.apache.camel.Exchange;

/**
 * The {@code onWhen} of an outage clause: the failure of the exchange is the hub's infrastructure being away, as
 * {@link nl.ggk.hub.errors.Outages} tells it, not a bad input. folder-errors' clause folder-outage ({@code ref:
 * outageWhen}: the database, the broker or a folder), queue-errors' clauses queue-folder-outage ({@code ref:
 * folderOutageWhen}: a folder of the data root not writable) and queue-broker-outage ({@code ref: brokerOutageWhen}).
 */
public final class OutageWhen implements org.apache.camel.Predicate {

    private final java.util.function.Predicate<Throwable> outage;

    public OutageWhen(java.util.function.Predicate<Throwable> outage) {
        this.outage = outage;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return outage.test(failure);
    }
}
