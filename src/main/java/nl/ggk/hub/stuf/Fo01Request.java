package nl.ggk.hub.stuf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import nl.ggk.hub.errors.ErrorCode;

/**
 * What goes into one Fo01.
 *
 * @param ontvanger        the delivering organisation: organisatie, and the original zender's applicatie/administratie/
 *                         gebruiker when an envelope was read (null fields are left out or defaulted)
 * @param crossRefnummer   the offending envelope's referentienummer, or the hub's delivery id for bare input
 * @param error            the code from {@code ErrorCodes.forReason}
 * @param detail           fills the omschrijving's {@code {detail}} placeholder; may be null
 * @param details          StUF details (≤ 1000): {@link #ggkDetails} when an envelope is known, else e.g. the file
 *                         name and ZIP entry; may be null
 * @param originalXml      the offending message when it may be XML: embedded in detailsXML if well-formed; may be null
 * @param at               time of the Fo01; null = now
 * @param referentienummer the Fo01's own referentienummer; null = a new UUID v4 (read it back from the record)
 */
public record Fo01Request(StufSysteem ontvanger, String crossRefnummer, ErrorCode error, String detail, String details,
                          Path originalXml, Instant at, String referentienummer) {

    public Fo01Request {
        Objects.requireNonNull(ontvanger, "ontvanger");
        Objects.requireNonNull(crossRefnummer, "crossRefnummer");
        Objects.requireNonNull(error, "error");
        at = at == null ? Instant.now() : at;
        referentienummer = referentienummer == null ? StufIds.newReferentienummer() : referentienummer;
    }

    /** A Fo01 about {@code crossRefnummer} with a new referentienummer, stamped now. */
    public static Fo01Request of(StufSysteem ontvanger, String crossRefnummer, ErrorCode error, String detail,
                                 String details, Path originalXml) {
        return new Fo01Request(ontvanger, crossRefnummer, error, detail, details, originalXml, null, null);
    }

    /** The GGk convention for Fo01 details: {@code <functie>-<applicatieVersie><applicatieSubversie>}. */
    public static String ggkDetails(String functie, String applicatieVersie, String applicatieSubversie) {
        return nullToEmpty(functie) + "-" + nullToEmpty(applicatieVersie) + nullToEmpty(applicatieSubversie);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
