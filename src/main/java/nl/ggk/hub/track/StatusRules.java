package nl.ggk.hub.track;

import java.util.List;
import java.util.Map;

/**
 * How the entries settle a delivery: its status follows theirs. QUEUED once entries wait on a queue, then, once
 * every entry is settled, FAILED if any failed, FORWARDED if any went on, VALIDATED if any waits for the CBS
 * forwarding after passing the technical check, REJECTED if none went on. A FAILED delivery stays FAILED.
 */
final class StatusRules {

    private StatusRules() {
    }

    /** The settled status of a delivery whose entries have these counts per status, or null while one is open. */
    static String deliveryStatusOf(Map<String, Integer> countsByStatus) {
        if (countsByStatus.isEmpty()) {
            return null;
        }
        for (String status : countsByStatus.keySet()) {
            DeliveryStatus s = DeliveryStatus.valueOf(status);
            if (!s.isFinal() && s != DeliveryStatus.VALIDATED) {
                return null;
            }
        }
        for (DeliveryStatus s : List.of(DeliveryStatus.FAILED, DeliveryStatus.FORWARDED, DeliveryStatus.VALIDATED)) {
            if (countsByStatus.containsKey(s.name())) {
                return s.name();
            }
        }
        return DeliveryStatus.REJECTED.name();
    }

    /** The status a delivery now {@code current} moves to after an entry changed, or null when it stays. */
    static String next(String current, Map<String, Integer> entryCounts) {
        if (DeliveryStatus.FAILED.name().equals(current)) {
            return null;
        }
        String next = deliveryStatusOf(entryCounts);
        if (next == null && entryCounts.containsKey(DeliveryStatus.QUEUED.name())) {
            next = DeliveryStatus.QUEUED.name();
        }
        return next == null || next.equals(current) ? null : next;
    }

    /** The delivery as its entries show it (read time: no write pays for it), with their counts. */
    static Delivery settled(Delivery d, Map<String, Integer> entryCounts) {
        if (DeliveryStatus.FAILED.name().equals(d.status())) {
            return d.with(d.status(), entryCounts);
        }
        String settled = deliveryStatusOf(entryCounts);
        if (settled == null && !entryCounts.isEmpty()) {
            settled = entryCounts.containsKey(DeliveryStatus.QUEUED.name()) ? DeliveryStatus.QUEUED.name() : null;
        }
        return d.with(settled == null ? d.status() : settled, entryCounts);
    }

    /** E.g. {@code "21 bestanden: 7 doorgestuurd, 14 geweigerd"}: the detail of a delivery's status event. */
    static String countsDetail(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder detail = new StringBuilder().append(TrackTexts.files(total)).append(": ");
        String separator = "";
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Integer n = counts.get(status.name());
            if (n != null) {
                detail.append(separator).append(n).append(' ').append(TrackTexts.status(status.name()));
                separator = ", ";
            }
        }
        return detail.toString();
    }
}
