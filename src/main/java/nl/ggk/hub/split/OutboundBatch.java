package nl.ggk.hub.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted entries of one delivery and one kind that travel to their outbound queue as one message:
 * one broker commit for many entries instead of one each. Every entry keeps its own idempotency key.
 */
public record OutboundBatch(String deliveryId, String sender, String kind, List<EntryMessage> entries) {

    public int size() {
        return entries.size();
    }

    public List<Integer> indices() {
        return entries.stream().map(EntryMessage::index).toList();
    }

    /** Groups the accepted entries of {@code kinds} by kind, in batches of at most {@code maxSize}. */
    public static List<OutboundBatch> of(List<EntryMessage> entries, String sender, List<String> kinds, int maxSize) {
        Map<String, List<EntryMessage>> byKind = new LinkedHashMap<>();
        for (EntryMessage e : entries) {
            if (e.accepted() && kinds.contains(e.kind())) {
                byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
            }
        }
        List<OutboundBatch> batches = new ArrayList<>();
        for (Map.Entry<String, List<EntryMessage>> kind : byKind.entrySet()) {
            List<EntryMessage> all = kind.getValue();
            for (int from = 0; from < all.size(); from += maxSize) {
                List<EntryMessage> part = List.copyOf(all.subList(from, Math.min(all.size(), from + maxSize)));
                batches.add(new OutboundBatch(part.get(0).deliveryId(), sender, kind.getKey(), part));
            }
        }
        return batches;
    }
}
