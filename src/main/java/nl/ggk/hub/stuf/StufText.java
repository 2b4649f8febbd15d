package nl.ggk.hub.stuf;

/** Makes free text fit StUF string types: only characters XML 1.0 allows, cut to the XSD length. */
final class StufText {

    private static final String ELLIPSIS = "…";

    private StufText() {
    }

    /** Drops characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
    static String xmlSafe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(StufText::isXmlChar).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    /** XML-safe and at most {@code max} chars, never splitting a surrogate pair; no marker (identifiers). */
    static String cut(String text, int max) {
        String safe = xmlSafe(text);
        if (safe == null || safe.length() <= max) {
            return safe;
        }
        int end = Character.isHighSurrogate(safe.charAt(max - 1)) ? max - 1 : max;
        return safe.substring(0, end);
    }

    /** Like {@link #cut} but a shortened text ends with "…", so a reader sees it was cut (free text). */
    static String shorten(String text, int max) {
        String safe = xmlSafe(text);
        if (safe == null || safe.length() <= max) {
            return safe;
        }
        return cut(safe, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
