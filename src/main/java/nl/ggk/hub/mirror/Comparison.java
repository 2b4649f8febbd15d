package nl.ggk.hub.mirror;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.gmsd.FeedbackSection;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.FiguresSpec;

/**
 * A delivery compared with the gemeente's earlier half years: its figures ({@code now}), the half years shown (oldest
 * first, {@code now} last), the signals. It is the report's section "Vergelijking met uw eerdere aanleveringen"
 * ({@link ComparisonPdfSection}) and the API's {@code vergelijking} ({@link #vergelijking()}).
 */
public record Comparison(Figures now, List<Figures> shown, List<Signal> signals, FileSpec spec, Measure measure)
        implements FeedbackSection {

    @Override
    public void addTo(Document document) throws DocumentException {
        new ComparisonPdfSection(this).addTo(document);
    }

    public Vergelijking vergelijking() {
        return new Vergelijking(now.gemeente(), now.type(), now.period(), perioden(shown, spec.figures()), signals);
    }

    /** The half years as the API and the portal show them. */
    public static List<Vergelijking.Periode> perioden(List<Figures> figures, FiguresSpec spec) {
        List<Vergelijking.Periode> perioden = new ArrayList<>();
        for (Figures f : figures) {
            List<Vergelijking.Groep> groepen = new ArrayList<>();
            for (Map.Entry<String, Figures.Counts> g : f.groups().entrySet()) {
                Figures.Counts c = g.getValue();
                groepen.add(new Vergelijking.Groep(g.getKey(), spec.groupName(g.getKey()), c.records(), c.clients(),
                        c.starts(), c.stops(), c.ongoing(), c.sum()));
            }
            Figures.Counts w = f.whole();
            perioden.add(new Vergelijking.Periode(f.period(), w.records(), w.clients(), w.starts(), w.stops(),
                    w.ongoing(), w.sum(), groepen));
        }
        return perioden;
    }
}
