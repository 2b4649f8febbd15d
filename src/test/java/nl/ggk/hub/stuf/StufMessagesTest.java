package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Du01, Bv03, Fo03 written by the hub; Fo01, Bv03, Fo03 read back; the official samples read and checked. */
class StufMessagesTest {

    private static final String SAMPLES = "stuf-ggk0210/voorbeeldberichten/";
    private static final String DI01_REF = "9c0f7b90-5c69-41e5-a837-0800200c9a66";

    @TempDir
    Path dir;

    private final StufSettings settings = StufSettings.defaults();
    private final EnvelopeWriter envelopes = new EnvelopeWriter(settings);
    private final AnswerWriter answers = new AnswerWriter(settings);
    private final StufBerichtReader berichten = new StufBerichtReader();
    private final StufSchema ownSchema = StufSchema.load();

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void du01WithAPdfForAGemeenteIsOfficiallyValidAndReadsBackWithItsCrossRefnummer() throws Exception {
        byte[] pdf = "%PDF-1.4 technische terugkoppeling".getBytes(StandardCharsets.US_ASCII);
        Du01Request request = Du01Request.tekstBestand(StufSysteem.of("CBS", "CBS-aanlevering"), "0363", "Dummy",
                "technische-terugkoppeling-0363_WMO_2026H1.pdf", DI01_REF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelopes.writeDu01(request, new ByteArrayInputStream(pdf), out);
        Path du01 = file("du01.xml", out.toByteArray());

        StufSchemas.assertValidEnvelope(du01);
        assertThat(ownSchema.problems(du01)).isEmpty();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Envelope read = new EnvelopeReader().extractPayload(du01, payload);
        assertThat(read.berichtcode()).isEqualTo("Du01");
        assertThat(read.crossRefnummer()).isEqualTo(DI01_REF);
        assertThat(read.referentienummer()).isEqualTo(request.referentienummer());
        assertThat(read.ontvanger()).isEqualTo(new Envelope.Party("0363", "GGk", null, null));
        assertThat(read.bestandsnaam()).isEqualTo("technische-terugkoppeling-0363_WMO_2026H1.pdf");
        assertThat(payload.toByteArray()).isEqualTo(pdf);
    }

    @Test
    void du01NeedsAUuidV4CrossRefnummerAndWritesNothingWithout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> envelopes.writeDu01(Du01Request.xmlBestand(StufSysteem.of("CBS", "CBS"), "0363",
                "WMO302", "9C0F7B90-5C69-41E5-A837-0800200C9A66"), InputStream.nullInputStream(), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crossRefnummer");
        assertThat(out.size()).isZero();
    }

    @Test
    void everyDi01AndDu01TheHubWritesPassesBothTheOfficialAndItsOwnSchema() throws Exception {
        StufSysteem swv = new StufSysteem("0546", "GGk-portaal", "Holland Rijnland", "j.jansen");
        ByteArrayOutputStream di01 = new ByteArrayOutputStream();
        envelopes.writeDi01(envelopes.cbsTekstBestand(swv, "0546_WMO_2026H1.csv"),
                new ByteArrayInputStream("20260701;0546\n".getBytes(StandardCharsets.UTF_8)), di01);
        ByteArrayOutputStream du01 = new ByteArrayOutputStream();
        envelopes.writeDu01(Du01Request.xmlBestand(StufSysteem.organisatie("0546"), "CBS", "Dummy", DI01_REF),
                new ByteArrayInputStream("<terugmelding/>".getBytes(StandardCharsets.UTF_8)), du01);

        for (Path written : List.of(file("di01.xml", di01.toByteArray()), file("du01b.xml", du01.toByteArray()))) {
            StufSchemas.assertValidEnvelope(written);
            assertThat(ownSchema.problems(written)).as(written.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void everyBv03AndFo03TheHubWritesIsOfficiallyValidAndReadsBackUnchanged() throws Exception {
        StufSysteem gemeente = new StufSysteem("0548", "Wmo Applicatie", "Sociaal Domein", "j.jansen");
        StufSysteem unusable = new StufSysteem(" 0546 ", "ab", "x".repeat(80), "g".repeat(150));
        Instant at = Instant.parse("2026-07-01T10:00:00Z");

        Bv03 bv03 = answers.bv03(gemeente, DI01_REF, at);
        Path bv03File = file("bv03.xml", answers.toBytes(bv03));
        StufSchemas.assertValid(bv03File, StufSchemas.FO01_XSD);
        assertThat(ownSchema.problems(bv03File)).isEmpty();
        assertThat(berichten.readBv03(Files.newInputStream(bv03File))).isEqualTo(bv03);
        assertThat(bv03.zender()).isEqualTo(StufSysteem.of("IB", "GGk"));
        assertThat(bv03.ontvanger()).isEqualTo(gemeente);
        assertThat(bv03.crossRefnummer()).isEqualTo(DI01_REF);
        assertThat(bv03.tijdstipBericht()).isEqualTo("20260701120000");
        assertThat(answers.toBytes(bv03)).as("deterministic").isEqualTo(answers.toBytes(bv03));

        for (String generation : List.of("isd-2.1-p04r3", "ggk-2025", "ggk-hub")) {
            ErrorCodes codes = ErrorCodes.loadFromClasspath(generation);
            for (String reason : ErrorReasons.ALL) {
                ErrorCode code = codes.forReason(reason);
                for (Foutbericht fo03 : List.of(
                        answers.fo03(gemeente, DI01_REF, code, "bestand <wmo> & één", "Dummy-00040003", at),
                        answers.fo03(unusable, "x".repeat(60), code, "lange uitleg ".repeat(30), "d".repeat(1500), at),
                        answers.fo03(null, null, code, null, null, at))) {
                    Path fo03File = file("fo03.xml", answers.toBytes(fo03));
                    StufSchemas.assertValid(fo03File, StufSchemas.FO01_XSD);
                    assertThat(ownSchema.problems(fo03File)).isEmpty();
                    assertThat(berichten.readFo03(Files.newInputStream(fo03File))).isEqualTo(fo03);
                }
            }
        }
        Foutbericht stuf016 = answers.fo03(gemeente, DI01_REF, ErrorCodes.loadFromClasspath("ggk-2025")
                .byCode("StUF016").orElseThrow(), null, "Dummy-00040003", at);
        assertThat(stuf016.code()).isEqualTo("StUF016");
        assertThat(stuf016.omschrijving()).startsWith("Dit bericht is al eerder ontvangen");
        assertThat(stuf016.crossRefnummer()).isEqualTo(DI01_REF);
    }

    @Test
    void theOfficialSamplesPassTheHubsOwnSchema() throws Exception {
        for (String sample : List.of("Fo01.xml", "envelopHeenbericht-ggk_Di01_v21-tekst.xml",
                "envelopHeenbericht-ggk_Di01_v21-xml.xml", "envelopRetourbericht-ggk_Du01-v21.xml")) {
            assertThat(ownSchema.problems(StufSchemas.reference(SAMPLES + sample))).as(sample).isEmpty();
        }
    }

    @Test
    void theOfficialFo01SampleIsReadWithItsDetailsXml() throws Exception {
        Path sample = StufSchemas.reference(SAMPLES + "Fo01.xml");
        ByteArrayOutputStream details = new ByteArrayOutputStream();
        Foutbericht fo01;
        try (InputStream in = Files.newInputStream(sample)) {
            var xml = EnvelopeReader.secureInputFactory().createXMLStreamReader(in);
            xml.nextTag();
            fo01 = berichten.readFo01(xml, details);
        }

        assertThat(fo01.berichtcode()).isEqualTo("Fo01");
        assertThat(fo01.zender()).isEqualTo(StufSysteem.of("IB", "GGK"));
        assertThat(fo01.ontvanger()).isEqualTo(new StufSysteem("54540051", "JW Applicatie", "test", "gebruiker1"));
        assertThat(fo01.referentienummer()).isEqualTo("78002f23-5bc5-4e3e-96ad-1d209d32a5d5");
        assertThat(fo01.crossRefnummer()).isEqualTo("9c0f7b90-5c69-11e5-a837-0800200c9a66");
        assertThat(fo01.code()).isEqualTo("IB210");
        assertThat(fo01.plek()).isEqualTo("client");
        assertThat(fo01.omschrijving()).isEqualTo("Ontvangende organisatie onbekend. Organisatie 99999");
        assertThat(fo01.details()).isEqualTo("JW315-00010004");
        assertThat(details.toString(StandardCharsets.UTF_8)).contains("<root></root>");
    }

    @Test
    void aFo01TheHubWritesPassesItsOwnSchemaAndReadsBack() throws Exception {
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.GMSD_REJECTED);
        Fo01Request request = Fo01Request.of(StufSysteem.of("0363", "Wmo Applicatie"), DI01_REF, code, "3 fouten",
                "Dummy-00040003", StufSchemas.reference(SAMPLES + "envelopHeenbericht-ggk_Di01_v21-xml.xml"));
        Path fo01 = dir.resolve("fo01.xml");
        try (OutputStream out = Files.newOutputStream(fo01)) {
            new Fo01Writer(settings).write(request, out);
        }
        assertThat(ownSchema.problems(fo01)).isEmpty();

        ByteArrayOutputStream details = new ByteArrayOutputStream();
        Foutbericht read;
        try (InputStream in = Files.newInputStream(fo01)) {
            var xml = EnvelopeReader.secureInputFactory().createXMLStreamReader(in);
            xml.nextTag();
            read = berichten.readFo01(xml, details);
        }
        assertThat(read.code()).isEqualTo("GGK001");
        assertThat(read.crossRefnummer()).isEqualTo(DI01_REF);
        assertThat(read.referentienummer()).isEqualTo(request.referentienummer());
        Path embedded = file("embedded.xml", details.toByteArray());
        assertThat(new EnvelopeReader().read(embedded).functie()).as("detailsXML is the original envelope")
                .isEqualTo("WMO301");
    }

    @Test
    void theOwnSchemaRefusesWhatThePublishedStructureForbids() throws Exception {
        String tekst = Files.readString(StufSchemas.reference(SAMPLES + "envelopHeenbericht-ggk_Di01_v21-tekst.xml"));
        String retour = Files.readString(StufSchemas.reference(SAMPLES + "envelopRetourbericht-ggk_Du01-v21.xml"));
        List<String> broken = List.of(
                tekst.replace(DI01_REF, DI01_REF.toUpperCase()),
                tekst.replace(DI01_REF, "9c0f7b90-5c69-11e5-a837-0800200c9a66"),
                tekst.replace("AanleveringQ1.csv", "Aanlevering Q1.csv"),
                tekst.replace("AanleveringQ1.csv", "a.c"),
                tekst.replace("AanleveringQ1.csv", "a".repeat(256)),
                tekst.replace("<GGK:applicatieVersie>0004", "<GGK:applicatieVersie>004"),
                tekst.replace("20160421132514", "2016-04-21"),
                tekst.replace("<StUF:functie>Dummy</StUF:functie>", "<StUF:functie>" + "f".repeat(31) + "</StUF:functie>"),
                tekst.replace("<StUF:organisatie>0548</StUF:organisatie>", ""),
                tekst.replace(" bestandsnaam=\"AanleveringQ1.csv\"", ""),
                tekst.replace("SGllciBzdGFhdCBlZW4gZHVtbXktdGVrc3RiZXJpY2h0Lg==",
                        "SGllciBzdGFhdCBlZW4gZHVtbXktdGVrc3RiZXJpY2h0Lg==</GGK:tekstBestand><GGK:tekstBestand bestandsnaam=\"b.csv\">AAAA"),
                // element order: functie before tijdstipBericht
                tekst.replace("<StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>", "")
                        .replace("<StUF:functie>Dummy</StUF:functie>",
                                "<StUF:functie>Dummy</StUF:functie><StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>"),
                retour.replace("<StUF:crossRefnummer>9c0f7b90-5c69-41e5-a837-0800200c9a66</StUF:crossRefnummer>", ""),
                retour.replace("<StUF:berichtcode>Du01", "<StUF:berichtcode>Di01"));
        for (int i = 0; i < broken.size(); i++) {
            assertThat(broken.get(i)).as("variant %d changes the sample", i).isNotIn(tekst, retour);
            Path file = file("broken" + i + ".xml", broken.get(i).getBytes(StandardCharsets.UTF_8));
            assertThat(ownSchema.problems(file)).as("variant %d", i).isNotEmpty();
            assertThat(StufSchemas.problems(file, StufSchemas.ENVELOPE_XSD)).as("official, variant %d", i).isNotEmpty();
        }
    }

    @Test
    void theContentFingerprintIgnoresPrefixesAndLayoutButNotContent() throws Exception {
        String tekst = Files.readString(StufSchemas.reference(SAMPLES + "envelopHeenbericht-ggk_Di01_v21-tekst.xml"));
        String otherPrefixes = tekst.replace("GGK:", "g:").replace("xmlns:GGK", "xmlns:g")
                .replace("StUF:", "s:").replace("xmlns:StUF", "xmlns:s").replace("\n\t", "\n    ");
        String otherContent = tekst.replace("Wmo Applicatie", "Wmo  Applicatie2");

        String original = fingerprint(tekst);
        assertThat(otherPrefixes).isNotEqualTo(tekst);
        assertThat(fingerprint(otherPrefixes)).isEqualTo(original);
        assertThat(fingerprint(otherContent)).isNotEqualTo(original);
        assertThat(fingerprint(tekst.replace("AanleveringQ1.csv", "AanleveringQ2.csv"))).isNotEqualTo(original);
    }

    private String fingerprint(String xml) throws Exception {
        var reader = EnvelopeReader.secureInputFactory()
                .createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        reader.nextTag();
        CheckingStreamReader checking = new CheckingStreamReader(reader, ownSchema);
        new EnvelopeReader().readElement(checking, OutputStream.nullOutputStream());
        assertThat(checking.finished()).isTrue();
        assertThat(checking.problems()).isEmpty();
        return checking.contentSha256();
    }
}
