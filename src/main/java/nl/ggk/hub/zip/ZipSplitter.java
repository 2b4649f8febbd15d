package nl.ggk.hub.zip;

import static nl.ggk.hub.errors.ErrorReasons.ZIP_INVALID;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_TOO_MANY_ENTRIES;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_ENCRYPTED;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_ENTRY_TOO_LARGE;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_EMPTY;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_TOO_LARGE_UNCOMPRESSED;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_COMPRESSION_RATIO;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_NESTED;
import static nl.ggk.hub.errors.ErrorReasons.ZIP_ENTRY_DAMAGED;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import nl.ggk.hub.store.ContentStore;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Splits a ZIP on disk into its files, applying the GGk's checks. Each entry is streamed to an
 * {@link EntrySink}; nothing is held whole in memory and no entry name ever reaches the file system.
 * Hazards in one entry (encrypted, too large, nested ZIP) reject that entry only; hazards of the archive
 * itself (invalid, too many files, empty, too large in total, zip bomb) reject the whole ZIP.
 */
public final class ZipSplitter {


    /** Small, very regular files (a CSV of empty columns) compress well; judge the ratio only beyond this. */
    static final long RATIO_GRACE_BYTES = 1024L * 1024L;

    private static final int MAX_SAFE_NAME = 255;
    private static final byte[][] ZIP_MAGICS = {
        {'P', 'K', 3, 4}, // local file header
        {'P', 'K', 5, 6}, // end of central directory: an empty archive
        {'P', 'K', 7, 8}, // spanned archive marker
    };

    private final ZipLimits limits;

    public ZipSplitter(ZipLimits limits) {
        this.limits = limits;
    }

    /**
     * Splits {@code zipFile}, handing every acceptable entry to {@code sink}.
     *
     * @throws ZipRejectedException the ZIP as a whole is refused; entries already handed to the sink stay stored
     * @throws IOException          the sink failed (e.g. the content store): an internal error, not a ZIP problem
     */
    public SplitResult split(Path zipFile, EntrySink sink) throws ZipRejectedException, IOException {
        if (!Files.isRegularFile(zipFile)) {
            throw new IOException("no ZIP file at " + zipFile);
        }
        if (!looksLikeZip(zipFile)) {
            throw new ZipRejectedException(ZIP_INVALID, "Het bestand begint niet als een ZIP-bestand. Maak het ZIP-bestand opnieuw aan"
                    + " (bijvoorbeeld met Verkennen: Comprimeren naar ZIP) en lever het opnieuw aan.");
        }
        long zipSize = Files.size(zipFile);
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).get();
        } catch (IOException | RuntimeException e) {
            throw new ZipRejectedException(ZIP_INVALID, "Het ZIP-bestand kan niet worden gelezen (beschadigd of onvolledig"
                    + " verstuurd). Maak het opnieuw aan en lever het opnieuw aan.", e);
        }
        try (zip) {
            List<ZipArchiveEntry> usable = usableEntries(zip);
            if (usable.isEmpty()) {
                throw new ZipRejectedException(ZIP_EMPTY, "Het ZIP-bestand bevat geen bestanden.");
            }
            if (usable.size() > limits.maxEntries()) {
                throw new ZipRejectedException(ZIP_TOO_MANY_ENTRIES,
                        "Het ZIP-bestand bevat " + usable.size() + " bestanden, ten hoogste " + limits.maxEntries()
                                + " zijn toegestaan.");
            }
            return splitEntries(zip, usable, zipSize, sink);
        }
    }

    private SplitResult splitEntries(ZipFile zip, List<ZipArchiveEntry> usable, long zipSize, EntrySink sink)
            throws ZipRejectedException, IOException {
        rejectDeclaredBomb(usable);
        Set<String> takenNames = new HashSet<>();
        List<ZipEntryOutcome> outcomes = new ArrayList<>();
        long total = 0;
        for (int index = 0; index < usable.size(); index++) {
            ZipArchiveEntry entry = usable.get(index);
            String name = entry.getName();
            String safeName = uniqueSafeName(name, index, takenNames);
            String refusal = refusalBeforeReading(zip, entry);
            if (refusal != null) {
                outcomes.add(rejected(index, name, safeName, Math.max(0, entry.getSize()), refusal));
                continue;
            }
            LimitedEntryStream in;
            try {
                in = new LimitedEntryStream(zip.getInputStream(entry), entry, total, zipSize);
            } catch (IOException | RuntimeException e) {
                outcomes.add(new ZipEntryOutcome(index, name, safeName, null, 0, ZIP_INVALID,
                        "Het bestand in de ZIP kan niet worden gelezen. Maak het ZIP-bestand opnieuw aan."));
                continue;
            }
            try (in) {
                BufferedInputStream buffered = new BufferedInputStream(in);
                if (startsWithZipMagic(buffered)) {
                    outcomes.add(rejected(index, name, safeName, 0, ZIP_NESTED));
                    total += in.count;
                    continue;
                }
                String ref = sink.accept(index, safeName, buffered);
                in.drain(); // a sink that stopped early must not let the rest escape the limits
                outcomes.add(new ZipEntryOutcome(index, name, safeName, ref, in.count, null, null));
            } catch (IOException e) {
                if (isStoreSizeLimit(e)) {
                    outcomes.add(new ZipEntryOutcome(index, name, safeName, null, in.count, ZIP_ENTRY_TOO_LARGE,
                            "Het bestand is groter dan toegestaan (" + limits.maxEntryBytes() / (1024 * 1024) + " MB)."));
                    total += in.count;
                    continue;
                }
                EntryStreamException cause = entryStreamCause(e);
                if (cause == null) {
                    throw e;
                }
                if (cause.wholeZipReason != null) {
                    throw new ZipRejectedException(cause.wholeZipReason, cause.getMessage());
                }
                outcomes.add(new ZipEntryOutcome(index, name, safeName, null, in.count, cause.entryReason,
                        cause.getMessage()));
            }
            total += in.count;
        }
        return new SplitResult(outcomes);
    }

    /** Checks the declared sizes: a lying archive is caught later while streaming, an honest bomb right here. */
    private void rejectDeclaredBomb(List<ZipArchiveEntry> usable) throws ZipRejectedException {
        long declaredTotal = 0;
        for (ZipArchiveEntry entry : usable) {
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size > RATIO_GRACE_BYTES && compressed >= 0
                    && size > (double) limits.maxCompressionRatio() * Math.max(1, compressed)) {
                throw new ZipRejectedException(ZIP_COMPRESSION_RATIO, "Een bestand in de ZIP is " + size / Math.max(1, compressed)
                        + " keer zo sterk gecomprimeerd; ten hoogste " + limits.maxCompressionRatio() + " keer is toegestaan.");
            }
            if (size > 0) {
                declaredTotal += size;
            }
        }
        if (declaredTotal > limits.maxTotalUncompressedBytes()) {
            throw new ZipRejectedException(ZIP_TOO_LARGE_UNCOMPRESSED, "Het ZIP-bestand is uitgepakt " + declaredTotal
                    + " bytes; ten hoogste " + limits.maxTotalUncompressedBytes() + " bytes zijn toegestaan. Verdeel de bestanden over meer ZIP-bestanden.");
        }
    }

    private String refusalBeforeReading(ZipFile zip, ZipArchiveEntry entry) {
        if (entry.getGeneralPurposeBit().usesEncryption() || entry.getGeneralPurposeBit().usesStrongEncryption()) {
            return ZIP_ENCRYPTED;
        }
        if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return ZIP_NESTED;
        }
        if (entry.getSize() > limits.maxEntryBytes()) {
            return ZIP_ENTRY_TOO_LARGE;
        }
        if (entry.isUnixSymlink() || !zip.canReadEntryData(entry)) {
            return ZIP_INVALID;
        }
        return null;
    }

    private ZipEntryOutcome rejected(int index, String name, String safeName, long size, String reason) {
        String detail = switch (reason) {
            case ZIP_ENCRYPTED -> "Het bestand is beveiligd met een wachtwoord. Lever het aan zonder wachtwoord.";
            case ZIP_NESTED -> "Het bestand is zelf een ZIP-bestand. Lever de bestanden los of in één ZIP-bestand aan.";
            case ZIP_ENTRY_TOO_LARGE -> "Het bestand is groter dan " + limits.maxEntryBytes() / (1024 * 1024) + " MB. Verdeel de inhoud over kleinere bestanden.";
            default -> "Het bestand gebruikt een compressiemethode of soort (bijvoorbeeld een snelkoppeling) die niet"
                    + " gelezen kan worden. Maak het ZIP-bestand opnieuw aan met de standaardinstellingen.";
        };
        return new ZipEntryOutcome(index, name, safeName, null, size, reason, detail);
    }

    private static List<ZipArchiveEntry> usableEntries(ZipFile zip) {
        List<ZipArchiveEntry> result = new ArrayList<>();
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (!isIgnored(entry)) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Directories and the clutter macOS adds to every archive it makes. */
    static boolean isIgnored(ZipArchiveEntry entry) {
        String name = entry.getName().replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1);
        return entry.isDirectory() || name.endsWith("/") || name.startsWith("__MACOSX/") || name.contains("/__MACOSX/")
                || base.equals(".DS_Store");
    }

    /**
     * A base name of {@code [A-Za-z0-9._-]}, at most 255 characters, not starting with a dot, unique within the ZIP
     * (case-insensitively, for case-insensitive file systems).
     */
    static String uniqueSafeName(String entryName, int index, Set<String> taken) {
        String candidate = safeBaseName(entryName, index);
        String result = candidate;
        for (int n = 2; taken.contains(result.toLowerCase(Locale.ROOT)); n++) {
            result = withSuffix(candidate, "-" + n);
        }
        taken.add(result.toLowerCase(Locale.ROOT));
        return result;
    }

    static String safeBaseName(String entryName, int index) {
        String name = entryName.replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1);
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '_' || c == '.')) {
            safe = "entry-" + index;
        }
        return truncate(safe, MAX_SAFE_NAME);
    }

    private static String withSuffix(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return truncate(stem, MAX_SAFE_NAME - suffix.length() - extension.length()) + suffix + extension;
    }

    private static String truncate(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        return name.substring(0, max - extension.length()) + extension;
    }

    /** Whether the file starts with a ZIP signature. */
    public static boolean looksLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return looksLikeZip(in.readNBytes(4));
        }
    }

    /** Whether {@code head} (at least the first 4 bytes of a file) starts with a ZIP signature. */
    public static boolean looksLikeZip(byte[] head) {
        if (head == null || head.length < 4) {
            return false;
        }
        byte[] first = Arrays.copyOf(head, 4);
        for (byte[] magic : ZIP_MAGICS) {
            if (Arrays.equals(first, magic)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithZipMagic(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return looksLikeZip(head);
    }

    /** The integrator's store may enforce a size limit of its own; that is the entry's fault, not ours. */
    private static boolean isStoreSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentStore.PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static EntryStreamException entryStreamCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EntryStreamException found) {
                return found;
            }
        }
        return null;
    }

    /** Raised from inside the entry stream, so it can be told apart from failures of the sink. */
    private static final class EntryStreamException extends IOException {
        final String entryReason;
        final String wholeZipReason;

        EntryStreamException(String entryReason, String wholeZipReason, String detail, Throwable cause) {
            super(detail, cause);
            this.entryReason = entryReason;
            this.wholeZipReason = wholeZipReason;
        }
    }

    /**
     * Counts the bytes actually inflated and fails as soon as a limit is passed; at the end of the entry it
     * fails unless the data matches the CRC-32 and the size the archive declares (commons-compress checks
     * neither), so a damaged entry never reaches a sink as if it were whole.
     */
    private final class LimitedEntryStream extends FilterInputStream {
        private final ZipArchiveEntry entry;
        private final long totalBefore;
        private final long zipSize;
        private final CRC32 crc = new CRC32();
        long count;

        LimitedEntryStream(InputStream in, ZipArchiveEntry entry, long totalBefore, long zipSize) {
            super(in);
            this.entry = entry;
            this.totalBefore = totalBefore;
            this.zipSize = zipSize;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new EntryStreamException(ZIP_INVALID, null, "De gegevens van het bestand in de ZIP zijn beschadigd. Maak het ZIP-bestand"
                        + " opnieuw aan en lever het opnieuw aan.", e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
                check();
            } else if (n == -1) {
                verifyWhole();
            }
            return n;
        }

        private void verifyWhole() throws EntryStreamException {
            if (entry.getSize() >= 0 && count != entry.getSize()) {
                throw new EntryStreamException(ZIP_ENTRY_DAMAGED, null, "file holds " + count
                        + " bytes but the ZIP declares " + entry.getSize(), null);
            }
            if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                throw new EntryStreamException(ZIP_ENTRY_DAMAGED, null, String.format(Locale.ROOT,
                        "file data fails its CRC-32 check (computed %08x, the ZIP declares %08x)",
                        crc.getValue(), entry.getCrc()), null);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            int read = read(buffer, 0, (int) Math.min(buffer.length, n));
            return Math.max(0, read);
        }

        void drain() throws IOException {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) != -1) {
                // counting only
            }
        }

        private void check() throws EntryStreamException {
            if (in instanceof InputStreamStatistics stats && count > RATIO_GRACE_BYTES
                    && count > (double) limits.maxCompressionRatio() * Math.max(1, stats.getCompressedCount())) {
                throw new EntryStreamException(null, ZIP_COMPRESSION_RATIO, "Een bestand in de ZIP wordt uitgepakt meer dan "
                        + limits.maxCompressionRatio() + " keer zo groot als gecomprimeerd; dat is niet toegestaan.", null);
            }
            long total = totalBefore + count;
            if (total > RATIO_GRACE_BYTES && total > (double) limits.maxCompressionRatio() * Math.max(1, zipSize)) {
                throw new EntryStreamException(null, ZIP_COMPRESSION_RATIO, "Het ZIP-bestand wordt uitgepakt meer dan "
                        + limits.maxCompressionRatio() + " keer zo groot als het zelf is; dat is niet toegestaan.", null);
            }
            if (total > limits.maxTotalUncompressedBytes()) {
                throw new EntryStreamException(null, ZIP_TOO_LARGE_UNCOMPRESSED, "Het ZIP-bestand bevat uitgepakt meer dan "
                        + limits.maxTotalUncompressedBytes() + " bytes. Verdeel de bestanden over meer ZIP-bestanden.", null);
            }
            if (count > limits.maxEntryBytes()) {
                throw new EntryStreamException(ZIP_ENTRY_TOO_LARGE, null, "Het bestand is groter dan "
                        + limits.maxEntryBytes() / (1024 * 1024) + " MB. Verdeel de inhoud over kleinere bestanden.", null);
            }
        }
    }
}
