package nl.ggk.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Reports;
import org.junit.jupiter.api.Test;

/**
 * The instant mirror in the running hub: Leiderdorp (0547) delivers the example pair of half years (docs/examples/
 * vergelijking, moved three years back so that no other test's deliveries count): the second, with productcategorie
 * 03 missing and 02 halved, is named so in the feedback PDF and the API; a replaced half year replaces its figures;
 * the tables hold no BSN and no record; another gemeente cannot read the figures, the samenwerkingsverband can.
 */
class InstantMirrorFlowTest extends HubTestSupport {

    @Test
    void secondHalfYearNamesTheMissingAndTheHalvedProductcategorieInThePdfAndTheApi() throws Exception {
        byte[] earlier = example("0384_WMO_2025H2.csv");
        byte[] later = example("0384_WMO_2026H1.csv");

        String first = deliver("0547_WMO_2022H2.csv", "demo-0547", "text/csv", earlier);
        JsonNode firstStory = awaitCompared(first);
        assertThat(codes(firstStory)).containsExactly(Signal.FIRST_DELIVERY);

        String second = deliver("0547_WMO_2023H1.csv", "demo-0547", "text/csv", later);
        JsonNode story = awaitCompared(second);
        JsonNode vergelijking = story.get("vergelijking");
        assertThat(vergelijking.get("perioden").findValuesAsText("periode")).containsExactly("2022H2", "2023H1");
        Map<String, String> signals = new java.util.LinkedHashMap<>();
        for (JsonNode signal : vergelijking.get("signalen")) {
            signals.put(signal.get("code").asText() + "/" + signal.path("groep").asText(""), signal.get("tekst").asText());
        }
        assertThat(signals).containsKeys("GROUP_MISSING/03", "CHANGE/02");
        assertThat(signals.get("GROUP_MISSING/03")).isEqualTo("Productcategorie 03 Persoonlijke verzorging: 26 cliënten"
                + " in 2022H2, 0 nu. Ontbreekt er een onderdeel in de export?");
        assertThat(signals.get("CHANGE/02")).startsWith("Productcategorie 02 Begeleiding: 37 cliënten in 2022H2, 19 nu"
                + " (-49 %).");
        // a warning, not a refusal: the file went on
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> delivery(second,
                "demo-0547").get("entries").get(0).get("status").asText(), s -> s.equals("VALIDATED")
                || s.equals("FORWARDED"));

        String pdf = Reports.pdfText(Reports.unzip(Files.readAllBytes(data("outbox/"
                + story.get("entries").get(0).get("feedback").asText()))).get("technische-terugkoppeling.pdf"))
                .replaceAll("\\s+", " ");
        assertThat(pdf).contains("Vergelijking met uw eerdere aanleveringen")
                .contains(signals.get("GROUP_MISSING/03")).contains(signals.get("CHANGE/02"))
                .contains("Grafiek: cliënten van het hele bestand per halfjaar");

        // a corrected 2023H1 (here: productcategorie 01 alone) replaces the figures of 2023H1, not adds to them
        String onlyFirst = new String(later, StandardCharsets.UTF_8).lines().filter(l -> l.split(";")[3].equals("01"))
                .collect(Collectors.joining("\n", "", "\n"));
        String third = deliver("0547_WMO_2023H1.csv", "demo-0547", "text/csv",
                onlyFirst.getBytes(StandardCharsets.UTF_8));
        awaitCompared(third);
        assertThat(query("SELECT DISTINCT delivery_id FROM mirror_figure WHERE gemeente = '0547' AND period = '2023H1'"))
                .containsExactly(List.of(third));
        assertThat(query("SELECT group_code FROM mirror_figure WHERE gemeente = '0547' AND period = '2023H1'"
                + " AND measure = 'records' ORDER BY group_code")).containsExactly(List.of(""), List.of("01"));
        JsonNode trend = json(get("/api/v1/trend?type=WMO&gemeente=0547", "demo-0547").body());
        JsonNode perioden = trend.get("gemeenten").get(0).get("perioden");
        assertThat(perioden.findValuesAsText("periode")).containsExactly("2022H2", "2023H1");
        assertThat(perioden.get(1).get("records").asLong())
                .isEqualTo(onlyFirst.lines().count());
        // the earlier delivery's answer still says what its comparison said then
        assertThat(codes(delivery(second, "demo-0547"))).contains(Signal.GROUP_MISSING);

        figuresHoldNoBsnAndNoRecord(earlier, later);
        othersCannotReadTheFigures(second);
    }

    private void figuresHoldNoBsnAndNoRecord(byte[]... files) throws Exception {
        Set<String> bsns = new HashSet<>();
        Matcher m = Pattern.compile("(?<=;)\\d{9}(?=;)").matcher(new String(files[0], StandardCharsets.UTF_8)
                + new String(files[1], StandardCharsets.UTF_8));
        while (m.find()) {
            bsns.add(m.group());
        }
        assertThat(bsns).hasSizeGreaterThan(100);
        for (String table : List.of("mirror_figure", "mirror_comparison")) {
            List<List<String>> rows = query("SELECT * FROM " + table + " WHERE gemeente = '0547'");
            assertThat(rows).isNotEmpty();
            String all = rows.toString();
            assertThat(bsns).noneMatch(all::contains);
            assertThat(all).doesNotContain("*****");
        }
        // aggregates: per half year at most (1 + groups) x 6 figures, never a row per record (132 and 86 records)
        assertThat(query("SELECT period, COUNT(*) FROM mirror_figure WHERE gemeente = '0547' GROUP BY period"))
                .allSatisfy(row -> assertThat(Integer.parseInt(row.get(1))).isLessThanOrEqualTo(5 * 6));
        assertThat(columns("mirror_figure")).containsExactlyInAnyOrder("GEMEENTE", "FILE_TYPE", "PERIOD",
                "GROUP_CODE", "MEASURE", "AMOUNT", "DELIVERY_ID", "ENTRY_INDEX");
    }

    private void othersCannotReadTheFigures(String deliveryId) {
        assertThat(get("/api/v1/deliveries/" + deliveryId, "demo-0363").statusCode()).isEqualTo(404);
        var refused = get("/api/v1/trend?type=WMO&gemeente=0547", "demo-0363");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused.body()).get("detail").asText()).contains("mag de cijfers van gemeente 0547 niet inzien");
        assertThat(get("/api/v1/trend?type=WMO&gemeente=0547", "demo-0546").statusCode()).isEqualTo(403);
        JsonNode own = json(get("/api/v1/trend?type=WMO", "demo-0363").body());
        assertThat(gemeenten(own)).containsExactly("0363");
        // the samenwerkingsverband sees each member's trend
        JsonNode swv = json(get("/api/v1/trend?type=WMO", "demo-SWV-HR").body());
        assertThat(gemeenten(swv)).containsExactly("0546", "0547");
        assertThat(get("/api/v1/trend?type=WMO", null).statusCode()).isEqualTo(401);
    }

    /** The example file moved to Leiderdorp and every date three years back (2025 → 2022, 2026 → 2023). */
    private static byte[] example(String name) throws Exception {
        return MirrorExamples.moved(name, "0547", 3);
    }

    private static List<String> gemeenten(JsonNode trend) {
        List<String> codes = new ArrayList<>();
        trend.get("gemeenten").forEach(g -> codes.add(g.get("gemeente").get("code").asText()));
        return codes;
    }

    private JsonNode awaitCompared(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0547"), d -> {
                    assertThat(d.get("status").asText()).as("the file is valid").isNotEqualTo("REJECTED");
                    return d.get("vergelijking") != null && !d.get("vergelijking").isNull();
                });
    }

    private static List<String> codes(JsonNode story) {
        return story.get("vergelijking").get("signalen").findValuesAsText("code");
    }

    private List<List<String>> query(String sql) throws Exception {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private List<String> columns(String table) throws Exception {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toUpperCase());
            }
            return names;
        }
    }
}
