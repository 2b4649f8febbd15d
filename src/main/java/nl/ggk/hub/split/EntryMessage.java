package nl.ggk.hub.split;

/**
 * One entry of a delivery after split and classification: what travels on (kind, functie, payload
 * reference) or why it stops (reason key). The idempotency key of every later hop is deliveryId + index.
 *
 * @param payloadRef   content-store reference of what goes on (for a CBS envelope: the CSV inside it)
 * @param originalRef  content-store reference of the entry as delivered (kept for quarantine and Fo01)
 * @param enveloped    whether the entry arrived in a StUF-GGk envelope (else the outbound hop wraps it)
 * @param crossRef     what a Fo01 refers to: the envelope's referentienummer, else the delivery id
 * @param fo01Details  the Fo01 {@code details} text: {@code <functie>-<versie>} of the envelope, else the name
 * @param receiver     the organisation the message is for (a care provider's AGB code, CBS, SVB), if known
 */
public record EntryMessage(String deliveryId, int index, String name, String kind, String functie,
                           String payloadRef, String originalRef, boolean enveloped, String reason, String detail,
                           String crossRef, String fo01Details, String receiver) {

    public boolean accepted() {
        return reason == null;
    }
}
