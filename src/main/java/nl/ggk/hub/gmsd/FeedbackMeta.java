package nl.ggk.hub.gmsd;

import java.time.Instant;

/**
 * What the report says about the delivery besides the check itself.
 *
 * @param organisationCode the delivering organisation (gemeentecode or samenwerkingsverband id)
 * @param organisationName its display name
 * @param fileName         the delivered file (a CSV, or the ZIP that held the CSVs)
 * @param receivedAt       when the hub received it (offline: when it was checked)
 * @param deliveryId       the delivery's id, to quote to a helpdesk; {@code null} for an offline check
 *                         ({@code validate --report}), which was neither received nor delivered
 * @param replacesDelivery the earlier delivery of the same gemeente, type and half year this one replaces, or
 *                         {@code null}; {@code replacesReceivedAt} when that one was received
 * @param comparison       the comparison with the gemeente's earlier deliveries (instant mirror), or {@code null}
 */
public record FeedbackMeta(String organisationCode, String organisationName, String fileName, Instant receivedAt,
                           String deliveryId, String replacesDelivery, Instant replacesReceivedAt,
                           FeedbackSection comparison) {

    public FeedbackMeta(String organisationCode, String organisationName, String fileName, Instant receivedAt,
                        String deliveryId) {
        this(organisationCode, organisationName, fileName, receivedAt, deliveryId, null, null, null);
    }

    /** This delivery replaces an earlier one of the same gemeente, type and half year (as CBS does). */
    public FeedbackMeta replacing(String earlierDeliveryId, Instant earlierReceivedAt) {
        return new FeedbackMeta(organisationCode, organisationName, fileName, receivedAt, deliveryId,
                earlierDeliveryId, earlierReceivedAt, comparison);
    }

    /** The report gets the section "Vergelijking met uw eerdere aanleveringen" ({@code null}: none). */
    public FeedbackMeta comparedBy(FeedbackSection section) {
        return new FeedbackMeta(organisationCode, organisationName, fileName, receivedAt, deliveryId,
                replacesDelivery, replacesReceivedAt, section);
    }

    /** A check of a delivery the hub received. */
    public static FeedbackMeta delivered(String organisationCode, String organisationName, String fileName,
                                         Instant receivedAt, String deliveryId) {
        return new FeedbackMeta(organisationCode, organisationName, fileName, receivedAt, deliveryId);
    }

    /** A check run offline before delivering ({@code validate --report}). */
    public static FeedbackMeta offline(String organisationCode, String organisationName, String fileName,
                                       Instant checkedAt) {
        return new FeedbackMeta(organisationCode, organisationName, fileName, checkedAt, null);
    }

    /** Kept for callers that do not know the delivery (treated as offline). */
    public FeedbackMeta(String organisationCode, String organisationName, String fileName, Instant receivedAt) {
        this(organisationCode, organisationName, fileName, receivedAt, null);
    }

    public boolean isOffline() {
        return deliveryId == null;
    }
}
