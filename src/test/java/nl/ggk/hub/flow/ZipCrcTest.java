package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/** A ZIP entry damaged on its way (its data fails the CRC-32) is refused with GGK013, never forwarded. */
class ZipCrcTest extends HubTestSupport {

    private static final Set<String> FINAL = Set.of("FORWARDED", "REJECTED", "FAILED");

    @Test
    void entryFailingItsCrcIsGGK013KeptInQuarantineAndItsSiblingGoesOn() throws Exception {
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        byte[] zip = storedZip("beschadigd.xml", wmo301, "WMO301.xml", wmo301);
        damageFirstCopyOf(zip, wmo301);

        HttpResponse<String> response = post("/api/v1/deliveries?filename=crc.zip", "demo-0384", "application/zip", zip);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();
        JsonNode trace = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384"), t -> FINAL.contains(t.get("status").asText()));

        JsonNode damaged = entryNamed(trace, "beschadigd.xml");
        assertThat(damaged.get("status").asText()).isEqualTo("REJECTED");
        assertThat(damaged.get("fo01").get("code").asText()).isEqualTo("GGK013");
        Path fo01 = data("outbox/" + damaged.get("fo01").get("file").asText());
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("<StUF:code>GGK013</StUF:code>").contains("beschadigd");
        Path kept = data("quarantine/0384/" + id + "-" + damaged.get("index").asInt() + "-beschadigd.xml");
        assertThat(kept).as("original kept in quarantine").exists();
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason.txt")))
                .contains("GGK013").contains("CRC-32");

        assertThat(entryNamed(trace, "WMO301.xml").get("status").asText()).isEqualTo("FORWARDED");
        try (var forwarded = Files.list(data("outbound/iwmo"))) {
            assertThat(forwarded.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id)))
                    .as("only the whole entry is forwarded").hasSize(1).allMatch(n -> n.endsWith("WMO301.xml"));
        }
    }

    private static byte[] storedZip(String name1, byte[] content1, String name2, byte[] content2) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 2; i++) {
                byte[] content = i == 0 ? content1 : content2;
                ZipEntry stored = new ZipEntry(i == 0 ? name1 : name2);
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Flips one bit in the middle of the first stored copy of {@code content}: headers stay intact. */
    private static void damageFirstCopyOf(byte[] zip, byte[] content) {
        for (int i = 0; i + content.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + content.length, content, 0, content.length)) {
                zip[i + content.length / 2] ^= 0x01;
                return;
            }
        }
        throw new IllegalStateException("content not found in the ZIP");
    }

    private static JsonNode entryNamed(JsonNode trace, String name) {
        for (JsonNode entry : trace.get("entries")) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + name + " in " + trace);
    }
}
