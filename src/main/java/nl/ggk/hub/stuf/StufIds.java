package nl.ggk.hub.stuf;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifiers and time stamps for StUF stuurgegevens. */
public final class StufIds {

    /** The pattern the ggk0210 envelope XSD puts on referentienummer/crossRefnummer: lower-case UUID v4. */
    public static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    /*
     * StUF tijdstip values carry no zone. StUF 03.01 means Dutch legal time, and the chain's parties (and the
     * official samples) read them as such, so a UTC clock would be an hour or two off for every reader.
     */
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(NETHERLANDS);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(NETHERLANDS);

    private StufIds() {
    }

    /** A new referentienummer: random UUID version 4 in lower case, as the envelope XSD demands. */
    public static String newReferentienummer() {
        return UUID.randomUUID().toString();
    }

    public static boolean isUuidV4(String value) {
        return value != null && UUID_V4.matcher(value).matches();
    }

    /** {@code yyyyMMddHHmmss} in Dutch local time, as in the official samples. */
    public static String tijdstipBericht(Instant at) {
        // a burst of messages shares its second: formatted once (the zone rules' look-up showed in the profile)
        FormattedSecond last = lastSecond;
        long second = at.getEpochSecond();
        if (last != null && last.epochSecond == second) {
            return last.text;
        }
        String text = SECONDS.format(at);
        lastSecond = new FormattedSecond(second, text);
        return text;
    }

    private record FormattedSecond(long epochSecond, String text) {
    }

    private static volatile FormattedSecond lastSecond;

    /**
     * {@code yyyyMMddHHmmssSSS} in Dutch local time: 17 digits, the most StUF:Tijdstip allows; use it where two
     * messages in the same second must still be told apart.
     */
    public static String tijdstipBerichtMillis(Instant at) {
        return MILLIS.format(at);
    }
}
