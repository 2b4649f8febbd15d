package nl.ggk.hub.outbox;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.errors.AnswerText;

/**
 * What a person calls an outbox item ("Technische terugkoppeling CBS – 0363_WMO_2026H1", "Spiegelrapport Wmo
 * 2026H1", "Foutbericht IB006 – WMO305.xml"), instead of its file name full of ids.
 */
public final class OutboxTitles {

    private static final Pattern GMSD = Pattern.compile("(\\d{4})_([A-Za-z]+)_(\\d{4})[Hh]([12])");
    private static final Pattern MONTH = Pattern.compile("(20\\d{2})-([01]\\d)");
    private static final Map<String, String> TYPES = Map.of("WMO", "Wmo", "KOSTENWMO", "kosten Wmo", "SBO", "SBO",
            "JEUGD", "Jeugd", "OPTIN", "opt-in");
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", new Locale("nl", "NL"));

    private OutboxTitles() {
    }

    public static String title(OutboxStore.Item item) {
        return title(item.kind(), item.fileName(), item.subject(), item.code());
    }

    /** The title of an item of {@code kind} with this file name, subject (the file it is about) and Fo01 code. */
    public static String title(OutboxKind kind, String fileName, String subject, String code) {
        Item item = new Item(kind, fileName, subject, code);
        String about = shown(item.subject());
        return switch (item.kind()) {
            case TECHNISCHE_TERUGKOPPELING_HUB -> "Technische terugkoppeling van de hub – " + orName(about, item);
            case TECHNISCHE_TERUGKOPPELING_CBS -> "Technische terugkoppeling CBS – " + orName(about, item);
            case SPIEGELRAPPORT -> "Spiegelrapport " + typeAndPeriod(item);
            case OP_ORDE -> "Op-orde rapport " + typeAndPeriod(item);
            case FO01 -> "Foutbericht " + (item.code() == null ? "" : item.code() + " ") + "– "
                    + (about == null || about.isBlank() ? shown(item.fileName()) : about);
            case FOUTRAPPORTAGE -> "Foutrapportage" + month(item.fileName());
            case BERICHT -> "Bericht " + shown(item.fileName());
        };
    }

    /** "Wmo 2026H1" from the file the report is about, else that file's name. */
    private record Item(OutboxKind kind, String fileName, String subject, String code) {
    }

    private static String typeAndPeriod(Item item) {
        for (String text : new String[] {item.subject(), item.fileName()}) {
            Matcher m = text == null ? null : GMSD.matcher(text);
            while (m != null && m.find()) {
                String type = TYPES.get(m.group(2).toUpperCase(Locale.ROOT));
                if (type != null) {
                    return type + " " + m.group(3) + "H" + m.group(4);
                }
            }
        }
        return "– " + orName(shown(item.subject()), item);
    }

    private static String month(String fileName) {
        Matcher m = fileName == null ? null : MONTH.matcher(fileName);
        if (m == null || !m.find()) {
            return "";
        }
        return " " + YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).format(MONTH_NAME);
    }

    /** The delivered file without its extension ("0363_WMO_2026H1"), or the item's own file name. */
    private static String orName(String about, Item item) {
        if (about == null || about.isBlank()) {
            return shown(item.fileName());
        }
        int dot = about.lastIndexOf('.');
        return dot > 0 && about.toLowerCase(Locale.ROOT).endsWith(".csv") ? about.substring(0, dot) : about;
    }

    private static String shown(String text) {
        return text == null ? null : AnswerText.masked(text);
    }
}
