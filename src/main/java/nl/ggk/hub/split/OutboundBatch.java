package nl.ggk.hub.split;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.ggk.hub.classify.Kind;

/**
 * Accepted entries of one delivery and one kind that travel to their outbound queue as one message:
 * one broker commit for many entries instead of one each. Every entry keeps its own idempotency key.
 */
public record OutboundBatch(String deliveryId, Kind kind, List<EntryMessage> entries) {

    /** For ggk.outbound.iwmo. */
    public boolean iwmo() {
        return kind == Kind.IWMO;
    }

    /** For ggk.outbound.ijw. */
    public boolean ijw() {
        return kind == Kind.IJW;
    }

    /** For ggk.outbound.svb. */
    public boolean svb() {
        return kind == Kind.SVB;
    }

    public int size() {
        return entries.size();
    }

    public List<Integer> indices() {
        return entries.stream().map(EntryMessage::index).toList();
    }

    /** Groups the accepted entries of {@code kinds} by kind, in batches of at most {@code maxSize}. */
    public static List<OutboundBatch> of(List<EntryMessage> entries, Set<Kind> kinds, int maxSize) {
        Map<Kind, List<EntryMessage>> byKind = new EnumMap<>(Kind.class);
        for (EntryMessage e : entries) {
            if (e.accepted() && kinds.contains(e.kind())) {
                byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
            }
        }
        List<OutboundBatch> batches = new ArrayList<>();
        for (Map.Entry<Kind, List<EntryMessage>> kind : byKind.entrySet()) {
            List<EntryMessage> all = kind.getValue();
            for (int from = 0; from < all.size(); from += maxSize) {
                List<EntryMessage> part = List.copyOf(all.subList(from, Math.min(all.size(), from + maxSize)));
                batches.add(new OutboundBatch(part.get(0).deliveryId(), kind.getKey(), part));
            }
        }
        return batches;
    }
}
