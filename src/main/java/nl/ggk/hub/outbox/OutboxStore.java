package nl.ggk.hub.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox items in the database (what is in {@code outbox/<org>/}, for the API and the portal) and every
 * download of one. Plain JDBC on portable SQL (H2 and PostgreSQL), like track &amp; trace.
 */
public final class OutboxStore {

    /** One recorded item: where it is ({@code organisation/fileName} under the outbox folder) and what it is. */
    public record Item(String id, String organisation, OutboxKind kind, String fileName, Instant created,
                       String deliveryId, Integer entryIndex, String crossRef, String subject, String code,
                       String description) {
    }

    public record Download(String itemId, String downloadedBy, String organisation, Instant at) {
    }

    private static final String COLUMNS =
            "id, organisation, kind, file_name, created, delivery_id, entry_index, cross_ref, subject, code, description";
    private static final int MAX_DESCRIPTION = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    public OutboxStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Records the item the outbox route just wrote, once: a redelivered message names the same file, and the
     * row of the first attempt stays (with its id, which a client may already hold).
     */
    public Item record(OutboxItem item) {
        Optional<Item> known = find(item.organisation(), item.fileName());
        if (known.isPresent()) {
            return known.get();
        }
        Item row = new Item(UUID.randomUUID().toString(), item.organisation(), item.kind(), item.fileName(),
                clock.instant(), item.deliveryId(), item.entryIndex(), item.crossRef(), truncate(item.subject(), 255),
                item.code(), truncate(item.description(), MAX_DESCRIPTION));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO outbox_item (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.id());
            s.setString(2, row.organisation());
            s.setString(3, row.kind().name());
            s.setString(4, row.fileName());
            s.setTimestamp(5, Timestamp.from(row.created()));
            s.setString(6, row.deliveryId());
            if (row.entryIndex() == null) {
                s.setNull(7, Types.INTEGER);
            } else {
                s.setInt(7, row.entryIndex());
            }
            s.setString(8, row.crossRef());
            s.setString(9, row.subject());
            s.setString(10, row.code());
            s.setString(11, row.description());
            s.executeUpdate();
            return row;
        } catch (SQLException e) {
            // two consumers of one redelivered message: the other one's row won
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return find(item.organisation(), item.fileName()).orElseThrow(() -> new IllegalStateException(e));
            }
            throw new IllegalStateException("cannot record outbox item " + item.path(), e);
        }
    }

    public Optional<Item> find(String id) {
        List<Item> items = query("SELECT " + COLUMNS + " FROM outbox_item WHERE id = ?", List.of(id));
        return items.stream().findFirst();
    }

    public Optional<Item> find(String organisation, String fileName) {
        return query("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation = ? AND file_name = ?",
                List.of(organisation, fileName)).stream().findFirst();
    }

    /** Every item whose crossRef is {@code crossRef} (e.g. the copies of one CBS report), oldest first. */
    public List<Item> withCrossRef(String crossRef) {
        return query("SELECT " + COLUMNS + " FROM outbox_item WHERE cross_ref = ? ORDER BY created, id",
                List.of(crossRef));
    }

    /** The items of these organisations, newest first. */
    public List<Item> list(Collection<String> organisations, Instant since, int page, int size) {
        if (organisations.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(organisations);
        params.add(Timestamp.from(since));
        return query("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation IN ("
                + String.join(", ", organisations.stream().map(o -> "?").toList())
                + ") AND created >= ? ORDER BY created DESC, id LIMIT " + size + " OFFSET " + ((long) page * size),
                params);
    }

    /** The items of one kind an organisation received in [from, to), oldest first. */
    public List<Item> received(String organisation, OutboxKind kind, Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation = ? AND kind = ? AND created >= ?"
                        + " AND created < ? ORDER BY created, id",
                List.of(organisation, kind.name(), Timestamp.from(from), Timestamp.from(to)));
    }

    /** The items about a delivery, by entry index (an item about the delivery as a whole under -1). */
    public Map<Integer, List<Item>> ofDelivery(String deliveryId) {
        Map<Integer, List<Item>> byEntry = new LinkedHashMap<>();
        for (Item item : query("SELECT " + COLUMNS + " FROM outbox_item WHERE delivery_id = ? ORDER BY created, id",
                List.of(deliveryId))) {
            byEntry.computeIfAbsent(item.entryIndex() == null ? -1 : item.entryIndex(), i -> new ArrayList<>()).add(item);
        }
        return byEntry;
    }

    public void downloaded(String itemId, String downloadedBy, String organisation) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO outbox_download (item_id, downloaded_by, organisation, at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, itemId);
            s.setString(2, downloadedBy);
            s.setString(3, organisation);
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the download of outbox item " + itemId, e);
        }
    }

    /** Every download of these items, oldest first. */
    public Map<String, List<Download>> downloads(Collection<String> itemIds) {
        Map<String, List<Download>> result = new LinkedHashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        String sql = "SELECT item_id, downloaded_by, organisation, at FROM outbox_download WHERE item_id IN ("
                + String.join(", ", itemIds.stream().map(i -> "?").toList()) + ") ORDER BY at, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String id : itemIds) {
                s.setString(i++, id);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Download d = new Download(r.getString(1), r.getString(2), r.getString(3),
                            r.getTimestamp(4).toInstant());
                    result.computeIfAbsent(d.itemId(), k -> new ArrayList<>()).add(d);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read outbox downloads", e);
        }
    }

    private List<Item> query(String sql, List<?> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<Item> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int index = r.getInt(7);
                    items.add(new Item(r.getString(1), r.getString(2), OutboxKind.valueOf(r.getString(3)),
                            r.getString(4), r.getTimestamp(5).toInstant(), r.getString(6),
                            r.wasNull() ? null : index, r.getString(8), r.getString(9), r.getString(10),
                            r.getString(11)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
