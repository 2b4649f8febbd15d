package nl.ggk.hub.stuf;

import java.time.Instant;
import java.util.Objects;

/**
 * What goes into one {@code GGK:envelopHeenbericht-ggk_Di01} besides the payload.
 *
 * @param zender               the delivering organisation (gemeentecode; administratie = samenwerkingsverband name
 *                             when one delivers); a null applicatie becomes the portal applicatie setting
 * @param ontvangerOrganisatie e.g. {@code CBS}; the ontvanger applicatie is always {@code GGk}
 * @param functie              ≤ 30 characters, e.g. the {@code ggk.stuf.functie.cbs} setting or {@code WMO301}
 * @param tekstBestandsnaam    null = the payload is XML ({@code xmlBestand}); else the payload is a file
 *                             ({@code tekstBestand}) with this name, which must fit {@link Bestandsnaam}
 * @param referentienummer     null = a new UUID v4 (read it back from the record)
 * @param at                   null = now
 */
public record Di01Request(StufSysteem zender, String ontvangerOrganisatie, String functie, String tekstBestandsnaam,
                          String referentienummer, Instant at) {

    public Di01Request {
        Objects.requireNonNull(zender, "zender");
        referentienummer = referentienummer == null ? StufIds.newReferentienummer() : referentienummer;
        at = at == null ? Instant.now() : at;
    }

    /** An XML payload (e.g. an iWmo message) in {@code xmlBestand}. */
    public static Di01Request xmlBestand(StufSysteem zender, String ontvangerOrganisatie, String functie) {
        return new Di01Request(zender, ontvangerOrganisatie, functie, null, null, null);
    }

    /** A file (CSV, PDF, ...) in {@code tekstBestand bestandsnaam="..."}. */
    public static Di01Request tekstBestand(StufSysteem zender, String ontvangerOrganisatie, String functie,
                                           String bestandsnaam) {
        Objects.requireNonNull(bestandsnaam, "bestandsnaam");
        return new Di01Request(zender, ontvangerOrganisatie, functie, bestandsnaam, null, null);
    }

    public boolean isXml() {
        return tekstBestandsnaam == null;
    }
}
