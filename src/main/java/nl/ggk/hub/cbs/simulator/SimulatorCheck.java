package nl.ggk.hub.cbs.simulator;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.ValidationResult;

/**
 * CBS's own technical check in the simulator: the hub's GMSD specification files and validator (CBS checks file
 * format and characters per column; the working specification is the best stand-in), plus, for a WMO file, the
 * number of clients per productcategorie that the spiegelrapport compares.
 */
public final class SimulatorCheck {

    /** One violated rule: its Dutch title and how often. */
    public record RuleCount(String title, long count) {
    }

    /**
     * What CBS found.
     *
     * @param clientsPerCategory distinct BSNs per productcategorie (WMO files only; empty otherwise), sorted
     */
    public record Checked(String bestandsnaam, String type, String halfYear, boolean approved, long records,
                          List<RuleCount> rules, long violations, Map<String, Long> clientsPerCategory) {

        public boolean isWmo() {
            return "WMO".equals(type);
        }
    }

    private final GmsdValidator validator;

    public SimulatorCheck(GmsdValidator validator) {
        this.validator = validator;
    }

    /** Checks {@code file} (the decoded tekstBestand) as {@code bestandsnaam}, delivered by {@code zender}. */
    public Checked check(Path file, String bestandsnaam, String zender) throws IOException {
        ValidationResult result;
        try (var in = java.nio.file.Files.newInputStream(file)) {
            result = validator.validate(in, bestandsnaam, zender);
        }
        String type = result.fileType().orElse(null);
        Map<String, Long> clients = result.accepted() && "WMO".equals(type)
                ? clientsPerCategory(file, validator.specifications().spec(type).orElseThrow()) : Map.of();
        return new Checked(bestandsnaam, type, result.recognised().map(n -> n.halfYearLabel()).orElse(null),
                result.accepted(), result.recordCount(),
                result.rules().stream().map(r -> new RuleCount(r.title(), r.count())).toList(),
                result.violationCount(), clients);
    }

    private static Map<String, Long> clientsPerCategory(Path file, FileSpec spec) throws IOException {
        int bsn = spec.columnIndex("bsn");
        int category = spec.columnIndex("productcategorie");
        if (bsn < 0 || category < 0) {
            return Map.of();
        }
        Map<String, Set<String>> seen = new HashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(spec.separatorChar())
                .ofCsvRecord(file)) {
            for (CsvRecord record : csv) {
                if (record.getFieldCount() > Math.max(bsn, category)) {
                    seen.computeIfAbsent(record.getField(category), k -> new HashSet<>()).add(record.getField(bsn));
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        seen.forEach((k, v) -> counts.put(k, (long) v.size()));
        return counts;
    }
}
