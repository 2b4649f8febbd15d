package nl.ggk.hub.errors;

/**
 * One StUF error code as it goes into a Fo01/Fo03 body.
 *
 * @param code         at most 7 characters (StUF:Foutcode)
 * @param plek         {@code client} or {@code server}
 * @param omschrijving Dutch template, may hold the placeholder {@value #DETAIL_PLACEHOLDER}
 * @param description  English, for operators
 */
public record ErrorCode(String code, String plek, String omschrijving, String description) {

    public static final String DETAIL_PLACEHOLDER = "{detail}";
    /** StUF:Foutomschrijving maxLength. */
    public static final int MAX_OMSCHRIJVING = 200;

    private static final String ELLIPSIS = "…";

    /**
     * The omschrijving with {@value #DETAIL_PLACEHOLDER} replaced by {@code detail} (null = nothing), white space
     * collapsed, and cut to {@value #MAX_OMSCHRIJVING} characters without splitting a surrogate pair; a cut text
     * ends with "…" so the reader sees it was shortened.
     */
    public String omschrijving(String detail) {
        String filled = omschrijving.replace(DETAIL_PLACEHOLDER, detail == null ? "" : detail);
        return truncate(filled.replaceAll("\\s+", " ").strip(), MAX_OMSCHRIJVING);
    }

    /** Cuts {@code text} to at most {@code max} UTF-16 chars, never in the middle of a surrogate pair. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
