package nl.ggk.hub.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Claim-check store: every payload is written once, named by its SHA-256, and forced to disk before
 * its reference is handed out, so a broker message that carries the reference never outlives its data.
 */
public final class ContentStore {

    /** A stored payload: {@code ref} is the lower-case hex SHA-256 of the content. */
    public record StoredPayload(String ref, long size) {
    }

    /** Thrown when a payload grows past the size limit given to {@link #store(InputStream, long)}. */
    public static final class PayloadTooLargeException extends IOException {
        private final long limit;

        public PayloadTooLargeException(long limit) {
            super("payload larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    // most payloads are a few KB (a ZIP's entries): a larger buffer cost more to allocate than the copy itself
    private static final int BUFFER = 16 * 1024;

    private final Path root;
    private final Path incoming;

    private final DiskSync diskSync;

    public ContentStore(Path root) throws IOException {
        this(root, new DiskSync(16));
    }

    public ContentStore(Path root, DiskSync diskSync) throws IOException {
        this.root = root;
        this.diskSync = diskSync;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    public StoredPayload store(InputStream in) throws IOException {
        return store(in, Long.MAX_VALUE);
    }

    /** Streams {@code in} to the store (constant memory), forces it to disk and returns its reference. */
    public StoredPayload store(InputStream in, long maxBytes) throws IOException {
        return store(in, maxBytes, true);
    }

    /**
     * Stores without waiting for the disk when {@code force} is false: the caller must {@link #sync} the
     * references before it hands them out. Many small payloads (a ZIP's entries) are cheaper to force
     * together, because the file system then commits their syncs in one journal transaction.
     */
    public StoredPayload store(InputStream in, long maxBytes, boolean force) throws IOException {
        MessageDigest digest = sha256();
        Path temp = Files.createTempFile(incoming, "payload-", ".part");
        long size = 0;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            String ref = HexFormat.of().formatHex(digest.digest());
            Path target = path(ref);
            if (Files.exists(target)) {
                Files.delete(temp);
            } else {
                Files.createDirectories(target.getParent());
                moveAtomically(temp, target);
            }
            return new StoredPayload(ref, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Forces the given payloads to disk, together; returns when all are durable. */
    public void sync(Collection<String> refs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String ref : refs) {
            files.add(path(ref));
        }
        diskSync.force(files);
    }

    public Path path(String ref) {
        if (!isRef(ref)) {
            throw new IllegalArgumentException("not a content reference: " + ref);
        }
        return root.resolve(ref.substring(0, 2)).resolve(ref.substring(2, 4)).resolve(ref);
    }

    /** 64 lower-case hex digits (a hand-written check: String.matches compiled its pattern on every call). */
    private static boolean isRef(String ref) {
        if (ref == null || ref.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = ref.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public boolean exists(String ref) {
        return Files.exists(path(ref));
    }

    public InputStream open(String ref) throws IOException {
        return Files.newInputStream(path(ref));
    }

    public long size(String ref) throws IOException {
        return Files.size(path(ref));
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(source);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
