package nl.ggk.hub.optin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.ggk.hub.optin.OptinDecision.Part;

/** Every opt-in decision, kept: the history of a gemeente's half year, newest last. Portable SQL. */
public final class OptinStore {

    /** A stored decision: what, by whom, when, and the delivery that carried it. */
    public record Recorded(String id, OptinDecision decision, Instant decidedAt, String deliveryId, String fileName) {
    }

    private final DataSource dataSource;

    public OptinStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Recorded recorded) {
        OptinDecision d = recorded.decision();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO optin_decision (id, organisation, optin_year,"
                     + " optin_half, wmo_basis, wmo_facultatief, jeugd, sbo, decided_by, decided_at, delivery_id,"
                     + " file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, recorded.id());
            s.setString(2, d.organisation());
            s.setInt(3, d.year());
            s.setInt(4, d.half());
            int i = 5;
            for (Part part : Part.values()) {
                s.setString(i++, d.letter(part));
            }
            s.setString(9, d.decidedBy());
            s.setTimestamp(10, Timestamp.from(recorded.decidedAt()));
            s.setString(11, recorded.deliveryId());
            s.setString(12, recorded.fileName());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the opt-in of " + d.organisation(), e);
        }
    }

    /** The decisions for one half year, oldest first (the last is the current one). */
    public List<Recorded> history(String organisation, int year, int half) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, wmo_basis, wmo_facultatief, jeugd, sbo, decided_by,"
                     + " decided_at, delivery_id, file_name FROM optin_decision WHERE organisation = ? AND optin_year = ?"
                     + " AND optin_half = ? ORDER BY decided_at, id")) {
            s.setString(1, organisation);
            s.setInt(2, year);
            s.setInt(3, half);
            List<Recorded> history = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<Part, Boolean> consent = new EnumMap<>(Part.class);
                    int i = 2;
                    for (Part part : Part.values()) {
                        consent.put(part, "J".equals(r.getString(i++)));
                    }
                    history.add(new Recorded(r.getString(1),
                            new OptinDecision(organisation, year, half, consent, r.getString(6)),
                            r.getTimestamp(7).toInstant(), r.getString(8), r.getString(9)));
                }
            }
            return history;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the opt-in history of " + organisation, e);
        }
    }
}
