package nl.ggk.hub.ws;

/**
 * A message the web service read and claimed but does not accept after a look at what it refers to (a crossRefnummer
 * naming no message of the hub): answered with a Fo03 with the code of {@code reasonKey} (config/error-codes.yaml);
 * nothing is stored.
 */
public final class WsRefusal extends Exception {

    private final String reasonKey;
    private final String detail;

    /** @param detail Dutch, fills the omschrijving's {detail} */
    public WsRefusal(String reasonKey, String detail, String reasonForLog) {
        super(reasonForLog);
        this.reasonKey = reasonKey;
        this.detail = detail;
    }

    public String reasonKey() {
        return reasonKey;
    }

    public String detail() {
        return detail;
    }
}
