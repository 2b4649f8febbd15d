package nl.ggk.hub.track;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/**
 * What the API and the portal read of track &amp; trace: one delivery with its story, and the deliveries of
 * organisations, each with the status its entries settle it in ({@link StatusRules}). Nothing here writes.
 */
public final class TrackQueries {

    public record Event(Instant at, String status, String detail) {
    }

    /**
     * {@code findings}: the first findings of its check (at most {@link TrackEvents#MAX_FINDINGS}); {@code
     * findingCount}: all of them (0 when the entry was not checked).
     */
    public record Entry(int index, String name, String kind, String functie, String status, String payloadRef,
                        String fo01Code, String fo01File, String feedbackFile, List<Event> events,
                        List<Finding> findings, long findingCount) {
    }

    /** The first findings of one entry of a delivery and how many there were. */
    public record EntryFindings(String deliveryId, int index, String name, List<Finding> findings, long count) {
    }

    public record DeliveryView(Delivery delivery, List<Event> events, List<Entry> entries) {
    }

    /** An event of the delivery ({@code entryIndex} null) or of one of its entries. */
    private record EventRow(Number entryIndex, Event event) {
    }

    private record StatusCount(String deliveryId, String status, int count) {
    }

    private final Jdbc jdbc;

    public TrackQueries(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Optional<DeliveryView> find(String deliveryId) {
        Optional<Delivery> found = jdbc.queryOne("SELECT * FROM delivery WHERE id = ?", TrackQueries::delivery,
                deliveryId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // entries before events: events only grow, so the story read is never behind the statuses read
        List<Entry> rows = jdbc.query("SELECT * FROM delivery_entry WHERE delivery_id = ? ORDER BY entry_index",
                rs -> new Entry(rs.getInt("entry_index"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("functie"), rs.getString("status"), rs.getString("payload_ref"),
                        rs.getString("fo01_code"), rs.getString("fo01_file"), rs.getString("feedback_file"),
                        List.of(), List.of(), rs.getLong("finding_count")), deliveryId);
        Map<Integer, List<Finding>> findings = new LinkedHashMap<>();
        for (EntryFindings f : findings(List.of(deliveryId))) {
            findings.put(f.index(), f.findings());
        }
        List<Event> deliveryEvents = new ArrayList<>();
        Map<Integer, List<Event>> entryEvents = new LinkedHashMap<>();
        for (EventRow row : jdbc.query("SELECT entry_index, at, status, detail FROM delivery_event"
                + " WHERE delivery_id = ? ORDER BY id", rs -> new EventRow((Number) rs.getObject(1),
                new Event(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4))), deliveryId)) {
            if (row.entryIndex() == null) {
                deliveryEvents.add(row.event());
            } else {
                entryEvents.computeIfAbsent(row.entryIndex().intValue(), k -> new ArrayList<>()).add(row.event());
            }
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Entry row : rows) {
            entries.add(new Entry(row.index(), row.name(), row.kind(), row.functie(), row.status(), row.payloadRef(),
                    row.fo01Code(), row.fo01File(), row.feedbackFile(),
                    entryEvents.getOrDefault(row.index(), List.of()), findings.getOrDefault(row.index(), List.of()),
                    row.findingCount()));
            counts.merge(row.status(), 1, Integer::sum);
        }
        return Optional.of(new DeliveryView(StatusRules.settled(found.get(), counts), deliveryEvents, entries));
    }

    /** Deliveries concerning or sent by any of {@code organisations}, newest first. */
    public List<Delivery> list(Collection<String> organisations, Instant since, int page, int size) {
        return list(organisations, since, null, page, size);
    }

    /**
     * Deliveries concerning or sent by any of {@code organisations}, newest first; with {@code filename}, only
     * those whose file name contains it (ignoring case), so a folder drop's delivery can be found by its name.
     */
    public List<Delivery> list(Collection<String> organisations, Instant since, String filename, int page, int size) {
        if (organisations.isEmpty()) {
            return List.of();
        }
        boolean byName = filename != null && !filename.isBlank();
        String marks = marks(organisations.size());
        List<Object> params = new ArrayList<>(organisations);
        params.addAll(organisations);
        params.add(since == null ? Instant.EPOCH : since);
        if (byName) {
            params.add("%" + filename.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                    + "%");
        }
        params.add(size);
        params.add(page * size);
        List<Delivery> deliveries = jdbc.query("SELECT * FROM delivery WHERE (organisation IN (" + marks + ")"
                + " OR sender IN (" + marks + ")) AND received_at >= ?"
                + (byName ? " AND LOWER(filename) LIKE ? ESCAPE '!'" : "") + " ORDER BY received_at DESC, id"
                + " LIMIT ? OFFSET ?", TrackQueries::delivery, params.toArray());
        return withSettledStatuses(deliveries);
    }

    /**
     * Every organisation's deliveries (the operator's search), newest first: {@code text} in the file name or the
     * delivery id, {@code organisation} as sender or concerned, {@code status} the stored status; each may be null.
     */
    public List<Delivery> search(String text, String organisation, String status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            where.append(" AND (LOWER(filename) LIKE ? ESCAPE '!' OR id = ?)");
            params.add("%" + text.trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
            params.add(text.trim());
        }
        if (organisation != null && !organisation.isBlank()) {
            where.append(" AND (organisation = ? OR sender = ?)");
            params.add(organisation.trim());
            params.add(organisation.trim());
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND status = ?");
            params.add(status.trim().toUpperCase(Locale.ROOT));
        }
        params.add(size);
        params.add(page * size);
        return withSettledStatuses(jdbc.query("SELECT * FROM delivery WHERE " + where
                + " ORDER BY received_at DESC, id LIMIT ? OFFSET ?", TrackQueries::delivery, params.toArray()));
    }

    /** The kinds of the entries of these deliveries (CBS, IWMO, IJW, SVB, UNKNOWN), by delivery id. */
    public Map<String, List<String>> kinds(Collection<String> deliveryIds) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        for (String[] row : jdbc.query("SELECT DISTINCT delivery_id, kind FROM delivery_entry WHERE delivery_id IN ("
                + marks(deliveryIds.size()) + ") AND kind IS NOT NULL ORDER BY delivery_id, kind",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, deliveryIds.toArray())) {
            result.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return result;
    }

    /** Per entry with findings of these deliveries: its first findings and their count, in entry order. */
    public List<EntryFindings> findings(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        Object[] ids = deliveryIds.toArray();
        Map<String, EntryFindings> byEntry = new LinkedHashMap<>();
        for (EntryFindings e : jdbc.query("SELECT delivery_id, entry_index, name, finding_count FROM delivery_entry"
                + " WHERE delivery_id IN (" + marks(ids.length) + ") AND finding_count > 0 ORDER BY delivery_id,"
                + " entry_index", rs -> new EntryFindings(rs.getString(1), rs.getInt(2), rs.getString(3),
                new ArrayList<>(), rs.getLong(4)), ids)) {
            byEntry.put(e.deliveryId() + "#" + e.index(), e);
        }
        if (byEntry.isEmpty()) {
            return List.of();
        }
        jdbc.query("SELECT delivery_id, entry_index, line_no, col_no, code, field, tekst, advies FROM delivery_finding"
                + " WHERE delivery_id IN (" + marks(ids.length) + ") ORDER BY delivery_id, entry_index, seq", rs -> {
                    EntryFindings e = byEntry.get(rs.getString(1) + "#" + rs.getInt(2));
                    if (e != null) {
                        e.findings().add(new Finding(rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8)));
                    }
                    return null;
                }, ids);
        return List.copyOf(byEntry.values());
    }

    private List<Delivery> withSettledStatuses(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (StatusCount row : jdbc.query("SELECT delivery_id, status, COUNT(*) FROM delivery_entry"
                + " WHERE delivery_id IN (" + marks(deliveries.size()) + ") GROUP BY delivery_id, status",
                rs -> new StatusCount(rs.getString(1), rs.getString(2), rs.getInt(3)),
                deliveries.stream().map(Delivery::id).toArray())) {
            counts.computeIfAbsent(row.deliveryId(), k -> new LinkedHashMap<>()).put(row.status(), row.count());
        }
        List<Delivery> result = new ArrayList<>();
        for (Delivery d : deliveries) {
            result.add(StatusRules.settled(d, counts.getOrDefault(d.id(), Map.of())));
        }
        return result;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("organisation"), rs.getString("sender"),
                rs.getString("channel"), rs.getString("filename"), rs.getString("payload_ref"),
                rs.getLong("payload_size"), rs.getTimestamp("received_at").toInstant(), rs.getString("status"),
                rs.getString("duplicate_of"), Map.of());
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
