package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackEvents;

/**
 * {@code ggk_deliveries_total{status}} counts deliveries (received, then settled), {@code ggk_entries_total{kind,
 * status}} their entries by kind and the status track &amp; trace recorded. Never a name, a file or a number
 * from the data, so no personal data reaches the metrics. Every series exists from the start (at 0), so none
 * appears only after the first event of a restart.
 */
public final class DeliveryMetrics implements TrackEvents.StatusCounter {

    static final String DELIVERIES = "ggk.deliveries";
    static final String ENTRIES = "ggk.entries";
    /** What the track store counts deliveries at: their arrival and their settled status. */
    static final List<DeliveryStatus> DELIVERY_STATUSES = List.of(DeliveryStatus.RECEIVED, DeliveryStatus.FORWARDED,
            DeliveryStatus.VALIDATED, DeliveryStatus.REJECTED, DeliveryStatus.FAILED);
    /** What the track store counts entries at. */
    static final List<DeliveryStatus> ENTRY_STATUSES = List.of(DeliveryStatus.QUEUED, DeliveryStatus.FORWARDED,
            DeliveryStatus.VALIDATED, DeliveryStatus.REJECTED, DeliveryStatus.FAILED);

    private final Supplier<MeterRegistry> registry;

    /** {@code registry} is looked up when first counted: Camel creates its registry after the beans. */
    public DeliveryMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Registers every known series at 0; called once Camel's registry exists (at start). */
    public void registerAll() {
        MeterRegistry meters = registry.get();
        if (meters == null) {
            return;
        }
        for (DeliveryStatus status : DELIVERY_STATUSES) {
            deliveries(meters, status);
        }
        for (Kind kind : Kind.values()) {
            for (DeliveryStatus status : ENTRY_STATUSES) {
                entries(meters, kind.name(), status);
            }
        }
    }

    @Override
    public void count(String kind, DeliveryStatus status, int count) {
        MeterRegistry meters = registry.get();
        if (meters != null && count > 0) {
            entries(meters, kind, status).increment(count);
        }
    }

    @Override
    public void delivery(DeliveryStatus status) {
        MeterRegistry meters = registry.get();
        if (meters != null) {
            deliveries(meters, status).increment();
        }
    }

    private static Counter deliveries(MeterRegistry meters, DeliveryStatus status) {
        return Counter.builder(DELIVERIES)
                .description("Deliveries by status: RECEIVED when accepted, then the status each one settled at"
                        + " (FORWARDED, VALIDATED, REJECTED, FAILED)")
                .tag("status", status.name()).register(meters);
    }

    private static Counter entries(MeterRegistry meters, String kind, DeliveryStatus status) {
        return Counter.builder(ENTRIES)
                .description("Entries of deliveries (a ZIP has many) by kind and the status track and trace recorded")
                .tag("kind", kind).tag("status", status.name()).register(meters);
    }
}
