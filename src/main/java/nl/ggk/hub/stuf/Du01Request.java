package nl.ggk.hub.stuf;

import java.time.Instant;
import java.util.Objects;

/**
 * What goes into one {@code GGK:envelopRetourbericht-ggk_Du01} besides the payload: like {@link Di01Request}, plus
 * the crossRefnummer (the referentienummer of the Di01 this answers, e.g. a terugmelding on a spiegelrapport).
 *
 * @param zender               the answering organisation; a null applicatie becomes the portal applicatie setting
 * @param ontvangerOrganisatie e.g. {@code CBS}; the ontvanger applicatie is always {@code GGk}
 * @param functie              ≤ 30 characters
 * @param tekstBestandsnaam    null = {@code xmlBestand}; else {@code tekstBestand} with this name
 * @param crossRefnummer       the answered message's referentienummer, a lower-case UUID v4
 * @param referentienummer     null = a new UUID v4
 * @param at                   null = now
 */
public record Du01Request(StufSysteem zender, String ontvangerOrganisatie, String functie, String tekstBestandsnaam,
                          String crossRefnummer, String referentienummer, Instant at) {

    public Du01Request {
        Objects.requireNonNull(zender, "zender");
        Objects.requireNonNull(crossRefnummer, "crossRefnummer");
        referentienummer = referentienummer == null ? StufIds.newReferentienummer() : referentienummer;
        at = at == null ? Instant.now() : at;
    }

    /** A file (PDF, text, ...) in {@code tekstBestand bestandsnaam="..."} answering {@code crossRefnummer}. */
    public static Du01Request tekstBestand(StufSysteem zender, String ontvangerOrganisatie, String functie,
                                           String bestandsnaam, String crossRefnummer) {
        Objects.requireNonNull(bestandsnaam, "bestandsnaam");
        return new Du01Request(zender, ontvangerOrganisatie, functie, bestandsnaam, crossRefnummer, null, null);
    }

    /** An XML message in {@code xmlBestand} answering {@code crossRefnummer}. */
    public static Du01Request xmlBestand(StufSysteem zender, String ontvangerOrganisatie, String functie,
                                         String crossRefnummer) {
        return new Du01Request(zender, ontvangerOrganisatie, functie, null, crossRefnummer, null, null);
    }

    public boolean isXml() {
        return tekstBestandsnaam == null;
    }
}
