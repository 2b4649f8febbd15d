package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.LogCapture;
import nl.ggk.hub.testsupport.Reports;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** GMSD files in the chain: checked as they arrive, Dutch feedback in the outbox, only valid ones go on. */
class CbsCheckFlowTest extends HubTestSupport {

    private static final String VALID = "20260715;0384;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";
    private static final String ENDED = "20260715;0384;999990019;02;2;20260101;20260601;2;20260110;20260531;3;14;2;500;02";

    @Test
    void validFileIsValidatedReportedAndQueuedForCbs() throws Exception {
        String id = deliver("0384_WMO_2026H1.csv", VALID + "\r\n" + ENDED + "\r\n");

        // validated, then handed to the CBS forwarding (cbs-forward), which the embedded simulator acknowledges
        JsonNode entry = awaitEntryStatus(id, "FORWARDED");
        assertThat(entry.get("kind").asText()).isEqualTo("CBS");
        assertThat(entry.get("functie").asText()).isEqualTo("WMO");
        JsonNode validated = null;
        for (JsonNode event : entry.get("events")) {
            if (event.get("status").asText().equals("VALIDATED")) {
                validated = event;
                break;
            }
        }
        assertThat(validated).isNotNull();
        assertThat(validated.get("detail").asText()).isEqualTo("goedgekeurd: 2 records, 0 bevindingen");
        assertThat(delivery(id, "demo-0384").get("status").asText()).isEqualTo("FORWARDED");

        Map<String, byte[]> feedback = Reports.unzip(Files.readAllBytes(feedbackZip(id)));
        assertThat(Reports.pdfText(feedback.get("technische-terugkoppeling.pdf")))
                .contains("goedgekeurd").contains("0384_WMO_2026H1.csv").contains("Diemen");
    }

    @Test
    void invalidFileIsRejectedWithFo01AndFeedbackAndNotQueuedForCbs() throws Exception {
        String badBsn = VALID.replace("999990007", "123456789");
        String badDate = VALID.replace("20260115", "20260230");
        NotifyBuilder checked = new NotifyBuilder(context).fromRoute("cbs-check").whenDone(1).create();
        String id = deliver("0384_WMO_2026H2.csv", VALID + "\n" + badBsn + "\n" + badDate + "\n");
        assertThat(checked.matches(30, TimeUnit.SECONDS)).as("cbs-check done").isTrue();

        JsonNode entry = awaitEntryStatus(id, "REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK001");
        assertThat(lastEvent(entry)).contains("Afgekeurd: 3 records, 2 bevindingen").contains("Ongeldig BSN: 1");
        // what is wrong, as structured data where the user looks: line, column, rule code, Dutch text, advice
        assertThat(entry.get("bevindingenAantal").asLong()).isEqualTo(2);
        assertThat(entry.get("bevindingen")).hasSize(2);
        JsonNode first = entry.get("bevindingen").get(0);
        assertThat(first.get("regel").asLong()).isEqualTo(2);
        assertThat(first.get("kolom").asInt()).isEqualTo(3);
        assertThat(first.get("code").asText()).isEqualTo("bsn-elfproef");
        assertThat(first.get("tekst").asText()).isNotBlank().doesNotContain("123456789");
        assertThat(first.get("advies").asText()).contains("elfproef");
        assertThat(entry.get("bevindingen").get(1).get("regel").asLong()).isEqualTo(3);
        assertThat(entry.get("fo01").get("omschrijving").asText()).startsWith("Het bestand voldoet niet aan het"
                + " aanleverprotocol").doesNotContain("GGK001 ", "/", "violations");
        JsonNode summary = json(get("/api/v1/deliveries/" + id, "demo-0384").body());
        assertThat(summary.get("bevindingenAantal").asLong()).isEqualTo(2);
        assertThat(summary.get("bevindingen").get(0).get("bestand").asText()).isEqualTo("0384_WMO_2026H2.csv");
        Path fo01 = data("outbox/" + entry.get("fo01").get("file").asText());
        StufSchemas.assertValidFo01(fo01);
        assertThat(Files.readString(fo01)).contains("aanleverprotocol").doesNotContain("123456789");

        Map<String, byte[]> feedback = Reports.unzip(Files.readAllBytes(feedbackZip(id)));
        String report = Reports.pdfText(feedback.get("technische-terugkoppeling.pdf"));
        assertThat(report).contains("afgekeurd").contains("*****6789").doesNotContain("123456789");
        String errors = new String(feedback.get("fouten.csv"), StandardCharsets.UTF_8);
        assertThat(errors).contains("bsn-elfproef").contains("datum");

        // the check is done: a forwarded file would have its Di01 recorded for CBS (cbs_message) by now
        assertThat(context.getRegistry().lookupByNameAndType("cbsMessages", nl.ggk.hub.cbs.messages.CbsMessages.class)
                .forEntry(id, 0)).isEmpty();
    }

    @Test
    void samenwerkingsverbandMayNotDeliverForANonMember() throws Exception {
        String csv = VALID.replace(";0384;", ";0363;") + "\n";
        HttpResponse<String> response = post("/api/v1/deliveries?filename=0363_WMO_2026H1.csv", "demo-SWV-HR",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        String id = json(response.body()).get("id").asText();

        JsonNode entry = await().atMost(Duration.ofSeconds(30))
                .until(() -> delivery(id, "demo-SWV-HR").get("entries"), e -> e.size() == 1
                        && e.get(0).get("status").asText().equals("REJECTED")).get(0);
        // one gemeente per entry: refused when classified (GGK003), before the GMSD check
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK003");
        assertThat(lastEvent(entry)).contains("Amsterdam (0363)").contains("hoort niet bij Holland Rijnland (SWV-HR)");
    }

    @Test
    void noBsnReachesTheLogWhileFilesWithBsnsAreCheckedAndRefused() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            String badBsn = VALID.replace("999990007", "123456782").replace(";01;", ";99;");
            String id = deliver("0384_WMO_2026H1.csv", VALID + "\n" + ENDED + "\n" + badBsn + "\n");
            awaitEntryStatus(id, "REJECTED");
            HttpResponse<String> misnamed = post("/api/v1/deliveries?filename=bsn-999990019.csv", "demo-0384",
                    "text/csv", (ENDED + "\n").getBytes(StandardCharsets.UTF_8));
            String other = json(misnamed.body()).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery(other, "demo-0384").get("entries").size() == 1
                    && delivery(other, "demo-0384").get("entries").get(0).get("status").asText().equals("REJECTED"));

            assertThat(log.text()).contains(id).contains(other)
                    .doesNotContain("999990007").doesNotContain("999990019").doesNotContain("123456782");
        }
    }

    private String deliver(String filename, String csv) {
        return deliver(filename, "demo-0384", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode awaitEntryStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384").get("entries"),
                        entries -> entries.size() == 1 && entries.get(0).get("status").asText().equals(status))
                .get(0);
    }

    private static String lastEvent(JsonNode entry) {
        JsonNode events = entry.get("events");
        return events.get(events.size() - 1).get("detail").asText();
    }

    /** The technical feedback ZIP of the delivery's entry (other deliveries of the same file name have theirs). */
    private Path feedbackZip(String id) {
        JsonNode entry = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384").get("entries").get(0), e -> e.get("feedback").isTextual());
        Path zip = data("outbox/" + entry.get("feedback").asText());
        assertThat(zip.getFileName().toString()).startsWith("technische-terugkoppeling-");
        assertThat(zip).exists();
        return zip;
    }
}
