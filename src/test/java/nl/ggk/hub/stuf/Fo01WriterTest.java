package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Fo01WriterTest {

    private static final String STUF = Fo01Writer.STUF_NS;
    private static final String GGK = EnvelopeWriter.GGK_NS;
    private static final String SPECIAL = "bestand <wmo> & \"kosten\" – één";

    @TempDir
    Path dir;

    private final Fo01Writer writer = new Fo01Writer(StufSettings.defaults());

    private Path write(Fo01Request request) throws IOException {
        Path file = Files.createTempFile(dir, "fo01-", ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(request, out);
        }
        return file;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document doc, String localName) {
        return doc.getElementsByTagNameNS(STUF, localName).getLength() == 0 ? null
                : doc.getElementsByTagNameNS(STUF, localName).item(0).getTextContent();
    }

    private static Element child(Element parent, String ns, String localName) {
        return (Element) parent.getElementsByTagNameNS(ns, localName).item(0);
    }

    @Test
    void everyReasonOfEveryGenerationGivesASchemaValidFo01() throws IOException {
        Path envelope = StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-xml.xml");
        Path csv = Files.writeString(dir.resolve("0363_WMO_2025H1.csv"), "20250701;0363;999990007\n");
        StufSysteem gemeente = new StufSysteem("0363", "Wmo Applicatie", "Sociaal Domein", "j.jansen");
        StufSysteem samenwerkingsverband = StufSysteem.organisatie("SWV-HR");
        StufSysteem unusable = new StufSysteem(" 0546 ", "ab", "x".repeat(80), "g".repeat(150));
        String longDetail = SPECIAL + " " + "lange uitleg ".repeat(40);

        for (String generation : List.of("isd-2.1-p04r3", "ggk-2025", "ggk-hub")) {
            ErrorCodes codes = ErrorCodes.loadFromClasspath(generation);
            for (String reason : ErrorReasons.ALL) {
                ErrorCode code = codes.forReason(reason);
                List<Fo01Request> requests = List.of(
                        Fo01Request.of(gemeente, "9c0f7b90-5c69-41e5-a837-0800200c9a66", code, "WMO301",
                                Fo01Request.ggkDetails("WMO301", "0004", "0003"), envelope),
                        Fo01Request.of(samenwerkingsverband, StufIds.newReferentienummer(), code, longDetail,
                                "MSD.zip/" + SPECIAL + ".csv", null),
                        Fo01Request.of(gemeente, StufIds.newReferentienummer(), code, SPECIAL, "d".repeat(1500), csv),
                        Fo01Request.of(unusable, "not-a-uuid-" + "9".repeat(40) + "\u0001", code, "\u0000x", null, null));
                for (Fo01Request request : requests) {
                    StufSchemas.assertValidFo01(write(request));
                }
            }
        }
    }

    @Test
    void stuurgegevensNameTheHubAsZenderAndTheOffendingMessage() throws Exception {
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.SENDER_NOT_AUTHORISED);
        Instant summer = Instant.parse("2026-07-01T10:00:00Z");
        Fo01Request request = new Fo01Request(new StufSysteem("0363", "Wmo Applicatie", "Sociaal Domein", "j.jansen"),
                "9c0f7b90-5c69-41e5-a837-0800200c9a66", code, "functie WMO301", "WMO301-00040003", null, summer, null);

        Document doc = parse(write(request));

        Element zender = child(doc.getDocumentElement(), STUF, "zender");
        assertThat(child(zender, STUF, "organisatie").getTextContent()).isEqualTo("IB");
        assertThat(child(zender, STUF, "applicatie").getTextContent()).isEqualTo("GGk");
        Element ontvanger = child(doc.getDocumentElement(), STUF, "ontvanger");
        assertThat(child(ontvanger, STUF, "organisatie").getTextContent()).isEqualTo("0363");
        assertThat(child(ontvanger, STUF, "applicatie").getTextContent()).isEqualTo("Wmo Applicatie");
        assertThat(child(ontvanger, STUF, "administratie").getTextContent()).isEqualTo("Sociaal Domein");
        assertThat(child(ontvanger, STUF, "gebruiker").getTextContent()).isEqualTo("j.jansen");
        assertThat(text(doc, "berichtcode")).isEqualTo("Fo01");
        assertThat(text(doc, "referentienummer")).isEqualTo(request.referentienummer()).matches(StufIds.UUID_V4);
        assertThat(text(doc, "crossRefnummer")).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(text(doc, "tijdstipBericht")).isEqualTo("20260701120000"); // CEST
        assertThat(text(doc, "code")).isEqualTo("IB006");
        assertThat(text(doc, "plek")).isEqualTo("client");
        assertThat(text(doc, "omschrijving")).isEqualTo("Uw organisatie mag dit bericht niet versturen. functie WMO301");
        assertThat(text(doc, "details")).isEqualTo("WMO301-00040003");
        assertThat(doc.getElementsByTagNameNS(STUF, "detailsXML").getLength()).isZero();
    }

    @Test
    void specialCharactersSurviveAndLongTextIsCutToTheSchemaLimits() throws Exception {
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.GMSD_REJECTED);
        String detail = SPECIAL + " " + "kolom 3 heeft te veel tekens; ".repeat(20);
        Fo01Request request = Fo01Request.of(StufSysteem.organisatie("SWV-HR"), StufIds.newReferentienummer(), code,
                detail, SPECIAL + "x".repeat(2000), null);

        Document doc = parse(write(request));

        assertThat(text(doc, "omschrijving")).hasSize(200).contains(SPECIAL).endsWith("…");
        assertThat(text(doc, "details")).hasSize(1000).startsWith(SPECIAL);
        Element ontvanger = child(doc.getDocumentElement(), STUF, "ontvanger");
        assertThat(child(ontvanger, STUF, "organisatie").getTextContent()).isEqualTo("SWV-HR");
        assertThat(child(ontvanger, STUF, "applicatie").getTextContent())
                .as("StUF:Applicatie is required; unknown for a portal upload").isEqualTo("GGk-portaal");
    }

    @Test
    void originalXmlIsEmbeddedAsXmlWithItsNamespaces() throws Exception {
        Path envelope = StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-xml.xml");
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.PAYLOAD_INVALID);

        Path fo01 = write(Fo01Request.of(StufSysteem.of("0548", "Wmo Applicatie"), "9c0f7b90-5c69-41e5-a837-0800200c9a66",
                code, null, "WMO301-00040003", envelope));

        StufSchemas.assertValidFo01(fo01);
        Document doc = parse(fo01);
        Element detailsXml = child(doc.getDocumentElement(), STUF, "detailsXML");
        Element embedded = (Element) detailsXml.getElementsByTagNameNS(GGK, "envelopHeenbericht-ggk_Di01").item(0);
        assertThat(embedded).as("original root element inside detailsXML").isNotNull();
        assertThat(child(embedded, GGK, "xmlBestand").getTextContent())
                .isEqualTo("SGllciBzdGFhdCBlZW4gaVdtby9pSnctaGVlbmJlcmljaHQu");
        assertThat(child(embedded, STUF, "functie").getTextContent()).isEqualTo("WMO301");
        Document original = parse(envelope);
        assertThat(embedded.getElementsByTagName("*").getLength())
                .isEqualTo(original.getDocumentElement().getElementsByTagName("*").getLength());
    }

    @Test
    void defaultNamespaceAttributesAndEscapesOfTheOriginalAreKept() throws Exception {
        Path original = Files.writeString(dir.resolve("bericht.xml"),
                "<?xml version=\"1.0\"?>\n<!-- voor -->\n<Bericht xmlns=\"urn:x\" xmlns:a=\"urn:a\" a:soort=\"&lt;&amp;&quot;\">"
                        + "<Naam>&lt;één &amp; twee&gt;</Naam><Leeg xmlns=\"\" id=\"1\"/><![CDATA[ruw <x>]]></Bericht>\n");
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.PAYLOAD_INVALID);

        Path fo01 = write(Fo01Request.of(StufSysteem.organisatie("0363"), StufIds.newReferentienummer(), code, null, null, original));

        StufSchemas.assertValidFo01(fo01);
        Element bericht = (Element) parse(fo01).getElementsByTagNameNS("urn:x", "Bericht").item(0);
        assertThat(bericht.getAttributeNS("urn:a", "soort")).isEqualTo("<&\"");
        assertThat(child(bericht, "urn:x", "Naam").getTextContent()).isEqualTo("<één & twee>");
        assertThat(bericht.getElementsByTagNameNS(null, "Leeg").item(0)).as("element out of the default namespace").isNotNull();
        assertThat(bericht.getTextContent()).endsWith("ruw <x>");
    }

    @Test
    void originalThatIsNotWellFormedXmlIsLeftOut() throws Exception {
        Path notXml = Files.writeString(dir.resolve("0363_WMO_2025H1.csv"), "20250701;0363;999990007\n");
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<Bericht><Header></Bericht>");
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.GMSD_REJECTED);

        for (Path original : List.of(notXml, broken, dir.resolve("missing.xml"))) {
            Path fo01 = write(Fo01Request.of(StufSysteem.organisatie("0363"), StufIds.newReferentienummer(), code,
                    original.getFileName().toString(), original.getFileName().toString(), original));

            StufSchemas.assertValidFo01(fo01);
            assertThat(parse(fo01).getElementsByTagNameNS(STUF, "detailsXML").getLength()).as(original.toString()).isZero();
        }
    }

    @Test
    void anOriginalNestedFortyThousandDeepIsLeftOutAndTheFo01IsStillWritten() throws Exception {
        // well-formed, but deeper than any message the hub carries: the JDK's writer would fail past 32,767 levels
        Path deep = Files.writeString(dir.resolve("deep.xml"), "<Bericht xmlns=\"http://www.istandaarden.nl/iwmo/3_2/"
                + "wmo301/schema\">" + "<a>".repeat(40_000) + "</a>".repeat(40_000) + "</Bericht>");
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.PAYLOAD_INVALID);

        Path fo01 = write(Fo01Request.of(StufSysteem.organisatie("0363"), StufIds.newReferentienummer(), code,
                "deep.xml", null, deep));

        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).doesNotContain("detailsXML").contains("StUF055");
    }

    @Test
    void externalEntitiesInTheOriginalAreNeverResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "GEHEIM-WACHTWOORD");
        Path hostile = Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Bericht [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n<Bericht>&x;</Bericht>");
        ErrorCode code = ErrorCodes.loadFromClasspath("ggk-2025").forReason(ErrorReasons.PAYLOAD_INVALID);

        Path fo01 = write(Fo01Request.of(StufSysteem.organisatie("0363"), StufIds.newReferentienummer(), code, null, null, hostile));

        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).doesNotContain("GEHEIM");
    }

    @Test
    void ggkDetailsFollowTheConvention() {
        assertThat(Fo01Request.ggkDetails("JW315", "0001", "0004")).isEqualTo("JW315-00010004");
    }

}
