package nl.ggk.hub.classify;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a sender whose CSV is not named as the GMSD protocol demands how to name it: the parts the hub can
 * find in the name (gemeentecode, type, half year, in any order and case, with a copy suffix such as
 * {@code " (1)"}) are put in the right order and case, and the result is offered only when it is a GMSD name.
 *
 * <p>A lower-case type ({@code 0363_wmo_2026H1.csv}) is refused rather than accepted case-insensitively: the
 * name is the contract with CBS, which receives the file under it, and the specifications in
 * {@code config/gmsd/} say exactly which names are valid. The refusal names the correct spelling.
 */
public final class GmsdNameAdvice {

    /** What the protocol expects, in the words of the feedback. */
    static final String EXPECTED = "<gemeentecode>_<TYPE>_<jjjj>H<1|2>.csv";

    private static final Pattern COPY_SUFFIX = Pattern.compile("\\s*(\\(\\d+\\)|- kopie|- copy|kopie)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GEMEENTECODE = Pattern.compile("(?<![0-9])\\d{4}(?![0-9])");
    private static final Pattern PERIOD = Pattern.compile("(?<![0-9])(\\d{4})\\s*[Hh]\\s*([12])(?![0-9])");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private GmsdNameAdvice() {
    }

    /** Whether a name looks like an attempt at a CSV file (extension {@code .csv}, in any case, maybe a copy). */
    static boolean isCsvName(String baseName) {
        return stem(baseName).isPresent();
    }

    /**
     * The GMSD name the sender probably meant, when the parts are all there and the result passes
     * {@code isGmsdFileName}.
     */
    public static Optional<String> suggestion(String baseName, Predicate<String> isGmsdFileName) {
        Optional<String> stem = stem(baseName);
        if (stem.isEmpty()) {
            return Optional.empty();
        }
        String rest = stem.get();
        Matcher period = PERIOD.matcher(rest);
        if (!period.find()) {
            return Optional.empty();
        }
        String year = period.group(1);
        String half = period.group(2);
        rest = rest.substring(0, period.start()) + " " + rest.substring(period.end());
        Matcher code = GEMEENTECODE.matcher(rest);
        if (!code.find()) {
            return Optional.empty();
        }
        String gemeentecode = code.group();
        rest = rest.substring(0, code.start()) + " " + rest.substring(code.end());
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            String candidate = gemeentecode + "_" + word.group().toUpperCase(Locale.ROOT) + "_" + year + "H" + half
                    + ".csv";
            if (isGmsdFileName.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The Dutch detail of a GGK002 refusal: what to do (an example name with the code 0363 when none is known). */
    public static String detail(String baseName, Predicate<String> isGmsdFileName) {
        return detail(baseName, isGmsdFileName, null);
    }

    /**
     * The Dutch detail of a GGK002 refusal: what to do; an example name carries the sender's own code when the sender
     * is a gemeente (four digits), so Diemen reads 0384_WMO_2026H1.csv, not another gemeente's name.
     */
    public static String detail(String baseName, Predicate<String> isGmsdFileName, String sender) {
        String code = sender != null && sender.matches("\\d{4}") ? sender : "0363";
        return suggestion(baseName, isGmsdFileName)
                .map(name -> "Hernoem naar " + name
                        + (name.equalsIgnoreCase(baseName.strip()) ? " (hoofdletters)" : "")
                        + " en lever opnieuw aan.")
                .orElse("Geef het een naam als " + code + "_WMO_2026H1.csv en lever opnieuw aan.");
    }

    /** The name without its {@code .csv} extension and a copy suffix; empty when it does not end in .csv. */
    private static Optional<String> stem(String baseName) {
        if (baseName == null || !baseName.toLowerCase(Locale.ROOT).strip().endsWith(".csv")) {
            return Optional.empty();
        }
        String stem = baseName.strip();
        stem = stem.substring(0, stem.length() - 4);
        return Optional.of(COPY_SUFFIX.matcher(stem).replaceAll(""));
    }
}
