package nl.ggk.hub.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;

/**
 * An iWmo/iJw message goes on once: its identity (Header/Afzender, the message type and
 * Header/BerichtIdentificatie/Identificatie) is claimed in the database just before it is sent, and a later
 * entry with the same identity is refused as a duplicate naming the delivery that carried it first. The
 * message type is part of the identity because the iWmo and iJw standards number independently (the official
 * samples WMO301 and JW301 share Afzender and Identificatie). A claim by an entry that FAILED is taken over, so
 * a message that never went out can be sent again. The entries of a batch are claimed in one database
 * transaction: every commit is written to disk before it returns, and one per entry cost more than the send. The
 * claims already held are read in one query and the new ones written in one statement; only what that cannot settle
 * (a message claimed before, twice in one batch, or by another consumer meanwhile) goes entry by entry.
 */
public final class ForwardedMessages {

    /** The identity of an iWmo/iJw message; {@code null} parts mean it has none (then it is never refused). */
    record Identity(String afzender, String functie, String identificatie) {
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Amsterdam"));

    private final Jdbc jdbc;
    private final ContentStore store;
    private final XMLInputFactory xml;

    public ForwardedMessages(DataSource dataSource, ContentStore store) {
        this.jdbc = new Jdbc(dataSource);
        this.store = store;
        this.xml = XMLInputFactory.newFactory();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** The entry itself when it may go on, or the entry refused as a duplicate of the first one that carried it. */
    public EntryMessage claim(EntryMessage entry) throws IOException {
        return claimAll(List.of(entry)).get(0);
    }

    /** The entries of a batch once claimed: those that go on, in order, and those refused as duplicates (GGK020). */
    public record Claimed(List<EntryMessage> send, List<EntryMessage> refused) {
    }

    /** As {@link #claimAll}, the entries that go on apart from those refused. */
    public Claimed claimBatch(List<EntryMessage> entries) throws IOException {
        List<EntryMessage> send = new ArrayList<>();
        List<EntryMessage> refused = new ArrayList<>();
        for (EntryMessage entry : claimAll(entries)) {
            (entry.accepted() ? send : refused).add(entry);
        }
        return new Claimed(send, refused);
    }

    /**
     * Each entry itself when it may go on, or refused as a duplicate of the first one that carried it, in the same
     * order; all claims in one transaction.
     */
    public List<EntryMessage> claimAll(List<EntryMessage> entries) throws IOException {
        List<Optional<Identity>> identities = new ArrayList<>();
        boolean any = false;
        for (EntryMessage entry : entries) {
            Optional<Identity> identity = entry.kind() == Kind.IWMO || entry.kind() == Kind.IJW ? identityOf(entry)
                    : Optional.empty();
            identities.add(identity);
            any |= identity.isPresent();
        }
        if (!any) {
            return entries;
        }
        return jdbc.inTransaction(tx -> {
            Map<Identity, Claim> holders = holders(tx, identities);
            // one statement for the messages nobody claimed yet; the first entry of an identity that occurs twice
            List<Object[]> fresh = new ArrayList<>();
            Set<Identity> claimedNow = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                Optional<Identity> identity = identities.get(i);
                if (identity.isPresent() && !holders.containsKey(identity.get()) && claimedNow.add(identity.get())) {
                    EntryMessage entry = entries.get(i);
                    fresh.add(new Object[] {identity.get().afzender(), identity.get().functie(),
                            identity.get().identificatie(), entry.deliveryId(), entry.index(), entry.receivedAt()});
                }
            }
            boolean allFresh = tx.batchInsertOnce(INSERT, fresh);
            List<EntryMessage> result = new ArrayList<>();
            Set<Identity> taken = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                EntryMessage entry = entries.get(i);
                Optional<Identity> identity = identities.get(i);
                Optional<Claim> first;
                if (identity.isEmpty()) {
                    first = Optional.empty();
                } else if (allFresh && claimedNow.contains(identity.get()) && taken.add(identity.get())) {
                    first = Optional.empty();
                } else {
                    // claimed before, a second entry with the same identity, or another consumer came first: one by one
                    first = claim(tx, identity.get(), entry);
                }
                result.add(first.isEmpty() ? entry : refused(entry, identity.get(), first.get()));
            }
            return result;
        });
    }

    private static final String INSERT = "INSERT INTO forwarded_message (afzender, functie, identificatie, delivery_id,"
            + " entry_index, received_at) VALUES (?,?,?,?,?,?)";

    /**
     * The claims already held for any of {@code identities}, in one query: the identities as a VALUES table joined on
     * the primary key, so each is one index look-up (an IN list on the last key column made H2 read every claim of
     * the same Afzender and message type).
     */
    private static Map<Identity, Claim> holders(Jdbc.Tx tx, List<Optional<Identity>> identities) {
        List<Identity> all = new ArrayList<>(new LinkedHashSet<>(identities.stream().flatMap(Optional::stream)
                .toList()));
        Map<Identity, Claim> holders = new HashMap<>();
        for (int from = 0; from < all.size(); from += MAX_IN) {
            List<Identity> part = all.subList(from, Math.min(all.size(), from + MAX_IN));
            StringBuilder values = new StringBuilder(
                    "(CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)))");
            List<Object> params = new ArrayList<>();
            for (Identity id : part) {
                if (!params.isEmpty()) {
                    values.append(", (?, ?, ?)");
                }
                params.add(id.afzender());
                params.add(id.functie());
                params.add(id.identificatie());
            }
            for (Map.Entry<Identity, Claim> row : tx.query("SELECT f.afzender, f.functie, f.identificatie,"
                    + " f.delivery_id, f.entry_index, f.received_at FROM (VALUES " + values + ") AS wanted (afzender,"
                    + " functie, identificatie) JOIN forwarded_message f ON f.afzender = wanted.afzender"
                    + " AND f.functie = wanted.functie AND f.identificatie = wanted.identificatie",
                    rs -> Map.entry(new Identity(rs.getString(1), rs.getString(2), rs.getString(3)),
                            new Claim(rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant())),
                    params.toArray())) {
                holders.put(row.getKey(), row.getValue());
            }
        }
        return holders;
    }

    /** Identities looked up in one query at most. */
    private static final int MAX_IN = 200;

    private static EntryMessage refused(EntryMessage entry, Identity identity, Claim c) {
        return entry.refused(ErrorReasons.MESSAGE_DUPLICATE, "Eerder ontvangen in levering " + c.deliveryId
                + " van " + SHOWN.format(c.receivedAt) + " (" + identity.functie()
                + ", berichtidentificatie " + identity.identificatie() + ").");
    }

    private record Claim(String deliveryId, int index, Instant receivedAt) {
    }

    /** Empty when this entry holds the claim (now, or from an earlier attempt); else the entry that holds it. */
    private static Optional<Claim> claim(Jdbc.Tx tx, Identity id, EntryMessage entry) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Claim> holder = holder(tx, id);
            if (holder.isPresent()) {
                Claim h = holder.get();
                if (h.deliveryId.equals(entry.deliveryId()) && h.index == entry.index()) {
                    return Optional.empty();
                }
                if (failed(tx, h)) {
                    tx.update("UPDATE forwarded_message SET delivery_id = ?, entry_index = ?, received_at = ?"
                            + " WHERE afzender = ? AND functie = ? AND identificatie = ?", entry.deliveryId(),
                            entry.index(), entry.receivedAt(), id.afzender(), id.functie(), id.identificatie());
                    return Optional.empty();
                }
                return holder;
            }
            // another consumer may claim it between the look-up and the insert: then look again
            if (tx.insertOnce(INSERT, id.afzender(), id.functie(), id.identificatie(), entry.deliveryId(),
                    entry.index(), entry.receivedAt())) {
                return Optional.empty();
            }
        }
        return holder(tx, id);
    }

    private static Optional<Claim> holder(Jdbc.Tx tx, Identity id) {
        return tx.queryOne("SELECT delivery_id, entry_index, received_at FROM forwarded_message WHERE afzender = ?"
                + " AND functie = ? AND identificatie = ?", rs -> new Claim(rs.getString(1), rs.getInt(2),
                rs.getTimestamp(3).toInstant()), id.afzender(), id.functie(), id.identificatie());
    }

    private static boolean failed(Jdbc.Tx tx, Claim claim) {
        return tx.queryOne("SELECT status FROM delivery_entry WHERE delivery_id = ? AND entry_index = ?",
                rs -> rs.getString(1), claim.deliveryId, claim.index).filter("FAILED"::equals).isPresent();
    }

    /** Reads the message's Header up to its BerichtIdentificatie (bare or inside an envelope), nothing more. */
    Optional<Identity> identityOf(EntryMessage entry) throws IOException {
        if (entry.functie() == null || entry.payloadRef() == null) {
            return Optional.empty();
        }
        try (InputStream in = store.open(entry.payloadRef())) {
            XMLStreamReader reader = xml.createXMLStreamReader(in);
            try {
                String afzender = null;
                boolean inIdentificatie = false;
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = reader.getLocalName();
                    if ("Afzender".equals(name) && afzender == null) {
                        afzender = reader.getElementText().strip();
                    } else if ("BerichtIdentificatie".equals(name)) {
                        inIdentificatie = true;
                    } else if (inIdentificatie && "Identificatie".equals(name)) {
                        String identificatie = reader.getElementText().strip();
                        return afzender == null || identificatie.isEmpty() ? Optional.empty()
                                : Optional.of(new Identity(afzender, entry.functie(), identificatie));
                    } else if ("Client".equals(name)) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            // the classifier accepted it as XML; what cannot be read here is simply not recognised as a duplicate
            return Optional.empty();
        }
    }
}
