package nl.ggk.hub.optin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One opt-in decision of a gemeente for a half year: J or N per part of the monitor, in the order of the
 * working specification ({@code config/gmsd/optin.yaml}). {@code decidedBy}: the organisation that decided;
 * {@code decidedByName}: the person as the portal names them (null when not known).
 */
public record OptinDecision(String organisation, int year, int half, Map<Part, Boolean> consent, String decidedBy,
                            String decidedByName) {

    /** The columns of the opt-in file, in their order. */
    public enum Part { WMO_BASIS, WMO_FACULTATIEF, JEUGD, SBO }

    public OptinDecision {
        consent = Map.copyOf(consent);
    }

    public OptinDecision(String organisation, int year, int half, Map<Part, Boolean> consent, String decidedBy) {
        this(organisation, year, half, consent, decidedBy, null);
    }

    /** {@code <gemeentecode>_OPTIN_<yyyy>H<n>.csv} (the fileName pattern of the specification). */
    public String fileName(String extension) {
        return organisation + "_OPTIN_" + year + "H" + half + "." + extension;
    }

    /** The name its CSV goes through the intake door with. */
    public String csvFileName() {
        return fileName("csv");
    }

    /** The CSV of the working specification: a header row and one row, {@code ;}-separated. */
    public byte[] csv() {
        StringBuilder csv = new StringBuilder("gemeentecode;jaar;halfjaar");
        for (Part part : Part.values()) {
            csv.append(';').append(part.name());
        }
        csv.append("\r\n").append(organisation).append(';').append(year).append(';').append(half);
        for (Part part : Part.values()) {
            csv.append(';').append(letter(part));
        }
        return csv.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    public String letter(Part part) {
        return consent.get(part) ? "J" : "N";
    }

    /** The parts as the API shows them: {@code {"WMO_BASIS": "J", …}}. */
    public Map<String, String> letters() {
        Map<String, String> letters = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            letters.put(part.name(), letter(part));
        }
        return letters;
    }

    /** The .xlsx variant (one sheet, the same header and row as the CSV), through Apache POI. */
    public byte[] xlsx() throws IOException {
        return OptinFormat.xlsx(OptinFormat.rows(csv()));
    }
}
