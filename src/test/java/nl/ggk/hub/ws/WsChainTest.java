package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What the chain side (demo-RINIS) sends through /ws/ggk0210 besides CBS's reports: a Fo01 from CBS about a Di01 of
 * the hub, and care providers' iWmo/iJw messages to a gemeente.
 */
@OwnHub("it counts the CBS Fo01 files in the outboxes of Holland Rijnland")
class WsChainTest extends HubTestSupport {

    static final String GGK = WebServiceTest.GGK;
    static final String AGB = "12345678";
    static final byte[] WMO302 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"http://www.istandaarden.nl/"
            + "iwmo/3_2/wmo302/schema\"><Header><BerichtCode>415</BerichtCode></Header></Bericht>\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aFo01FromCbsAboutAForwardedFileReachesLeidenAndSwvHrWithCbsCodeAndShowsInTrackAndTrace() throws Exception {
        String csv = Files.readString(Path.of("docs/examples/0384_WMO_2026H1.csv")).replace(";0384;", ";0546;");
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=0546_WMO_2026H1.csv", "demo-SWV-HR",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8), "X-Organisation", "0546");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();
        JsonNode entry = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-SWV-HR").get("entries").get(0),
                        e -> "FORWARDED".equals(e.get("status").asText()));
        String ref = referentienummer(entry);

        String fo01 = fo01("CBS", "0546", UUID.randomUUID().toString(), ref, "CBS012",
                "Kolom 4 heeft te veel tekens.");
        HttpResponse<String> answer = soap("demo-RINIS", "http://www.egem.nl/StUF/StUF0301/Fo01", fo01);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Element bv03 = WebServiceTest.bodyMessage(answer.body());
        assertThat(bv03.getLocalName()).isEqualTo("Bv03Bericht");
        WebServiceTest.assertValidStuf(bv03);

        String name = await().atMost(Duration.ofSeconds(30)).until(() -> fo01In("0546"), n -> n != null);
        Path file = data("outbox/0546/" + name);
        StufSchemas.assertValidFo01(file);
        String written = Files.readString(file);
        assertThat(written).contains("<StUF:code>CBS012</StUF:code>").contains("Kolom 4 heeft te veel tekens.")
                .contains("<StUF:organisatie>0546</StUF:organisatie>").contains(ref);
        await().atMost(Duration.ofSeconds(10)).until(() -> fo01In("SWV-HR") != null);
        assertThat(fo01In("SWV-HR")).isEqualTo(name);
        assertThat(fo01In("0547")).isNull();
        JsonNode after = await().atMost(Duration.ofSeconds(10)).until(() -> delivery(id, "demo-0546"),
                d -> d.toString().contains("CBS_FO01"));
        assertThat(after.toString()).contains("CBS012").contains("Kolom 4 heeft te veel tekens.");

        // RINIS resends it: the same Bv03, still one Fo01 file, one event
        HttpResponse<String> again = soap("demo-RINIS", "http://www.egem.nl/StUF/StUF0301/Fo01", fo01);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        assertThat(fo01s("0546")).hasSize(1);
    }

    @Test
    void aFo01AboutNoMessageOfTheHubIsRefusedWithTheCodeOfTheTableAndAGemeenteMayNotSendOne() throws Exception {
        String fo01 = fo01("CBS", "0546", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "CBS012", "x");
        HttpResponse<String> answer = soap("demo-RINIS", "", fo01);

        assertThat(answer.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(answer.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("GGK040");
        WebServiceTest.assertValidStuf(fo03);

        HttpResponse<String> fromGemeente = soap("demo-0546", "", fo01);
        assertThat(WebServiceTest.text(WebServiceTest.faultDetail(fromGemeente.body()), "code")).isEqualTo("IB006");
    }

    @Test
    void aDu01FromCbsAboutNoMessageOfTheHubGetsTheCodeOfTheTableNotAnInternalError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDu01(Du01Request.tekstBestand(StufSysteem.of("CBS", "CBS"),
                "0546", "Dummy", "terugkoppeling.pdf", UUID.randomUUID().toString()),
                new ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)), out);
        HttpResponse<String> answer = soap("demo-RINIS", GGK + "/ggk_Du01", out.toString(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(answer.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("GGK040");
        WebServiceTest.assertValidStuf(fo03);
    }

    @Test
    void aCareProvidersMessageReachesTheGemeentesOutboxAsReceivedOnceAndAConflictingResendGetsStuf016()
            throws Exception {
        Di01Request request = Di01Request.xmlBestand(StufSysteem.of(AGB, "Zorgsysteem"), "0363", "WMO302");
        String di01 = envelope(request, WMO302);
        HttpResponse<String> answer = soap("demo-RINIS", GGK + "/ggk_Di01", di01);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Element bv03 = WebServiceTest.bodyMessage(answer.body());
        assertThat(WebServiceTest.text(bv03, "crossRefnummer")).isEqualTo(request.referentienummer());
        WebServiceTest.assertValidStuf(bv03);
        String expected = "WMO302-" + AGB + "-" + request.referentienummer() + ".xml";
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data("outbox/0363/" + expected)));
        assertThat(Files.readAllBytes(data("outbox/0363/" + expected))).isEqualTo(WMO302);

        // identical resend: the same Bv03, one outbox item
        HttpResponse<String> again = soap("demo-RINIS", GGK + "/ggk_Di01", di01);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        JsonNode items = await().atMost(Duration.ofSeconds(10)).until(() -> outboxItems("0363", expected),
                list -> list.size() == 1);
        assertThat(items.get(0).get("kind").asText()).isEqualTo("BERICHT");

        // other content under the same referentienummer
        HttpResponse<String> conflict = soap("demo-RINIS", GGK + "/ggk_Di01", envelope(request,
                new String(WMO302, StandardCharsets.UTF_8).replace("415", "416").getBytes(StandardCharsets.UTF_8)));
        assertThat(conflict.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(conflict.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("StUF016");
        WebServiceTest.assertValidStuf(fo03);
        assertThat(outboxItems("0363", expected)).hasSize(1);
    }

    @Test
    void anyWellFormedAgbCodeMaySendButAnUnknownGemeenteGetsStuf010AndAMalformedZenderStuf013() throws Exception {
        HttpResponse<String> other = soap("demo-RINIS", GGK + "/ggk_Du01", envelopeDu01(
                Du01Request.xmlBestand(StufSysteem.of("87654321", "Zorgsysteem"), "0363", "JW316",
                        UUID.randomUUID().toString()), WMO302));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);

        HttpResponse<String> unknown = soap("demo-RINIS", GGK + "/ggk_Di01", envelope(
                Di01Request.xmlBestand(StufSysteem.of(AGB, "Zorgsysteem"), "9999", "WMO302"), WMO302));
        assertThat(unknown.statusCode()).isEqualTo(500);
        Element fo03 = WebServiceTest.faultDetail(unknown.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("StUF010");
        WebServiceTest.assertValidStuf(fo03);

        HttpResponse<String> malformed = soap("demo-RINIS", GGK + "/ggk_Di01", envelope(
                Di01Request.xmlBestand(StufSysteem.of("1234567", "Zorgsysteem"), "0363", "WMO302"), WMO302));
        assertThat(WebServiceTest.text(WebServiceTest.faultDetail(malformed.body()), "code")).isEqualTo("StUF013");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** The referentienummer of the hub's Di01 to CBS, as track & trace shows it. */
    static String referentienummer(JsonNode entry) {
        for (JsonNode event : entry.get("events")) {
            String detail = event.path("detail").asText();
            int at = detail.indexOf("referentienummer ");
            if (at >= 0) {
                return detail.substring(at + "referentienummer ".length()).trim();
            }
        }
        throw new AssertionError("no referentienummer in " + entry);
    }

    static String fo01(String zender, String ontvanger, String ref, String crossRef, String code, String omschrijving) {
        return "<StUF:Fo01Bericht xmlns:StUF=\"http://www.egem.nl/StUF/StUF0301\"><StUF:stuurgegevens>"
                + "<StUF:berichtcode>Fo01</StUF:berichtcode>"
                + "<StUF:zender><StUF:organisatie>" + zender + "</StUF:organisatie><StUF:applicatie>CBS</StUF:applicatie></StUF:zender>"
                + "<StUF:ontvanger><StUF:organisatie>" + ontvanger + "</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>"
                + "<StUF:referentienummer>" + ref + "</StUF:referentienummer>"
                + "<StUF:tijdstipBericht>20260701120000</StUF:tijdstipBericht>"
                + "<StUF:crossRefnummer>" + crossRef + "</StUF:crossRefnummer></StUF:stuurgegevens>"
                + "<StUF:body><StUF:code>" + code + "</StUF:code><StUF:plek>client</StUF:plek>"
                + "<StUF:omschrijving>" + omschrijving + "</StUF:omschrijving><StUF:details>Dummy-00040003</StUF:details>"
                + "</StUF:body></StUF:Fo01Bericht>";
    }

    static String envelope(Di01Request request, byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDi01(request, new ByteArrayInputStream(payload), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String envelopeDu01(Du01Request request, byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDu01(request, new ByteArrayInputStream(payload), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    HttpResponse<String> soap(String key, String action, String message) {
        return post("/ws/ggk0210", key, "text/xml; charset=utf-8",
                WebServiceTest.soap(message).getBytes(StandardCharsets.UTF_8), "SOAPAction", "\"" + action + "\"");
    }

    JsonNode outboxItems(String org, String fileName) {
        JsonNode list = json(get("/api/v1/outbox?organisation=" + org, "demo-" + org).body());
        JsonNode items = list.get("items");
        com.fasterxml.jackson.databind.node.ArrayNode found = JSON.createArrayNode();
        for (JsonNode item : items) {
            if (fileName.equals(item.path("fileName").asText())) {
                found.add(item);
            }
        }
        return found;
    }

    List<String> fo01s(String org) throws Exception {
        Path dir = data("outbox/" + org);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Fo01-CBS-")).toList();
        }
    }

    String fo01In(String org) throws Exception {
        List<String> found = fo01s(org);
        return found.isEmpty() ? null : found.get(0);
    }
}
