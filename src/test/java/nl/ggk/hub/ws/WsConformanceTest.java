package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Conformance with the official StUF-GGk 0210 samples (../shared/reference/stuf-ggk0210/voorbeeldberichten; the
 * tests skip with a message naming the folder when it is absent), each posted to a hub that has not seen it. Every
 * Bv03, Fo03 and Fo01 the hub answers or writes is checked against the official stuf0301.xsd. The {@code -tekst}
 * Di01 and the conflict of the two Di01 samples: {@link WsConformanceTekstTest} (they share zender and
 * referentienummer, so each needs its own hub).
 */
@OwnHub("the official samples' referentienummers: the hub remembers each one it received")
class WsConformanceTest extends HubTestSupport {

    static final String FO01_ACTION = "http://www.egem.nl/StUF/StUF0301/Fo01";

    @Test
    void theOfficialXmlDi01GetsBv03AndIsThenRefusedWithAFo01Stuf055To0548() throws Exception {
        HttpResponse<String> response = soapPost("demo-0548", WebServiceTest.DI01_ACTION,
                WebServiceTest.soap(WebServiceTest.sample(WebServiceTest.XML)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Element bv03 = WebServiceTest.bodyMessage(response.body());
        assertThat(bv03.getLocalName()).isEqualTo("Bv03Bericht");
        assertThat(WebServiceTest.text(bv03, "crossRefnummer")).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        WebServiceTest.assertValidStuf(bv03);

        // its payload is placeholder text, not an iWmo message
        String id = await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveryIdOf("0548", "WMO301-9c0f7b90-5c69-41e5-a837-0800200c9a66.xml"), f -> f != null);
        Path fo01 = await().atMost(Duration.ofSeconds(30)).until(() -> fileIn("0548", "Fo01-" + id), f -> f != null);
        StufSchemas.assertValidFo01(fo01);
        // about the Di01: its referentienummer is the crossRefnummer, its zender applicatie the ontvanger's
        assertThat(Files.readString(fo01)).contains("<StUF:code>StUF055</StUF:code>")
                .contains("<StUF:organisatie>0548</StUF:organisatie>")
                .contains("<StUF:crossRefnummer>9c0f7b90-5c69-41e5-a837-0800200c9a66</StUF:crossRefnummer>");
        assertThat(awaitFinal(id, "demo-0548").get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void theOfficialDu01FromACareProviderGetsBv03AndLandsIn0484AsReceived() throws Exception {
        String sample = WebServiceTest.sample(WebServiceTest.RETOUR);
        HttpResponse<String> response = soapPost("demo-RINIS", WebServiceTest.GGK + "/ggk_Du01",
                WebServiceTest.soap(sample));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Element bv03 = WebServiceTest.bodyMessage(response.body());
        assertThat(bv03.getLocalName()).isEqualTo("Bv03Bericht");
        assertThat(WebServiceTest.text(bv03, "crossRefnummer")).isEqualTo("b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0");
        WebServiceTest.assertValidStuf(bv03);

        Path file = data("outbox/0484/WMO302-01023456-b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        String base64 = sample.replaceAll("(?s).*<GGK:xmlBestand>(.*)</GGK:xmlBestand>.*", "$1").strip();
        assertThat(Files.readAllBytes(file)).isEqualTo(Base64.getDecoder().decode(base64));
    }

    @Test
    void theOfficialFo01IsAnsweredByTheRulesNotWithAnInternalError() throws Exception {
        HttpResponse<String> response = soapPost("demo-RINIS", FO01_ACTION,
                WebServiceTest.soap(WebServiceTest.sample("Fo01.xml")));

        // it is about 9c0f7b90-5c69-11e5-…, which names no message this hub sent: the table's code for that
        assertThat(response.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(response.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("GGK040");
        assertThat(WebServiceTest.text(fo03, "crossRefnummer")).isEqualTo("78002f23-5bc5-4e3e-96ad-1d209d32a5d5");
        assertThat(WebServiceTest.text(fo03, "omschrijving")).contains("9c0f7b90-5c69-11e5-a837-0800200c9a66");
        WebServiceTest.assertValidStuf(fo03);

        // a gemeente may not send a Fo01 at all
        HttpResponse<String> fromGemeente = soapPost("demo-0548", FO01_ACTION,
                WebServiceTest.soap(WebServiceTest.sample("Fo01.xml")));
        assertThat(WebServiceTest.text(WebServiceTest.faultDetail(fromGemeente.body()), "code")).isEqualTo("IB006");
    }

    HttpResponse<String> soapPost(String key, String action, String soap) {
        return post("/ws/ggk0210", key, "text/xml; charset=utf-8", soap.getBytes(StandardCharsets.UTF_8),
                "SOAPAction", "\"" + action + "\"");
    }

    Path fileIn(String org, String prefix) throws Exception {
        Path dir = data("outbox/" + org);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
        }
    }
}
