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
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.routing.OutputFile;
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

    // the same JSON as the routes' Jackson data format with the JavaTimeModule (an entry carries its receipt time)
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
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

    /**
     * What to deliver for an entry of an outbound batch, named {@code <delivery id>-<index>-<name>.xml}: bytes
     * for a small bare message, else a file (the stored envelope itself, or one wrapped under the work folder).
     */
    public OutputFile prepare(EntryMessage entry) throws IOException {
        String name = entry.deliveryId() + "-" + entry.index() + "-"
                + FileNames.baseName(FileNames.safe(entry.name()), ".xml") + ".xml";
        if (entry.enveloped()) {
            return new OutputFile(name, store.path(entry.payloadRef()));
        }
        Di01Request di01 = di01(entry);
        if (store.size(entry.payloadRef()) <= IN_MEMORY_LIMIT) {
            ByteArrayOutputStream wrapped = new ByteArrayOutputStream(8192);
            try (InputStream in = store.open(entry.payloadRef())) {
                envelopes.writeDi01(di01, in, wrapped);
            }
            return new OutputFile(name, wrapped.toByteArray());
        }
        Path wrapped = workDir.resolve("outbound-" + entry.deliveryId() + "-" + entry.index() + ".xml");
        try (InputStream in = store.open(entry.payloadRef()); OutputStream out = Files.newOutputStream(wrapped)) {
            envelopes.writeDi01(di01, in, out);
        }
        return new OutputFile(name, wrapped);
    }

    /**
     * What goes to the dead-letter queue for a failed entry: a batch of one, so it can be replayed as is. Without an
     * entry (a step after the entries failed: syncing the files, recording them) the whole batch.
     */
    public String deadLetter(EntryMessage entry, OutboundBatch batch) throws IOException {
        return JSON.writeValueAsString(entry == null ? batch
                : new OutboundBatch(entry.deliveryId(), entry.kind(), List.of(entry)));
    }

    private Di01Request di01(EntryMessage entry) {
        return new Di01Request(StufSysteem.of(entry.sender(), settings.portaalApplicatie()),
                entry.receiver() == null || entry.receiver().isBlank() ? "GGk" : entry.receiver(), entry.functie(),
                null, referentienummer(entry.deliveryId() + "-" + entry.index()), null);
    }

    /**
     * Forces the files a folder endpoint wrote for a batch (the file producer's {@code CamelFileNameProduced},
     * written with forceWrites=false) to disk together, before the batch is acknowledged. Entries sent to other
     * endpoints, or dead-lettered, leave no file name; those endpoints answer for their own durability. Anything but a
     * list (a batch whose entries were all refused wrote nothing, and its split left its body as it was) is no file.
     */
    public void syncDelivered(Object written) throws IOException {
        if (!(written instanceof List<?> names)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (Object file : names) {
            if (file instanceof String name && !name.isEmpty()) {
                files.add(Path.of(name));
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
            byte[] hash = ((MessageDigest) SHA_256.clone()).digest(key.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[8 + i] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cloned for every entry: cheaper than looking the algorithm up among the security providers each time. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
