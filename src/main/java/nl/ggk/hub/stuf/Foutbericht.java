package nl.ggk.hub.stuf;

import java.util.Objects;

/**
 * A StUF 03.01 error message as read or written: {@code StUF:Fo01Bericht} (asynchronous, functional) or
 * {@code StUF:Fo03Bericht} (the synchronous answer refusing a message). {@code crossRefnummer} names the
 * offending message; the body fields follow {@code StUF:Foutbericht} ({@code details} may be null).
 *
 * @param berichtcode {@value #FO01} or {@value #FO03}
 */
public record Foutbericht(String berichtcode, StufSysteem zender, StufSysteem ontvanger, String referentienummer,
                          String tijdstipBericht, String crossRefnummer, String code, String plek,
                          String omschrijving, String details) {

    public static final String FO01 = "Fo01";
    public static final String FO03 = "Fo03";

    public Foutbericht {
        if (!FO01.equals(berichtcode) && !FO03.equals(berichtcode)) {
            throw new IllegalArgumentException("berichtcode must be Fo01 or Fo03, is '" + berichtcode + "'");
        }
        Objects.requireNonNull(zender, "zender");
        Objects.requireNonNull(ontvanger, "ontvanger");
        Objects.requireNonNull(referentienummer, "referentienummer");
        Objects.requireNonNull(tijdstipBericht, "tijdstipBericht");
        Objects.requireNonNull(crossRefnummer, "crossRefnummer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(plek, "plek");
        Objects.requireNonNull(omschrijving, "omschrijving");
    }

    public boolean isClientError() {
        return "client".equals(plek);
    }
}
