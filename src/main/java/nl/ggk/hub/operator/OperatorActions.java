package nl.ggk.hub.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/** The operator's log: every replay, discard and resend, who did it, when and what (table operator_action). */
public final class OperatorActions {

    /** What an operator did. */
    public enum Action { REPLAY, DISCARD, RESEND }

    /** One logged action. */
    public record Logged(Instant at, String gebruiker, String action, String queue, String deliveryId,
                         Integer entryIndex, String detail) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public OperatorActions(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public void record(String gebruiker, Action action, String queue, String messageId, String deliveryId,
                       Integer entryIndex, String detail) {
        jdbc.update("INSERT INTO operator_action (at, gebruiker, action, queue_name, message_id, delivery_id,"
                + " entry_index, detail) VALUES (?,?,?,?,?,?,?,?)", clock.instant(), gebruiker, action.name(), queue,
                messageId, deliveryId, entryIndex, detail == null || detail.length() <= 1000 ? detail
                        : detail.substring(0, 1000));
    }

    /** The latest {@code limit} actions, newest first. */
    public List<Logged> latest(int limit) {
        return jdbc.query("SELECT at, gebruiker, action, queue_name, delivery_id, entry_index, detail"
                + " FROM operator_action ORDER BY at DESC, id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500))
                + " ROWS ONLY", rs -> new Logged(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7)));
    }
}
