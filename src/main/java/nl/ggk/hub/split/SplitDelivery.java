package nl.ggk.hub.split;

import java.util.List;
import java.util.Set;
import nl.ggk.hub.classify.Kind;

/**
 * A delivery after split and classification: its entries and a one-line summary for track &amp; trace.
 * The route splits it three ways: refused entries, outbound batches (of at most {@code batchSize}), CBS files.
 */
public record SplitDelivery(String deliveryId, List<EntryMessage> entries, String summary, int batchSize) {

    private static final Set<Kind> OUTBOUND_KINDS = Set.of(Kind.IWMO, Kind.IJW, Kind.SVB);

    /** Entries refused by split or classification (each gets a Fo01). */
    public List<EntryMessage> rejected() {
        return entries.stream().filter(e -> !e.accepted()).toList();
    }

    /** Accepted CBS files, one message each (the GMSD check takes files one by one). */
    public List<EntryMessage> cbsFiles() {
        return entries.stream().filter(e -> e.accepted() && e.kind() == Kind.CBS).toList();
    }

    /** Accepted iWMO, iJW and SVB entries in batches for their outbound queues. */
    public List<OutboundBatch> outboundBatches() {
        return OutboundBatch.of(entries, OUTBOUND_KINDS, batchSize);
    }
}
