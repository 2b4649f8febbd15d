package nl.ggk.hub.optin;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.optin.OptinDecision.Part;

/** Every opt-in decision, kept: the history of a gemeente's half year, newest last. Portable SQL. */
public final class OptinStore {

    /** A stored decision: what, by whom, when, and the delivery that carried it. */
    public record Recorded(String id, OptinDecision decision, Instant decidedAt, String deliveryId, String fileName) {
    }

    private final Jdbc jdbc;

    public OptinStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void record(Recorded recorded) {
        OptinDecision d = recorded.decision();
        jdbc.update("INSERT INTO optin_decision (id, organisation, optin_year, optin_half, wmo_basis, wmo_facultatief,"
                + " jeugd, sbo, decided_by, decided_at, delivery_id, file_name, decided_by_name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                recorded.id(), d.organisation(), d.year(), d.half(), d.letter(Part.WMO_BASIS),
                d.letter(Part.WMO_FACULTATIEF), d.letter(Part.JEUGD), d.letter(Part.SBO), d.decidedBy(),
                recorded.decidedAt(), recorded.deliveryId(), recorded.fileName(),
                d.decidedByName() == null || d.decidedByName().length() <= 255 ? d.decidedByName()
                        : d.decidedByName().substring(0, 255));
    }

    /** The decisions for one half year, oldest first (the last is the current one). */
    public List<Recorded> history(String organisation, int year, int half) {
        return jdbc.query("SELECT id, wmo_basis, wmo_facultatief, jeugd, sbo, decided_by, decided_at, delivery_id,"
                + " file_name, decided_by_name FROM optin_decision WHERE organisation = ? AND optin_year = ? AND optin_half = ?"
                + " ORDER BY decided_at, id", r -> {
                    Map<Part, Boolean> consent = new EnumMap<>(Part.class);
                    int i = 2;
                    for (Part part : Part.values()) {
                        consent.put(part, "J".equals(r.getString(i++)));
                    }
                    return new Recorded(r.getString(1), new OptinDecision(organisation, year, half, consent,
                            r.getString(6), r.getString(10)), r.getTimestamp(7).toInstant(), r.getString(8), r.getString(9));
                }, organisation, year, half);
    }
}
