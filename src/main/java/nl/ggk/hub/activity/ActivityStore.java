package nl.ggk.hub.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Read-only queries over the tables of track &amp; trace ({@code delivery}, {@code delivery_entry},
 * {@code delivery_event}) and the outbox ({@code outbox_item}, {@code outbox_download}): the feed is one ordered,
 * paged list across both, which neither store's own methods can give. Nothing here writes. Portable SQL (H2 and
 * PostgreSQL).
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
                          String itemOrganisation) {
    }

    private static final String KINDS = "'" + String.join("','", CBS_REPORT_KINDS) + "'";

    private final DataSource dataSource;

    public ActivityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The entries of these deliveries with what their phase needs, by delivery id. */
    public Map<String, DeliveryState> states(Collection<String> deliveryIds) {
        Map<String, DeliveryState> result = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        List<String> ids = List.copyOf(deliveryIds);
        String marks = marks(ids.size());
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<Integer, String[]>> entries = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, entry_index, name, kind, status"
                    + " FROM delivery_entry WHERE delivery_id IN (" + marks + ") ORDER BY delivery_id, entry_index")) {
                bind(s, ids, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                                .put(r.getInt(2), new String[] {r.getString(3), r.getString(4), r.getString(5)});
                    }
                }
            }
            Map<String, String> rejected = new LinkedHashMap<>();
            Map<String, Boolean> feedback = new LinkedHashMap<>();
            Map<String, String> deliveryFailed = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, entry_index, status, detail"
                    + " FROM delivery_event WHERE delivery_id IN (" + marks + ") AND (status IN ('REJECTED', 'FAILED')"
                    + " OR detail LIKE '" + CBS_FEEDBACK_EVENT + "%') ORDER BY id")) {
                bind(s, ids, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Object index = r.getObject(2);
                        String status = r.getString(3);
                        String detail = r.getString(4);
                        if (index == null) {
                            if ("FAILED".equals(status)) {
                                deliveryFailed.put(r.getString(1), detail);
                            }
                            continue;
                        }
                        String key = r.getString(1) + "#" + ((Number) index).intValue();
                        if ("REJECTED".equals(status)) {
                            rejected.put(key, detail); // the latest refusal wins
                        } else if (detail != null && detail.startsWith(CBS_FEEDBACK_EVENT)) {
                            feedback.put(key, true);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT delivery_id, entry_index FROM outbox_item"
                    + " WHERE delivery_id IN (" + marks + ") AND kind IN (" + KINDS + ") AND entry_index IS NOT NULL")) {
                bind(s, ids, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        feedback.put(r.getString(1) + "#" + r.getInt(2), true);
                    }
                }
            }
            for (String id : ids) {
                List<EntryState> states = new ArrayList<>();
                entries.getOrDefault(id, Map.of()).forEach((index, row) -> states.add(new EntryState(index, row[0],
                        row[1], row[2], feedback.containsKey(id + "#" + index), rejected.get(id + "#" + index))));
                result.put(id, new DeliveryState(states, deliveryFailed.get(id)));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the phases of deliveries: " + e.getMessage(), e);
        }
    }

    /** The kind (CBS, IWMO, ...) of each entry of these deliveries, keyed {@code deliveryId#index}. */
    public Map<String, String> entryKinds(Collection<String> deliveryIds) {
        Map<String, String> kinds = new LinkedHashMap<>();
        List<String> ids = List.copyOf(deliveryIds);
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT delivery_id, entry_index, kind FROM delivery_entry"
                         + " WHERE delivery_id IN (" + marks(chunk.size()) + ")")) {
                bind(s, chunk, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        kinds.put(r.getString(1) + "#" + r.getInt(2), r.getString(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read entry kinds: " + e.getMessage(), e);
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
        List<String> orgs = List.copyOf(concerned);
        String in = "IN (" + marks(orgs.size()) + ")";
        String v36 = "CAST(NULL AS VARCHAR(36))";
        String v255 = "CAST(NULL AS VARCHAR(255))";
        String sql = "SELECT soort, tijdstip, delivery_id, item_id, actor, concerns, filename, kind, file_name, subject,"
                + " code, n, item_org FROM ("
                + " SELECT 'aangeleverd' AS soort, d.received_at AS tijdstip, d.id AS delivery_id, " + v36
                + " AS item_id, d.sender AS actor, d.organisation AS concerns, d.filename AS filename,"
                + " CAST(NULL AS VARCHAR(40)) AS kind, " + v255 + " AS file_name, " + v255 + " AS subject,"
                + " CAST(NULL AS VARCHAR(16)) AS code, CAST(0 AS INTEGER) AS n, CAST(NULL AS VARCHAR(40)) AS item_org"
                + " FROM delivery d WHERE d.organisation " + in
                + " UNION ALL"
                + " SELECT 'afgekeurd', MAX(e.at), d.id, " + v36 + ", d.sender, d.organisation, d.filename, NULL, NULL,"
                + " NULL, NULL, CAST(COUNT(DISTINCT e.entry_index) AS INTEGER), NULL"
                + " FROM delivery d JOIN delivery_entry en ON en.delivery_id = d.id AND en.status = 'REJECTED'"
                + " JOIN delivery_event e ON e.delivery_id = en.delivery_id AND e.entry_index = en.entry_index"
                + " AND e.status = 'REJECTED'"
                + " WHERE d.organisation " + in + " GROUP BY d.id, d.sender, d.organisation, d.filename"
                + " UNION ALL"
                + " SELECT 'rapport-ontvangen', i.created, i.delivery_id, i.id, i.organisation, i.organisation,"
                + " d.filename, i.kind, i.file_name, i.subject, i.code, CAST(0 AS INTEGER), i.organisation"
                + " FROM outbox_item i LEFT JOIN delivery d ON d.id = i.delivery_id"
                + " WHERE i.kind IN (" + KINDS + ") AND i.organisation " + in
                // the copy in a samenwerkingsverband's outbox is the same report: the gemeente's row tells it
                + " AND (d.id IS NULL OR d.organisation = i.organisation)"
                + " UNION ALL"
                + " SELECT 'rapport-ontvangen', MIN(e.at), d.id, " + v36 + ", d.organisation, d.organisation,"
                + " d.filename, NULL, NULL, e.detail, NULL, e.entry_index, NULL"
                + " FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id"
                + " WHERE e.detail LIKE '" + CBS_FEEDBACK_EVENT + "%' AND e.entry_index IS NOT NULL"
                + " AND d.organisation " + in
                + " AND NOT EXISTS (SELECT 1 FROM outbox_item r WHERE r.delivery_id = e.delivery_id"
                + " AND r.entry_index = e.entry_index AND r.kind IN (" + KINDS + "))"
                + " GROUP BY d.id, d.organisation, d.filename, e.entry_index, e.detail"
                + " UNION ALL"
                + " SELECT 'gedownload', dl.at, i.delivery_id, i.id, dl.downloaded_by, COALESCE(d.organisation,"
                + " i.organisation), d.filename, i.kind, i.file_name, i.subject, i.code, CAST(0 AS INTEGER), i.organisation"
                + " FROM outbox_download dl JOIN outbox_item i ON i.id = dl.item_id"
                + " LEFT JOIN delivery d ON d.id = i.delivery_id"
                + " WHERE COALESCE(d.organisation, i.organisation) " + in
                + ") feed ORDER BY tijdstip DESC, soort, delivery_id, item_id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 5; round++) {
                i = bind(s, orgs, i);
            }
            s.setInt(i++, size);
            s.setLong(i, (long) page * size);
            List<FeedRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp at = r.getTimestamp(2);
                    rows.add(new FeedRow(r.getString(1), at.toInstant(), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            r.getString(10), r.getString(11), r.getInt(12), r.getString(13)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the activity feed: " + e.getMessage(), e);
        }
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static int bind(PreparedStatement s, List<String> values, int from) throws SQLException {
        int i = from;
        for (String v : values) {
            s.setString(i++, v);
        }
        return i;
    }
}
