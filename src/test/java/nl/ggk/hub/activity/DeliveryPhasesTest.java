package nl.ggk.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.ggk.hub.activity.ActivityStore.DeliveryState;
import nl.ggk.hub.activity.ActivityStore.EntryState;
import nl.ggk.hub.activity.DeliveryPhases.PhaseView;
import org.junit.jupiter.api.Test;

/** Every step of the chain as the portal names it, from the statuses and events track &amp; trace records. */
class DeliveryPhasesTest {

    @Test
    void aDeliveryNotYetSplitOrStillQueuedIsOntvangen() {
        assertThat(phase("RECEIVED").fase()).isEqualTo(Phase.ONTVANGEN);
        assertThat(phase("QUEUED", entry(0, "CBS", "QUEUED", false, null)).fase()).isEqualTo(Phase.ONTVANGEN);
        assertThat(phase("SPLIT", entry(0, "CBS", "CLASSIFIED", false, null)).fase()).isEqualTo(Phase.ONTVANGEN);
    }

    @Test
    void aGmsdFileThatPassedTheCheckIsTechnischGecontroleerdUntilCbsAnswersAndThenVerzondenNaarCbs() {
        PhaseView checked = phase("VALIDATED", entry(0, "CBS", "VALIDATED", false, null));
        assertThat(checked.fase().code()).isEqualTo("technisch-gecontroleerd");
        assertThat(checked.fase().tekst()).isEqualTo("Technisch gecontroleerd");
        assertThat(checked.redenTekst()).isNull();
        assertThat(phase("FORWARDED", entry(0, "CBS", "FORWARDED", false, null)).fase().code())
                .isEqualTo("verzonden-naar-cbs");
        assertThat(phase("FORWARDED", entry(0, "CBS", "FORWARDED", true, null)).fase().code())
                .isEqualTo("terugkoppeling-cbs-ontvangen");
    }

    @Test
    void aZipIsAsFarAsItsSlowestFileStillUnderWayAndARefusedSiblingDoesNotHoldItBack() {
        PhaseView mixed = phase("VALIDATED", entry(0, "CBS", "FORWARDED", true, null),
                entry(1, "CBS", "VALIDATED", false, null), entry(2, "CBS", "REJECTED", false, "GGK001 Fout."));
        assertThat(mixed.fase()).isEqualTo(Phase.TECHNISCH_GECONTROLEERD);
        assertThat(mixed.redenTekst()).isNull();
    }

    @Test
    void aZipOfMessagesMostlyRefusedSaysHowManyWentOnAndHowManyWereRefusedNeverJustDoorgestuurd() {
        EntryState[] entries = new EntryState[21];
        for (int i = 0; i < 21; i++) {
            entries[i] = entry(i, "IWMO", i < 2 ? "FORWARDED" : "REJECTED", false, i < 2 ? null : "IB006 Niet toegestaan.");
        }
        PhaseView mixed = phase("FORWARDED", entries);
        assertThat(mixed.fase().code()).isEqualTo("doorgestuurd");
        assertThat(mixed.tekst()).isEqualTo("2 doorgestuurd, 19 geweigerd");
        PhaseView cbs = phase("VALIDATED", entry(0, "CBS", "VALIDATED", false, null),
                entry(1, "CBS", "REJECTED", false, "GGK001 Fout."));
        assertThat(cbs.tekst()).isEqualTo("Technisch gecontroleerd (1 van de 2 bestanden geweigerd)");
        assertThat(phase("FORWARDED", entry(0, "IWMO", "FORWARDED", false, null)).tekst())
                .isEqualTo("Doorgestuurd naar de ontvanger");
    }

    @Test
    void iwmoMessagesSentOnAreDoorgestuurdNotVerzondenNaarCbs() {
        assertThat(phase("FORWARDED", entry(0, "IWMO", "FORWARDED", false, null)).fase().code())
                .isEqualTo("doorgestuurd");
    }

    @Test
    void aRefusedFileIsAfgekeurdWithTheFo01OmschrijvingAndItsCodeAtTheEnd() {
        PhaseView one = phase("REJECTED", entry(0, "CBS", "REJECTED", false,
                "GGK001 Het bestand voldoet niet aan de technische eisen. Zie de technische terugkoppeling."));
        assertThat(one.fase()).isEqualTo(Phase.AFGEKEURD);
        assertThat(one.redenTekst()).isEqualTo(
                "Het bestand voldoet niet aan de technische eisen. Zie de technische terugkoppeling. (GGK001)");
        PhaseView all = phase("REJECTED", entry(0, "IWMO", "REJECTED", false, "IB006 Niet toegestaan."),
                entry(1, "IJW", "REJECTED", false, "IB006 Niet toegestaan."));
        assertThat(all.redenTekst()).isEqualTo("Alle 2 bestanden zijn afgekeurd. entry-0.xml: Niet toegestaan. (IB006)");
    }

    @Test
    void aFailureIsMisluktWithTheFo01OfTheGiveUpOrAGeneralDutchReasonNeverTheException() {
        PhaseView gaveUp = phase("FAILED", entry(0, "CBS", "FAILED", false,
                "GGK031 CBS was niet bereikbaar; het bestand is niet afgeleverd."));
        assertThat(gaveUp.fase()).isEqualTo(Phase.MISLUKT);
        assertThat(gaveUp.redenTekst()).isEqualTo("CBS was niet bereikbaar; het bestand is niet afgeleverd. (GGK031)");
        PhaseView crashed = phase("FAILED", entry(0, "CBS", "FAILED", false, null));
        assertThat(crashed.redenTekst()).isEqualTo(DeliveryPhases.INTERNAL_FAILURE);
        PhaseView whole = DeliveryPhases.phase("FAILED", new DeliveryState(List.of(),
                "java.io.IOException: /srv/ggk/data/store/x: No space left on device"));
        assertThat(whole.fase()).isEqualTo(Phase.MISLUKT);
        assertThat(whole.redenTekst()).isEqualTo(DeliveryPhases.INTERNAL_FAILURE);
    }

    @Test
    void aBsnInAReasonIsMasked() {
        assertThat(DeliveryPhases.reden("GGK002 Hernoem 0384_123456789.csv")).isEqualTo("Hernoem 0384_*****6789.csv (GGK002)");
    }

    private static PhaseView phase(String status, EntryState... entries) {
        return DeliveryPhases.phase(status, new DeliveryState(List.of(entries), null));
    }

    private static EntryState entry(int index, String kind, String status, boolean cbsFeedback, String rejected) {
        return new EntryState(index, "entry-" + index + ".xml", kind, status, cbsFeedback, rejected);
    }
}
