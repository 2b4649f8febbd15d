package nl.ggk.hub.gmsd;

/** When both are filled, the date in {@code later} must not be before the date in {@code earlier}. */
public record DateOrderRule(String earlier, String later) {
}
