package nl.ggk.hub.foutrapportage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monthly foutrapportage: last month's Fo01s, once per organisation, neutralised for Excel. */
class MonthlyFoutrapportageTest {

    private static final ZoneId NL = ZoneId.of("Europe/Amsterdam");

    @TempDir
    Path dir;

    @Test
    void lastMonthsFo01sGiveOneReportPerFormatOnceAndOnlyForTheOrganisationThatReceivedThem() throws Exception {
        try (HikariDataSource dataSource = Database.open("jdbc:h2:file:" + dir.resolve("db"), "ggk", "", 2)) {
            OrganisationRegistry registry = OrganisationRegistry.load(Files.newInputStream(Path.of("config/organisations.yaml")));
            OutboxStore march = new OutboxStore(dataSource, Clock.fixed(Instant.parse("2026-03-31T21:30:00Z"), ZoneOffset.UTC));
            march.record(new OutboxItem("0384", OutboxKind.FO01, "Fo01-a.xml", new byte[1], "d-1", 0, null,
                    "=HYPERLINK(\"x\").csv", "GGK002", "De bestandsnaam is onjuist."));
            march.record(new OutboxItem("0363", OutboxKind.FO01, "Fo01-b.xml", new byte[1], "d-2", 0, null,
                    "b.csv", "GGK002", "Maart."));
            // 23:30 in Amsterdam on 31 March is still March; 22:30 UTC on 31 March is 1 April there
            OutboxStore april = new OutboxStore(dataSource, Clock.fixed(Instant.parse("2026-03-31T22:30:00Z"), ZoneOffset.UTC));
            april.record(new OutboxItem("0599", OutboxKind.FO01, "Fo01-c.xml", new byte[1], "d-3", 0, null,
                    "c.csv", "GGK002", "April."));

            Foutrapportage reports = new Foutrapportage(april, registry, new Foutrapport(NL),
                    NL, Clock.fixed(Instant.parse("2026-04-02T06:00:00Z"), ZoneOffset.UTC),
                    new LinkedHashSet<>(List.of("pdf", "csv")));
            List<OutboxItem> due = reports.monthlyDue();

            assertThat(due).extracting(OutboxItem::path).containsExactlyInAnyOrder(
                    "0384/foutrapportage-0384-2026-03.pdf", "0384/foutrapportage-0384-2026-03.csv",
                    "0363/foutrapportage-0363-2026-03.pdf", "0363/foutrapportage-0363-2026-03.csv");
            assertThat(due).allMatch(i -> i.kind() == OutboxKind.FOUTRAPPORTAGE && i.deliveryId() == null);
            String csv = due.stream().filter(i -> i.path().equals("0384/foutrapportage-0384-2026-03.csv"))
                    .map(i -> new String((byte[]) i.content(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
            assertThat(csv).contains(";\"'=HYPERLINK(").contains("De bestandsnaam is onjuist.").doesNotContain("April.");

            due.forEach(april::record);
            assertThat(reports.monthlyDue()).isEmpty();
        }
    }
}
