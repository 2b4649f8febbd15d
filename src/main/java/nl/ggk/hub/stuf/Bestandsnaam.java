package nl.ggk.hub.stuf;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** The ggk0210 {@code tekstBestand/@bestandsnaam} rule: 4-255 characters of {@code [A-Za-z0-9._-]}. */
public final class Bestandsnaam {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 255;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]+");

    private Bestandsnaam() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** The name itself when valid, else an {@link IllegalArgumentException} saying what the XSD allows. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("bestandsnaam '" + name + "' does not fit the ggk0210 envelope: it needs "
                    + MIN_LENGTH + "-" + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ - (use Bestandsnaam.sanitise)");
        }
        return name;
    }

    /**
     * Makes an uploaded file name fit: drops any folder part, turns accented letters into plain ones and every
     * other character outside the set into {@code _}, and shortens a long name while keeping its extension.
     * Refuses (IllegalArgumentException) a name that is shorter than 4 characters after cleaning.
     */
    public static String sanitise(String original) {
        if (original == null) {
            throw new IllegalArgumentException("bestandsnaam is missing");
        }
        String base = original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        String plain = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String cleaned = NOT_ALLOWED.matcher(plain).replaceAll("_");
        if (cleaned.length() > MAX_LENGTH) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 16 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        if (cleaned.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("bestandsnaam '" + original + "' is too short for the ggk0210 envelope "
                    + "(at least " + MIN_LENGTH + " characters of A-Z a-z 0-9 . _ -)");
        }
        return cleaned;
    }
}
