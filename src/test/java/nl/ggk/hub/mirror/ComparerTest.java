package nl.ggk.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.GmsdFileName;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import org.junit.jupiter.api.Test;

/** The instant mirror's rules on small figures, and the counting of a file. */
class ComparerTest {

    private static final GmsdSpecifications SPECS = GmsdSpecifications.loadDefaults();
    private static final FileSpec WMO = SPECS.spec("WMO").orElseThrow();
    private static final FileSpec SBO = SPECS.spec("SBO").orElseThrow();
    private final Comparer comparer = new Comparer(30, 10);

    private static Figures.Counts clients(long clients, Long starts, Long stops, Long ongoing) {
        return new Figures.Counts(clients, clients, starts, stops, ongoing, null);
    }

    private static Figures wmo(String period, Map<String, Figures.Counts> groups) {
        long total = groups.values().stream().mapToLong(Figures.Counts::records).sum();
        return new Figures("0384", "WMO", period, clients(total, null, null, null), groups);
    }

    @Test
    void aFirstDeliverySaysThereIsNothingToCompareWith() {
        Comparison c = comparer.compare(wmo("2026H1", Map.of("01", clients(50, 5L, 5L, 45L))), List.of(), WMO);
        assertThat(c.signals()).extracting(Signal::code).containsExactly(Signal.FIRST_DELIVERY);
        assertThat(c.signals().get(0).tekst()).contains("nog geen eerder halfjaar");
    }

    @Test
    void changesWithinTheThresholdOrBelowTheMinimumBaseAreNoSignal() {
        Figures before = wmo("2025H2", Map.of("01", clients(100, 10L, 10L, 90L), "02", clients(6, 0L, 0L, 6L)));
        Figures now = wmo("2026H1", Map.of("01", clients(75, 10L, 25L, 75L), "02", clients(2, 0L, 4L, 2L)));
        assertThat(comparer.compare(now, List.of(before), WMO).signals()).isEmpty();
    }

    @Test
    void startsAndStopsThatDoNotAddUpWithThePreviousStockAreABalanceSignal() {
        // 100 running at the end of 2025H2, 10 starts and 10 stops: 100 expected, 60 running (the clients stay)
        Figures before = wmo("2025H2", Map.of("07", clients(110, 10L, 10L, 100L)));
        Figures now = wmo("2026H1", Map.of("07", clients(110, 10L, 10L, 60L)));
        List<Signal> signals = comparer.compare(now, List.of(before), WMO).signals();
        assertThat(signals).extracting(Signal::code).containsExactly(Signal.BALANCE);
        assertThat(signals.get(0).tekst()).isEqualTo("Productcategorie 07 Dagbesteding: eind 2025H2 liepen er 100"
                + " voorzieningen; met 10 starts en 10 stops in 2026H1 verwacht u er eind 2026H1 100, het bestand telt"
                + " er 60. Kloppen de start- en einddatums, en staan alle lopende voorzieningen in de export?");
    }

    @Test
    void theTypesOwnThresholdAndSumAreUsedAndOnlyTheLatestEarlierHalfYearCounts() throws Exception {
        Figures old = new Figures("0384", "SBO", "2024H2", new Figures.Counts(1, null, null, null, null, 10L),
                Map.of("101", new Figures.Counts(1, null, null, null, null, 10L)));
        Figures before = new Figures("0384", "SBO", "2025H2", new Figures.Counts(2, null, null, null, null, 400L),
                Map.of("101", new Figures.Counts(1, null, null, null, null, 250L),
                        "204", new Figures.Counts(1, null, null, null, null, 150L)));
        Figures now = count(SBO, "0384_SBO_2026H1.csv", "20260715;0384;101;600\n20260715;0384;204;150\n");
        List<Signal> signals = comparer.compare(now, List.of(now, before, old), SBO).signals();
        assertThat(signals).extracting(Signal::code, Signal::groep)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Signal.CHANGE, null),
                        org.assertj.core.groups.Tuple.tuple(Signal.CHANGE, "101"));
        assertThat(signals.get(1).tekst()).isEqualTo("Voorziening 101: 250 deelnemers in 2025H2, 600 nu (+140 %)."
                + " Klopt deze stijging, of staan er records dubbel of van een ander halfjaar in de export?");
    }

    @Test
    void distinctClientsStartsStopsAndRunningSupportsAreCountedPerGroupWithoutTheUnknownBsn() throws Exception {
        String file = String.join("\n",
                "20260715;0384;999990007;01;1;20250101;;1;20250115;;5;04;2;100;",
                "20260715;0384;999990007;02;1;20260201;;1;20260201;20260330;5;04;2;200;02",
                "20260715;0384;999990019;01;1;20260101;;1;20260110;;5;04;2;;",
                "20260715;0384;999999999;01;1;20260101;;1;;;5;04;2;;") + "\n";
        Figures f = count(WMO, "0384_WMO_2026H1.csv", file);
        assertThat(f.whole()).isEqualTo(new Figures.Counts(4, 2L, 2L, 1L, 2L, 300L));
        assertThat(f.groups().get("01")).isEqualTo(new Figures.Counts(3, 2L, 1L, 0L, 2L, 100L));
        assertThat(f.groups().get("02")).isEqualTo(new Figures.Counts(1, 1L, 1L, 1L, 0L, 200L));
    }

    @Test
    void groupsBeyondTheBoundAreCountedAsOverigAndEmptyLinesAndCrlfAreNoRecords() throws Exception {
        String file = "20260715;0384;101;10\r\n\r\n20260715;0384;204;20\r\n20260715;0384;305;30\r\n"
                + "20260715;0384;406;40\r\n";
        Figures f = new FigureCounter(2, 1000).count(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                SBO, SPECS.recognise("0384_SBO_2026H1.csv").orElseThrow());
        assertThat(f.whole().records()).isEqualTo(4);
        assertThat(f.groups().keySet()).containsExactly("101", "204", FigureCounter.OTHER);
        assertThat(f.groups().get(FigureCounter.OTHER).sum()).isEqualTo(70L);
    }

    private static Figures count(FileSpec spec, String name, String content) throws Exception {
        GmsdFileName fileName = SPECS.recognise(name).orElseThrow();
        return new FigureCounter(200, 1000).count(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                spec, fileName);
    }
}
