package nl.ggk.hub.stuf;

import java.util.Objects;

/**
 * A StUF 03.01 {@code StUF:Bv03Bericht}: the synchronous acknowledgement of an asynchronous message, sent only once
 * that message is stored safely. {@code crossRefnummer} is the acknowledged message's referentienummer.
 */
public record Bv03(StufSysteem zender, StufSysteem ontvanger, String referentienummer, String tijdstipBericht,
                   String crossRefnummer) {

    public Bv03 {
        Objects.requireNonNull(zender, "zender");
        Objects.requireNonNull(ontvanger, "ontvanger");
        Objects.requireNonNull(referentienummer, "referentienummer");
        Objects.requireNonNull(tijdstipBericht, "tijdstipBericht");
        Objects.requireNonNull(crossRefnummer, "crossRefnummer");
    }
}
