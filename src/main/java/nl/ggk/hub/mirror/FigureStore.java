package nl.ggk.hub.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.split.EntryMessage;

/**
 * The instant mirror's tables: the figures of every GMSD file that went on ({@code mirror_figure}, one row per
 * figure, aggregates only) and what each delivery's comparison said ({@code mirror_comparison}). A later file of the
 * same gemeente, type and half year replaces the figures, as it replaces the file (GMSD replacement rule).
 */
public final class FigureStore {

    private static final String WHOLE = "";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;
    private final Clock clock;

    public FigureStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * The file of {@code entry} went on to CBS: its figures replace those of the same gemeente, type and half year,
     * and its comparison is kept for the delivery's answer. A redelivered message changes nothing the second time.
     * Nothing to do without a comparison (a type that is not compared).
     */
    public void store(EntryMessage entry, Comparison comparison) {
        if (comparison == null) {
            return;
        }
        Figures f = comparison.now();
        String body = json(comparison.vergelijking());
        jdbc.inTransactionWithoutResult(tx -> {
            if (!tx.insertOnce("INSERT INTO mirror_comparison (delivery_id, entry_index, gemeente, file_type, period,"
                    + " created_at, body) VALUES (?,?,?,?,?,?,?)", entry.deliveryId(), entry.index(), f.gemeente(),
                    f.type(), f.period(), clock.instant(), body)) {
                return;
            }
            tx.update("DELETE FROM mirror_figure WHERE gemeente = ? AND file_type = ? AND period = ?", f.gemeente(),
                    f.type(), f.period());
            List<Object[]> rows = new ArrayList<>();
            rows(rows, f, WHOLE, f.whole(), entry);
            f.groups().forEach((code, counts) -> rows(rows, f, code, counts, entry));
            tx.batch("INSERT INTO mirror_figure (gemeente, file_type, period, group_code, measure, amount,"
                    + " delivery_id, entry_index) VALUES (?,?,?,?,?,?,?,?)", rows);
        });
    }

    /** Every half year of this gemeente and type, oldest first. */
    public List<Figures> all(String gemeente, String type) {
        Map<String, Map<String, Map<String, Long>>> byPeriod = new TreeMap<>();
        jdbc.query("SELECT period, group_code, measure, amount FROM mirror_figure WHERE gemeente = ? AND file_type = ?",
                row -> byPeriod.computeIfAbsent(row.getString(1), p -> new TreeMap<>())
                        .computeIfAbsent(row.getString(2), g -> new LinkedHashMap<>())
                        .put(row.getString(3), row.getLong(4)), gemeente, type);
        List<Figures> result = new ArrayList<>();
        byPeriod.forEach((period, groups) -> {
            Map<String, Figures.Counts> counted = new TreeMap<>();
            groups.forEach((code, measures) -> {
                if (!code.equals(WHOLE)) {
                    counted.put(code, counts(measures));
                }
            });
            result.add(new Figures(gemeente, type, period, counts(groups.getOrDefault(WHOLE, Map.of())), counted));
        });
        return result;
    }

    /** The file types this gemeente has figures of. */
    public List<String> types(String gemeente) {
        return jdbc.query("SELECT DISTINCT file_type FROM mirror_figure WHERE gemeente = ? ORDER BY file_type",
                row -> row.getString(1), gemeente);
    }

    /** The comparisons of a delivery's entries, by entry index. */
    public Map<Integer, Vergelijking> ofDelivery(String deliveryId) {
        Map<Integer, Vergelijking> result = new TreeMap<>();
        jdbc.query("SELECT entry_index, body FROM mirror_comparison WHERE delivery_id = ?",
                row -> result.put(row.getInt(1), parse(row.getString(2))), deliveryId);
        return result;
    }

    public Optional<Vergelijking> of(String deliveryId, int index) {
        return Optional.ofNullable(ofDelivery(deliveryId).get(index));
    }

    private static void rows(List<Object[]> rows, Figures f, String code, Figures.Counts c, EntryMessage entry) {
        Map<String, Long> measures = new LinkedHashMap<>();
        measures.put("records", c.records());
        measures.put("clients", c.clients());
        measures.put("starts", c.starts());
        measures.put("stops", c.stops());
        measures.put("ongoing", c.ongoing());
        measures.put("sum", c.sum());
        measures.forEach((measure, amount) -> {
            if (amount != null) {
                rows.add(new Object[] {f.gemeente(), f.type(), f.period(), code, measure, amount, entry.deliveryId(),
                        entry.index()});
            }
        });
    }

    private static Figures.Counts counts(Map<String, Long> m) {
        return new Figures.Counts(m.getOrDefault("records", 0L), m.get("clients"), m.get("starts"), m.get("stops"),
                m.get("ongoing"), m.get("sum"));
    }

    private static String json(Vergelijking vergelijking) {
        try {
            return JSON.writeValueAsString(vergelijking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("comparison cannot be written as JSON", e);
        }
    }

    private static Vergelijking parse(String body) {
        try {
            return JSON.readValue(body, Vergelijking.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored comparison cannot be read", e);
        }
    }
}
