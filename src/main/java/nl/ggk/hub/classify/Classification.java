package nl.ggk.hub.classify;

import nl.ggk.hub.stuf.Envelope;

/**
 * What a delivered file is, who sent it, and whether the delivering organisation may send it.
 *
 * @param kind         CBS, IWMO, IJW, SVB or UNKNOWN
 * @param functie      e.g. {@code WMO301}, {@code JW316}, a GMSD type ({@code WMO}, {@code JEUGD}), {@code TKB001};
 *                     for an envelope its {@code functie}; {@code null} when unknown
 * @param berichtCode  the iWmo/iJw BerichtCode (e.g. {@code 414}), {@code null} for other kinds
 * @param afzender     Header/Afzender of an iWmo/iJw message, or the envelope's zender organisatie
 * @param ontvanger    Header/Ontvanger, or the envelope's ontvanger organisatie
 * @param actualSender who really sends it: for a retour message the Header's Ontvanger, otherwise the afzender
 * @param direction    for iWmo/iJw only, the way the message travels
 * @param envelope     the StUF-GGk envelope when the file was one (its functie and referentienummer), else {@code null}
 * @param gemeente     the one gemeente the payload names (a GMSD file name's gemeentecode, the Afzender of a
 *                     gemeente's iWmo/iJw message, an envelope's zender and what it holds), {@code null} when it
 *                     names none (an SVB file, an unknown file, most refusals)
 * @param reason       {@code null} when accepted, otherwise the reason key
 * @param detail       Dutch explanation the sender sees (track &amp; trace, Fo01): what is wrong and what to do;
 *                     never a BSN
 */
public record Classification(Kind kind, String functie, String berichtCode, String afzender, String ontvanger,
                             String actualSender, Direction direction, Envelope envelope, String gemeente,
                             String reason, String detail) {

    public boolean accepted() {
        return reason == null;
    }

    /** The envelope's referentienummer, {@code null} when the file was not an envelope. */
    public String referentienummer() {
        return envelope == null ? null : envelope.referentienummer();
    }

    Classification rejected(String reasonKey, String why) {
        return new Classification(kind, functie, berichtCode, afzender, ontvanger, actualSender, direction, envelope,
                gemeente, reasonKey, why);
    }

    /** The same classification, naming {@code named} as the payload's gemeente. */
    Classification naming(String named) {
        return new Classification(kind, functie, berichtCode, afzender, ontvanger, actualSender, direction, envelope,
                named, reason, detail);
    }
}
