package nl.ggk.hub.stuf;

/**
 * A StUF zender or ontvanger. {@code organisatie}: 4-digit gemeentecode, 8-digit AGB code or a fixed value such
 * as {@code CBS} or {@code IB}; {@code administratie}: the samenwerkingsverband's name when one sends.
 * Fields other than organisatie may be null.
 */
public record StufSysteem(String organisatie, String applicatie, String administratie, String gebruiker) {

    public static StufSysteem of(String organisatie, String applicatie) {
        return new StufSysteem(organisatie, applicatie, null, null);
    }

    /** Only the organisation is known (e.g. a bare portal upload). */
    public static StufSysteem organisatie(String organisatie) {
        return new StufSysteem(organisatie, null, null, null);
    }
}
