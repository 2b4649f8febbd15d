package nl.ggk.hub.gmsd;

/**
 * Tunables of the GMSD check.
 *
 * @param examplesPerRule      examples kept per rule for the report
 * @param maxLineLength        longest line accepted, in characters; longer lines are reported, not parsed
 * @param maxViolationsListed  violations kept for {@code fouten.csv}; beyond that they are only counted
 * @param windows1252Accepted  accept Windows-1252 when the file is not valid UTF-8 (and the spec lists it)
 */
public record ValidationSettings(int examplesPerRule, int maxLineLength, int maxViolationsListed,
                                 boolean windows1252Accepted) {

    public static final ValidationSettings DEFAULTS = new ValidationSettings(10, 10_000, 10_000, false);

    public ValidationSettings {
        if (examplesPerRule < 0 || maxLineLength < 100 || maxViolationsListed < 0) {
            throw new IllegalArgumentException("examplesPerRule >= 0, maxLineLength >= 100, maxViolationsListed >= 0");
        }
    }
}
