package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads on /observe/metrics agrees with track &amp; trace: after a mixed run (a GMSD file forwarded
 * to CBS, an iWmo message forwarded, a refused GMSD file) the entries counted per kind and final status are the
 * entries track &amp; trace shows, and the ggk_track_* gauges equal the database's counts. Every series of the hub
 * is there from the start, with a HELP line.
 */
class MetricsAgreeWithTrackAndTraceTest extends HubTestSupport {

    private static final Pattern SAMPLE = Pattern.compile("^(ggk_[a-z_]+)\\{([^}]*)} ([0-9.E+-]+)$",
            Pattern.MULTILINE);

    @Test
    void everySeriesAnOperatorWatchesIsThereWithAHelpLine() {
        String metrics = managementGet("/observe/metrics");
        for (String name : List.of("ggk_quarantined_total", "ggk_deliveries_total", "ggk_entries_total",
                "ggk_queue_depth", "ggk_queue_oldest_age_seconds", "ggk_dlq_depth", "ggk_dlq_oldest_age_seconds",
                "ggk_track_deliveries", "ggk_track_entries", "ggk_outbox_items", "ggk_cbs_attempts_total",
                "ggk_cbs_roundtrip_seconds_count", "ggk_cbs_reachable", "ggk_cbs_waiting",
                "ggk_cbs_last_answer_timestamp_seconds", "ggk_data_root_free_bytes", "ggk_data_root_size_bytes")) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + name + "(\\{| )");
            String family = name.replaceAll("_count$", "");
            assertThat(metrics).as("HELP of " + family).containsPattern("(?m)^# HELP " + family + " \\S+");
        }
        assertThat(metrics).contains("ggk_quarantined_total{channel=\"JMS\",reason=\"zip-encrypted\"}");
        assertThat(metrics).contains("ggk_dlq_depth{queue=\"ggk.outbound.iwmo\"}");
        assertThat(metrics).contains("ggk_entries_total{kind=\"CBS\",status=\"FORWARDED\"}");
    }

    @Test
    void afterAMixedRunTheMetricsEqualTrackAndTrace() throws Exception {
        // the counters count every entry of the hub: start when nothing of an earlier class is still on its way
        awaitQuiet();
        Map<String, Double> before = samples("ggk_entries_total");

        String gmsd = deliver("0384_WMO_2026H1.csv", "demo-0384", "text/csv",
                Files.readAllBytes(Path.of("docs/examples/0384_WMO_2026H1.csv")));
        String iwmo = deliver("WMO301.xml", "demo-0384", "application/xml",
                Zips.istandaardenSamples().get("WMO301.xml"));
        String refused = deliver("0384_WMO_2026H1.csv", "demo-0384", "text/csv",
                "20260701;0384;123456789;01;1;20260101;;1;;;;;;;\n".getBytes(StandardCharsets.UTF_8));

        // the GMSD file is VALIDATED by the hub, then FORWARDED once CBS (the simulator) answered with a Bv03
        JsonNode forwarded = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> delivery(gmsd, "demo-0384"), t -> "FORWARDED".equals(t.get("status").asText()));
        awaitFinal(iwmo, "demo-0384");
        awaitFinal(refused, "demo-0384");

        Map<String, Integer> expected = new HashMap<>();
        for (String id : List.of(gmsd, iwmo, refused)) {
            JsonNode trace = id.equals(gmsd) ? forwarded : delivery(id, "demo-0384");
            for (JsonNode entry : trace.get("entries")) {
                String status = entry.get("status").asText();
                if (List.of("FORWARDED", "REJECTED", "FAILED").contains(status)) {
                    expected.merge(entry.get("kind").asText() + "," + status, 1, Integer::sum);
                }
            }
        }
        assertThat(expected).containsEntry("CBS,FORWARDED", 1).containsEntry("IWMO,FORWARDED", 1)
                .containsEntry("CBS,REJECTED", 1);

        Map<String, Double> after = samples("ggk_entries_total");
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String[] kindStatus = e.getKey().split(",");
            String series = "kind=\"" + kindStatus[0] + "\",status=\"" + kindStatus[1] + "\"";
            assertThat(after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0))
                    .as("ggk_entries_total{%s} counted during the run", series).isEqualTo(e.getValue().doubleValue());
        }

        // the gauges are track & trace as it stands: equal to the database's counts, series by series
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> gauges = samples("ggk_track_entries");
            Map<String, Double> database = entriesInDatabase();
            assertThat(database).isNotEmpty();
            database.forEach((series, count) -> assertThat(gauges.get(series)).as(series).isEqualTo(count));
            Map<String, Double> deliveries = samples("ggk_track_deliveries");
            deliveriesInDatabase().forEach((series, count) -> assertThat(deliveries.get(series)).as(series)
                    .isEqualTo(count));
        });
    }

    /** No message on a queue, no entry between its states, no file waiting for CBS. */
    private void awaitQuiet() {
        HubFigures figures = context.getRegistry().findSingleByType(HubFigures.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            boolean queuesEmpty = figures.refresh().queues().stream().allMatch(q -> q.depth() == 0);
            return queuesEmpty && single("SELECT COUNT(*) FROM delivery_entry WHERE status IN ('QUEUED', 'CLASSIFIED')")
                    == 0 && single("SELECT COUNT(*) FROM cbs_message WHERE state = 'SENDING'") == 0;
        });
    }

    private long single(String sql) throws Exception {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The samples of one ggk_ family, by their labels. */
    private Map<String, Double> samples(String name) {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(managementGet("/observe/metrics"));
        while (m.find()) {
            if (m.group(1).equals(name)) {
                samples.put(m.group(2), Double.valueOf(m.group(3)));
            }
        }
        return samples;
    }

    private Map<String, Double> entriesInDatabase() throws Exception {
        return counts("SELECT COALESCE(kind, 'UNKNOWN'), status, COUNT(*) FROM delivery_entry GROUP BY kind, status",
                true);
    }

    private Map<String, Double> deliveriesInDatabase() throws Exception {
        return counts("SELECT status, COUNT(*) FROM delivery GROUP BY status", false);
    }

    private Map<String, Double> counts(String sql, boolean byKind) throws Exception {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        Map<String, Double> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (byKind) {
                    counts.merge("kind=\"" + rs.getString(1) + "\",status=\"" + rs.getString(2) + "\"",
                            rs.getDouble(3), Double::sum);
                } else {
                    counts.put("status=\"" + rs.getString(1) + "\"", rs.getDouble(2));
                }
            }
        }
        return counts;
    }
}
