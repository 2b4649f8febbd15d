package nl.ggk.hub.ws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.StufBerichtReader;

/**
 * Remembers every StUF message received by (zender organisatie, referentienummer) with its content fingerprint and
 * the Bv03 it was (or will be) answered with, so a resend is processed once (StUF 03.01: byte-identical → the
 * earlier Bv03; different → Fo03 StUF016). Portable SQL through {@link Jdbc} (table {@code stuf_message}, migration
 * V20): H2 and PostgreSQL.
 *
 * <p>Use: {@link #claim} before storing the message; on {@link Claim.Fresh} store it, then {@link #accepted} and
 * answer the Bv03; if storing fails, {@link #release} so a resend may try again. The primary key makes a claim
 * atomic: of two identical requests at the same moment one gets Fresh, the other {@link Claim.InProgress}.
 * A claim left behind by a crash is taken over by a resend after {@code staleAfter}: should the crash have come
 * after the message was stored, that resend is stored again (the window between storing and {@link #accepted}).
 */
public final class ReceivedMessages {

    /** The outcome of {@link #claim}. */
    public sealed interface Claim {
        /** New: store the message, then {@link #accepted}; the Bv03 to answer is the one claimed with. */
        record Fresh(Bv03 bv03) implements Claim {
        }

        /** A byte-identical resend of an accepted message: answer this earlier Bv03 again, do not process. */
        record Duplicate(Bv03 bv03, String deliveryId) implements Claim {
        }

        /** Same zender and referentienummer, other content: Fo03 StUF016. */
        record Conflict(String berichtcode) implements Claim {
        }

        /** The same message is being stored by another request right now: no Bv03 yet, the sender retries. */
        record InProgress() implements Claim {
        }
    }

    static final String CLAIMED = "CLAIMED";
    static final String ACCEPTED = "ACCEPTED";
    private static final int MAX_ZENDER = 200;
    private static final int MAX_REFNUMMER = 40;

    private final Jdbc jdbc;
    private final AnswerWriter answers;
    private final StufBerichtReader reader = new StufBerichtReader();
    private final Duration staleAfter;
    private final Clock clock;

    public ReceivedMessages(DataSource dataSource, AnswerWriter answers, Duration staleAfter, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.answers = answers;
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
        this.clock = clock;
    }

    public ReceivedMessages(DataSource dataSource, AnswerWriter answers) {
        this(dataSource, answers, Duration.ofMinutes(10), Clock.systemUTC());
    }

    /**
     * Claims (zender, referentienummer) for a message with {@code contentSha256}, to be answered with {@code bv03}.
     */
    public Claim claim(String zender, String referentienummer, String berichtcode, String contentSha256, Bv03 bv03) {
        requireKey(zender, referentienummer);
        String bv03Xml = new String(answers.toBytes(bv03), StandardCharsets.UTF_8);
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (jdbc.insertOnce("INSERT INTO stuf_message (zender, referentienummer, berichtcode, content_sha256, state,"
                    + " bv03, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", zender, referentienummer, berichtcode,
                    contentSha256, CLAIMED, bv03Xml, now, now)) {
                return new Claim.Fresh(bv03);
            }
            Optional<Row> existing = find(zender, referentienummer);
            if (existing.isEmpty()) {
                continue; // released in between: claim again
            }
            Row row = existing.get();
            if (!row.contentSha256().equals(contentSha256)) {
                return new Claim.Conflict(row.berichtcode());
            }
            if (ACCEPTED.equals(row.state())) {
                return new Claim.Duplicate(parse(row.bv03()), row.deliveryId());
            }
            if (row.updatedAt().isAfter(now.minus(staleAfter))) {
                return new Claim.InProgress();
            }
            // take over the stale claim, unless someone else touched it since it was read (optimistic)
            if (jdbc.update("UPDATE stuf_message SET bv03 = ?, updated_at = ? WHERE zender = ? AND referentienummer = ?"
                    + " AND state = ? AND updated_at = ?", bv03Xml, now, zender, referentienummer, CLAIMED,
                    row.updatedAt()) == 1) {
                return new Claim.Fresh(bv03);
            }
        }
        return new Claim.InProgress();
    }

    /** The claimed message is stored (as {@code deliveryId}, may be null): later resends get its Bv03. */
    public void accepted(String zender, String referentienummer, String deliveryId) {
        if (jdbc.update("UPDATE stuf_message SET state = ?, delivery_id = ?, updated_at = ? WHERE zender = ?"
                + " AND referentienummer = ?", ACCEPTED, deliveryId, clock.instant(), zender, referentienummer) == 0) {
            throw new IllegalStateException("no claimed message with referentienummer " + referentienummer);
        }
    }

    /** Storing the claimed message failed: forget the claim, so a resend is handled as new. */
    public void release(String zender, String referentienummer) {
        jdbc.update("DELETE FROM stuf_message WHERE zender = ? AND referentienummer = ? AND state = ?", zender,
                referentienummer, CLAIMED);
    }

    /** The Bv03 an accepted message was answered with, if any. */
    public Optional<Bv03> answered(String zender, String referentienummer) {
        return find(zender, referentienummer)
                .filter(row -> ACCEPTED.equals(row.state()))
                .map(row -> parse(row.bv03()));
    }

    private record Row(String berichtcode, String contentSha256, String state, String bv03, String deliveryId,
                       Instant updatedAt) {
    }

    private Optional<Row> find(String zender, String referentienummer) {
        return jdbc.queryOne("SELECT berichtcode, content_sha256, state, bv03, delivery_id, updated_at FROM stuf_message"
                + " WHERE zender = ? AND referentienummer = ?", rs -> new Row(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()), zender,
                referentienummer);
    }

    private Bv03 parse(String bv03Xml) {
        try {
            return reader.readBv03(new ByteArrayInputStream(bv03Xml.getBytes(StandardCharsets.UTF_8)));
        } catch (EnvelopeException | IOException e) {
            throw new IllegalStateException("stored Bv03 cannot be read", e);
        }
    }

    private static void requireKey(String zender, String referentienummer) {
        if (zender == null || zender.isBlank() || zender.length() > MAX_ZENDER) {
            throw new IllegalArgumentException("zender organisatie must be 1-" + MAX_ZENDER + " characters");
        }
        if (referentienummer == null || referentienummer.isBlank() || referentienummer.length() > MAX_REFNUMMER) {
            throw new IllegalArgumentException("referentienummer must be 1-" + MAX_REFNUMMER + " characters");
        }
    }
}
