package nl.ggk.hub.track;

import java.time.Instant;
import java.util.Map;

/**
 * A delivery as track &amp; trace keeps it.
 *
 * @param duplicateOf the earlier delivery of the same payload (SHA-256) by the same sender, or {@code null}
 * @param counts      entries per status (empty before the split)
 */
public record Delivery(String id, String organisation, String sender, String channel, String filename,
                       String payloadRef, long payloadSize, Instant receivedAt, String status,
                       String duplicateOf, Map<String, Integer> counts) {

    public Delivery(String id, String organisation, String sender, String channel, String filename,
                    String payloadRef, long payloadSize, Instant receivedAt, String status) {
        this(id, organisation, sender, channel, filename, payloadRef, payloadSize, receivedAt, status, null,
                Map.of());
    }

    /**
     * This delivery with its status and counts settled from these entry counts (as {@link StatusRules#settled}),
     * unchanged when there are none: for a view that read the entries again after the delivery.
     */
    public Delivery settledBy(Map<String, Integer> entryCounts) {
        return entryCounts.isEmpty() ? this : StatusRules.settled(this, entryCounts);
    }

    Delivery with(String settledStatus, Map<String, Integer> entryCounts) {
        return new Delivery(id, organisation, sender, channel, filename, payloadRef, payloadSize, receivedAt,
                settledStatus, duplicateOf, Map.copyOf(entryCounts));
    }
}
