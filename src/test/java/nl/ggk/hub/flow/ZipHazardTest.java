package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every ZIP hazard the GGk checks gives its code in a Fo01, keeps the original in quarantine/, and the
 * hub goes on serving the next delivery.
 */
class ZipHazardTest extends HubTestSupport {


    @AfterEach
    void hubStillServesTheNextDelivery() {
        // not the WMO301 the tests send: a message already forwarded is refused as a duplicate (GGK020)
        byte[] jw325 = Zips.istandaardenSamples().get("JW325.xml");
        String id = deliver("volgende.zip", Zips.zip(Map.of("JW325.xml", jw325)));
        assertThat(awaitFinal(id).get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void notAZipIsIB901() throws Exception {
        byte[] broken = "PK\u0003\u0004 dit is geen zip".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode entry = refusedWhole("kapot.zip", broken, "IB901");
        assertThat(entry.get("name").asText()).isEqualTo("kapot.zip");
    }

    @Test
    void moreEntriesThanAllowedIsIB902() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= 1000; i++) {
            many.put("bestand-" + i + ".txt", new byte[] {'x'});
        }
        refusedWhole("te-veel.zip", Zips.zip(many), "IB902");
    }

    @Test
    void passwordProtectedEntryIsIB903AndItsSiblingGoesOn() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("geheim.xml", "<geheim/>".getBytes(StandardCharsets.UTF_8));
        entries.put("WMO301.xml", Zips.istandaardenSamples().get("WMO301.xml"));
        byte[] zip = markFirstEntryEncrypted(Zips.zip(entries));

        JsonNode trace = awaitFinal(deliver("beveiligd.zip", zip));

        JsonNode secret = entryNamed(trace, "geheim.xml");
        assertRefusedWithFo01(trace, secret, "IB903");
        assertThat(entryNamed(trace, "WMO301.xml").get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void entryOver25MbIsIB904AndItsSiblingGoesOn() throws Exception {
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        new Random(7).nextBytes(big);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry stored = new ZipEntry("groot.csv");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(big.length);
            CRC32 crc = new CRC32();
            crc.update(big);
            stored.setCrc(crc.getValue());
            zip.putNextEntry(stored);
            zip.write(big);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("WMO301.xml"));
            zip.write(Zips.istandaardenSamples().get("WMO301.xml"));
            zip.closeEntry();
        }

        JsonNode trace = awaitFinal(deliver("groot.zip", bytes.toByteArray()));

        assertRefusedWithFo01(trace, entryNamed(trace, "groot.csv"), "IB904");
        assertThat(entryNamed(trace, "WMO301.xml").get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void emptyZipIsIB905() throws Exception {
        refusedWhole("leeg.zip", Zips.zip(Map.of()), "IB905");
    }

    @Test
    void zipBombIsRefusedWithoutUnpackingIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("nullen.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        refusedWhole("bom.zip", bytes.toByteArray(), "GGK011");
        try (Stream<Path> stored = Files.walk(data("store"))) {
            assertThat(stored.filter(Files::isRegularFile).mapToLong(ZipHazardTest::size).max().orElse(0))
                    .as("no unpacked 200 MB entry in the content store").isLessThan(50L * 1024 * 1024);
        }
    }

    @Test
    void nestedZipIsRefusedAndItsSiblingGoesOn() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("binnen.zip", Zips.zip(Map.of("a.txt", new byte[] {'a'})));
        entries.put("WMO301.xml", Zips.istandaardenSamples().get("WMO301.xml"));

        JsonNode trace = awaitFinal(deliver("genest.zip", Zips.zip(entries)));

        assertRefusedWithFo01(trace, entryNamed(trace, "binnen.zip"), "GGK012");
        assertThat(entryNamed(trace, "WMO301.xml").get("status").asText()).isEqualTo("FORWARDED");
    }

    @Test
    void entryNamesNeverReachTheFileSystemAsGiven() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../../../etc/WMO301.xml", Zips.istandaardenSamples().get("WMO301.xml"));
        entries.put("__MACOSX/._WMO301.xml", new byte[] {0});
        entries.put(".DS_Store", new byte[] {0});
        entries.put("map/", new byte[0]);

        JsonNode trace = awaitFinal(deliver("paden.zip", Zips.zip(entries)));

        assertThat(trace.get("entries")).hasSize(1);
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("name").asText()).isEqualTo("WMO301.xml");
        assertThat(entry.get("status").asText()).isEqualTo("FORWARDED");
        assertThat(dataDir.resolve("../etc")).doesNotExist();
    }

    private JsonNode refusedWhole(String filename, byte[] zip, String code) throws IOException {
        JsonNode trace = awaitFinal(deliver(filename, zip));
        assertThat(trace.get("status").asText()).isEqualTo("REJECTED");
        assertThat(trace.get("entries")).hasSize(1);
        JsonNode entry = trace.get("entries").get(0);
        assertRefusedWithFo01(trace, entry, code);
        return entry;
    }

    private void assertRefusedWithFo01(JsonNode trace, JsonNode entry, String code) throws IOException {
        assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo(code);
        Path fo01 = data("outbox/" + entry.get("fo01").get("file").asText());
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("<StUF:code>" + code + "</StUF:code>")
                .contains("<StUF:crossRefnummer>" + trace.get("id").asText() + "</StUF:crossRefnummer>");
        String kept = trace.get("id").asText() + "-" + entry.get("index").asInt() + "-" + entry.get("name").asText();
        assertThat(data("quarantine/0384/" + kept)).as("original kept in quarantine").exists();
        assertThat(Files.readString(data("quarantine/0384/" + kept + ".reason.txt"))).contains(code);
    }

    private String deliver(String filename, byte[] zip) {
        return deliver(filename, "demo-0384", "application/zip", zip);
    }

    private JsonNode awaitFinal(String id) {
        return awaitFinal(id, "demo-0384");
    }

    private static JsonNode entryNamed(JsonNode trace, String name) {
        for (JsonNode entry : trace.get("entries")) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + name + " in " + trace);
    }

    /** Sets the "encrypted" flag (general purpose bit 0) of the first entry, as a password tool does. */
    private static byte[] markFirstEntryEncrypted(byte[] zip) {
        zip[6] |= 1;
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                int centralDirectoryStart = i;
                for (int j = 0; j < i; j++) {
                    if (zip[j] == 'P' && zip[j + 1] == 'K' && zip[j + 2] == 1 && zip[j + 3] == 2) {
                        centralDirectoryStart = j;
                        break;
                    }
                }
                zip[centralDirectoryStart + 8] |= 1;
                return zip;
            }
        }
        throw new IllegalStateException("no central directory");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
