package nl.ggk.hub.stuf;

/**
 * The stuurgegevens and parameters of a StUF-GGk 0210 envelope ({@code envelopHeenbericht-ggk_Di01} or
 * {@code envelopRetourbericht-ggk_Du01}). The payload itself is not held here: it is streamed to a sink.
 *
 * @param berichtcode    {@code Di01} or {@code Du01}
 * @param crossRefnummer only in a Du01, otherwise {@code null}
 * @param payloadType    whether the payload came as {@code xmlBestand} or {@code tekstBestand}
 * @param bestandsnaam   the {@code tekstBestand}'s file name, {@code null} for an {@code xmlBestand}
 * @param payloadBytes   size of the decoded payload
 */
public record Envelope(String berichtcode, Party zender, Party ontvanger, String referentienummer,
                       String tijdstipBericht, String crossRefnummer, String functie,
                       String applicatieVersie, String applicatieSubversie, String functieVersie,
                       String functieSubversie, PayloadType payloadType, String bestandsnaam, long payloadBytes) {

    public static final String DI01 = "Di01";
    public static final String DU01 = "Du01";

    /** A StUF {@code Systeem}: zender or ontvanger. */
    public record Party(String organisatie, String applicatie, String administratie, String gebruiker) {
    }

    public enum PayloadType { XML, TEKST }

    public boolean isRetourbericht() {
        return DU01.equals(berichtcode);
    }

    /** The GGk convention for Fo01 {@code details}: {@code <functie>-<applicatieVersie><applicatieSubversie>}. */
    public String foutDetails() {
        return functie + "-" + nullToEmpty(applicatieVersie) + nullToEmpty(applicatieSubversie);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
