package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Conformance, continued on a hub of its own: the official {@code -tekst} Di01 gets Bv03 and enters the chain (its
 * CSV is placeholder text under a name that is no GMSD file name: 0548 gets a Fo01 GGK002 and the technical feedback ZIP), then the official {@code -xml}
 * Di01, which has the same zender and referentienummer but other content, gets Fo03 StUF016.
 */
@OwnHub("the official samples' referentienummers: the hub remembers each one it received")
class WsConformanceTekstTest extends HubTestSupport {

    @Test
    void theTwoOfficialDi01SamplesOnOneHubTheTekstGetsBv03AndAFo01PlusFeedbackZipFor0548TheXmlThenFo03Stuf016() throws Exception {
        HttpResponse<String> tekst = soapPost("demo-0548", WebServiceTest.DI01_ACTION,
                WebServiceTest.soap(WebServiceTest.sample(WebServiceTest.TEKST)));

        assertThat(tekst.statusCode()).as(tekst.body()).isEqualTo(200);
        Element bv03 = WebServiceTest.bodyMessage(tekst.body());
        assertThat(bv03.getLocalName()).isEqualTo("Bv03Bericht");
        WebServiceTest.assertValidStuf(bv03);
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> deliveryIdOf("0548", "AanleveringQ1.csv"),
                f -> f != null);
        Path fo01 = await().atMost(Duration.ofSeconds(30)).until(() -> fileIn("0548", "Fo01-" + id), f -> f != null);
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("<StUF:organisatie>0548</StUF:organisatie>")
                .contains("<StUF:code>GGK002</StUF:code>");
        // refused by its name before the GMSD check, it ends in the hub's technical feedback ZIP all the same
        Path feedback = await().atMost(Duration.ofSeconds(30))
                .until(() -> fileIn("0548", "technische-terugkoppeling-AanleveringQ1-"), f -> f != null);
        assertThat(feedback.getFileName().toString()).endsWith("-" + id.substring(0, 8) + ".zip");
        Map<String, byte[]> zip = Reports.unzip(Files.readAllBytes(feedback));
        assertThat(zip).containsOnlyKeys("technische-terugkoppeling.pdf", "fouten.csv");
        assertThat(new String(zip.get("technische-terugkoppeling.pdf"), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(new String(zip.get("fouten.csv"), StandardCharsets.UTF_8)).contains("AanleveringQ1.csv");

        HttpResponse<String> xml = soapPost("demo-0548", WebServiceTest.DI01_ACTION,
                WebServiceTest.soap(WebServiceTest.sample(WebServiceTest.XML)));
        assertThat(xml.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(xml.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("StUF016");
        assertThat(WebServiceTest.text(fo03, "crossRefnummer")).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        WebServiceTest.assertValidStuf(fo03);
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
