package nl.ggk.hub.errors;

import java.util.regex.Pattern;

/**
 * Makes a text fit for an answer a sender reads (a Fo01, a track &amp; trace detail, a reason file): every
 * standalone run of nine digits, a possible BSN a sender put in the wrong field (an envelope's berichtcode, a
 * file name), is masked as {@code *****0007}. Digits inside a longer run of letters and digits (timestamps,
 * delivery ids such as {@code …-e123457722a2}) are left alone, as the log layout does.
 */
public final class AnswerText {

    private static final Pattern BSN_LIKE = Pattern.compile("(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])");

    private AnswerText() {
    }

    /** {@code text} with every standalone nine-digit run masked; {@code null} stays {@code null}. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        return BSN_LIKE.matcher(text).replaceAll(m -> "*****" + m.group().substring(5));
    }
}
