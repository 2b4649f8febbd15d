package nl.ggk.hub.mirror;

import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of one GMSD file: what the instant mirror keeps per gemeente, file type and half year. Nothing
 * here identifies a person or a record; a figure the type does not have is {@code null}.
 *
 * @param gemeente the gemeentecode of the file name
 * @param type     the file type (WMO, SBO, ...)
 * @param period   the half year, {@code 2026H1}
 * @param whole    the figures of the whole file
 * @param groups   the figures per value of the type's main grouping (e.g. productcategorie), by code
 */
public record Figures(String gemeente, String type, String period, Counts whole, Map<String, Counts> groups) {

    public Figures {
        groups = groups == null ? Map.of() : new TreeMap<>(groups);
    }

    /**
     * One set of aggregates. {@code clients}: distinct clients ({@code null}: the type has none, or more than could
     * be counted); {@code starts}, {@code stops}: supports that started or ended in the half year; {@code ongoing}:
     * started and not ended at the end of the half year; {@code sum}: the type's summed column (cents or a count).
     */
    public record Counts(long records, Long clients, Long starts, Long stops, Long ongoing, Long sum) {
    }
}
