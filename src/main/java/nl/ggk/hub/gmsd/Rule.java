package nl.ggk.hub.gmsd;

/**
 * The checks a GMSD file goes through. The id is short and stable (it appears in {@code fouten.csv},
 * JSON output and counts); title and advice are Dutch, for the municipality.
 */
public enum Rule {
    BESTANDSNAAM("bestandsnaam", "Bestandsnaam",
            "Geef het bestand een naam als <gemeentecode>_<TYPE>_<jaar>H<1|2>.csv, bijvoorbeeld 0363_WMO_2025H1.csv."),
    BOM("bom", "Byte-order mark (BOM) aan het begin",
            "Sla het bestand op als UTF-8 zonder BOM. Excel voegt bij \"CSV UTF-8\" een BOM toe: kies in Excel bij "
                    + "Opslaan als \"CSV (gescheiden door lijstscheidingsteken)\", of open het bestand in een "
                    + "teksteditor (bijvoorbeeld Kladblok) en sla het op met codering \"UTF-8\" (niet \"UTF-8 met BOM\")."),
    ENCODING("encoding", "Ongeldige tekens voor de tekenset",
            "Sla het bestand op in UTF-8 (zonder BOM)."),
    SEPARATOR("separator", "Verkeerd scheidingsteken",
            "Gebruik de puntkomma (;) als scheidingsteken tussen de kolommen."),
    KOLOMMEN("kolommen", "Aantal kolommen",
            "Zorg dat elke regel precies het voorgeschreven aantal kolommen heeft; verwijder lege regels tussen de records."),
    REGELLENGTE("regellengte", "Regel te lang",
            "Controleer of de regeleinden goed zijn en of er geen gegevens aan elkaar geplakt zijn."),
    AANHALINGSTEKENS("aanhalingstekens", "Aanhalingstekens niet toegestaan",
            "Lever de waarden zonder aanhalingstekens aan."),
    CR_REGELEINDE("cr-regeleinde", "Regeleinde alleen CR",
            "Gebruik CRLF (Windows) of LF (Unix) als regeleinde, niet alleen CR."),
    KOPREGEL("kopregel", "Kopregel",
            "Lever het bestand met kopregel als de specificatie die voorschrijft, en anders zonder."),
    VERPLICHT("verplicht", "Verplicht veld leeg",
            "Vul alle verplichte velden."),
    LENGTE("lengte", "Aantal tekens in kolom",
            "Controleer het aantal tekens per kolom volgens de specificatie."),
    PATROON("patroon", "Ongeldige waarde",
            "Gebruik alleen de toegestane tekens (bij bedragen en aantallen alleen cijfers, bedragen in eurocenten)."),
    DATUM("datum", "Ongeldige datum",
            "Schrijf datums als jjjjmmdd (bijvoorbeeld 20250131) en controleer of de datum bestaat."),
    BSN_ELFPROEF("bsn-elfproef", "Ongeldig BSN",
            "Controleer het BSN (9 cijfers, elfproef); gebruik 999999999 als het BSN onbekend is."),
    CODELIJST("codelijst", "Code niet in codelijst",
            "Gebruik alleen codes uit de codelijst van de specificatie."),
    VOORWAARDELIJK("voorwaardelijk", "Voorwaardelijk veld",
            "Vul het veld wanneer de voorwaarde geldt en laat het anders leeg (bijvoorbeeld reden beëindiging alleen bij een einddatum)."),
    DATUMVOLGORDE("datumvolgorde", "Datumvolgorde",
            "Een einddatum mag niet vóór de bijbehorende startdatum liggen."),
    PERIODE("periode", "Record buiten de periode",
            "Lever alleen records aan die (deels) in het halfjaar van de bestandsnaam vallen."),
    GEMEENTECODE_BESTAND("gemeentecode-bestand", "Gemeentecode in bestand",
            "Gebruik in alle records dezelfde gemeentecode als in de bestandsnaam."),
    GEMEENTECODE_AFZENDER("gemeentecode-afzender", "Gemeentecode niet toegestaan voor afzender",
            "Lever alleen aan voor de eigen gemeente of, als samenwerkingsverband, voor een deelnemende gemeente."),
    LEEG_BESTAND("leeg-bestand", "Leeg bestand",
            "Lever een bestand met ten minste één record aan."),
    ALLEEN_KOP("alleen-kop", "Alleen een kopregel",
            "Het bestand bevat geen records; lever een bestand met ten minste één record aan.");

    /** The gemeentecode of the example name in BESTANDSNAAM's advice, for a report to put the reader's own in. */
    public static final String EXAMPLE_GEMEENTECODE = "0363";

    private final String id;
    private final String title;
    private final String advice;

    Rule(String id, String title, String advice) {
        this.id = id;
        this.title = title;
        this.advice = advice;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** What the municipality should do about it. */
    public String advice() {
        return advice;
    }

    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown GMSD rule: " + id);
    }
}
