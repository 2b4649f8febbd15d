package nl.ggk.hub.cbs.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The synthetic reference figures of the simulator's spiegelrapport ({@code config/cbs-simulator/reference-figures.yaml}):
 * inhabitants per gemeente, size classes and their average clients per 1,000 inhabitants per productcategorie.
 */
public record ReferenceFigures(Map<String, String> productcategorieen, Map<String, Long> gemeenten,
                               long standaardInwoners, List<SizeClass> grootteklassen) {

    /** One size class; {@code totInwoners} null for the last, unbounded one. */
    public record SizeClass(String naam, Long totInwoners, Map<String, Double> clientenPer1000) {
        public SizeClass {
            clientenPer1000 = clientenPer1000 == null ? Map.of() : Map.copyOf(clientenPer1000);
        }
    }

    public ReferenceFigures {
        productcategorieen = productcategorieen == null ? Map.of() : Map.copyOf(productcategorieen);
        gemeenten = gemeenten == null ? Map.of() : Map.copyOf(gemeenten);
        if (grootteklassen == null || grootteklassen.isEmpty()) {
            throw new IllegalArgumentException("reference figures: grootteklassen must list at least one class");
        }
        grootteklassen = List.copyOf(grootteklassen);
    }

    public static ReferenceFigures load(InputStream yaml) throws IOException {
        return new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(yaml, ReferenceFigures.class);
    }

    public long inhabitants(String gemeente) {
        return gemeenten.getOrDefault(gemeente, standaardInwoners);
    }

    /** The class of municipalities of similar size. */
    public SizeClass similarTo(String gemeente) {
        long inhabitants = inhabitants(gemeente);
        for (SizeClass c : grootteklassen) {
            if (c.totInwoners() == null || inhabitants < c.totInwoners()) {
                return c;
            }
        }
        return grootteklassen.get(grootteklassen.size() - 1);
    }

    public String categoryName(String code) {
        return productcategorieen.getOrDefault(code, "productcategorie " + code);
    }
}
