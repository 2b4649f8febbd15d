package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackStore;

/**
 * {@code ggk_deliveries_total{kind,status}}: entries by kind and the status track &amp; trace recorded. Never
 * a name, a file or a number from the data, so no personal data reaches the metrics.
 */
public final class DeliveryMetrics implements TrackStore.StatusCounter {

    private final Supplier<MeterRegistry> registry;

    /** {@code registry} is looked up when first counted: Camel creates its registry after the beans. */
    public DeliveryMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void count(String kind, DeliveryStatus status, int count) {
        MeterRegistry meters = registry.get();
        if (meters != null && count > 0) {
            Counter.builder("ggk.deliveries").tag("kind", kind).tag("status", status.name()).register(meters)
                    .increment(count);
        }
    }
}
