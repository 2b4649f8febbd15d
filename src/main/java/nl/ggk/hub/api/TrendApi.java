package nl.ggk.hub.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.ggk.hub.api.DeliveryApi.OrganisationName;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.mirror.Comparison;
import nl.ggk.hub.mirror.FigureStore;
import nl.ggk.hub.mirror.Measure;
import nl.ggk.hub.mirror.Vergelijking;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.web.ApiProblemException;

/**
 * {@code GET /api/v1/trend?type=WMO[&gemeente=0546]}: a gemeente's figures of one GMSD type over its half years (the
 * instant mirror); a samenwerkingsverband gets each member's. Only the gemeente itself and its samenwerkingsverband
 * read them: anyone else asking for a gemeente gets 403.
 */
public final class TrendApi {

    private final FigureStore figures;
    private final GmsdSpecifications specifications;
    private final OrganisationRegistry registry;

    public TrendApi(FigureStore figures, GmsdSpecifications specifications, OrganisationRegistry registry) {
        this.figures = figures;
        this.specifications = specifications;
        this.registry = registry;
    }

    /** The figures of one type, per gemeente the caller may read; {@code typen}: the types that are compared. */
    public record Trend(String type, @Schema(description = "what the chart shows, e.g. cliënten") String maat,
                        boolean euro, List<String> typen, List<GemeenteTrend> gemeenten) {
    }

    /** One gemeente's half years, oldest first (empty: nothing delivered yet). */
    public record GemeenteTrend(OrganisationName gemeente, List<Vergelijking.Periode> perioden) {
    }

    public Trend trend(String caller, String type, String gemeente) {
        List<String> typen = specifications.all().stream().filter(s -> s.figures() != null).map(FileSpec::type)
                .toList();
        String chosen = type == null || type.isBlank() ? typen.get(0) : type.strip().toUpperCase();
        FileSpec spec = specifications.spec(chosen).filter(s -> s.figures() != null).orElseThrow(() ->
                ApiProblemException.badRequest("Onbekend bestandstype '" + type + "'; kies uit " + typen + "."));
        Set<String> visible = new LinkedHashSet<>();
        if (gemeente == null || gemeente.isBlank()) {
            if (registry.isGemeente(caller)) {
                visible.add(caller);
            }
            registry.samenwerkingsverband(caller).ifPresent(s -> visible.addAll(s.members()));
        } else if (registry.isGemeente(gemeente) && registry.mayReadFor(caller, gemeente)) {
            visible.add(gemeente);
        } else {
            throw ApiProblemException.forbidden("Uw organisatie mag de cijfers van gemeente " + gemeente
                    + " niet inzien: alleen de gemeente zelf en haar samenwerkingsverband.");
        }
        List<GemeenteTrend> gemeenten = new ArrayList<>();
        for (String code : visible) {
            gemeenten.add(new GemeenteTrend(new OrganisationName(code, registry.displayName(code)),
                    Comparison.perioden(figures.all(code, chosen), spec.figures())));
        }
        Measure measure = Measure.of(spec);
        return new Trend(chosen, measure.naam(), measure.euro(), typen, gemeenten);
    }
}
