package nl.ggk.hub.split;

import java.time.Instant;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.intake.IntakeService.Receipt;

/**
 * One entry of a delivery after split and classification: what travels on (kind, functie, payload
 * reference) or why it stops (reason key). It is the message: the JSON body on the CBS queue, an element of
 * an outbound batch, the body a route hands to a bean. The idempotency key of every later hop is
 * deliveryId + index.
 *
 * @param sender       the organisation that delivered it (the Fo01 and the feedback go to its outbox)
 * @param receivedAt   when the delivery was received (the feedback report names and shows it)
 * @param payloadRef   content-store reference of what goes on (for a CBS envelope: the CSV inside it)
 * @param originalRef  content-store reference of the entry as delivered (kept for quarantine and Fo01)
 * @param enveloped    whether the entry arrived in a StUF-GGk envelope (else the outbound hop wraps it)
 * @param crossRef     what a Fo01 refers to: the envelope's referentienummer, else the delivery id
 * @param fo01Details  the Fo01 {@code details} text: {@code <functie>-<versie>} of the envelope, else the name
 * @param receiver     the organisation the message is for (a care provider's AGB code, CBS, SVB), if known
 * @param delivery     the receipt of the delivery the entry belongs to: what any later hop needs to rebuild the
 *                     delivery's track &amp; trace record should a crash have lost it (null for an entry made outside
 *                     the intake, and in a message enqueued before the hub carried it)
 */
public record EntryMessage(String deliveryId, String sender, Instant receivedAt, int index, String name, Kind kind,
                           String functie, String payloadRef, String originalRef, boolean enveloped, String reason,
                           String detail, String crossRef, String fo01Details, String receiver, Receipt delivery)
        implements nl.ggk.hub.routing.NumberedEntry {

    public boolean accepted() {
        return reason == null;
    }

    /** A CSV meant for CBS refused by its name (GGK002): it gets the GMSD check's feedback all the same. */
    public boolean misnamedGmsd() {
        return nl.ggk.hub.errors.ErrorReasons.GMSD_FILENAME_INVALID.equals(reason);
    }

    /** The same entry refused by a later check (e.g. the GMSD technical check). */
    public EntryMessage refused(String refusalReason, String refusalDetail) {
        return new EntryMessage(deliveryId, sender, receivedAt, index, name, kind, functie, payloadRef, originalRef,
                enveloped, refusalReason, refusalDetail, crossRef, fo01Details, receiver, delivery);
    }
}
