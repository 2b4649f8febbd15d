package nl.ggk.hub.gmsd;

/**
 * A column whose presence depends on another: {@code column} is required when {@code requiredWhen} is
 * filled, and (if {@code emptyOtherwise}) must be empty when it is not.
 */
public record ConditionalRule(String column, String requiredWhen, boolean emptyOtherwise) {
}
