package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class EnvelopeWriterTest {

    private static final String STUF = Fo01Writer.STUF_NS;
    private static final String GGK = EnvelopeWriter.GGK_NS;

    @TempDir
    Path dir;

    private final EnvelopeWriter writer = new EnvelopeWriter(StufSettings.defaults());

    private Path wrap(Di01Request request, Path payload) throws IOException {
        Path envelope = Files.createTempFile(dir, "di01-", ".xml");
        try (InputStream in = Files.newInputStream(payload); OutputStream out = Files.newOutputStream(envelope)) {
            writer.writeDi01(request, in, out);
        }
        return envelope;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document doc, String ns, String parent, String child) {
        var parentElement = (org.w3c.dom.Element) doc.getElementsByTagNameNS(ns, parent).item(0);
        return parentElement.getElementsByTagNameNS(STUF, child).item(0).getTextContent();
    }

    @Test
    void csvIsWrappedAsTekstBestandForCbsAndDecodesToTheSameBytes() throws Exception {
        Path csv = Files.write(dir.resolve("0363_WMO_2025H1.csv"),
                "20250701;0363;999990007;01;1;20250101;;1;;;5;04;2;;\r\n20250701;0363;999990019;02;2;20250201;20250630;2;;;;;;12345;\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        Di01Request request = writer.cbsTekstBestand(StufSysteem.organisatie("0363"), "0363_WMO_2025H1.csv");

        Path envelope = wrap(request, csv);

        StufSchemas.assertValidEnvelope(envelope);
        Path decoded = dir.resolve("decoded.csv");
        assertThat(StufSchemas.envelopePayload(envelope, decoded)).isEqualTo("0363_WMO_2025H1.csv");
        assertThat(decoded).hasSameBinaryContentAs(csv);
        Document doc = parse(envelope);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("envelopHeenbericht-ggk_Di01");
        assertThat(text(doc, STUF, "zender", "organisatie")).isEqualTo("0363");
        assertThat(text(doc, STUF, "zender", "applicatie")).isEqualTo("GGk-portaal");
        assertThat(text(doc, STUF, "ontvanger", "organisatie")).isEqualTo("CBS");
        assertThat(text(doc, STUF, "ontvanger", "applicatie")).isEqualTo("GGk");
        assertThat(text(doc, GGK, "stuurgegevens", "berichtcode")).isEqualTo("Di01");
        assertThat(text(doc, GGK, "stuurgegevens", "functie")).isEqualTo("Dummy");
        assertThat(text(doc, GGK, "stuurgegevens", "referentienummer")).isEqualTo(request.referentienummer());
        assertThat(doc.getElementsByTagNameNS(GGK, "applicatieVersie").item(0).getTextContent()).isEqualTo("0004");
    }

    @Test
    void iwmoMessageIsWrappedAsXmlBestandAndDecodesToTheSameBytes() throws Exception {
        Path wmo301 = StufSchemas.reference("istandaarden-3.2/iwmo/berichten/WMO301.xml");
        Di01Request request = new Di01Request(new StufSysteem("0546", "Wmo Applicatie", "Holland Rijnland", "j.jansen"),
                "01023456", "WMO301", null, null, Instant.parse("2026-01-15T09:30:00Z"));

        Path envelope = wrap(request, wmo301);

        StufSchemas.assertValidEnvelope(envelope);
        Path decoded = dir.resolve("decoded.xml");
        assertThat(StufSchemas.envelopePayload(envelope, decoded)).isNull();
        assertThat(decoded).hasSameBinaryContentAs(wmo301);
        Document doc = parse(envelope);
        assertThat(text(doc, STUF, "zender", "administratie")).isEqualTo("Holland Rijnland");
        assertThat(text(doc, GGK, "stuurgegevens", "tijdstipBericht")).isEqualTo("20260115103000"); // CET
        assertThat(text(doc, GGK, "stuurgegevens", "functie")).isEqualTo("WMO301");
    }

    @Test
    void settingsComeFromTheConfiguredKeys() throws Exception {
        Map<String, String> properties = Map.of(StufSettings.FUNCTIE_CBS, "GMSD01", StufSettings.APPLICATIE_VERSIE, "0007",
                StufSettings.ONTVANGER_CBS, "CBS");
        EnvelopeWriter configured = new EnvelopeWriter(StufSettings.from(properties::get));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        configured.writeDi01(configured.cbsTekstBestand(StufSysteem.organisatie("0599"), "0599_SBO_2025H2.csv"),
                new ByteArrayInputStream("x;y\n".getBytes(StandardCharsets.UTF_8)), out);

        Path envelope = Files.write(dir.resolve("di01.xml"), out.toByteArray());
        StufSchemas.assertValidEnvelope(envelope);
        Document doc = parse(envelope);
        assertThat(text(doc, GGK, "stuurgegevens", "functie")).isEqualTo("GMSD01");
        assertThat(doc.getElementsByTagNameNS(GGK, "applicatieVersie").item(0).getTextContent()).isEqualTo("0007");
        assertThatThrownBy(() -> StufSettings.from(Map.of(StufSettings.APPLICATIE_VERSIE, "7")::get))
                .hasMessageContaining("ggk.stuf.applicatie-versie must be 4 digits");
    }

    @Test
    void unfitBestandsnaamIsRefusedBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Di01Request request = writer.cbsTekstBestand(StufSysteem.organisatie("0363"), "WMO aanlevering (1).csv");

        assertThatThrownBy(() -> writer.writeDi01(request, new ByteArrayInputStream(new byte[]{1}), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WMO aanlevering (1).csv").hasMessageContaining("A-Z a-z 0-9 . _ -");
        assertThat(out.size()).isZero();
    }

    @Test
    void bestandsnaamIsSanitisedToTheSchemaPattern() {
        assertThat(Bestandsnaam.sanitise("C:\\Users\\jan\\WMO aanlevering (1).csv")).isEqualTo("WMO_aanlevering_1_.csv");
        assertThat(Bestandsnaam.sanitise("/tmp/één-overzicht.pdf")).isEqualTo("een-overzicht.pdf");
        String longName = Bestandsnaam.sanitise("a".repeat(400) + ".csv");
        assertThat(longName).hasSize(255).endsWith(".csv");
        assertThat(Bestandsnaam.isValid(longName)).isTrue();
        assertThatThrownBy(() -> Bestandsnaam.sanitise("/x/ab")).hasMessageContaining("too short");
    }

    @Test
    void stuurgegevensThatDoNotFitTheEnvelopeAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream payload = new ByteArrayInputStream(new byte[]{1});

        assertThatThrownBy(() -> writer.writeDi01(new Di01Request(StufSysteem.organisatie("0363"), "CBS", "Dummy", null,
                "9C0F7B90-5C69-41E5-A837-0800200C9A66", null), payload, out)).hasMessageContaining("UUID v4");
        assertThatThrownBy(() -> writer.writeDi01(Di01Request.xmlBestand(StufSysteem.organisatie(" "), "CBS", "Dummy"),
                payload, out)).hasMessageContaining("zender organisatie");
        assertThatThrownBy(() -> writer.writeDi01(Di01Request.xmlBestand(StufSysteem.organisatie("0363"), "CBS", "F".repeat(31)),
                payload, out)).hasMessageContaining("functie");
        assertThat(out.size()).isZero();
    }

    @Test
    void twentyMegabytePayloadStreamsThroughWithoutBeingBuffered() throws Exception {
        long size = 20L * 1024 * 1024;
        Path envelope = dir.resolve("big.xml");
        MessageDigest inputDigest = MessageDigest.getInstance("SHA-256");
        long[] writtenWhenInputEnded = {-1};
        try (CountingOutputStream out = new CountingOutputStream(Files.newOutputStream(envelope));
             InputStream payload = new DigestInputStream(new GeneratedCsv(size, () -> {
                         if (writtenWhenInputEnded[0] < 0) {
                             writtenWhenInputEnded[0] = out.count;
                         }
                     }),
                     inputDigest)) {
            writer.writeDi01(writer.cbsTekstBestand(StufSysteem.organisatie("0363"), "0363_WMO_2025H1.csv"), payload, out);
        }

        // a writer that buffered the payload (or its base64) would have written next to nothing by then
        long base64Size = 4 * ((size + 2) / 3);
        assertThat(writtenWhenInputEnded[0]).isGreaterThan(base64Size - 1024 * 1024);
        assertThat(Files.size(envelope)).isLessThanOrEqualTo(EnvelopeWriter.envelopeSizeEstimate(size))
                .isGreaterThan(base64Size);
        Path decoded = dir.resolve("big.csv");
        StufSchemas.envelopePayload(envelope, decoded);
        MessageDigest outputDigest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(decoded), outputDigest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(Files.size(decoded)).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(outputDigest.digest())).isEqualTo(HexFormat.of().formatHex(inputDigest.digest()));
    }

    @Test
    void sizeEstimateIsAnUpperBoundEvenWithTheLongestStuurgegevens() throws IOException {
        Path payload = Files.write(dir.resolve("p.csv"), new byte[1000]);
        Di01Request longest = Di01Request.tekstBestand(new StufSysteem("é".repeat(200), "é".repeat(50), "é".repeat(50),
                "é".repeat(100)), "é".repeat(200), "é".repeat(30), "a".repeat(255));

        Path envelope = wrap(longest, payload);

        StufSchemas.assertValidEnvelope(envelope);
        assertThat(Files.size(envelope)).isLessThanOrEqualTo(EnvelopeWriter.envelopeSizeEstimate(1000));
        assertThat(EnvelopeWriter.envelopeSizeEstimate(0)).isPositive();
    }

    /** A CSV-like payload of a given size, generated on the fly (no 20 MB array in the test either). */
    private static final class GeneratedCsv extends InputStream {
        private static final byte[] LINE = "20250701;0363;999990007;01;1;20250101;;1;;;5;04;2;;\n".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private final Runnable atEnd;
        private long position;

        GeneratedCsv(long size, Runnable atEnd) {
            this.size = size;
            this.atEnd = atEnd;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                atEnd.run();
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            position += n;
            return n;
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
