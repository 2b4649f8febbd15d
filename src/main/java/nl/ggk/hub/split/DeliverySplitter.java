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
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.zip.SplitResult;
import nl.ggk.hub.zip.ZipEntryOutcome;
import nl.ggk.hub.zip.ZipRejectedException;
import nl.ggk.hub.zip.ZipSplitter;

/**
 * Turns a stored delivery into entries: a ZIP is split (each entry stored once) and every entry is
 * classified. Running it twice for the same delivery (broker redelivery after a crash) yields the same
 * entries; the route records them in track &amp; trace.
 */
public final class DeliverySplitter {

    private final ContentStore store;
    private final ZipSplitter zips;
    private final Classifier classifier;
    private final EnvelopeReader envelopes = new EnvelopeReader();
    private final Path workDir;
    private final long maxEntryBytes;
    private final int batchSize;

    /** {@code batchSize}: how many entries of one kind travel to their outbound queue in one message. */
    public DeliverySplitter(ContentStore store, ZipSplitter zips, Classifier classifier, Path workDir,
                            long maxEntryBytes, int batchSize) {
        this.batchSize = batchSize;
        this.store = store;
        this.zips = zips;
        this.classifier = classifier;
        this.workDir = workDir;
        this.maxEntryBytes = maxEntryBytes;
    }

    public SplitDelivery split(Receipt receipt) throws IOException {
        Path payload = store.path(receipt.payloadRef());
        String filename = receipt.filename();
        List<EntryMessage> entries = new ArrayList<>();
        String summary;
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
                            ? classify(receipt, outcome.index(), outcome.safeName(), outcome.ref())
                            : rejected(receipt, outcome.index(), outcome.safeName(),
                                    outcome.ref() == null ? receipt.payloadRef() : outcome.ref(), outcome.reason(),
                                    outcome.detail()));
                }
                summary = result.entries().size() + (result.entries().size() == 1 ? " bestand" : " bestanden");
            } catch (ZipRejectedException e) {
                entries.add(rejected(receipt, 0, filename, receipt.payloadRef(), e.reasonKey(), e.detail()));
                summary = "ZIP als geheel geweigerd (" + e.reasonKey() + ")";
            }
        } else if (store.size(receipt.payloadRef()) > maxEntryBytes) {
            // the GGk's limit for one message; a ZIP may be larger as long as each of its entries is not
            entries.add(rejected(receipt, 0, filename, receipt.payloadRef(), ErrorReasons.TOO_LARGE,
                    "bestand van " + store.size(receipt.payloadRef()) + " bytes, meer dan " + maxEntryBytes));
            summary = "1 bestand";
        } else {
            entries.add(classify(receipt, 0, filename, receipt.payloadRef()));
            summary = "1 bestand";
        }
        return new SplitDelivery(receipt.deliveryId(), entries, summary, batchSize);
    }

    private EntryMessage classify(Receipt receipt, int index, String name, String ref) throws IOException {
        // the gemeente the entry names must be the one the delivery is for (one gemeente per entry)
        Classification c = classifier.classify(name, store.path(ref), receipt.sender(), receipt.organisation());
        String crossRef = c.referentienummer() != null ? c.referentienummer() : receipt.deliveryId();
        String details = c.envelope() != null ? c.envelope().foutDetails() : name;
        Kind kind = c.kind();
        String receiver = receiverOf(c);
        if (!c.accepted()) {
            return entry(receipt, index, name, kind, c.functie(), ref, ref, c.envelope() != null, c.reason(),
                    c.detail(), crossRef, details, receiver);
        }
        if (c.kind() == Kind.CBS && c.envelope() != null) {
            // the GMSD check and CBS forwarding work on the CSV inside the envelope
            try {
                String inner = extractPayload(store.path(ref));
                String innerName = c.envelope().bestandsnaam() != null ? c.envelope().bestandsnaam() : name;
                return entry(receipt, index, innerName, kind, c.functie(), inner, ref, true, null, c.detail(),
                        crossRef, details, receiver);
            } catch (EnvelopeException e) {
                return entry(receipt, index, name, kind, c.functie(), ref, ref, true, e.reasonKey(), e.detail(),
                        crossRef, details, receiver);
            }
        }
        return entry(receipt, index, name, kind, c.functie(), ref, ref, c.envelope() != null, null, c.detail(),
                crossRef, details, receiver);
    }

    private static EntryMessage entry(Receipt receipt, int index, String name, Kind kind, String functie,
                                      String payloadRef, String originalRef, boolean enveloped, String reason,
                                      String detail, String crossRef, String fo01Details, String receiver) {
        return new EntryMessage(receipt.deliveryId(), receipt.sender(), receipt.receivedAt(), index, name, kind,
                functie, payloadRef, originalRef, enveloped, reason, detail, crossRef, fo01Details, receiver, receipt);
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

    private static EntryMessage rejected(Receipt receipt, int index, String name, String ref, String reason,
                                         String detail) {
        return entry(receipt, index, name, Kind.UNKNOWN, null, ref, ref, false, reason, detail, receipt.deliveryId(),
                name, null);
    }

    /** Content decides; a name ending .zip only makes unrecognisable content a (broken) ZIP: IB901. */
    private static boolean isZip(String filename, Path payload) throws IOException {
        return ZipSplitter.looksLikeZip(payload)
                || (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".zip")
                        && !Classifier.contentIsNotZip(payload));
    }
}
