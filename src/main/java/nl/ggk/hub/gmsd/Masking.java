package nl.ggk.hub.gmsd;

/** Makes values safe to show: BSNs masked as {@code *****0007}, long values shortened. */
public final class Masking {

    static final int MAX_SHOWN = 80;

    private Masking() {
    }

    /** Masks a value known to be a BSN: all but the last four characters become {@code *}. */
    public static String maskBsn(String value) {
        if (value.length() <= 4) {
            return value;
        }
        return "*".repeat(Math.min(value.length() - 4, 5)) + value.substring(value.length() - 4);
    }

    /** Masks every run of exactly nine digits (a possible BSN) and shortens long text. */
    public static String maskDigitRuns(String value) {
        String shortened = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
        StringBuilder out = new StringBuilder(shortened.length());
        int i = 0;
        while (i < shortened.length()) {
            int j = i;
            while (j < shortened.length() && Character.isDigit(shortened.charAt(j))) {
                j++;
            }
            if (j > i) {
                String digits = shortened.substring(i, j);
                out.append(digits.length() == 9 ? maskBsn(digits) : digits);
                i = j;
            } else {
                out.append(shortened.charAt(i++));
            }
        }
        return out.toString();
    }
}
