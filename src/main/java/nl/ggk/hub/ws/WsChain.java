package nl.ggk.hub.ws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.cbs.messages.CbsMessages.CbsMessage;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.Fo01Request;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.ws.WsDispatcher.Decision;

/**
 * What the chain side sends that is neither a CBS report (cbs-return) nor a municipality's message (intake):
 * <ul>
 *   <li>a {@code Fo01} from CBS or RINIS about a Di01 the hub forwarded: linked by crossRefnummer to the delivery
 *       (table cbs_message), and turned into a Fo01 from the hub to the gemeente that carries CBS's code, plek,
 *       omschrijving and details (crossRefnummer: the referentienummer of the hub's Di01, which track &amp; trace
 *       shows) for its outbox and that of the samenwerkingsverband that delivered;</li>
 *   <li>an iWmo/iJw {@code Di01}/{@code Du01} from a care provider (8-digit AGB zender) to a gemeente: the decoded
 *       payload, as received, for the gemeente's outbox (the iWmo/iJw message itself, which the gemeente's software
 *       imports; the envelope is the transport and stays behind).</li>
 * </ul>
 * {@link #acceptFo01} and {@link #acceptProviderMessage} store what goes to the outbox (forced to disk) before the
 * Bv03; the route then enqueues the {@link ChainMessage} on {@code ggk.ws.chain}, whose consumer writes the items
 * ({@link #outboxItems}) through {@code direct:outbox}. Every name is derived from the message: a redelivery writes
 * and records nothing twice.
 */
public final class WsChain {

    /** A crossRefnummer that names no message the hub sent (config/error-codes.yaml, GGK040). */
    public static final String CROSSREF_UNKNOWN = "crossref-unknown";
    public static final String KIND_FO01 = "FO01";
    public static final String KIND_BERICHT = "BERICHT";
    /** The track &amp; trace event of a Fo01 from the chain side. */
    public static final String EVENT_CBS_FO01 = "CBS_FO01";

    /** A stored chain message, as it travels on {@code ggk.ws.chain}. */
    public record ChainMessage(String kind, String referentienummer, String zender, String berichtcode,
                               String functie, String crossRef, String gemeente, String sender, String deliveryId,
                               Integer entryIndex, String aboutFile, String code, String omschrijving,
                               String payloadRef, String fileName) {
    }

    /** The outbox files of a stored chain message, as route ws-chain writes them. */
    public record ChainItems(ChainMessage message, List<OutboxItem> items) {

        /** A Fo01 of the chain side: an event on the entry, and the forwarded message REJECTED. */
        public boolean fo01() {
            return KIND_FO01.equals(message.kind());
        }

        /** The track &amp; trace line of a Fo01 from the chain side (Dutch: the municipality reads it). */
        public String trackDetail() {
            return "Fo01 van " + message.zender() + ": " + message.code() + " " + message.omschrijving() + " ("
                    + message.fileName() + ")";
        }
    }

    private final ContentStore store;
    private final CbsMessages messages;
    private final OrganisationRegistry registry;
    private final Fo01Writer fo01Writer;
    private final long maxBytes;

    public WsChain(ContentStore store, CbsMessages messages, OrganisationRegistry registry, Fo01Writer fo01Writer,
                   ErrorCodes codes, long maxBytes) {
        this.store = store;
        this.messages = messages;
        this.registry = registry;
        this.fo01Writer = fo01Writer;
        this.maxBytes = maxBytes;
        ErrorCode code = codes.forReason(CROSSREF_UNKNOWN);
        if (code.equals(codes.forReason(ErrorReasons.INTERNAL_ERROR))) {
            throw new IllegalStateException("error-code table " + codes.version() + " has no code for reason "
                    + CROSSREF_UNKNOWN + ", which the web service answers with");
        }
    }

    /**
     * A Fo01 from the chain side: linked to the Di01 it is about, the gemeente's Fo01 rendered and stored.
     *
     * @throws WsRefusal its crossRefnummer names no message the hub sent (nothing stored)
     */
    public ChainMessage acceptFo01(WsEndpoint.Received received) throws IOException, WsRefusal {
        Decision.Process process = (Decision.Process) received.decision();
        Foutbericht fo01 = process.request().fo01();
        CbsMessage about = known(fo01.crossRefnummer());
        String gemeente = about.gemeente();
        ErrorCode theirs = new ErrorCode(fo01.code(), fo01.plek(), ErrorCode.DETAIL_PLACEHOLDER,
                "Fo01 from " + fo01.zender().organisatie());
        Fo01Request request = Fo01Request.of(StufSysteem.organisatie(gemeente), fo01.crossRefnummer(), theirs,
                fo01.omschrijving(), fo01.details(), received.payload());
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        fo01Writer.write(request, out);
        String payloadRef = store.store(new ByteArrayInputStream(out.toByteArray()), maxBytes, true).ref();
        String fileName = "Fo01-" + FileNames.safe(fo01.zender().organisatie()) + "-" + about.deliveryId() + "-"
                + about.entryIndex() + "-" + fo01.referentienummer().substring(0, 8) + ".xml";
        return new ChainMessage(KIND_FO01, fo01.referentienummer(), fo01.zender().organisatie(), fo01.berichtcode(),
                null, fo01.crossRefnummer(), gemeente, about.sender(), about.deliveryId(), about.entryIndex(),
                about.filename(), fo01.code(), fo01.omschrijving(), payloadRef, fileName);
    }

    /** A Du01 from CBS must answer a Di01 the hub sent; {@link WsRefusal} (GGK040) otherwise. */
    public void requireAnswersHubMessage(WsEndpoint.Received received) throws WsRefusal {
        Envelope envelope = ((Decision.Process) received.decision()).request().envelope();
        if (Envelope.DU01.equals(envelope.berichtcode())) {
            known(envelope.crossRefnummer());
        }
    }

    /** A care provider's iWmo/iJw message to a gemeente: its decoded payload stored as received. */
    public ChainMessage acceptProviderMessage(WsEndpoint.Received received) throws IOException {
        Decision.Process process = (Decision.Process) received.decision();
        Envelope envelope = process.request().envelope();
        String payloadRef;
        try (InputStream in = Files.newInputStream(received.payload())) {
            payloadRef = store.store(in, maxBytes, true).ref();
        }
        String zender = envelope.zender().organisatie();
        String prefix = FileNames.safe(envelope.functie()) + "-" + zender + "-" + envelope.referentienummer();
        String fileName = envelope.bestandsnaam() == null ? prefix + ".xml"
                : prefix + "-" + FileNames.safe(envelope.bestandsnaam());
        return new ChainMessage(KIND_BERICHT, envelope.referentienummer(), zender, envelope.berichtcode(),
                envelope.functie(), envelope.crossRefnummer(), envelope.ontvanger().organisatie(), null, null, null,
                null, null, null, payloadRef, fileName);
    }

    /** The outbox files of a stored chain message: the gemeente's, and a delivering samenwerkingsverband's. */
    public ChainItems outboxItems(ChainMessage message) {
        List<String> organisations = new ArrayList<>();
        organisations.add(message.gemeente());
        if (message.sender() != null && !message.sender().equals(message.gemeente())
                && registry.isSamenwerkingsverband(message.sender())) {
            organisations.add(message.sender());
        }
        boolean fo01 = KIND_FO01.equals(message.kind());
        List<OutboxItem> items = new ArrayList<>();
        for (String organisation : organisations) {
            items.add(new OutboxItem(organisation, fo01 ? OutboxKind.FO01 : OutboxKind.BERICHT, message.fileName(),
                    store.path(message.payloadRef()), message.deliveryId(), message.entryIndex(), message.crossRef(),
                    fo01 ? message.aboutFile() : message.functie() + " van " + message.zender(),
                    fo01 ? message.code() : null, fo01 ? message.omschrijving() : null));
        }
        return new ChainItems(message, items);
    }

    /** CBS refused the Di01 after all: its forwarding record says so. */
    public void recordRejected(ChainItems fo01) {
        messages.state(fo01.message().crossRef(), CbsMessages.REJECTED);
    }

    private CbsMessage known(String crossRefnummer) throws WsRefusal {
        Optional<CbsMessage> about = crossRefnummer == null || crossRefnummer.isBlank() ? Optional.empty()
                : messages.byReferentienummer(crossRefnummer);
        if (about.isEmpty()) {
            throw new WsRefusal(CROSSREF_UNKNOWN, "crossRefnummer " + crossRefnummer,
                    "crossRefnummer " + crossRefnummer + " names no message the hub sent");
        }
        return about.get();
    }
}
