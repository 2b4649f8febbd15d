package nl.ggk.hub.foutrapportage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Reports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/foutrapportage: the Fo01s of one organisation and period, as CSV and PDF. */
@OwnHub("the foutrapportage lists every Fo01 of an organisation in a period")
class FoutrapportageApiTest extends HubTestSupport {

    private static final String VALID = "20260715;0384;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();

    private String first;
    private String second;
    private String other;

    /** Three refused deliveries, made once for the class (the hub starts before each test's first call). */
    @BeforeEach
    void threeRefusedDeliveries() {
        if (first != null) {
            return;
        }
        first = deliver("0384_wmo_2026H1.csv", "demo-0384", "text/csv", VALID.getBytes(StandardCharsets.UTF_8));
        second = deliver("0384_jeugd_2026H1.csv", "demo-0384", "text/csv", VALID.getBytes(StandardCharsets.UTF_8));
        other = deliver("0363_wmo_2026H1.csv", "demo-0363", "text/csv",
                VALID.replace(";0384;", ";0363;").getBytes(StandardCharsets.UTF_8));
        for (String[] d : new String[][] {{first, "demo-0384"}, {second, "demo-0384"}, {other, "demo-0363"}}) {
            JsonNode trace = awaitFinal(d[0], d[1]);
            assertThat(trace.get("status").asText()).isEqualTo("REJECTED");
        }
    }

    @Test
    void csvListsEveryFo01OfTheOrganisationInThePeriodAndNothingOfAnother() throws Exception {
        HttpResponse<byte[]> response = report("demo-0384", "organisation=0384&from=" + TODAY + "&to=" + TODAY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"foutrapportage-0384-" + TODAY + "-" + TODAY + ".csv\"");
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFtijdstip;code;omschrijving;levering;bestand;fo01\r\n");
        assertThat(csv.lines().filter(l -> l.contains(";GGK002;"))).hasSize(2);
        assertThat(csv).contains(first).contains(second).contains("0384_wmo_2026H1.csv").contains("0384_jeugd_2026H1.csv")
                .contains("Hernoem naar 0384_WMO_2026H1.csv")
                .doesNotContain(other).doesNotContain("0363_wmo");
    }

    @Test
    void pdfListsTheSameFo01sInDutch() throws Exception {
        HttpResponse<byte[]> response = report("demo-0384", "from=" + TODAY + "&format=pdf");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = Reports.pdfText(response.body());
        assertThat(text).contains("Foutrapportage").contains("Diemen (0384)").contains("Aantal foutberichten (Fo01): 2")
                .contains("GGK002").contains("0384_wmo_2026H1.csv").contains("0384_jeugd_2026H1.csv")
                .doesNotContain(other).doesNotContain("0363_wmo");
        // readable as a person prints it: portrait, names instead of delivery and Fo01 ids
        assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
            var page = pdf.getPage(0);
            assertThat(page.getMediaBox().getHeight()).isGreaterThan(page.getMediaBox().getWidth());
            assertThat(page.getRotation() % 180).isZero();
        }
    }

    @Test
    void anEarlierPeriodHasNoFo01s() throws Exception {
        HttpResponse<byte[]> response = report("demo-0384", "from=2020-01-01&to=2020-01-31&format=pdf");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Reports.pdfText(response.body())).contains("geen foutberichten").doesNotContain(first);
    }

    @Test
    void aSamenwerkingsverbandMayReadItsMemberButAGemeenteNotAnother() throws Exception {
        assertThat(report("demo-SWV-HR", "organisation=0546").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> refused = report("demo-0363", "organisation=0384");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain(first);
    }

    @Test
    void aBadFormatOrDateIsA400NamingTheField() throws Exception {
        HttpResponse<byte[]> format = report("demo-0384", "format=xls");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(new String(format.body(), StandardCharsets.UTF_8)).get("detail").asText()).contains("'format'");
        HttpResponse<byte[]> date = report("demo-0384", "from=31-01-2026");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(json(new String(date.body(), StandardCharsets.UTF_8)).get("detail").asText()).contains("'from'");
    }

    private HttpResponse<byte[]> report(String apiKey, String query) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/api/v1/foutrapportage?" + query))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
