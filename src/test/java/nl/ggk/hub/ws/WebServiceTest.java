package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The web service /ws/ggk0210 of a running hub, posted to with the official sample messages. */
@OwnHub("the official samples' referentienummers: the hub remembers each one it received")
class WebServiceTest extends HubTestSupport {

    static final String GGK = "http://www.stufstandaarden.nl/koppelvlak/ggk0210";
    static final String STUF = "http://www.egem.nl/StUF/StUF0301";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String DI01_ACTION = GGK + "/ggk_Di01";
    static final String TEKST = "envelopHeenbericht-ggk_Di01_v21-tekst.xml";
    static final String XML = "envelopHeenbericht-ggk_Di01_v21-xml.xml";
    static final String RETOUR = "envelopRetourbericht-ggk_Du01-v21.xml";

    @Test
    void aMunicipalitysDi01IsAnsweredWithBv03AndEntersTheIntakeDoorAsADelivery() throws Exception {
        HttpResponse<String> response = soapPost("demo-0548", DI01_ACTION, soap(sample(TEKST)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Element bv03 = bodyMessage(response.body());
        assertThat(bv03.getLocalName()).isEqualTo("Bv03Bericht");
        assertThat(text(bv03, "crossRefnummer")).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertValidStuf(bv03);

        String id = await().atMost(Duration.ofSeconds(30)).until(() -> deliveryIdOf("0548", "AanleveringQ1.csv"),
                found -> found != null);
        JsonNode trace = awaitFinal(id, "demo-0548");
        assertThat(trace.get("channel").asText()).isEqualTo("WS");
        assertThat(trace.get("sender").asText()).isEqualTo("0548");
        // the sample's CSV is placeholder text: the municipality hears why, as for any other channel
        assertThat(trace.get("status").asText()).isEqualTo("REJECTED");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox("0548").anyMatch(p -> p.startsWith("Fo01-" + id)));

        // a resend of the same message: the same Bv03 again, no second delivery
        HttpResponse<String> again = soapPost("demo-0548", DI01_ACTION, soap(sample(TEKST)).replace("><", ">\n<"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(response.body());
        assertThat(deliveriesOf("0548", "AanleveringQ1.csv")).isEqualTo(1);

        // the other sample has the same zender and referentienummer but other content
        HttpResponse<String> conflict = soapPost("demo-0548", DI01_ACTION, soap(sample(XML)));
        assertThat(conflict.statusCode()).isEqualTo(500);
        Element fo03 = faultDetail(conflict.body());
        assertThat(text(fo03, "code")).isEqualTo("StUF016");
        assertValidStuf(fo03);
    }

    @Test
    void aRequestWithoutAValidKeyIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> none = soapPost(null, DI01_ACTION, soap(sample(TEKST)));
        HttpResponse<String> wrong = soapPost("not-a-key", DI01_ACTION, soap(sample(TEKST)));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void aGemeenteCannotSendAsAnotherGemeenteNorAsTheChainSide() throws Exception {
        HttpResponse<String> asOther = soapPost("demo-0363", DI01_ACTION, soap(sample(TEKST)));
        assertThat(asOther.statusCode()).isEqualTo(500);
        Element fo03 = faultDetail(asOther.body());
        assertThat(text(fo03, "code")).isEqualTo("IB006");
        assertValidStuf(fo03);

        // a Du01 from a care provider may only come from the chain side
        HttpResponse<String> du01 = soapPost("demo-0484", GGK + "/ggk_Du01", soap(sample(RETOUR)));
        assertThat(du01.statusCode()).isEqualTo(500);
        assertThat(text(faultDetail(du01.body()), "code")).isEqualTo("IB006");
        assertThat(deliveriesOf("0484", null)).isZero();
    }

    @Test
    void aSamenwerkingsverbandSendsForItsMember() throws Exception {
        String di01 = sample(TEKST).replace("<StUF:organisatie>0548</StUF:organisatie>",
                        "<StUF:organisatie>0546</StUF:organisatie>")
                .replace("9c0f7b90-5c69-41e5-a837-0800200c9a66", "5b7e0f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b");
        HttpResponse<String> response = soapPost("demo-SWV-HR", DI01_ACTION, soap(di01));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> deliveryIdOf("0546", "AanleveringQ1.csv"),
                found -> found != null);
        JsonNode trace = delivery(id, "demo-SWV-HR");
        assertThat(trace.get("organisation").asText()).isEqualTo("0546");
        assertThat(trace.get("sender").asText()).isEqualTo("SWV-HR");

        HttpResponse<String> forNonMember = soapPost("demo-SWV-HR", DI01_ACTION, soap(di01
                .replace("<StUF:organisatie>0546</StUF:organisatie>", "<StUF:organisatie>0363</StUF:organisatie>")
                .replace("5b7e0f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "6c8f1a3b-2d4e-4f60-9bac-1d2e3f4a5b6c")));
        assertThat(forNonMember.statusCode()).isEqualTo(500);
        assertThat(text(faultDetail(forNonMember.body()), "code")).isEqualTo("IB006");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    static String sample(String name) throws IOException {
        return Files.readString(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/" + name));
    }

    static String soap(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"" + SOAP11
                + "\"><soapenv:Body>" + message.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "")
                + "</soapenv:Body></soapenv:Envelope>";
    }

    HttpResponse<String> soapPost(String key, String action, String soap) {
        return post("/ws/ggk0210", key, "text/xml; charset=utf-8", soap.getBytes(StandardCharsets.UTF_8),
                "SOAPAction", "\"" + action + "\"");
    }

    int deliveriesOf(String org, String filename) {
        JsonNode list = json(get("/api/v1/deliveries?organisation=" + org + "&size=200", "demo-" + org).body());
        int n = 0;
        for (JsonNode item : list.get("items")) {
            if (filename == null || item.get("filename").asText().equals(filename)) {
                n++;
            }
        }
        return n;
    }

    Stream<String> outbox(String org) throws IOException {
        Path dir = data("outbox/" + org);
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The StUF message in the SOAP Body. */
    static Element bodyMessage(String soap) throws Exception {
        Element body = (Element) parse(soap).getElementsByTagNameNS(SOAP11, "Body").item(0);
        return firstElement(body);
    }

    /** The Fo03 in the SOAP Fault's detail. */
    static Element faultDetail(String soap) throws Exception {
        Element detail = (Element) parse(soap).getElementsByTagNameNS("*", "detail").item(0);
        assertThat(detail).as("Fault detail in %s", soap).isNotNull();
        Element fo03 = firstElement(detail);
        assertThat(fo03.getLocalName()).isEqualTo("Fo03Bericht");
        return fo03;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no element in " + parent.getLocalName());
    }

    static String text(Element message, String localName) {
        Node node = message.getElementsByTagNameNS(STUF, localName).item(0);
        return node == null ? null : node.getTextContent();
    }

    /** The message is valid against the official StUF 03.01 schema. */
    static void assertValidStuf(Element message) throws Exception {
        Path file = Files.createTempFile(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(),
                "stuf-", ".xml");
        var transformer = TransformerFactory.newInstance();
        transformer.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        var t = transformer.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.transform(new DOMSource(message), new StreamResult(file.toFile()));
        StufSchemas.assertValid(file, StufSchemas.FO01_XSD);
    }
}
