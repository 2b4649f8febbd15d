package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeRejectedException;

/**
 * {@code ggk_quarantined_total{channel,reason}}: input refused at a door and moved to quarantine/, by channel
 * and reason key, for an operator to alert on. Never a name or content. Every channel and reason is registered at 0
 * at start, with its HELP line, so that a first scrape shows them all.
 */
public final class QuarantineMetrics {

    /** The doors that quarantine what they refuse. */
    static final List<String> CHANNELS = List.of("FOLDER", "JMS");

    private final Supplier<MeterRegistry> registry;

    public QuarantineMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Registers every channel and reason at 0; called once Camel's registry exists (at start). */
    public void registerAll() {
        MeterRegistry meters = registry.get();
        if (meters == null) {
            return;
        }
        for (String channel : CHANNELS) {
            for (String reason : reasons()) {
                counter(meters, channel, reason);
            }
        }
    }

    /** Counts one refusal; returns nothing so that a route step leaves the body alone. */
    public void count(String channel, Throwable refusal) {
        MeterRegistry meters = registry.get();
        if (meters != null) {
            counter(meters, channel == null ? "UNKNOWN" : channel, IntakeRejectedException.reasonOf(refusal))
                    .increment();
        }
    }

    /** The reason keys (ErrorReasons' constants). */
    static List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        for (Field field : ErrorReasons.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    reasons.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return reasons;
    }

    private static Counter counter(MeterRegistry meters, String channel, String reason) {
        return Counter.builder("ggk.quarantined")
                .description("Input refused at a door (inbox folder, JMS) and moved to quarantine/, by channel and"
                        + " reason key")
                .tag("channel", channel).tag("reason", reason).register(meters);
    }
}
