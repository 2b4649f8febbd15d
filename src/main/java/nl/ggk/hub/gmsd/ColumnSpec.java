package nl.ggk.hub.gmsd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One column of a GMSD file type.
 *
 * @param name            technical name, also the header text where the file type has a header
 * @param title           Dutch label shown to the municipality (defaults to the name)
 * @param type            value type
 * @param required        whether the field must be filled
 * @param minLength       minimum number of characters when filled (0 = no minimum)
 * @param maxLength       maximum number of characters (0 = no maximum)
 * @param pattern         optional regular expression the whole value must match (kept off hot columns)
 * @param codes           the allowed values for type {@code code}
 * @param unknownValues   values accepted without the type check (e.g. BSN {@code 999999999} = unknown)
 * @param matchesFileName name of a file-name group ({@code gemeentecode}, {@code jaar}, {@code halfjaar})
 *                        the value must equal
 */
public record ColumnSpec(String name, String title, ColumnType type, boolean required, int minLength,
                         int maxLength, String pattern, List<String> codes, List<String> unknownValues,
                         String matchesFileName) {

    public ColumnSpec {
        codes = codes == null ? List.of() : List.copyOf(codes);
        unknownValues = unknownValues == null ? List.of() : List.copyOf(unknownValues);
    }

    @JsonIgnore
    public String displayTitle() {
        return title == null || title.isBlank() ? name : title;
    }

    @JsonIgnore
    public Pattern compiledPattern() {
        return pattern == null || pattern.isEmpty() ? null : Pattern.compile(pattern);
    }
}
