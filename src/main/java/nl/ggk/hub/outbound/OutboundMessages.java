package nl.ggk.hub.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.store.ContentStore;
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

    private final ContentStore store;
    private final EnvelopeWriter envelopes;
    private final StufSettings settings;
    private final Path workDir;

    public OutboundMessages(ContentStore store, EnvelopeWriter envelopes, StufSettings settings, Path workDir) {
        this.store = store;
        this.envelopes = envelopes;
        this.settings = settings;
        this.workDir = workDir;
    }

    /** The file to deliver: the stored envelope itself, or a freshly wrapped one under the work folder. */
    public Path prepare(String deliveryId, int index, String payloadRef, boolean enveloped, String sender,
                        String receiver, String functie) throws IOException {
        if (enveloped) {
            return store.path(payloadRef);
        }
        Path wrapped = workDir.resolve("outbound-" + deliveryId + "-" + index + ".xml");
        Di01Request request = new Di01Request(StufSysteem.of(sender, settings.portaalApplicatie()),
                receiver == null || receiver.isBlank() ? "GGk" : receiver, functie, null,
                referentienummer(deliveryId + "-" + index), null);
        try (InputStream in = store.open(payloadRef); OutputStream out = Files.newOutputStream(wrapped)) {
            envelopes.writeDi01(request, in, out);
        }
        return wrapped;
    }

    public String outboundName(String deliveryId, int index, String name) {
        String safe = FileNames.safe(name);
        return deliveryId + "-" + index + "-" + (safe.toLowerCase().endsWith(".xml") ? safe : safe + ".xml");
    }

    /** Removes a wrapped envelope once delivered; stored payloads stay. */
    public void cleanup(Path delivered) throws IOException {
        if (delivered != null && delivered.startsWith(workDir)) {
            Files.deleteIfExists(delivered);
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
