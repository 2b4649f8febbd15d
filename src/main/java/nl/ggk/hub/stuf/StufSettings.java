package nl.ggk.hub.stuf;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The hub's StUF settings; {@link #from(Function)} reads them by key (e.g. from Camel's property placeholders)
 * and falls back to the defaults below.
 *
 * @param zenderOrganisatie   {@value #ZENDER_ORGANISATIE}: organisatie of the hub as zender (Fo01), default IB
 * @param zenderApplicatie    {@value #ZENDER_APPLICATIE}: applicatie of the hub as Fo01 zender, default GGk (the
 *                            official Fo01 sample writes GGK); the envelope ontvanger applicatie is always GGk
 * @param portaalApplicatie   {@value #PORTAAL_APPLICATIE}: applicatie written for a municipality that used the portal
 *                            (Di01 zender of a bare upload; Fo01 ontvanger when the original applicatie is unknown)
 * @param functieCbs          {@value #FUNCTIE_CBS}: functie for GMSD traffic to CBS; not standardised, the official
 *                            CSV sample says {@code Dummy}
 * @param ontvangerCbs        {@value #ONTVANGER_CBS}: organisatie of CBS as ontvanger, default CBS
 * @param applicatieVersie    {@value #APPLICATIE_VERSIE}, 4 digits
 * @param applicatieSubversie {@value #APPLICATIE_SUBVERSIE}, 4 digits
 * @param functieVersie       {@value #FUNCTIE_VERSIE}, 4 digits
 * @param functieSubversie    {@value #FUNCTIE_SUBVERSIE}, 4 digits
 */
public record StufSettings(String zenderOrganisatie, String zenderApplicatie, String portaalApplicatie,
                           String functieCbs, String ontvangerCbs, String applicatieVersie, String applicatieSubversie,
                           String functieVersie, String functieSubversie) {

    public static final String ZENDER_ORGANISATIE = "ggk.stuf.zender.organisatie";
    public static final String ZENDER_APPLICATIE = "ggk.stuf.zender.applicatie";
    public static final String PORTAAL_APPLICATIE = "ggk.stuf.portaal-applicatie";
    public static final String FUNCTIE_CBS = "ggk.stuf.functie.cbs";
    public static final String ONTVANGER_CBS = "ggk.stuf.ontvanger.cbs";
    public static final String APPLICATIE_VERSIE = "ggk.stuf.applicatie-versie";
    public static final String APPLICATIE_SUBVERSIE = "ggk.stuf.applicatie-subversie";
    public static final String FUNCTIE_VERSIE = "ggk.stuf.functie-versie";
    public static final String FUNCTIE_SUBVERSIE = "ggk.stuf.functie-subversie";

    private static final Pattern VERSIENR = Pattern.compile("[0-9]{4}");

    public StufSettings {
        Objects.requireNonNull(zenderOrganisatie, ZENDER_ORGANISATIE);
        requireApplicatie(zenderApplicatie, ZENDER_APPLICATIE);
        requireApplicatie(portaalApplicatie, PORTAAL_APPLICATIE);
        if (functieCbs == null || functieCbs.isBlank() || functieCbs.length() > 30) {
            throw new IllegalArgumentException(FUNCTIE_CBS + " must be 1-30 characters, is '" + functieCbs + "'");
        }
        Objects.requireNonNull(ontvangerCbs, ONTVANGER_CBS);
        requireVersienr(applicatieVersie, APPLICATIE_VERSIE);
        requireVersienr(applicatieSubversie, APPLICATIE_SUBVERSIE);
        requireVersienr(functieVersie, FUNCTIE_VERSIE);
        requireVersienr(functieSubversie, FUNCTIE_SUBVERSIE);
    }

    /** Defaults; the version numbers are those of the official samples until IB names the agreed ones. */
    public static StufSettings defaults() {
        return new StufSettings("IB", "GGk", "GGk-portaal", "Dummy", "CBS", "0004", "0003", "0002", "0002");
    }

    /** Reads every key through {@code lookup} (null or blank = default). */
    public static StufSettings from(Function<String, String> lookup) {
        StufSettings d = defaults();
        return new StufSettings(
                value(lookup, ZENDER_ORGANISATIE, d.zenderOrganisatie()),
                value(lookup, ZENDER_APPLICATIE, d.zenderApplicatie()),
                value(lookup, PORTAAL_APPLICATIE, d.portaalApplicatie()),
                value(lookup, FUNCTIE_CBS, d.functieCbs()),
                value(lookup, ONTVANGER_CBS, d.ontvangerCbs()),
                value(lookup, APPLICATIE_VERSIE, d.applicatieVersie()),
                value(lookup, APPLICATIE_SUBVERSIE, d.applicatieSubversie()),
                value(lookup, FUNCTIE_VERSIE, d.functieVersie()),
                value(lookup, FUNCTIE_SUBVERSIE, d.functieSubversie()));
    }

    private static String value(Function<String, String> lookup, String key, String fallback) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static void requireApplicatie(String value, String key) {
        if (value == null || value.length() < 3 || value.length() > 50) {
            throw new IllegalArgumentException(key + " must be 3-50 characters (StUF:Applicatie), is '" + value + "'");
        }
    }

    private static void requireVersienr(String value, String key) {
        if (value == null || !VERSIENR.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " must be 4 digits (StUF:Versienr), is '" + value + "'");
        }
    }
}
