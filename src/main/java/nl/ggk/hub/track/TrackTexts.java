package nl.ggk.hub.track;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The Dutch words of track &amp; trace event texts (a municipal user reads them in the portal and the API's
 * {@code detail}); the event {@code status} beside them stays the English code machines read.
 */
public final class TrackTexts {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'om' HH:mm:ss",
            new Locale("nl", "NL")).withZone(AMSTERDAM);
    private static final Map<String, String> CHANNELS = Map.of("FOLDER", "de map inbox", "HTTP",
            "het portaal of de API", "API", "het portaal of de API", "WS", "de webservice (Digikoppeling)", "JMS",
            "de berichtenwachtrij");
    private static final Map<String, String> KINDS = Map.of("CBS", "bestand voor CBS", "IWMO", "iWmo-bericht",
            "IJW", "iJw-bericht", "SVB", "SVB-bericht", "UNKNOWN", "onbekend bestand");
    private static final Map<String, String[]> STATUSES = Map.of(
            "RECEIVED", new String[] {"ontvangen", "ontvangen"}, "SPLIT", new String[] {"uitgepakt", "uitgepakt"},
            "CLASSIFIED", new String[] {"herkend", "herkend"}, "QUEUED", new String[] {"in behandeling",
                "in behandeling"}, "VALIDATED", new String[] {"technisch goedgekeurd", "technisch goedgekeurd"},
            "FORWARDED", new String[] {"doorgestuurd", "doorgestuurd"}, "REJECTED", new String[] {"geweigerd",
                "geweigerd"}, "FAILED", new String[] {"mislukt", "mislukt"});

    private TrackTexts() {
    }

    /** "7 december 2026 om 04:11:11" (Amsterdam time), never an ISO instant. */
    public static String when(Instant at) {
        return at == null ? "onbekend moment" : WHEN.format(at);
    }

    /** How a delivery came in: "de map inbox", "het portaal of de API", ... */
    public static String channel(String channel) {
        return channel == null ? "onbekend kanaal" : CHANNELS.getOrDefault(channel.toUpperCase(Locale.ROOT),
                channel.toLowerCase(Locale.ROOT));
    }

    /** What an entry was recognised as: "bestand voor CBS", "iWmo-bericht", ... */
    public static String kind(String kind) {
        return kind == null ? "onbekend bestand" : KINDS.getOrDefault(kind, kind.toLowerCase(Locale.ROOT));
    }

    /** "bestand voor CBS (WMO)", "iWmo-bericht (WMO301)", "terugmelding voor CBS". */
    public static String kind(String kind, String functie) {
        if ("TERUGMELDING".equals(functie)) {
            return "terugmelding voor CBS";
        }
        return kind(kind) + (functie == null ? "" : " (" + functie + ")");
    }

    /** "1 bestand", "21 bestanden". */
    public static String files(long n) {
        return n + (n == 1 ? " bestand" : " bestanden");
    }

    /** A status in Dutch ("doorgestuurd", "geweigerd"), for counts. */
    public static String status(String status) {
        String[] text = STATUSES.get(status);
        return text == null ? String.valueOf(status).toLowerCase(Locale.ROOT) : text[0];
    }
}
