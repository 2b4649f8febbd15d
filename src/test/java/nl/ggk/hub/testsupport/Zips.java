package nl.ggk.hub.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * ZIPs for tests, built in memory from named contents. Each ZIP built is unique (a comment of its own), so that the
 * hub never takes it for a repeat of one another test sent, and none depends on the clock (every entry carries the
 * same fixed time): the same bytes again are only ever the same {@code byte[]} sent twice on purpose.
 */
public final class Zips {

    /** The time of every entry: a ZIP built twice from the same contents differs only in its comment. */
    private static final long ENTRY_TIME = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = UUID.randomUUID().toString();

    private Zips() {
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setComment("test zip " + RUN + " " + NEXT.incrementAndGet());
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The 21 official iWmo/iJw 3.2 sample messages (skips the test when the reference folder is absent). */
    public static Map<String, byte[]> istandaardenSamples() {
        Path dir = ReferenceFiles.dir().resolve("istandaarden-3.2");
        Map<String, byte[]> samples = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> xml = new ArrayList<>(files.filter(p -> p.toString().endsWith(".xml")).sorted().toList());
            for (Path p : xml) {
                samples.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }
}
