package nl.ggk.hub.track;

/**
 * One finding of a check about an entry, as the municipality reads it: line (0 = the file as a whole), column
 * (0 = none), the rule's stable code, the field, a Dutch explanation and what to do.
 */
public record Finding(long regel, int kolom, String code, String veld, String tekst, String advies) {
}
