package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import nl.ggk.hub.intake.IntakeRejectedException;

/**
 * {@code ggk_quarantined_total{channel,reason}}: input refused at a door and moved to quarantine/, by channel
 * and reason key, for an operator to alert on. Never a name or content.
 */
public final class QuarantineMetrics {

    private final Supplier<MeterRegistry> registry;

    public QuarantineMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Counts one refusal; returns nothing so that a route step leaves the body alone. */
    public void count(String channel, Throwable refusal) {
        MeterRegistry meters = registry.get();
        if (meters != null) {
            Counter.builder("ggk.quarantined").tag("channel", channel == null ? "UNKNOWN" : channel)
                    .tag("reason", IntakeRejectedException.reasonOf(refusal)).register(meters).increment();
        }
    }
}
