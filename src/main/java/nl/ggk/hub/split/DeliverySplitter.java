package nl.ggk.hub.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.ggk.hub.classify.Classification;
import nl.ggk.hub.classify.Classifier;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackStore;
import nl.ggk.hub.track.TrackStore.EntryUpdate;
import nl.ggk.hub.zip.SplitResult;
import nl.ggk.hub.zip.ZipEntryOutcome;
import nl.ggk.hub.zip.ZipRejectedException;
import nl.ggk.hub.zip.ZipSplitter;

/**
 * Turns a stored delivery into entries: a ZIP is split (each entry stored once), every entry is
 * classified, and the outcome recorded in track &amp; trace in one transaction. Running it twice for
 * the same delivery (broker redelivery after a crash) yields the same entries.
 */
public final class DeliverySplitter {

    private final ContentStore store;
    private final ZipSplitter zips;
    private final Classifier classifier;
    private final TrackStore track;
    private final EnvelopeReader envelopes = new EnvelopeReader();
    private final Path workDir;
    private final long maxEntryBytes;

    public DeliverySplitter(ContentStore store, ZipSplitter zips, Classifier classifier, TrackStore track,
                            Path workDir, long maxEntryBytes) {
        this.store = store;
        this.zips = zips;
        this.classifier = classifier;
        this.track = track;
        this.workDir = workDir;
        this.maxEntryBytes = maxEntryBytes;
    }

    public List<EntryMessage> split(String deliveryId, String sender, String filename, String payloadRef)
            throws IOException {
        Path payload = store.path(payloadRef);
        List<EntryMessage> entries = new ArrayList<>();
        if (isZip(filename, payload)) {
            try {
                // entries are forced to disk together below, before the split is acknowledged
                List<String> written = new ArrayList<>();
                SplitResult result = zips.split(payload, (index, safeName, content) -> {
                    String ref = store.store(content, maxEntryBytes, false).ref();
                    written.add(ref);
                    return ref;
                });
                store.sync(written);
                for (ZipEntryOutcome outcome : result.entries()) {
                    entries.add(outcome.accepted()
                            ? classify(deliveryId, outcome.index(), outcome.safeName(), outcome.ref(), sender)
                            : rejected(deliveryId, outcome.index(), outcome.safeName(), "UNKNOWN", null,
                                    outcome.ref() == null ? payloadRef : outcome.ref(), outcome.reason(),
                                    outcome.detail()));
                }
                track.deliveryStatus(deliveryId, DeliveryStatus.SPLIT, result.entries().size() + " entries");
            } catch (ZipRejectedException e) {
                entries.add(rejected(deliveryId, 0, filename, "UNKNOWN", null, payloadRef, e.reasonKey(),
                        e.detail()));
                track.deliveryStatus(deliveryId, DeliveryStatus.SPLIT, "ZIP rejected as a whole: " + e.reasonKey());
            }
        } else if (store.size(payloadRef) > maxEntryBytes) {
            // the GGk's limit for one message; a ZIP may be larger as long as each of its entries is not
            entries.add(rejected(deliveryId, 0, filename, "UNKNOWN", null, payloadRef, "too-large",
                    "file of " + store.size(payloadRef) + " bytes, more than " + maxEntryBytes));
            track.deliveryStatus(deliveryId, DeliveryStatus.SPLIT, "1 entry");
        } else {
            entries.add(classify(deliveryId, 0, filename, payloadRef, sender));
            track.deliveryStatus(deliveryId, DeliveryStatus.SPLIT, "1 entry");
        }
        List<EntryUpdate> updates = new ArrayList<>();
        for (EntryMessage e : entries) {
            updates.add(new EntryUpdate(e.index(), e.name(), e.kind(), e.functie(), DeliveryStatus.CLASSIFIED,
                    e.payloadRef(), null, null, e.accepted()
                            ? "classified as " + e.kind() + (e.functie() == null ? "" : " " + e.functie())
                            : "geweigerd (" + e.reason() + "): " + AnswerText.masked(e.detail())));
        }
        track.recordEntries(deliveryId, updates);
        return entries;
    }

    /** Entries refused by split or classification (each gets a Fo01). */
    public List<EntryMessage> rejected(List<EntryMessage> entries) {
        return entries.stream().filter(e -> !e.accepted()).toList();
    }

    /** Accepted entries of {@code kind}, one message each (the GMSD check takes files one by one). */
    public List<EntryMessage> accepted(List<EntryMessage> entries, String kind) {
        return entries.stream().filter(e -> e.accepted() && e.kind().equals(kind)).toList();
    }

    /** Accepted iWMO, iJW and SVB entries in batches for their outbound queues. */
    public List<OutboundBatch> outboundBatches(List<EntryMessage> entries, String sender, int maxSize) {
        return OutboundBatch.of(entries, sender, List.of("IWMO", "IJW", "SVB"), maxSize);
    }

    /** After the accepted entries were sent (same broker transaction): they are QUEUED. */
    public void markQueued(String deliveryId, List<EntryMessage> entries) {
        List<EntryUpdate> updates = new ArrayList<>();
        for (EntryMessage e : entries) {
            if (e.accepted()) {
                updates.add(EntryUpdate.status(e.index(), DeliveryStatus.QUEUED, "queued for " + e.kind()));
            }
        }
        track.recordEntries(deliveryId, updates);
    }

    private EntryMessage classify(String deliveryId, int index, String name, String ref, String sender)
            throws IOException {
        Classification c = classifier.classify(name, store.path(ref), sender);
        String crossRef = c.referentienummer() != null ? c.referentienummer() : deliveryId;
        String details = c.envelope() != null ? c.envelope().foutDetails() : name;
        String kind = c.kind().name();
        String receiver = receiverOf(c);
        if (!c.accepted()) {
            return new EntryMessage(deliveryId, index, name, kind, c.functie(), ref, ref, c.envelope() != null,
                    c.reason(), c.detail(), crossRef, details, receiver);
        }
        if (c.kind() == Kind.CBS && c.envelope() != null) {
            // the GMSD check and CBS forwarding work on the CSV inside the envelope
            try {
                String inner = extractPayload(store.path(ref));
                String innerName = c.envelope().bestandsnaam() != null ? c.envelope().bestandsnaam() : name;
                return new EntryMessage(deliveryId, index, innerName, kind, c.functie(), inner, ref, true, null,
                        c.detail(), crossRef, details, receiver);
            } catch (EnvelopeException e) {
                return new EntryMessage(deliveryId, index, name, kind, c.functie(), ref, ref, true, e.reasonKey(),
                        e.detail(), crossRef, details, receiver);
            }
        }
        return new EntryMessage(deliveryId, index, name, kind, c.functie(), ref, ref, c.envelope() != null, null,
                c.detail(), crossRef, details, receiver);
    }

    /** Who receives the message: the party on the other side of its actual sender. */
    private static String receiverOf(Classification c) {
        if (c.envelope() != null) {
            return c.envelope().ontvanger() == null ? null : c.envelope().ontvanger().organisatie();
        }
        if (c.kind() == Kind.CBS || c.kind() == Kind.SVB) {
            return c.kind().name();
        }
        if (c.actualSender() != null && c.actualSender().equals(c.afzender())) {
            return c.ontvanger();
        }
        return c.afzender();
    }

    private String extractPayload(Path envelope) throws IOException, EnvelopeException {
        Path temp = Files.createTempFile(workDir, "payload-", ".bin");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                envelopes.extractPayload(envelope, out);
            }
            try (InputStream in = Files.newInputStream(temp)) {
                return store.store(in, maxEntryBytes).ref();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static EntryMessage rejected(String deliveryId, int index, String name, String kind, String functie,
                                         String ref, String reason, String detail) {
        return new EntryMessage(deliveryId, index, name, kind, functie, ref, ref, false, reason, detail, deliveryId,
                name, null);
    }

    /** Content decides; a name ending .zip only makes unrecognisable content a (broken) ZIP: IB901. */
    private static boolean isZip(String filename, Path payload) throws IOException {
        return ZipSplitter.looksLikeZip(payload)
                || (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".zip")
                        && !Classifier.contentIsNotZip(payload));
    }
}
