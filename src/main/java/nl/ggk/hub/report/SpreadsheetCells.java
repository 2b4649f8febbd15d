package nl.ggk.hub.report;

/**
 * Makes a delivered value safe for a cell of a file made for Excel ({@code fouten.csv}): a value starting with
 * {@code = + - @}, a tab or a carriage return would be run as a formula ({@code =HYPERLINK(…)},
 * {@code =cmd|' /C calc'!A0}). As OWASP recommends (CSV injection), such a value gets a leading single quote,
 * which Excel shows as text and does not print.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String neutralised(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
