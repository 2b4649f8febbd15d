package nl.ggk.hub.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.DiskSync;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * What an outbound channel delivers for an entry: the StUF-GGk envelope it arrived in, or a 0210 Di01
 * envelope made around a bare message. Output names and envelope referentienummers derive from the entry
 * (delivery id + index), so a redelivered message produces the same file, never a second one.
 */
public final class OutboundMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Messages up to this size are wrapped in memory; larger ones (up to 25 MB) via a work file. */
    private static final long IN_MEMORY_LIMIT = 1024 * 1024;

    private final ContentStore store;
    private final EnvelopeWriter envelopes;
    private final StufSettings settings;
    private final Path workDir;

    private final DiskSync diskSync;

    public OutboundMessages(ContentStore store, EnvelopeWriter envelopes, StufSettings settings, Path workDir,
                            DiskSync diskSync) {
        this.store = store;
        this.diskSync = diskSync;
        this.envelopes = envelopes;
        this.settings = settings;
        this.workDir = workDir;
    }

    /** The entries of a batch still to deliver: a redelivered batch skips those already forwarded. */
    public List<EntryMessage> pending(OutboundBatch batch, List<Integer> forwarded) {
        return batch.entries().stream().filter(e -> !forwarded.contains(e.index())).toList();
    }

    /** What to deliver for an entry of an outbound batch: bytes for a small message, else a file. */
    public Object prepare(EntryMessage entry, String sender) throws IOException {
        if (!entry.enveloped() && store.size(entry.payloadRef()) <= IN_MEMORY_LIMIT) {
            ByteArrayOutputStream wrapped = new ByteArrayOutputStream(8192);
            try (InputStream in = store.open(entry.payloadRef())) {
                envelopes.writeDi01(di01(entry.deliveryId(), entry.index(), sender, entry.receiver(), entry.functie()),
                        in, wrapped);
            }
            return wrapped.toByteArray();
        }
        return prepare(entry.deliveryId(), entry.index(), entry.payloadRef(), entry.enveloped(), sender,
                entry.receiver(), entry.functie());
    }

    /** What goes to the dead-letter queue for a failed entry: a batch of one, so it can be replayed as is. */
    public String deadLetter(EntryMessage entry, String sender) throws IOException {
        return JSON.writeValueAsString(new OutboundBatch(entry.deliveryId(), sender, entry.kind(), List.of(entry)));
    }

    /** The file to deliver: the stored envelope itself, or a freshly wrapped one under the work folder. */
    public Path prepare(String deliveryId, int index, String payloadRef, boolean enveloped, String sender,
                        String receiver, String functie) throws IOException {
        if (enveloped) {
            return store.path(payloadRef);
        }
        Path wrapped = workDir.resolve("outbound-" + deliveryId + "-" + index + ".xml");
        try (InputStream in = store.open(payloadRef); OutputStream out = Files.newOutputStream(wrapped)) {
            envelopes.writeDi01(di01(deliveryId, index, sender, receiver, functie), in, out);
        }
        return wrapped;
    }

    private Di01Request di01(String deliveryId, int index, String sender, String receiver, String functie) {
        return new Di01Request(StufSysteem.of(sender, settings.portaalApplicatie()),
                receiver == null || receiver.isBlank() ? "GGk" : receiver, functie, null,
                referentienummer(deliveryId + "-" + index), null);
    }

    public String outboundName(String deliveryId, int index, String name) {
        String safe = FileNames.safe(name);
        return deliveryId + "-" + index + "-" + (safe.toLowerCase().endsWith(".xml") ? safe : safe + ".xml");
    }

    /**
     * For a folder endpoint ({@code file:} URI, written with forceWrites=false): forces the batch's files
     * to disk together before the batch is acknowledged. Other endpoints answer for their own durability.
     */
    public void syncDelivered(String endpointUri, OutboundBatch batch) throws IOException {
        if (endpointUri == null || !endpointUri.startsWith("file:")) {
            return;
        }
        int query = endpointUri.indexOf('?');
        Path folder = Path.of(endpointUri.substring("file:".length(), query < 0 ? endpointUri.length() : query));
        List<Path> files = new ArrayList<>();
        for (EntryMessage entry : batch.entries()) {
            Path file = folder.resolve(outboundName(entry.deliveryId(), entry.index(), entry.name()));
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        diskSync.force(files);
    }

    /** Removes a wrapped envelope file once delivered; stored payloads stay. */
    public void cleanup(Object delivered) throws IOException {
        if (delivered instanceof Path file && file.startsWith(workDir)) {
            Files.deleteIfExists(file);
        }
    }

    /** A UUID v4 (version and variant bits set) that is the same for the same entry. */
    static String referentienummer(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[8 + i] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
