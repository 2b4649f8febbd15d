package nl.ggk.hub.activity;

/**
 * Where a delivery stands in the CBS chain, as the portal shows it (contract of issue 10). Derived from the
 * track &amp; trace statuses and events, never stored: the events stay the one truth.
 */
public enum Phase {
    ONTVANGEN("ontvangen", "Ontvangen", 0),
    TECHNISCH_GECONTROLEERD("technisch-gecontroleerd", "Technisch gecontroleerd", 1),
    VERZONDEN_NAAR_CBS("verzonden-naar-cbs", "Verzonden naar CBS", 2),
    /** iWmo, iJw and SVB entries go to their receiver, not to CBS; not in the contract's CBS list. */
    DOORGESTUURD("doorgestuurd", "Doorgestuurd naar de ontvanger", 2),
    TERUGKOPPELING_CBS_ONTVANGEN("terugkoppeling-cbs-ontvangen", "Terugkoppeling CBS ontvangen", 3),
    AFGEKEURD("afgekeurd", "Afgekeurd", 4),
    MISLUKT("mislukt", "Mislukt", 5);

    private final String code;
    private final String tekst;
    private final int rank;

    Phase(String code, String tekst, int rank) {
        this.code = code;
        this.tekst = tekst;
        this.rank = rank;
    }

    /** The value of {@code fase} in the API. */
    public String code() {
        return code;
    }

    /** The Dutch label ({@code faseTekst}). */
    public String tekst() {
        return tekst;
    }

    /** How far along the chain: a delivery is as far as its least advanced entry still under way. */
    int rank() {
        return rank;
    }
}
