package nl.ggk.hub.classify;

import nl.ggk.hub.org.OrganisationRegistry;

/**
 * One gemeente per entry: the gemeente an entry's payload names (a GMSD file name, the Afzender of a gemeente's
 * iWmo/iJw message, an envelope's zender) must be the one the delivery is for. That is the gemeente chosen
 * ({@code X-Organisation}, the portal's choice, {@code GgkOrganisation}, the web service's zender) or the delivering
 * gemeente itself; a samenwerkingsverband that delivers for itself (no member chosen) may hand in the files of each
 * of its members, each then going to CBS as that member's. The refusal says in Dutch which gemeente the payload is
 * of and which the delivery was for, by name and code, and what to do; it fits a Fo01's omschrijving uncut.
 */
final class GemeenteAgreement {

    /** Longest file name shown in a reason; a longer one keeps its start and end. */
    private static final int MAX_NAME_SHOWN = 60;

    private final OrganisationRegistry registry;

    GemeenteAgreement(OrganisationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Why the accepted classification {@code c} does not fit the delivery, in Dutch; {@code null} when it does (or
     * the payload names no gemeente).
     *
     * @param name         the entry's base name
     * @param sender       the identity that delivered (a gemeentecode or a samenwerkingsverband id)
     * @param organisation the organisation the delivery is for
     */
    String refusal(Classification c, String name, String sender, String organisation) {
        String gemeente = c.gemeente();
        if (gemeente == null || gemeente.equals(organisation)) {
            return null;
        }
        boolean forItself = registry.isSamenwerkingsverband(organisation);
        if (forItself && registry.mayActFor(organisation, gemeente)) {
            return null;
        }
        String what = c.kind() == Kind.IWMO || c.kind() == Kind.IJW ? "Het bericht " + c.functie()
                : "Het bestand " + bounded(shownName(c, name));
        String plural = c.kind() == Kind.IWMO || c.kind() == Kind.IJW ? "berichten" : "bestanden";
        if (forItself) {
            return what + " is van " + named(gemeente) + ", maar die gemeente hoort niet bij "
                    + registry.displayName(organisation) + " (" + organisation + "). Lever alleen " + plural
                    + " van uw eigen gemeenten aan.";
        }
        String advice = registry.mayActFor(sender, gemeente)
                ? "Lever het aan voor " + displayName(gemeente) + "."
                : displayName(sender) + " mag niet aanleveren voor " + displayName(gemeente) + ".";
        return what + " is van " + named(gemeente) + ", maar is aangeleverd voor " + named(organisation) + ". "
                + advice;
    }

    /**
     * {@code Leiden (0546)}; a gemeentecode the registry does not know as {@code gemeente 9999 (onbekend)}, any other
     * value as it was given (shortened, a 9-digit number masked).
     */
    String named(String organisation) {
        if (registry.isKnown(organisation)) {
            return registry.displayName(organisation) + " (" + organisation + ")";
        }
        if (organisation != null && organisation.matches("\\d{4}")) {
            return "gemeente " + organisation + " (onbekend)";
        }
        return Classifier.shown(organisation);
    }

    private String displayName(String organisation) {
        return registry.isKnown(organisation) ? registry.displayName(organisation) : Classifier.shown(organisation);
    }

    /** The file the gemeente was read from: the tekstBestand's bestandsnaam for an envelope, else the entry. */
    private static String shownName(Classification c, String name) {
        if (c.envelope() != null && c.envelope().bestandsnaam() != null) {
            return c.envelope().bestandsnaam();
        }
        return name;
    }

    static String bounded(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() <= MAX_NAME_SHOWN) {
            return name;
        }
        int keep = (MAX_NAME_SHOWN - 1) / 2;
        return name.substring(0, keep) + "…" + name.substring(name.length() - keep);
    }
}
