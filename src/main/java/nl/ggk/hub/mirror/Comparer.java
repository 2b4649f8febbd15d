package nl.ggk.hub.mirror;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.FiguresSpec;

/**
 * The instant mirror's rules: a delivery's figures against the same type's earlier half years of that gemeente.
 * Every finding is a warning ({@link Signal}) with a Dutch sentence saying what changed and what to check.
 * <ul>
 *   <li>{@code FIRST_DELIVERY}: nothing earlier to compare with (said so);</li>
 *   <li>{@code GROUP_MISSING}: a group (productcategorie, voorziening, ...) of the previous half year is missing;</li>
 *   <li>{@code CHANGE}: the main measure (whole file or a group) changed beyond the threshold percentage, when the
 *       earlier figure is at least the minimum base;</li>
 *   <li>{@code BALANCE}: the previous half year's running supports plus this half year's starts minus its stops do
 *       not come to the running supports now (beyond the threshold).</li>
 * </ul>
 */
public final class Comparer {

    /** Half years shown beside the delivered one (PDF, API). */
    public static final int SHOWN_EARLIER = 5;

    private final int defaultThresholdPercent;
    private final long minimumBase;

    public Comparer(int defaultThresholdPercent, long minimumBase) {
        this.defaultThresholdPercent = defaultThresholdPercent;
        this.minimumBase = minimumBase;
    }

    /** {@code earlier}: figures of the same gemeente and type, any half year (later ones and this one are ignored). */
    public Comparison compare(Figures now, List<Figures> earlier, FileSpec spec) {
        FiguresSpec figures = spec.figures();
        Measure measure = Measure.of(spec);
        List<Figures> before = earlier.stream()
                .filter(f -> f.period().compareTo(now.period()) < 0)
                .sorted(Comparator.comparing(Figures::period))
                .toList();
        List<Signal> signals = new ArrayList<>();
        if (before.isEmpty()) {
            signals.add(new Signal(Signal.FIRST_DELIVERY, null, "Dit is de eerste " + spec.type()
                    + "-aanlevering van uw gemeente die de hub kent: er is nog geen eerder halfjaar om mee te"
                    + " vergelijken. Vanaf de volgende aanlevering ziet u hier wat er veranderd is."));
        } else {
            Figures previous = before.get(before.size() - 1);
            int threshold = figures.thresholdPercent() != null ? figures.thresholdPercent() : defaultThresholdPercent;
            compareWith(previous, now, figures, measure, threshold, signals);
        }
        List<Figures> shown = new ArrayList<>(before.subList(Math.max(0, before.size() - SHOWN_EARLIER),
                before.size()));
        shown.add(now);
        return new Comparison(now, shown, signals, spec, measure);
    }

    private void compareWith(Figures previous, Figures now, FiguresSpec spec, Measure measure, int threshold,
                             List<Signal> signals) {
        String was = previous.period();
        change(null, "Het hele bestand", measure.of(previous.whole()), measure.of(now.whole()), was, measure,
                threshold, signals);
        boolean grouped = spec.group() != null;
        if (!grouped) {
            balance(null, "Het hele bestand", previous.whole(), now.whole(), was, now.period(), threshold, signals);
            return;
        }
        for (Map.Entry<String, Figures.Counts> group : previous.groups().entrySet()) {
            String code = group.getKey();
            String name = spec.groupName(code);
            Figures.Counts current = now.groups().get(code);
            Long before = measure.of(group.getValue());
            if (current == null) {
                if (group.getValue().records() > 0) {
                    signals.add(new Signal(Signal.GROUP_MISSING, code, name + ": "
                            + measure.written(before == null ? group.getValue().records() : before) + " in " + was
                            + ", 0 nu. Ontbreekt er een onderdeel in de export?"));
                }
                continue;
            }
            if (!change(code, name, before, measure.of(current), was, measure, threshold, signals)) {
                balance(code, name, group.getValue(), current, was, now.period(), threshold, signals);
            }
        }
    }

    /** A CHANGE signal when {@code now} differs from {@code before} by more than the threshold; whether it did. */
    private boolean change(String code, String name, Long before, Long now, String was, Measure measure,
                           int threshold, List<Signal> signals) {
        if (before == null || now == null || before < minimumBase || before == 0) {
            return false;
        }
        double percent = (now - before) * 100.0 / before;
        if (Math.abs(percent) <= threshold) {
            return false;
        }
        long rounded = Math.round(percent);
        String advice = percent < 0
                ? "Is er een exportfilter of selectie veranderd, of ontbreken er records?"
                : "Klopt deze stijging, of staan er records dubbel of van een ander halfjaar in de export?";
        signals.add(new Signal(Signal.CHANGE, code, name + ": " + measure.written(before) + " in " + was + ", "
                + Measure.number(now) + " nu (" + (rounded > 0 ? "+" : "") + rounded + " %). " + advice));
        return true;
    }

    /** A BALANCE signal when the running supports do not follow from the previous ones, the starts and the stops. */
    private void balance(String code, String name, Figures.Counts previous, Figures.Counts now, String was,
                         String period, int threshold, List<Signal> signals) {
        if (previous.ongoing() == null || now.ongoing() == null || now.starts() == null || now.stops() == null
                || previous.ongoing() < minimumBase) {
            return;
        }
        long expected = previous.ongoing() + now.starts() - now.stops();
        long actual = now.ongoing();
        if (Math.abs(actual - expected) * 100.0 / Math.max(expected, 1) <= threshold) {
            return;
        }
        signals.add(new Signal(Signal.BALANCE, code, name + ": eind " + was + " liepen er "
                + Measure.number(previous.ongoing()) + " voorzieningen; met " + Measure.number(now.starts())
                + " starts en " + Measure.number(now.stops()) + " stops in " + period + " verwacht u er eind " + period
                + " " + Measure.number(expected) + ", het bestand telt er " + Measure.number(actual)
                + ". Kloppen de start- en einddatums, en staan alle lopende voorzieningen in de export?"));
    }
}
