package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML nested deeper than ggk.ws.max-depth (100) on /ws/ggk0210 is a message that can never pass: it is answered
 * at once with a SOAP Fault (HTTP 500, faultcode Client) holding a Fo03 with the code of the table — never a 5xx
 * problem+json "try again later" that a SOAP client would resend for an hour. Nothing of it is accepted or kept.
 */
@OwnHub("it counts the deliveries of 0363")
class WsDeepNestingTest extends HubTestSupport {

    private static final String FO01_ACTION = "http://www.egem.nl/StUF/StUF0301/Fo01";
    private static final String WMO301 = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema";

    @Test
    void aFo01WhoseDetailsXmlNestsFortyThousandDeepGetsAFo03NotTryAgainLater() throws Exception {
        assertRefusedForDepth(fo01WithDetails(deep(40_000)), "IB001");
    }

    @Test
    void aFo01WhoseDetailsXmlNestsAHundredThousandDeepGetsAFo03NotTryAgainLater() throws Exception {
        assertRefusedForDepth(fo01WithDetails(deep(100_000)), "IB001");
    }

    @Test
    void aFo01WithAnOrdinaryDetailsXmlStillPassesTheCodec() throws Exception {
        // 50 levels inside detailsXML: read, then refused for what it refers to (no Di01 of the hub), not its depth
        HttpResponse<String> answer = soap("demo-RINIS", FO01_ACTION, fo01WithDetails(deep(50)));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(WebServiceTest.text(WebServiceTest.faultDetail(answer.body()), "code")).isEqualTo("GGK040");
    }

    @Test
    void aDi01WhoseSoapHeaderNestsAHundredThousandDeepGetsAFo03() throws Exception {
        String di01 = WsChainTest.envelope(Di01Request.xmlBestand(StufSysteem.of("0363", "Wmo Applicatie"),
                WsChainTest.AGB, "WMO301"), iwmo(3));
        String request = WebServiceTest.soap(di01).replace("<soapenv:Body>",
                "<soapenv:Header>" + deep(100_000) + "</soapenv:Header><soapenv:Body>");
        HttpResponse<String> answer = post("/ws/ggk0210", "demo-0363", "text/xml; charset=utf-8",
                request.getBytes(StandardCharsets.UTF_8), "SOAPAction", "\"" + WebServiceTest.DI01_ACTION + "\"");
        assertFault(answer, "IB001");
    }

    @Test
    void aGemeentesDi01WhoseIwmoMessageInXmlBestandNestsFortyThousandDeepGetsAFo03AndIsNotDelivered()
            throws Exception {
        Di01Request request = Di01Request.xmlBestand(StufSysteem.of("0363", "Wmo Applicatie"), WsChainTest.AGB,
                "WMO301");
        HttpResponse<String> answer = soap("demo-0363", WebServiceTest.DI01_ACTION,
                WsChainTest.envelope(request, iwmo(40_000)));

        Element fo03 = assertFault(answer, "StUF055");
        assertThat(WebServiceTest.text(fo03, "crossRefnummer")).isEqualTo(request.referentienummer());
        assertThat(deliveriesOf("0363")).isZero();

        // the same message at an ordinary depth is accepted: the referentienummer was not used up by the refusal
        HttpResponse<String> ordinary = soap("demo-0363", WebServiceTest.DI01_ACTION,
                WsChainTest.envelope(request, iwmo(3)));
        assertThat(ordinary.statusCode()).as(ordinary.body()).isEqualTo(200);
    }

    @Test
    void aCareProvidersDu01WhoseXmlBestandNestsAHundredThousandDeepGetsAFo03() throws Exception {
        HttpResponse<String> answer = soap("demo-RINIS", WebServiceTest.GGK + "/ggk_Du01", WsChainTest.envelopeDu01(
                Du01Request.xmlBestand(StufSysteem.of(WsChainTest.AGB, "Zorgsysteem"), "0363", "WMO302",
                        UUID.randomUUID().toString()), iwmo(100_000)));
        assertFault(answer, "StUF055");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private void assertRefusedForDepth(String fo01, String code) throws Exception {
        assertFault(soap("demo-RINIS", FO01_ACTION, fo01), code);
    }

    /** A SOAP 1.1 Fault with HTTP 500 whose Fo03 has {@code code}, plek client and the depth in Dutch. */
    private Element assertFault(HttpResponse<String> answer, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        Document soap = WebServiceTest.parse(answer.body());
        assertThat(soap.getElementsByTagName("faultcode").item(0).getTextContent()).isEqualTo("soapenv:Client");
        Element fo03 = WebServiceTest.faultDetail(answer.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo(code);
        assertThat(WebServiceTest.text(fo03, "plek")).isEqualTo("client");
        assertThat(WebServiceTest.text(fo03, "omschrijving"))
                .contains("dieper genest dan de toegestane 100 niveaus").contains("Opnieuw versturen helpt niet");
        WebServiceTest.assertValidStuf(fo03);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(incomingAndWork()).as("nothing of a refused request is kept").isEmpty());
        return fo03;
    }

    private static String deep(int levels) {
        return "<a>".repeat(levels) + "x" + "</a>".repeat(levels);
    }

    private static byte[] iwmo(int levels) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"" + WMO301 + "\"><Header>"
                + "<BerichtCode>414</BerichtCode></Header><Client>" + deep(levels) + "</Client></Bericht>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String fo01WithDetails(String details) {
        return WsChainTest.fo01("CBS", "0546", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "CBS012", "Kolom 4 heeft te veel tekens.")
                .replace("</StUF:body>", "<StUF:detailsXML>" + details + "</StUF:detailsXML></StUF:body>");
    }

    private HttpResponse<String> soap(String key, String action, String message) {
        return post("/ws/ggk0210", key, "text/xml; charset=utf-8",
                WebServiceTest.soap(message).getBytes(StandardCharsets.UTF_8), "SOAPAction", "\"" + action + "\"");
    }

    private int deliveriesOf(String org) {
        return json(get("/api/v1/deliveries?organisation=" + org + "&size=200", "demo-" + org).body())
                .get("items").size();
    }

    /** Files left in store/incoming (the door's upload) and work/ (the codec's decoded payload). */
    private java.util.List<Path> incomingAndWork() throws IOException {
        java.util.List<Path> left = new java.util.ArrayList<>();
        for (Path dir : new Path[] {data("store/incoming"), data("work")}) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(Files::isRegularFile).forEach(left::add);
                }
            }
        }
        return left;
    }
}
