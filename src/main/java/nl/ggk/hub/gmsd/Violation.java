package nl.ggk.hub.gmsd;

/**
 * One finding, ready to show: line (0 = the file as a whole), column (1-based, 0 = none), field name,
 * the value as shown (BSNs masked, long values shortened) and a Dutch explanation.
 */
public record Violation(String ruleId, long line, int column, String field, String value, String explanation) {
}
