package nl.ggk.hub.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/**
 * The outbox items in the database (what is in {@code outbox/<org>/}, for the API and the portal) and every
 * download of one. Portable SQL (H2 and PostgreSQL) through {@link Jdbc}, like track &amp; trace.
 */
public final class OutboxStore {

    /** One recorded item: where it is ({@code organisation/fileName} under the outbox folder) and what it is. */
    public record Item(String id, String organisation, OutboxKind kind, String fileName, Instant created,
                       String deliveryId, Integer entryIndex, String crossRef, String subject, String code,
                       String description) {
    }

    /** {@code name}: the person (or, for a machine key, the organisation) as the portal shows it; null before. */
    public record Download(String itemId, String downloadedBy, String organisation, Instant at, String name) {
    }

    /** A terugmelding sent on a spiegelrapport: its delivery, who sent it and when. */
    public record Answer(String itemId, String deliveryId, String sentBy, String sentByName, Instant at) {
    }

    private static final String COLUMNS =
            "id, organisation, kind, file_name, created, delivery_id, entry_index, cross_ref, subject, code, description";
    private static final int MAX_DESCRIPTION = 1000;

    private final Jdbc jdbc;
    private final Clock clock;

    public OutboxStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
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
        if (jdbc.insertOnce("INSERT INTO outbox_item (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.id(), row.organisation(), row.kind().name(), row.fileName(), row.created(), row.deliveryId(),
                row.entryIndex(), row.crossRef(), row.subject(), row.code(), row.description())) {
            return row;
        }
        // two consumers of one redelivered message: the other one's row won
        return find(item.organisation(), item.fileName()).orElseThrow(() -> new IllegalStateException(
                "outbox item " + item.path() + " neither recorded nor found"));
    }

    public Optional<Item> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM outbox_item WHERE id = ?", OutboxStore::item, id);
    }

    public Optional<Item> find(String organisation, String fileName) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation = ? AND file_name = ?",
                OutboxStore::item, organisation, fileName);
    }

    /** Every item whose crossRef is {@code crossRef} (e.g. the copies of one CBS report), oldest first. */
    public List<Item> withCrossRef(String crossRef) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_item WHERE cross_ref = ? ORDER BY created, id",
                OutboxStore::item, crossRef);
    }

    /** The items of these organisations, newest first. */
    public List<Item> list(Collection<String> organisations, Instant since, int page, int size) {
        if (organisations.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(organisations);
        params.add(since);
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation IN (" + marks(organisations.size())
                + ") AND created >= ? ORDER BY created DESC, id LIMIT " + size + " OFFSET " + ((long) page * size),
                OutboxStore::item, params.toArray());
    }

    /** The items of one kind an organisation received in [from, to), oldest first. */
    public List<Item> received(String organisation, OutboxKind kind, Instant from, Instant to) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_item WHERE organisation = ? AND kind = ? AND created >= ?"
                + " AND created < ? ORDER BY created, id", OutboxStore::item, organisation, kind.name(), from, to);
    }

    /** The items about a delivery, by entry index (an item about the delivery as a whole under -1). */
    public Map<Integer, List<Item>> ofDelivery(String deliveryId) {
        Map<Integer, List<Item>> byEntry = new LinkedHashMap<>();
        for (Item item : jdbc.query("SELECT " + COLUMNS + " FROM outbox_item WHERE delivery_id = ? ORDER BY created, id",
                OutboxStore::item, deliveryId)) {
            byEntry.computeIfAbsent(item.entryIndex() == null ? -1 : item.entryIndex(), i -> new ArrayList<>()).add(item);
        }
        return byEntry;
    }

    public void downloaded(String itemId, String downloadedBy, String organisation) {
        downloaded(itemId, downloadedBy, organisation, null);
    }

    /** A download by {@code downloadedBy} (organisation), {@code name} the person a user reads. */
    public void downloaded(String itemId, String downloadedBy, String organisation, String name) {
        jdbc.update("INSERT INTO outbox_download (item_id, downloaded_by, organisation, at, downloaded_by_name)"
                + " VALUES (?, ?, ?, ?, ?)", itemId, downloadedBy, organisation, clock.instant(), truncate(name, 255));
    }

    /** The terugmeldingen sent on these items (spiegelrapporten), oldest first, by item id. */
    public Map<String, List<Answer>> answers(Collection<String> itemIds) {
        Map<String, List<Answer>> result = new LinkedHashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        for (Answer a : jdbc.query("SELECT outbox_item_id, delivery_id, sent_by, sent_by_name, created_at FROM"
                + " terugmelding WHERE outbox_item_id IN (" + marks(itemIds.size()) + ") ORDER BY created_at, delivery_id",
                r -> new Answer(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getTimestamp(5).toInstant()), itemIds.toArray())) {
            result.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
        }
        return result;
    }

    /** Every download of these items, oldest first. */
    public Map<String, List<Download>> downloads(Collection<String> itemIds) {
        Map<String, List<Download>> result = new LinkedHashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        for (Download d : jdbc.query("SELECT item_id, downloaded_by, organisation, at, downloaded_by_name FROM"
                + " outbox_download WHERE item_id IN (" + marks(itemIds.size()) + ") ORDER BY at, id",
                r -> new Download(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                        r.getString(5)), itemIds.toArray())) {
            result.computeIfAbsent(d.itemId(), k -> new ArrayList<>()).add(d);
        }
        return result;
    }

    private static Item item(ResultSet r) throws SQLException {
        int index = r.getInt(7);
        Integer entryIndex = r.wasNull() ? null : index;
        return new Item(r.getString(1), r.getString(2), OutboxKind.valueOf(r.getString(3)), r.getString(4),
                r.getTimestamp(5).toInstant(), r.getString(6), entryIndex, r.getString(8), r.getString(9),
                r.getString(10), r.getString(11));
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
