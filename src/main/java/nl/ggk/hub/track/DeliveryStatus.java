package nl.ggk.hub.track;

/** Statuses a delivery and each of its entries pass through; every change is recorded as an event. */
public enum DeliveryStatus {
    RECEIVED, SPLIT, CLASSIFIED, QUEUED, VALIDATED, FORWARDED, REJECTED, FAILED;

    /** A status after which nothing more happens to an entry inside the hub. */
    public boolean isFinal() {
        return this == FORWARDED || this == REJECTED || this == FAILED;
    }
}
