package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.errors.ErrorCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SoapCodecTest {

    static final String SAMPLES = "stuf-ggk0210/voorbeeldberichten/";
    static final String TEKST = SAMPLES + "envelopHeenbericht-ggk_Di01_v21-tekst.xml";
    static final String XML = SAMPLES + "envelopHeenbericht-ggk_Di01_v21-xml.xml";
    static final String RETOUR = SAMPLES + "envelopRetourbericht-ggk_Du01-v21.xml";
    static final String FO01 = SAMPLES + "Fo01.xml";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    @TempDir
    Path dir;

    private final AnswerWriter answers = new AnswerWriter(StufSettings.defaults());
    private final SoapCodec codec = codec(SoapCodec.DEFAULT_MAX_BYTES);

    private SoapCodec codec(long maxBytes) {
        return new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(), answers, maxBytes);
    }

    /** The message without its XML declaration, inside a SOAP 1.1 Envelope with the given prefix and header. */
    static String soap(String message, String prefix, String header) {
        String body = message.replaceFirst("^<\\?xml[^>]*\\?>", "");
        String p = prefix.isEmpty() ? "" : prefix + ":";
        String xmlns = prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + p + "Envelope " + xmlns + "=\"" + SOAP11 + "\">"
                + (header == null ? "" : "<" + p + "Header>" + header + "</" + p + "Header>")
                + "<" + p + "Body>" + body + "</" + p + "Body></" + p + "Envelope>";
    }

    static String sample(String relative) throws IOException {
        return Files.readString(StufSchemas.reference(relative));
    }

    private SoapRequest read(String soap, String action, OutputStream payload) throws Exception {
        return codec.read(new ByteArrayInputStream(soap.getBytes(StandardCharsets.UTF_8)), action, payload);
    }

    private SoapRequestException refused(String soap, String action) {
        return catchThrowableOfType(SoapRequestException.class, () -> read(soap, action, OutputStream.nullOutputStream()));
    }

    @Test
    void eachOfficialSampleIsReadWithItsOperationWhateverPrefixesAndSoapActionForm() throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        SoapRequest tekst = read(soap(sample(TEKST), "soapenv", null),
                "\"http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01\"", payload);
        assertThat(tekst.operation()).isEqualTo(WsOperation.GGK_DI01);
        assertThat(tekst.envelope().bestandsnaam()).isEqualTo("AanleveringQ1.csv");
        assertThat(tekst.zender()).isEqualTo(StufSysteem.of("0548", "Wmo Applicatie"));
        assertThat(tekst.ontvangerOrganisatie()).isEqualTo("CBS");
        assertThat(payload.toString(StandardCharsets.UTF_8)).isEqualTo("Hier staat een dummy-tekstbericht.");

        SoapRequest xml = read(soap(sample(XML), "", "<x:Trace xmlns:x=\"urn:trace\">1</x:Trace>"),
                "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01", OutputStream.nullOutputStream());
        assertThat(xml.operation()).isEqualTo(WsOperation.GGK_DI01);
        assertThat(xml.envelope().functie()).isEqualTo("WMO301");

        SoapRequest retour = read(soap(sample(RETOUR), "S", null), null, OutputStream.nullOutputStream());
        assertThat(retour.operation()).isEqualTo(WsOperation.GGK_DU01);
        assertThat(retour.crossRefnummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");

        ByteArrayOutputStream detailsXml = new ByteArrayOutputStream();
        SoapRequest fo01 = read(soap(sample(FO01), "e", null), "\"\"", detailsXml);
        assertThat(fo01.operation()).isEqualTo(WsOperation.FO01);
        assertThat(fo01.fo01().code()).isEqualTo("IB210");
        assertThat(fo01.crossRefnummer()).isEqualTo("9c0f7b90-5c69-11e5-a837-0800200c9a66");
        assertThat(detailsXml.toString(StandardCharsets.UTF_8)).contains("<root></root>");
        assertThat(read(soap(sample(FO01), "e", null), "http://www.egem.nl/StUF/StUF0301/Fo01",
                OutputStream.nullOutputStream()).operation()).isEqualTo(WsOperation.FO01);
    }

    @Test
    void theSameMessageReWrappedHasTheSameFingerprintAndTheOtherSampleAnotherOne() throws Exception {
        String tekst = sample(TEKST);
        String a = read(soap(tekst, "soapenv", null), null, OutputStream.nullOutputStream()).contentSha256();
        String b = read(soap(tekst, "s", "<w:MessageID xmlns:w=\"urn:wsa\">uuid:1</w:MessageID>"), null,
                OutputStream.nullOutputStream()).contentSha256();
        String other = read(soap(sample(XML), "soapenv", null), null, OutputStream.nullOutputStream()).contentSha256();

        assertThat(a).isEqualTo(b).hasSize(64);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void aSoapActionThatDisagreesWithTheBodyOrNamesNoOperationIsRefused() throws Exception {
        String di01 = soap(sample(TEKST), "soapenv", null);

        SoapRequestException mismatch = refused(di01, "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01");
        assertThat(mismatch.kind()).isEqualTo(SoapRequestException.Kind.FO03);
        assertThat(mismatch.reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
        assertThat(mismatch.detail()).contains("ggk_Du01");
        assertThat(refused(di01, "urn:elsewhere").reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
        assertThat(refused(soap("<x:Other xmlns:x=\"urn:x\"/>", "soapenv", null), null).detail()).contains("Other");
    }

    @Test
    void aMessageAgainstTheSchemaIsRefusedWithWhatCouldBeReadForTheFo03() throws Exception {
        String swapped = sample(TEKST).replace("<StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>", "")
                .replace("<StUF:functie>Dummy</StUF:functie>",
                        "<StUF:functie>Dummy</StUF:functie><StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>");
        SoapRequestException order = refused(soap(swapped, "soapenv", null), null);
        assertThat(order.reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
        assertThat(order.detail()).contains("cvc-");
        assertThat(order.zender()).isEqualTo(StufSysteem.of("0548", "Wmo Applicatie"));
        assertThat(order.referentienummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(order.details()).isEqualTo("Dummy-00040003");

        SoapRequestException upper = refused(soap(sample(TEKST).replace("9c0f7b90-5c69-41e5-a837-0800200c9a66",
                "9C0F7B90-5C69-41E5-A837-0800200C9A66"), "soapenv", null), null);
        assertThat(upper.reasonKey()).isEqualTo(ErrorReasons.REFERENTIENUMMER_INVALID);

        SoapRequestException twoMessages = refused(soap(sample(TEKST) + "<extra/>", "soapenv", null), null);
        assertThat(twoMessages.detail()).contains("more than one element");
    }

    @Test
    void aRequestOverTheLimitIsRefusedWhileReadingAndALargeOneUnderItStreamsThrough() throws Exception {
        byte[] content = new byte[18 * 1024 * 1024 + 5];
        new Random(7).nextBytes(content);
        String head = soap(sample(TEKST), "soapenv", null);
        String placeholder = "SGllciBzdGFhdCBlZW4gZHVtbXktdGVrc3RiZXJpY2h0Lg==";
        int cut = head.indexOf(placeholder);
        Path request = dir.resolve("big.xml");
        try (OutputStream out = Files.newOutputStream(request)) {
            out.write(head.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            try (OutputStream base64 = Base64.getMimeEncoder().wrap(new nl.ggk.hub.io.NonClosingOutputStream(out))) {
                base64.write(content);
            }
            out.write(head.substring(cut + placeholder.length()).getBytes(StandardCharsets.UTF_8));
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        SoapRequest big;
        try (InputStream in = Files.newInputStream(request);
             OutputStream payload = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            big = codec.read(in, null, payload);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(big.envelope().payloadBytes()).isEqualTo(content.length);
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(big.bytes()).isEqualTo(Files.size(request));
        System.out.printf("SoapCodec read a %d MB request in %d ms%n", Files.size(request) >> 20, millis);

        SoapRequestException tooLarge;
        try (InputStream in = Files.newInputStream(request)) {
            tooLarge = catchThrowableOfType(SoapRequestException.class,
                    () -> codec(Files.size(request) - 1).read(in, null, OutputStream.nullOutputStream()));
        }
        assertThat(tooLarge.reasonKey()).isEqualTo(ErrorReasons.TOO_LARGE);
        assertThat(tooLarge.zender()).as("stuurgegevens come before the payload")
                .isEqualTo(StufSysteem.of("0548", "Wmo Applicatie"));

        // an endless body is cut off at the limit: the codec never waits for its end
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(head.substring(0, cut)
                .getBytes(StandardCharsets.UTF_8)), new InputStream() {
            @Override
            public int read() {
                return 'A';
            }
        });
        assertThat(catchThrowableOfType(SoapRequestException.class,
                () -> codec(1024 * 1024).read(endless, null, OutputStream.nullOutputStream())).reasonKey())
                .isEqualTo(ErrorReasons.TOO_LARGE);
    }

    @Test
    void aRequestNestedDeeperThanTheLimitIsRefusedWithAFo03AndOneAtTheLimitIsRead() throws Exception {
        SoapCodec twenty = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(), answers,
                SoapCodec.DEFAULT_MAX_BYTES, 20);
        // Envelope 1, Body 2, Fo01Bericht 3, body 4, detailsXML 5: fifteen levels inside it reach 20
        String atLimit = soap(sample(FO01).replace("<root></root>", "<a>".repeat(15) + "</a>".repeat(15)), "e", null);
        String over = soap(sample(FO01).replace("<root></root>", "<a>".repeat(16) + "</a>".repeat(16)), "e", null);
        ByteArrayOutputStream details = new ByteArrayOutputStream();
        assertThat(twenty.read(new ByteArrayInputStream(atLimit.getBytes(StandardCharsets.UTF_8)), null, details)
                .operation()).isEqualTo(WsOperation.FO01);
        assertThat(details.toString(StandardCharsets.UTF_8)).contains("<a><a>");

        SoapRequestException tooDeep = catchThrowableOfType(SoapRequestException.class, () -> twenty.read(
                new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8)), null, OutputStream.nullOutputStream()));
        assertThat(tooDeep.kind()).isEqualTo(SoapRequestException.Kind.FO03);
        assertThat(tooDeep.reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
        assertThat(tooDeep.detail()).startsWith("Het bericht is dieper genest dan de toegestane 20 niveaus");

        // forty thousand levels (where the JDK's writer broke) and a deep SOAP Header: the same refusal
        String forty = soap(sample(FO01).replace("<root></root>", "<a>".repeat(40_000) + "</a>".repeat(40_000)), "e",
                null);
        assertThat(refused(forty, null).detail()).contains("dieper genest dan de toegestane 100 niveaus");
        String header = soap(sample(TEKST), "soapenv", "<a>".repeat(200) + "</a>".repeat(200));
        assertThat(refused(header, null).reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
    }

    @Test
    void anXmlBestandNestedDeeperThanTheLimitIsRefusedAsAnInvalidPayloadAndOtherPayloadsAreNotJudged()
            throws Exception {
        Path payload = dir.resolve("payload.xml");
        SoapRequest xml;
        try (OutputStream out = Files.newOutputStream(payload)) {
            xml = read(soap(sample(XML), "soapenv", null), null, out);
        }
        codec.checkXmlPayload(xml, payload);

        Files.writeString(payload, "<Bericht>" + "<a>".repeat(40_000) + "</a>".repeat(40_000) + "</Bericht>");
        SoapRequestException deep = catchThrowableOfType(SoapRequestException.class,
                () -> codec.checkXmlPayload(xml, payload));
        assertThat(deep.reasonKey()).isEqualTo(ErrorReasons.PAYLOAD_INVALID);
        assertThat(deep.detail()).startsWith("Het bericht in xmlBestand is dieper genest");
        assertThat(deep.referentienummer()).isEqualTo(xml.referentienummer());

        // not XML at all: classification answers that later, with a Fo01, as on every channel
        Files.writeString(payload, "<Bericht><niet-gesloten>");
        codec.checkXmlPayload(xml, payload);
        // a tekstBestand is no XML to judge
        SoapRequest tekst = read(soap(sample(TEKST), "soapenv", null), null, OutputStream.nullOutputStream());
        Files.writeString(payload, "<a>".repeat(500));
        codec.checkXmlPayload(tekst, payload);
    }

    @Test
    void headersTheHubMustUnderstandAndSoap12AreSoapLevelFaults() throws Exception {
        String mustUnderstand = soap(sample(TEKST), "soapenv",
                "<sec:Security xmlns:sec=\"urn:sec\" soapenv:mustUnderstand=\"1\"/>");
        assertThat(refused(mustUnderstand, null).kind()).isEqualTo(SoapRequestException.Kind.MUST_UNDERSTAND);
        String optional = soap(sample(TEKST), "soapenv", "<sec:Security xmlns:sec=\"urn:sec\" soapenv:mustUnderstand=\"0\"/>");
        assertThat(read(optional, null, OutputStream.nullOutputStream()).operation()).isEqualTo(WsOperation.GGK_DI01);

        String soap12 = soap(sample(TEKST), "env", null).replace(SOAP11, "http://www.w3.org/2003/05/soap-envelope");
        assertThat(refused(soap12, null).kind()).isEqualTo(SoapRequestException.Kind.VERSION_MISMATCH);
    }

    @Test
    void externalEntitiesAreNeverResolvedAndNotXmlIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "geheim-0363");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + soap(sample(TEKST), "soapenv", null).replaceFirst("^<\\?xml[^>]*\\?>", "")
                .replace("<StUF:functie>Dummy", "<StUF:functie>&x;");
        SoapRequestException e = refused(xxe, null);
        assertThat(e.kind()).isEqualTo(SoapRequestException.Kind.FO03);
        assertThat(String.valueOf(e.detail())).doesNotContain("geheim");
        assertThat(refused("dit is geen xml", null).reasonKey()).isEqualTo(ErrorReasons.ENVELOPE_INVALID);
        assertThat(refused("<a/>", null).detail()).contains("not a SOAP 1.1 Envelope");
    }

    @Test
    void theAnswersAreSoapWithAnOfficiallyValidBv03OrFo03() throws Exception {
        Bv03 bv03 = answers.bv03(StufSysteem.of("0548", "Wmo Applicatie"), "9c0f7b90-5c69-41e5-a837-0800200c9a66", null);
        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        codec.writeBv03(bv03, ok);
        Document okDoc = parse(ok.toByteArray());
        Element bv03Element = firstChild(firstChild(okDoc.getDocumentElement(), SOAP11, "Body"), null, null);
        assertThat(bv03Element.getLocalName()).isEqualTo("Bv03Bericht");
        StufSchemas.assertValid(save(bv03Element, "bv03.xml"), StufSchemas.FO01_XSD);

        Foutbericht fo03 = answers.fo03(StufSysteem.of("0548", "Wmo Applicatie"), "9c0f7b90-5c69-41e5-a837-0800200c9a66",
                ErrorCodes.loadFromClasspath("ggk-2025").byCode("StUF016").orElseThrow(), null, "Dummy-00040003", null);
        ByteArrayOutputStream fault = new ByteArrayOutputStream();
        codec.writeFo03Fault(fo03, fault);
        Element faultElement = firstChild(firstChild(parse(fault.toByteArray()).getDocumentElement(), SOAP11, "Body"),
                SOAP11, "Fault");
        assertThat(firstChild(faultElement, null, "faultcode").getTextContent()).isEqualTo("soapenv:Client");
        assertThat(firstChild(faultElement, null, "faultstring").getTextContent()).startsWith("Dit bericht is al eerder");
        Element fo03Element = firstChild(firstChild(faultElement, null, "detail"), null, null);
        assertThat(fo03Element.getLocalName()).isEqualTo("Fo03Bericht");
        Path fo03File = save(fo03Element, "fo03.xml");
        StufSchemas.assertValid(fo03File, StufSchemas.FO01_XSD);
        assertThat(new StufBerichtReader().readFo03(Files.newInputStream(fo03File))).isEqualTo(fo03);

        ByteArrayOutputStream mu = new ByteArrayOutputStream();
        codec.writeSoapFault(SoapRequestException.Kind.MUST_UNDERSTAND, "header not understood", mu);
        Element muFault = firstChild(firstChild(parse(mu.toByteArray()).getDocumentElement(), SOAP11, "Body"), SOAP11, "Fault");
        assertThat(firstChild(muFault, null, "faultcode").getTextContent()).isEqualTo("soapenv:MustUnderstand");
        assertThat(muFault.getElementsByTagName("detail").getLength()).isZero();
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The first child element, by namespace and name (null = any). */
    private static Element firstChild(Element parent, String ns, String localName) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))
                    && (ns == null || ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        throw new AssertionError("no child " + localName + " in " + parent.getLocalName());
    }

    private Path save(Element element, String name) throws Exception {
        Path file = dir.resolve(name);
        var transformer = TransformerFactory.newDefaultInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(element), new StreamResult(file.toFile()));
        return file;
    }
}
