package nl.ggk.hub.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/**
 * Read-only queries over the tables of track &amp; trace ({@code delivery}, {@code delivery_entry},
 * {@code delivery_event}) and the outbox ({@code outbox_item}, {@code outbox_download}): the feed is one ordered,
 * paged list across both, which neither store's own methods can give. Nothing here writes. Portable SQL (H2 and
 * PostgreSQL) through {@link Jdbc}.
 */
public final class ActivityStore {

    /** Outbox kinds that are a report from CBS. */
    static final List<String> CBS_REPORT_KINDS = List.of("TECHNISCHE_TERUGKOPPELING_CBS", "SPIEGELRAPPORT", "OP_ORDE");
    /** The track &amp; trace event of route cbs-return (CbsReturns): a CBS report about an entry arrived. */
    static final String CBS_FEEDBACK_EVENT = "terugkoppeling CBS ontvangen";

    /** What is known of one entry for its phase. */
    public record EntryState(int index, String name, String kind, String status, boolean cbsFeedback,
                             String rejectedDetail) {
    }

    /** The entries of one delivery, and the reason of a FAILED delivery as a whole (null otherwise). */
    public record DeliveryState(List<EntryState> entries, String failedDetail) {
    }

    /**
     * One row of the feed. {@code actor}: who did it; {@code concerns}: the organisation it is about (the
     * delivery's gemeente, or the outbox item's organisation); {@code count} the rejected entries of an
     * afgekeurd row; {@code itemOrganisation} the outbox the item is in.
     */
    public record FeedRow(String soort, Instant at, String deliveryId, String itemId, String actor, String concerns,
                          String filename, String kind, String fileName, String subject, String code, int count,
                          String itemOrganisation, String person) {

        public FeedRow(String soort, Instant at, String deliveryId, String itemId, String actor, String concerns,
                       String filename, String kind, String fileName, String subject, String code, int count,
                       String itemOrganisation) {
            this(soort, at, deliveryId, itemId, actor, concerns, filename, kind, fileName, subject, code, count,
                    itemOrganisation, null);
        }
    }

    private static final String KINDS = "'" + String.join("','", CBS_REPORT_KINDS) + "'";
    private static final java.util.Comparator<FeedRow> NEWEST_FIRST = java.util.Comparator
            .comparing(FeedRow::at).reversed()
            .thenComparing(FeedRow::soort)
            .thenComparing(FeedRow::deliveryId, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(FeedRow::itemId, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

    private final Jdbc jdbc;

    public ActivityStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** The entries of these deliveries with what their phase needs, by delivery id. */
    public Map<String, DeliveryState> states(Collection<String> deliveryIds) {
        Map<String, DeliveryState> result = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        List<String> ids = List.copyOf(deliveryIds);
        String marks = marks(ids.size());
        Object[] params = ids.toArray();
        Map<String, Map<Integer, String[]>> entries = new LinkedHashMap<>();
        for (String[] row : jdbc.query("SELECT delivery_id, entry_index, name, kind, status FROM delivery_entry"
                + " WHERE delivery_id IN (" + marks + ") ORDER BY delivery_id, entry_index", r -> new String[] {
                r.getString(1), String.valueOf(r.getInt(2)), r.getString(3), r.getString(4), r.getString(5)}, params)) {
            entries.computeIfAbsent(row[0], k -> new LinkedHashMap<>())
                    .put(Integer.parseInt(row[1]), new String[] {row[2], row[3], row[4]});
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<String, Boolean> feedback = new LinkedHashMap<>();
        Map<String, String> deliveryFailed = new LinkedHashMap<>();
        for (Event event : jdbc.query("SELECT delivery_id, entry_index, status, detail FROM delivery_event"
                + " WHERE delivery_id IN (" + marks + ") AND (status IN ('REJECTED', 'FAILED') OR detail LIKE '"
                + CBS_FEEDBACK_EVENT + "%') ORDER BY id", r -> new Event(r.getString(1), (Number) r.getObject(2),
                r.getString(3), r.getString(4)), params)) {
            if (event.index() == null) {
                if ("FAILED".equals(event.status())) {
                    deliveryFailed.put(event.deliveryId(), event.detail());
                }
                continue;
            }
            String key = event.deliveryId() + "#" + event.index().intValue();
            if ("REJECTED".equals(event.status())) {
                rejected.put(key, event.detail()); // the latest refusal wins
            } else if (event.detail() != null && event.detail().startsWith(CBS_FEEDBACK_EVENT)) {
                feedback.put(key, true);
            }
        }
        for (String key : jdbc.query("SELECT DISTINCT delivery_id, entry_index FROM outbox_item WHERE delivery_id IN ("
                + marks + ") AND kind IN (" + KINDS + ") AND entry_index IS NOT NULL",
                r -> r.getString(1) + "#" + r.getInt(2), params)) {
            feedback.put(key, true);
        }
        for (String id : ids) {
            List<EntryState> states = new ArrayList<>();
            entries.getOrDefault(id, Map.of()).forEach((index, row) -> states.add(new EntryState(index, row[0],
                    row[1], row[2], feedback.containsKey(id + "#" + index), rejected.get(id + "#" + index))));
            result.put(id, new DeliveryState(states, deliveryFailed.get(id)));
        }
        return result;
    }

    /** The first finding of a delivery's check (its lowest entry with findings) and how many the delivery has. */
    public record FirstFinding(long regel, int kolom, String veld, String tekst, long total) {
    }

    /** The first finding of each of these deliveries that has one, by delivery id. */
    public Map<String, FirstFinding> firstFindings(Collection<String> deliveryIds) {
        Map<String, FirstFinding> result = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        Object[] ids = deliveryIds.toArray();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Object[] row : jdbc.query("SELECT delivery_id, SUM(finding_count) FROM delivery_entry WHERE delivery_id IN ("
                + marks(ids.length) + ") AND finding_count > 0 GROUP BY delivery_id",
                r -> new Object[] {r.getString(1), r.getLong(2)}, ids)) {
            totals.put((String) row[0], (Long) row[1]);
        }
        for (Object[] row : jdbc.query("SELECT delivery_id, line_no, col_no, field, tekst FROM delivery_finding"
                + " WHERE delivery_id IN (" + marks(ids.length) + ") ORDER BY delivery_id, entry_index, seq",
                r -> new Object[] {r.getString(1), r.getLong(2), r.getInt(3), r.getString(4), r.getString(5)}, ids)) {
            String id = (String) row[0];
            result.putIfAbsent(id, new FirstFinding((Long) row[1], (Integer) row[2], (String) row[3],
                    (String) row[4], totals.getOrDefault(id, 1L)));
        }
        return result;
    }

    /** The report (outbox item) each of these deliveries answers with a terugmelding, by delivery id. */
    public Map<String, ReportRef> answeredReports(Collection<String> deliveryIds) {
        Map<String, ReportRef> result = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        for (ReportRef ref : jdbc.query("SELECT t.delivery_id, i.kind, i.file_name, i.subject, t.sent_by_name FROM"
                + " terugmelding t JOIN outbox_item i ON i.id = t.outbox_item_id WHERE t.delivery_id IN ("
                + marks(deliveryIds.size()) + ")", r -> new ReportRef(r.getString(1), r.getString(2), r.getString(3),
                r.getString(4), r.getString(5)), deliveryIds.toArray())) {
            result.put(ref.deliveryId(), ref);
        }
        return result;
    }

    /** The outbox item a terugmelding answers, and who sent it (null: not known). */
    public record ReportRef(String deliveryId, String kind, String fileName, String subject, String sentByName) {
    }

    /** An event of a delivery ({@code index} null) or of one of its entries. */
    private record Event(String deliveryId, Number index, String status, String detail) {
    }

    /** The kind (CBS, IWMO, ...) of each entry of these deliveries, keyed {@code deliveryId#index}. */
    public Map<String, String> entryKinds(Collection<String> deliveryIds) {
        Map<String, String> kinds = new LinkedHashMap<>();
        List<String> ids = List.copyOf(deliveryIds);
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
            for (String[] row : jdbc.query("SELECT delivery_id, entry_index, kind FROM delivery_entry"
                    + " WHERE delivery_id IN (" + marks(chunk.size()) + ")", r -> new String[] {r.getString(1) + "#"
                    + r.getInt(2), r.getString(3)}, chunk.toArray())) {
                kinds.put(row[0], row[1]);
            }
        }
        return kinds;
    }

    /**
     * The feed of what concerns any of {@code concerned}, newest first: deliveries received (aangeleverd), their
     * refused entries (afgekeurd, one row per delivery), reports from CBS (rapport-ontvangen: the outbox item in
     * the outbox of the organisation it concerns, or, where a report is not recorded in the outbox, the entry's
     * cbs-return event) and every download of an outbox item (gedownload).
     */
    public List<FeedRow> feed(Collection<String> concerned, int page, int size) {
        if (concerned.isEmpty()) {
            return List.of();
        }
        Object[] orgs = List.copyOf(concerned).toArray();
        long limit = (long) (page + 1) * size;
        List<FeedRow> rows = new ArrayList<>();
        // one query a part, merged here: H2 plans a UNION of ordered, limited parts without its indexes
        for (String sql : feedParts(orgs.length, limit)) {
            rows.addAll(jdbc.query(sql, r -> new FeedRow(r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3),
                    r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                    r.getString(10), r.getString(11), r.getInt(12), r.getString(13), r.getString(14)), orgs));
        }
        rows.sort(NEWEST_FIRST);
        long from = (long) page * size;
        return from >= rows.size() ? List.of()
                : List.copyOf(rows.subList((int) from, (int) Math.min(rows.size(), from + size)));
    }

    /**
     * The feed's parts, each with one {@code IN} list of {@code organisations} placeholders and only its newest
     * {@code limit} rows (no more can be on the page). Each is driven from the organisations' deliveries (index
     * delivery_org_received) or outbox items (outbox_item_org_created).
     */
    static List<String> feedParts(int organisations, long limit) {
        String in = "IN (" + marks(organisations) + ")";
        String v36 = "CAST(NULL AS VARCHAR(36))";
        String v255 = "CAST(NULL AS VARCHAR(255))";
        String top = " ORDER BY 2 DESC LIMIT " + limit;
        return List.of(
                "SELECT 'aangeleverd', d.received_at, d.id, " + v36 + ", d.sender, d.organisation, d.filename,"
                + " NULL, NULL, NULL, NULL, 0, NULL, " + v255 + " FROM delivery d WHERE d.organisation " + in + top,
                // REJECTED is final: the entry's updated_at is when it was refused
                "SELECT 'afgekeurd', MAX(en.updated_at), d.id, NULL, d.sender, d.organisation, d.filename, NULL, NULL,"
                + " NULL, NULL, COUNT(*), NULL, NULL"
                + " FROM delivery d JOIN delivery_entry en ON en.delivery_id = d.id AND en.status = 'REJECTED'"
                + " WHERE d.organisation " + in + " GROUP BY d.id, d.sender, d.organisation, d.filename" + top,
                "SELECT 'rapport-ontvangen', i.created, i.delivery_id, i.id, i.organisation, i.organisation,"
                + " d.filename, i.kind, i.file_name, i.subject, i.code, 0, i.organisation, NULL"
                + " FROM outbox_item i LEFT JOIN delivery d ON d.id = i.delivery_id"
                + " WHERE i.organisation " + in + " AND i.kind IN (" + KINDS + ")"
                // the copy in a samenwerkingsverband's outbox is the same report: the gemeente's row tells it
                + " AND (d.id IS NULL OR d.organisation = i.organisation)" + top,
                "SELECT 'rapport-ontvangen', MIN(e.at), d.id, NULL, d.organisation, d.organisation, d.filename,"
                + " NULL, NULL, e.detail, NULL, e.entry_index, NULL, NULL"
                + " FROM delivery d JOIN delivery_event e ON e.delivery_id = d.id"
                + " WHERE d.organisation " + in + " AND e.entry_index IS NOT NULL"
                + " AND e.detail LIKE '" + CBS_FEEDBACK_EVENT + "%'"
                + " AND NOT EXISTS (SELECT 1 FROM outbox_item r WHERE r.delivery_id = e.delivery_id"
                + " AND r.entry_index = e.entry_index AND r.kind IN (" + KINDS + "))"
                + " GROUP BY d.id, d.organisation, d.filename, e.entry_index, e.detail" + top,
                "SELECT 'gedownload', dl.at, i.delivery_id, i.id, dl.downloaded_by, d.organisation, d.filename,"
                + " i.kind, i.file_name, i.subject, i.code, 0, i.organisation, dl.downloaded_by_name"
                + " FROM delivery d JOIN outbox_item i ON i.delivery_id = d.id"
                + " JOIN outbox_download dl ON dl.item_id = i.id WHERE d.organisation " + in + top,
                "SELECT 'gedownload', dl.at, i.delivery_id, i.id, dl.downloaded_by, i.organisation, " + v255 + ","
                + " i.kind, i.file_name, i.subject, i.code, 0, i.organisation, dl.downloaded_by_name"
                + " FROM outbox_item i JOIN outbox_download dl ON dl.item_id = i.id"
                + " WHERE i.organisation " + in + " AND i.delivery_id IS NULL" + top);
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
