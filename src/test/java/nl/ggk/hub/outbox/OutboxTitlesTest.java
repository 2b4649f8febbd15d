package nl.ggk.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a person calls an outbox item, instead of its file name full of ids (issue 17). */
class OutboxTitlesTest {

    @Test
    void reportsAreNamedByWhatTheyAreAndTheFileTheyAreAbout() {
        assertThat(OutboxTitles.title(OutboxKind.TECHNISCHE_TERUGKOPPELING_CBS,
                "technische-terugkoppeling-cbs-0363_WMO_2026H1-1a2b3c4d.zip", "0363_WMO_2026H1.csv", null))
                .isEqualTo("Technische terugkoppeling CBS – 0363_WMO_2026H1");
        assertThat(OutboxTitles.title(OutboxKind.TECHNISCHE_TERUGKOPPELING_HUB,
                "technische-terugkoppeling-0363_SBO_2026H1-20261207T125943-ad402127.zip", "0363_SBO_2026H1.csv", null))
                .isEqualTo("Technische terugkoppeling van de hub – 0363_SBO_2026H1");
        assertThat(OutboxTitles.title(OutboxKind.SPIEGELRAPPORT, "spiegelrapport-cbs-0363_WMO_2026H1-1a2b3c4d.zip",
                "0363_WMO_2026H1.csv", null)).isEqualTo("Spiegelrapport Wmo 2026H1");
        assertThat(OutboxTitles.title(OutboxKind.OP_ORDE, "op-orde-cbs-0546_KOSTENWMO_2025H2-1a2b3c4d.zip", null, null))
                .isEqualTo("Op-orde rapport kosten Wmo 2025H2");
        assertThat(OutboxTitles.title(OutboxKind.FOUTRAPPORTAGE, "foutrapportage-0363-2026-11.pdf", null, null))
                .isEqualTo("Foutrapportage november 2026");
    }

    @Test
    void aFo01IsItsCodeAndTheMessageItRefusedAndAnUnknownTypeIsNotMadeUp() {
        assertThat(OutboxTitles.title(OutboxKind.FO01, "Fo01-6b8386f2-77fd-4db4-a55b-72c2a5311424-1-WMO305.xml",
                "WMO305.xml", "IB006")).isEqualTo("Foutbericht IB006 – WMO305.xml");
        assertThat(OutboxTitles.title(OutboxKind.SPIEGELRAPPORT, "spiegelrapport-cbs-0363_gmsd_2026H1-1a2b3c4d.zip",
                "0363_gmsd_2026H1.zip", null)).isEqualTo("Spiegelrapport – 0363_gmsd_2026H1.zip");
    }
}
