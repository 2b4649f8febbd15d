package nl.ggk.hub.logging;

/**
 * Makes text safe for a log line: whatever could be a BSN is masked, and control characters are escaped so
 * that text from outside (a file name, a JMS header, a request path) can never start a forged log line.
 */
public final class LogText {

    private static final int BSN_LENGTH = 9;

    private LogText() {
    }

    /** {@code text} with every possible BSN masked ({@code *****0007}) and every control character escaped. */
    public static String neutralise(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int c = Character.codePointAt(text, i);
            if (Character.isLetterOrDigit(c)) {
                int end = endOfRun(text, i);
                appendRun(text, i, end, out);
                i = end;
            } else {
                if (isControl(c)) {
                    appendEscaped(c, out);
                } else {
                    out.appendCodePoint(c);
                }
                i += Character.charCount(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code digits} can be a burgerservicenummer: nine digits passing the elfproef
     * (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11).
     */
    public static boolean passesElfproef(CharSequence digits) {
        if (digits.length() != BSN_LENGTH) {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < BSN_LENGTH; k++) {
            char d = digits.charAt(k);
            if (d < '0' || d > '9') {
                return false;
            }
            int weight = k == BSN_LENGTH - 1 ? -1 : BSN_LENGTH - k;
            sum += weight * (d - '0');
        }
        return sum % 11 == 0;
    }

    // A BSN stands alone: nine digits inside a longer run of letters and digits (a timestamp such as
    // 20261201T123456782, an id) are part of that value and stay readable.
    private static void appendRun(CharSequence text, int start, int end, StringBuilder out) {
        CharSequence run = text.subSequence(start, end);
        if (passesElfproef(run)) {
            out.append("*****").append(run, BSN_LENGTH - 4, BSN_LENGTH);
        } else {
            out.append(run);
        }
    }

    private static int endOfRun(CharSequence text, int start) {
        int i = start;
        while (i < text.length()) {
            int c = Character.codePointAt(text, i);
            if (!Character.isLetterOrDigit(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    // C0/C1 controls (CR, LF, ESC, NEL…), Unicode line and paragraph separators, and format characters
    // (bidi overrides, zero-width joiners) that could make a line read differently from what it holds.
    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    private static void appendEscaped(int c, StringBuilder out) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", c));
        }
    }
}
