package nl.ggk.hub.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.activity.ActivityStore.DeliveryState;
import nl.ggk.hub.activity.ActivityStore.EntryState;
import nl.ggk.hub.errors.AnswerText;

/**
 * The phase of a delivery (ontvangen → technisch gecontroleerd → verzonden naar CBS → terugkoppeling CBS
 * ontvangen, or afgekeurd / mislukt with the Dutch reason), derived from its entries' track &amp; trace statuses
 * and events on every read.
 */
public final class DeliveryPhases {

    /**
     * {@code redenTekst} only for afgekeurd and mislukt; {@code tekst} the phase in Dutch, with how many entries were
     * refused when some went on and others did not ("2 doorgestuurd, 19 geweigerd"): never better than it was.
     */
    public record PhaseView(Phase fase, String redenTekst, String tekst, Map<String, Integer> entryCounts) {
        public PhaseView(Phase fase, String redenTekst, String tekst) {
            this(fase, redenTekst, tekst, Map.of());
        }

        public PhaseView(Phase fase, String redenTekst) {
            this(fase, redenTekst, fase.tekst());
        }

        /**
         * {@code entryCounts}: how many of the delivery's entries had each status in the very rows the phase was
         * derived from, so that the status shown beside the phase is settled from the same read (a status read a
         * moment earlier could still say VALIDATED beside "Verzonden naar CBS").
         */
        PhaseView withEntryCounts(Map<String, Integer> counts) {
            return new PhaseView(fase, redenTekst, tekst, Map.copyOf(counts));
        }
    }

    /** Details start with the code the Fo01 carries: "GGK001 Het bestand ..." */
    private static final Pattern LEADING_CODE = Pattern.compile("^([A-Za-z]{2,6}\\d{3,4})\\s+(.*)$", Pattern.DOTALL);
    static final String INTERNAL_FAILURE = "De hub kon dit bestand niet verwerken door een storing. Het beheer van"
            + " de hub is gewaarschuwd; lever het bestand opnieuw aan als het niet vanzelf verder gaat.";

    private final ActivityStore store;

    public DeliveryPhases(ActivityStore store) {
        this.store = store;
    }

    /** The phases of these deliveries ({@code id} → its status as track &amp; trace answers it). */
    public Map<String, PhaseView> of(Map<String, String> statusById) {
        Map<String, DeliveryState> states = store.states(statusById.keySet());
        Map<String, PhaseView> result = new LinkedHashMap<>();
        statusById.forEach((id, status) -> result.put(id, phase(status, states.get(id))
                .withEntryCounts(entryCounts(states.get(id)))));
        return result;
    }

    public PhaseView of(String id, String status) {
        return of(Map.of(id, status)).get(id);
    }

    private static Map<String, Integer> entryCounts(DeliveryState state) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (state != null) {
            state.entries().stream().filter(e -> e.status() != null)
                    .forEach(e -> counts.merge(e.status(), 1, Integer::sum));
        }
        return counts;
    }

    static PhaseView phase(String deliveryStatus, DeliveryState state) {
        List<EntryState> entries = state == null ? List.of() : state.entries();
        if ("FAILED".equals(deliveryStatus) && entries.stream().noneMatch(e -> "FAILED".equals(e.status()))) {
            return new PhaseView(Phase.MISLUKT, INTERNAL_FAILURE);
        }
        if (entries.isEmpty()) {
            return new PhaseView(Phase.ONTVANGEN, null);
        }
        List<EntryState> failed = new ArrayList<>();
        List<EntryState> rejected = new ArrayList<>();
        List<Phase> underway = new ArrayList<>();
        for (EntryState e : entries) {
            Phase p = entryPhase(e);
            if (p == Phase.MISLUKT) {
                failed.add(e);
            } else if (p == Phase.AFGEKEURD) {
                rejected.add(e);
            } else {
                underway.add(p);
            }
        }
        // as the delivery's status: FAILED wins, then whatever still goes on, REJECTED when nothing does
        if (!failed.isEmpty()) {
            EntryState first = failed.get(0);
            // a CBS give-up is refused with a Fo01 (GGK031) first: its omschrijving is the Dutch reason
            String reason = first.rejectedDetail() != null ? reden(first.rejectedDetail()) : INTERNAL_FAILURE;
            return new PhaseView(Phase.MISLUKT, about(first, entries.size(), reason));
        }
        if (underway.isEmpty()) {
            if (rejected.size() == 1) {
                return new PhaseView(Phase.AFGEKEURD, about(rejected.get(0), entries.size(),
                        reden(rejected.get(0).rejectedDetail())));
            }
            return new PhaseView(Phase.AFGEKEURD, "Alle " + rejected.size() + " bestanden zijn afgekeurd. "
                    + about(rejected.get(0), entries.size(), reden(rejected.get(0).rejectedDetail())));
        }
        Phase least = underway.get(0);
        for (Phase p : underway) {
            if (p.rank() < least.rank() || (p.rank() == least.rank() && p == Phase.VERZONDEN_NAAR_CBS)) {
                least = p;
            }
        }
        if (rejected.isEmpty()) {
            return new PhaseView(least, null);
        }
        long sent = underway.stream().filter(p -> p == Phase.DOORGESTUURD).count();
        String tekst = least == Phase.DOORGESTUURD || sent == underway.size()
                ? sent + " doorgestuurd, " + rejected.size() + " geweigerd"
                : least.tekst() + " (" + rejected.size() + " van de " + entries.size() + " bestanden geweigerd)";
        return new PhaseView(least, null, tekst);
    }

    static Phase entryPhase(EntryState e) {
        String status = e.status() == null ? "" : e.status();
        return switch (status) {
            case "FAILED" -> Phase.MISLUKT;
            case "REJECTED" -> Phase.AFGEKEURD;
            case "VALIDATED" -> e.cbsFeedback() ? Phase.TERUGKOPPELING_CBS_ONTVANGEN : Phase.TECHNISCH_GECONTROLEERD;
            case "FORWARDED" -> e.cbsFeedback() ? Phase.TERUGKOPPELING_CBS_ONTVANGEN
                    : "CBS".equals(e.kind()) ? Phase.VERZONDEN_NAAR_CBS : Phase.DOORGESTUURD;
            default -> Phase.ONTVANGEN;
        };
    }

    /** "GGK001 Het bestand ..." → "Het bestand ... (GGK001)"; masked, never a server path. */
    static String reden(String detail) {
        if (detail == null || detail.isBlank()) {
            return "Het bestand is afgekeurd.";
        }
        String text = AnswerText.masked(detail.strip());
        var m = LEADING_CODE.matcher(text);
        return m.matches() ? m.group(2).strip() + " (" + m.group(1) + ")" : text;
    }

    /** In a ZIP of several files the reason names the file it is about. */
    private static String about(EntryState entry, int entries, String reason) {
        return entries > 1 && entry.name() != null ? AnswerText.masked(entry.name()) + ": " + reason : reason;
    }
}
