package nl.ggk.hub.outbox;

/** What an outbox item is; the outbox API and the portal show it, the foutrapportage lists the FO01s. */
public enum OutboxKind {
    /** A StUF Fo01 error message (from the hub, or from CBS/RINIS about an earlier message). */
    FO01,
    /** The hub's own technical feedback ZIP (PDF + fouten.csv) of the GMSD check. */
    TECHNISCHE_TERUGKOPPELING_HUB,
    /** CBS's technical feedback report (PDF in a ZIP). */
    TECHNISCHE_TERUGKOPPELING_CBS,
    SPIEGELRAPPORT,
    OP_ORDE,
    /** The monthly list of Fo01s an organisation received. */
    FOUTRAPPORTAGE,
    /** A message from a care provider (iWmo/iJw via RINIS/VECOZO), as received. */
    BERICHT
}
