package nl.ggk.hub.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.store.ContentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipSplitterTest {

    private static final byte[] CSV = "20260701;0384;999990007\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ContentStore store;
    private final ZipSplitter splitter = new ZipSplitter(ZipLimits.defaults());

    @BeforeEach
    void setUp() throws IOException {
        store = new ContentStore(dir.resolve("store"));
    }

    private EntrySink storeSink() {
        return (index, safeName, in) -> store.store(in, ZipLimits.defaults().maxEntryBytes() + 1).ref();
    }

    private Path zipOf(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(dir, "upload", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void storesEveryFileUnderItsSafeName() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("MSD/0384_WMO_2026H1.csv", CSV);
        entries.put("MSD/", new byte[0]);
        entries.put("__MACOSX/MSD/._0384_WMO_2026H1.csv", new byte[] {1, 2});
        entries.put("MSD/.DS_Store", new byte[] {3});
        entries.put("WMO301.xml", "<Bericht/>".getBytes(StandardCharsets.UTF_8));

        SplitResult result = splitter.split(zipOf(entries), storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::safeName)
                .containsExactly("0384_WMO_2026H1.csv", "WMO301.xml");
        assertThat(result.rejected()).isEmpty();
        ZipEntryOutcome csv = result.entries().get(0);
        assertThat(csv.originalName()).isEqualTo("MSD/0384_WMO_2026H1.csv");
        assertThat(csv.size()).isEqualTo(CSV.length);
        try (InputStream in = store.open(csv.ref())) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
    }

    @Test
    void pathTraversalAndOddNamesBecomeSafeUniqueBaseNames() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../../etc/passwd", CSV);
        entries.put("/abs/passwd", CSV);
        entries.put("dir\\..\\évil name\u0007.csv", CSV);
        entries.put("..", CSV);
        entries.put("x/" + "a".repeat(300) + ".csv", CSV);
        List<String> namesSeenBySink = new ArrayList<>();

        SplitResult result = splitter.split(zipOf(entries), (index, safeName, in) -> {
            namesSeenBySink.add(safeName);
            return store.store(in).ref();
        });

        assertThat(result.entries()).extracting(ZipEntryOutcome::safeName)
                .containsExactly("passwd", "passwd-2", "evil_name_.csv", "entry-3", "a".repeat(251) + ".csv");
        assertThat(namesSeenBySink).containsExactlyElementsOf(
                result.entries().stream().map(ZipEntryOutcome::safeName).toList());
        assertThat(namesSeenBySink).allMatch(n -> n.matches("[A-Za-z0-9._-]{1,255}") && !n.startsWith("."));
    }

    @Test
    void encryptedEntryIsRejectedButItsSiblingsAreKept() throws Exception {
        // commons-compress refuses to write encrypted data, so set the encryption flag the way a
        // password-protecting tool leaves it: general purpose bit 0 in the local and central headers.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("secret.csv", CSV);
        entries.put("open.csv", CSV);
        Path zip = zipOf(entries);
        markEncrypted(zip, "secret.csv");
        try (var check = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            assertThat(check.getEntry("secret.csv").getGeneralPurposeBit().usesEncryption()).isTrue();
        }

        SplitResult result = splitter.split(zip, storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::safeName, ZipEntryOutcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("secret.csv", "zip-encrypted"),
                        org.assertj.core.groups.Tuple.tuple("open.csv", null));
        assertThat(result.entries().get(0).ref()).isNull();
        assertThat(result.entries().get(1).ref()).isNotNull();
    }

    @Test
    void nestedZipIsRejectedByNameAndByMagic() throws Exception {
        Map<String, byte[]> inner = new LinkedHashMap<>();
        inner.put("a.csv", CSV);
        byte[] innerZip = Files.readAllBytes(zipOf(inner));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("inner.ZIP", innerZip);
        entries.put("disguised.csv", innerZip);
        entries.put("plain.csv", CSV);

        SplitResult result = splitter.split(zipOf(entries), storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason)
                .containsExactly("zip-nested", "zip-nested", null);
    }

    @Test
    void entryOverTheLimitIsRejectedButItsSiblingsAreKept() throws Exception {
        ZipSplitter small = new ZipSplitter(new ZipLimits(1000, 1000, 1_000_000, 100));
        byte[] random = new byte[5000];
        new java.util.Random(1).nextBytes(random);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("big.bin", random);
        entries.put("small.csv", CSV);

        SplitResult result = small.split(zipOf(entries), storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason).containsExactly("zip-entry-too-large", null);
    }

    @Test
    void entryOverTheStoresOwnLimitIsRejectedButItsSiblingsAreKept() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("big.csv", "x".repeat(500).getBytes(StandardCharsets.UTF_8));
        entries.put("small.csv", CSV);

        SplitResult result = splitter.split(zipOf(entries), (index, safeName, in) -> store.store(in, 100).ref());

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason).containsExactly("zip-entry-too-large", null);
    }

    @Test
    void entryLyingAboutItsSizeIsStoppedWhileStreaming() throws Exception {
        ZipSplitter small = new ZipSplitter(new ZipLimits(1000, 1000, 1_000_000, 100));
        byte[] random = new byte[5000];
        new java.util.Random(2).nextBytes(random);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("liar.bin", random);
        entries.put("small.csv", CSV);
        Path zip = zipOf(entries);
        declareUncompressedSize(zip, "liar.bin", 10);

        SplitResult result = small.split(zip, storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason).containsExactly("zip-entry-too-large", null);
        assertThat(result.entries().get(0).size()).isLessThanOrEqualTo(1000 + 64 * 1024);
    }

    @Test
    void entryWhoseDataFailsItsCrcIsRefusedAsDamagedButItsSiblingsAreKept() throws Exception {
        byte[] content = "20260701;0384;damaged-in-transit\r\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("damaged.csv", content);
        entries.put("whole.csv", CSV);
        Path zip = storedZipOf(entries);
        flipFirstByteOf(zip, content);
        List<String> stored = new ArrayList<>();

        SplitResult result = splitter.split(zip, (index, safeName, in) -> {
            String ref = store.store(in).ref();
            stored.add(safeName);
            return ref;
        });

        assertThat(result.entries()).extracting(ZipEntryOutcome::safeName, ZipEntryOutcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("damaged.csv", "zip-entry-damaged"),
                        org.assertj.core.groups.Tuple.tuple("whole.csv", null));
        assertThat(result.entries().get(0).ref()).isNull();
        assertThat(result.entries().get(0).detail()).contains("CRC-32");
        assertThat(stored).as("the damaged entry never completes in the store").containsExactly("whole.csv");
        try (InputStream in = store.open(result.entries().get(1).ref())) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
    }

    @Test
    void entryDeclaringMoreOrFewerBytesThanItHoldsIsRefusedAsDamaged() throws Exception {
        byte[] content = "x".repeat(500).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("shorter.csv", content);
        entries.put("longer.csv", content);
        entries.put("honest.csv", CSV);
        Path zip = zipOf(entries);
        declareUncompressedSize(zip, "shorter.csv", 10);
        declareUncompressedSize(zip, "longer.csv", 5000);

        SplitResult result = splitter.split(zip, storeSink());

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason)
                .containsExactly("zip-entry-damaged", "zip-entry-damaged", null);
        assertThat(result.entries().get(0).detail()).contains("500 bytes").contains("declares 10");
        assertThat(result.entries().get(1).detail()).contains("500 bytes").contains("declares 5000");
    }

    @Test
    void damageIsFoundEvenWhenTheSinkStopsReadingEarly() throws Exception {
        byte[] content = "20260701;0384;read-only-the-head\r\n".getBytes(StandardCharsets.UTF_8);
        Path zip = storedZipOf(Map.of("damaged.csv", content));
        flipFirstByteOf(zip, content);

        SplitResult result = splitter.split(zip, (index, safeName, in) -> {
            in.readNBytes(4);
            return "ref-" + index;
        });

        assertThat(result.entries()).extracting(ZipEntryOutcome::reason).containsExactly("zip-entry-damaged");
        assertThat(result.entries().get(0).ref()).isNull();
    }

    @Test
    void tooManyFilesRejectTheZip() throws Exception {
        ZipSplitter small = new ZipSplitter(new ZipLimits(3, 1000, 1_000_000, 100));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            entries.put("f" + i + ".csv", CSV);
        }

        assertThatThrownBy(() -> small.split(zipOf(entries), storeSink()))
                .isInstanceOfSatisfying(ZipRejectedException.class,
                        e -> assertThat(e.reasonKey()).isEqualTo("zip-too-many-entries"));
    }

    @Test
    void zipWithOnlyDirectoriesAndClutterIsEmpty() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("MSD/", new byte[0]);
        entries.put("__MACOSX/x", new byte[] {1});
        entries.put(".DS_Store", new byte[] {1});

        assertThatThrownBy(() -> splitter.split(zipOf(entries), storeSink()))
                .isInstanceOfSatisfying(ZipRejectedException.class,
                        e -> assertThat(e.reasonKey()).isEqualTo("zip-empty"));
    }

    @Test
    void totalOverTheLimitRejectsTheZip() throws Exception {
        ZipSplitter small = new ZipSplitter(new ZipLimits(1000, 10_000, 12_000, 100));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 3; i++) {
            byte[] content = new byte[5000];
            random.nextBytes(content);
            entries.put("f" + i + ".bin", content);
        }

        assertThatThrownBy(() -> small.split(zipOf(entries), storeSink()))
                .isInstanceOfSatisfying(ZipRejectedException.class,
                        e -> assertThat(e.reasonKey()).isEqualTo("zip-too-large-uncompressed"));
    }

    @Test
    void garbageAndTruncatedFilesAreInvalid() throws Exception {
        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "this is not a zip at all");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.csv", CSV);
        byte[] whole = Files.readAllBytes(zipOf(entries));
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

        for (Path bad : List.of(garbage, truncated)) {
            assertThatThrownBy(() -> splitter.split(bad, storeSink()))
                    .isInstanceOfSatisfying(ZipRejectedException.class,
                            e -> assertThat(e.reasonKey()).isEqualTo("zip-invalid"));
        }
    }

    @Test
    void zipBombIsRejectedFastWithoutWritingItOut() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        long[] written = {0};

        assertThatThrownBy(() -> splitter.split(bomb, countingSink(written)))
                .isInstanceOfSatisfying(ZipRejectedException.class,
                        e -> assertThat(e.reasonKey()).isEqualTo("zip-compression-ratio"));
        assertThat(written[0]).isZero();
    }

    @Test
    void zipBombLyingAboutItsSizeIsStoppedEarlyWhileStreaming() throws Exception {
        Path bomb = dir.resolve("liar-bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        declareUncompressedSize(bomb, "zeros.csv", 1000);
        long[] written = {0};

        assertThatThrownBy(() -> splitter.split(bomb, countingSink(written)))
                .isInstanceOfSatisfying(ZipRejectedException.class,
                        e -> assertThat(e.reasonKey()).isEqualTo("zip-compression-ratio"));
        assertThat(written[0]).isLessThan(5L * 1024 * 1024);
    }

    @Test
    void looksLikeZipTellsByMagicBytes() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.csv", CSV);
        assertThat(ZipSplitter.looksLikeZip(zipOf(entries))).isTrue();
        assertThat(ZipSplitter.looksLikeZip("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(ZipSplitter.looksLikeZip(new byte[] {'P', 'K'})).isFalse();
    }

    private static EntrySink countingSink(long[] written) {
        return (index, safeName, in) -> {
            try (OutputStream out = OutputStream.nullOutputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    written[0] += n;
                    out.write(buffer, 0, n);
                }
            }
            return "ref-" + index;
        };
    }

    /**
     * Rewrites the uncompressed size of {@code entryName} in its local header and central directory record,
     * as a hostile archive would.
     */
    private static void declareUncompressedSize(Path zip, String entryName, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < bytes.length; i++) {
            int signature = buffer.getInt(i);
            if (signature == 0x04034b50 && matchesName(bytes, i + 30, buffer.getShort(i + 26), name)) {
                buffer.putInt(i + 22, size);
            } else if (signature == 0x02014b50 && matchesName(bytes, i + 46, buffer.getShort(i + 28), name)) {
                buffer.putInt(i + 24, size);
            } else if (signature == 0x08074b50) {
                buffer.putInt(i + 12, size);
            }
        }
        Files.write(zip, bytes);
    }

    /** Entries written uncompressed, so that a byte of their data can be damaged where it lies. */
    private Path storedZipOf(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(dir, "stored", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Damages the data of a stored entry in place (as a bad disk or transfer would): headers stay intact. */
    private static void flipFirstByteOf(Path zip, byte[] content) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        for (int i = 0; i + content.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + content.length, content, 0, content.length)) {
                bytes[i] ^= 0x20;
                Files.write(zip, bytes);
                return;
            }
        }
        throw new IllegalStateException("content not found in the ZIP");
    }

    private static void markEncrypted(Path zip, String entryName) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < bytes.length; i++) {
            int signature = buffer.getInt(i);
            if (signature == 0x04034b50 && matchesName(bytes, i + 30, buffer.getShort(i + 26), name)) {
                bytes[i + 6] |= 1;
            } else if (signature == 0x02014b50 && matchesName(bytes, i + 46, buffer.getShort(i + 28), name)) {
                bytes[i + 8] |= 1;
            }
        }
        Files.write(zip, bytes);
    }

    private static boolean matchesName(byte[] bytes, int offset, int length, byte[] name) {
        return length == name.length && offset + length <= bytes.length
                && java.util.Arrays.equals(bytes, offset, offset + length, name, 0, name.length);
    }
}
