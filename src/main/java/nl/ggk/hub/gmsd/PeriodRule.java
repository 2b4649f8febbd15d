package nl.ggk.hub.gmsd;

import java.util.List;

/**
 * The record's period must overlap the half year in the file name. Its start is the first filled column
 * of {@code start}, its end the first filled column of {@code end} (none filled = still running).
 */
public record PeriodRule(List<String> start, List<String> end) {
    public PeriodRule {
        start = start == null ? List.of() : List.copyOf(start);
        end = end == null ? List.of() : List.copyOf(end);
    }
}
