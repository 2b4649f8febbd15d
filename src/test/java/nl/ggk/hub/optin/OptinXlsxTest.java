package nl.ggk.hub.optin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.builder.AdviceWith;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** With ggk.optin.format=xlsx an opt-in is still checked as CSV, but the Di01 to CBS carries the .xlsx variant. */
@OwnHub("it advises cbs-forward to record what goes to CBS")
class OptinXlsxTest extends HubTestSupport {

    private static final Pattern TEKST_BESTAND =
            Pattern.compile("<(?:\\w+:)?tekstBestand[^>]*bestandsnaam=\"([^\"]+)\"[^>]*>([^<]+)<");

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.optin.format", "xlsx");
        return overrides;
    }

    @Test
    void theForwardedDi01CarriesAnXlsxThatPoiReadsBackWithTheDecision() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        AdviceWith.adviceWith(context, "cbs-send", route -> route.weaveById("cbs-post").before()
                .process(e -> sent.add(Files.readString(e.getMessage().getBody(File.class).toPath()))));

        String json = "{\"organisation\": \"0363\", \"year\": 2026, \"half\": 2, \"WMO_BASIS\": \"J\","
                + " \"WMO_FACULTATIEF\": \"N\", \"JEUGD\": \"J\", \"SBO\": \"N\"}";
        HttpResponse<String> posted = post("/api/v1/optin", "demo-0363", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode answer = json(posted.body());
        assertThat(answer.get("fileName").asText()).isEqualTo("0363_OPTIN_2026H2.csv");
        assertThat(answer.get("cbsFileName").asText()).isEqualTo("0363_OPTIN_2026H2.xlsx");
        String deliveryId = answer.get("deliveryId").asText();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(deliveryId, "demo-0363").get("entries").get(0).get("status").asText(),
                        "FORWARDED"::equals);
        assertThat(sent).hasSize(1);
        Matcher m = TEKST_BESTAND.matcher(sent.get(0));
        assertThat(m.find()).as(sent.get(0)).isTrue();
        assertThat(m.group(1)).isEqualTo("0363_OPTIN_2026H2.xlsx");
        byte[] xlsx = Base64.getMimeDecoder().decode(m.group(2).trim());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("OPTIN");
            assertThat(sheet).isNotNull();
            assertThat(cells(sheet.getRow(0))).containsExactly("gemeentecode", "jaar", "halfjaar", "WMO_BASIS",
                    "WMO_FACULTATIEF", "JEUGD", "SBO");
            assertThat(cells(sheet.getRow(1))).containsExactly("0363", "2026", "2", "J", "N", "J", "N");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
        }
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        row.forEach(cell -> values.add(cell.getStringCellValue()));
        return values;
    }
}
