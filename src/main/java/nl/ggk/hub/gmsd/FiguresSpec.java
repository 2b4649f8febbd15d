package nl.ggk.hub.gmsd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Which figures the instant mirror keeps of a file type ({@code figures:} in its {@code config/gmsd/<type>.yaml}):
 * aggregates only, never a value of a record. Every key is optional (the record count is always kept); a type
 * without {@code figures} is not compared.
 *
 * @param clients          a column of type {@code bsn}: its distinct values are counted (in memory, during the count;
 *                         no value is kept), its {@code unknownValues} not
 * @param group            the type's main grouping (e.g. productcategorie): every figure is kept per value as well
 * @param groupTitle       the grouping in Dutch, as the signals name it ("Productcategorie")
 * @param groupLabels      names of the group values ("03": "Persoonlijke verzorging"), shown beside the code
 * @param start            date columns whose first filled one is the start of the support (starts in the half year)
 * @param end              date columns whose first filled one is its end (stops in the half year)
 * @param sum              a column of type {@code integer} or {@code amount} summed (e.g. bedrag, aantal deelnemers)
 * @param sumTitle         that sum in Dutch, plural ("bedrag", "deelnemers")
 * @param thresholdPercent a change beyond this many percent is a signal; absent: {@code ggk.mirror.threshold-percent}
 */
public record FiguresSpec(String clients, String group, String groupTitle, Map<String, String> groupLabels,
                          List<String> start, List<String> end, String sum, String sumTitle,
                          Integer thresholdPercent) {

    public FiguresSpec {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        start = start == null ? List.of() : List.copyOf(start);
        end = end == null ? List.of() : List.copyOf(end);
    }

    /** "Productcategorie 03 Persoonlijke verzorging", or "Productcategorie 03" without a label. */
    @JsonIgnore
    public String groupName(String code) {
        String label = groupLabels.get(code);
        String title = groupTitle == null || groupTitle.isBlank() ? "Groep" : groupTitle;
        return title + " " + code + (label == null || label.isBlank() ? "" : " " + label);
    }

    @JsonIgnore
    public boolean startsAndStops() {
        return !start.isEmpty() && !end.isEmpty();
    }
}
