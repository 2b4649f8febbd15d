package nl.ggk.hub.gmsd;

import java.util.List;

/**
 * The specification of one GMSD file type, as loaded from {@code config/gmsd/<type>.yaml}.
 *
 * @param type        short name (WMO, KOSTENWMO, SBO, JEUGD, OPTIN)
 * @param title       Dutch description shown in reports
 * @param fileName    regular expression for the file name with named groups {@code gemeentecode},
 *                    {@code jaar} and {@code halfjaar}
 * @param separator   the field separator, one character
 * @param encodings   accepted encodings, first one preferred (UTF-8, windows-1252)
 * @param header      whether the first line is a header with the column names
 * @param quotesAllowed whether fields may be quoted with {@code "}
 * @param figures   the aggregates the instant mirror keeps of this type ({@code null}: the type is not compared)
 */
public record FileSpec(String type, String title, String fileName, String separator, List<String> encodings,
                       boolean header, boolean quotesAllowed, List<ColumnSpec> columns,
                       List<ConditionalRule> conditionals, List<DateOrderRule> dateOrder, PeriodRule period,
                       FileRules fileRules, FiguresSpec figures) {

    public FileSpec {
        encodings = encodings == null || encodings.isEmpty() ? List.of("UTF-8") : List.copyOf(encodings);
        columns = columns == null ? List.of() : List.copyOf(columns);
        conditionals = conditionals == null ? List.of() : List.copyOf(conditionals);
        dateOrder = dateOrder == null ? List.of() : List.copyOf(dateOrder);
        fileRules = fileRules == null ? new FileRules(true, null, false, false, false) : fileRules;
    }

    public char separatorChar() {
        return separator.charAt(0);
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
