package nl.ggk.hub.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** ZIPs for tests, built in memory from named contents. */
public final class Zips {

    private Zips() {
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
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
