package nl.ggk.hub.cbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.track.Delivery;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.SplitDelivery;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Bestandsnaam;

/**
 * A gemeente's terugmelding on a spiegelrapport in its outbox ({@code POST /api/v1/outbox/{id}/terugmelding}): the
 * text (and an optional attachment) becomes a file for CBS, a delivery of its own (track &amp; trace) and an entry
 * for the CBS forwarding, which sends it as a Du01 whose crossRefnummer is the referentienummer of the CBS message
 * that carried the report. Its own referentienummer is claimed here, before the answer, and kept on every retry.
 */
public final class Terugmeldingen {

    /** The entry functie that tells the CBS forwarding a terugmelding from a GMSD file. */
    public static final String FUNCTIE = "TERUGMELDING";
    private static final String SHAPE = "{\"tekst\": \"...\", \"bijlage\": {\"bestandsnaam\": \"toelichting.pdf\","
            + " \"inhoud\": \"<base64>\"}} (bijlage optional)";

    /** An accepted terugmelding, as the route records, enqueues and answers it. */
    public record Terugmelding(String deliveryId, String gemeente, String sender, String fileName, String payloadRef,
                               long size, Instant receivedAt, String itemId, String report, String crossRef,
                               String referentienummer) {

        /** The delivery of track &amp; trace (channel API, for the gemeente, by the caller). */
        public Delivery delivery() {
            return new Delivery(deliveryId, gemeente, sender, "API", fileName, payloadRef, size,
                    receivedAt, "RECEIVED");
        }

        /** The entry the CBS forwarding sends (kind CBS, functie TERUGMELDING). */
        public EntryMessage entry() {
            return new EntryMessage(deliveryId, sender, receivedAt, 0, fileName, Kind.CBS, FUNCTIE, payloadRef,
                    payloadRef, false, null, null, deliveryId, fileName, "CBS",
                    new Receipt(deliveryId, gemeente, sender, "API", fileName, payloadRef, size, receivedAt));
        }

        /** The delivery as one classified entry, for track &amp; trace's SPLIT and QUEUED. */
        public SplitDelivery split() {
            // Dutch, the report by its title (the CBS referentienummer it answers is kept in table terugmelding)
            return new SplitDelivery(deliveryId, List.of(entry()), "terugmelding op het " + report, 1);
        }

        public TerugmeldingAccepted answer() {
            return new TerugmeldingAccepted(deliveryId, referentienummer, crossRef, gemeente, fileName, itemId,
                    "RECEIVED", location());
        }

        /** The delivery's track &amp; trace (the Location of the answer). */
        public String location() {
            return "/api/v1/deliveries/" + deliveryId;
        }

        /** Why the entry is FAILED when the broker did not take it (Dutch: the portal shows it). */
        public String notQueued() {
            return "terugmelding niet in de wachtrij voor CBS gezet; stuur hem opnieuw";
        }
    }

    /** The body of POST /api/v1/outbox/{id}/terugmelding. */
    @Schema(requiredProperties = "tekst")
    public record TerugmeldingRequest(
            @Schema(description = "the text for CBS", example = "De aantallen voor categorie 04 kloppen niet.")
            String tekst,
            // read as it came: an attachment that is not an object is refused, not taken for no attachment
            @Schema(implementation = Bijlage.class, nullable = true, description = "optional") JsonNode bijlage) {
    }

    /** An attachment of a terugmelding (its schema; the request keeps it as sent). */
    @Schema(requiredProperties = {"bestandsnaam", "inhoud"})
    public record Bijlage(@Schema(example = "toelichting.pdf", maxLength = 255) String bestandsnaam,
                          @Schema(format = "byte", description = "the file, base64") String inhoud) {
    }

    /** The 202 answer: the delivery that carries the terugmelding and the Du01's referentienummer. */
    public record TerugmeldingAccepted(String deliveryId, String referentienummer, String crossRefnummer,
                                       String organisation, String fileName, String outboxItem,
                                       @Schema(allowableValues = "RECEIVED") String status, String delivery) {
    }

    private final OutboxStore outbox;
    private final TerugmeldingStore store;
    private final CbsMessages messages;
    private final ContentStore content;
    private final OrganisationRegistry registry;
    private final String functie;
    private final int maxTextChars;
    private final long maxAttachmentBytes;
    private final Clock clock;

    public Terugmeldingen(OutboxStore outbox, TerugmeldingStore store, CbsMessages messages, ContentStore content,
                          OrganisationRegistry registry, String functie, int maxTextChars, long maxAttachmentBytes,
                          Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.messages = messages;
        this.content = content;
        this.registry = registry;
        this.functie = functie;
        this.maxTextChars = maxTextChars;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.clock = clock;
    }

    /** The largest request body: the base64 attachment, the text (escaped in JSON at most 6 bytes a char), slack. */
    public long maxBodyBytes() {
        return (maxAttachmentBytes + 2) / 3 * 4 + 6L * maxTextChars + 4096;
    }

    /**
     * Checks the request and accepts it: the file for CBS stored (forced to disk), its CBS message (referentienummer)
     * claimed, the terugmelding recorded. 404 for an item the caller may not read (no hint which), 409 for an item
     * that is not a spiegelrapport, 400/413 for a body that is not a terugmelding.
     */
    public Terugmelding accept(String itemId, String caller, TerugmeldingRequest body) throws IOException {
        return accept(itemId, caller, null, body);
    }

    /** As above; {@code callerName} the person sending it, as the portal names them (header GgkUserName). */
    public Terugmelding accept(String itemId, String caller, String callerName, TerugmeldingRequest body)
            throws IOException {
        OutboxStore.Item item = outbox.find(itemId == null ? "" : itemId)
                .filter(i -> registry.mayReadFor(caller, i.organisation()))
                .orElseThrow(() -> ApiProblemException.notFound("Er is geen outbox-item " + itemId + " voor "
                        + caller + "."));
        if (item.kind() != OutboxKind.SPIEGELRAPPORT) {
            throw new ApiProblemException(409, "Een terugmelding kan alleen op een spiegelrapport;"
                    + " outbox-item " + item.id() + " is een " + shown(item.kind()) + ".");
        }
        if (item.crossRef() == null) {
            throw new ApiProblemException(409, "Van spiegelrapport " + item.fileName() + " is het"
                    + " referentienummer van CBS niet bekend: een terugmelding erop kan CBS niet koppelen.");
        }
        String gemeente = gemeenteOf(item);
        if (!registry.mayActFor(caller, gemeente)) {
            throw ApiProblemException.forbidden(caller + " mag geen terugmelding sturen namens " + gemeente + ".");
        }
        Request request = read(body);

        String deliveryId = UUID.randomUUID().toString();
        String base = "terugmelding-" + gemeente + "-" + deliveryId.substring(0, 8);
        byte[] tekst = request.tekst().getBytes(StandardCharsets.UTF_8);
        String fileName;
        byte[] file;
        if (request.bijlage() == null) {
            fileName = base + ".txt";
            file = tekst;
        } else {
            fileName = base + ".zip";
            file = zip(tekst, request.bijlageNaam(), request.bijlage());
        }
        ContentStore.StoredPayload stored = content.store(new ByteArrayInputStream(file), Long.MAX_VALUE, true);
        Instant now = clock.instant();
        CbsMessages.CbsMessage message = messages.claim(deliveryId, 0, gemeente, caller, fileName, functie);
        store.record(new TerugmeldingStore.Sent(deliveryId, item.id(), gemeente, caller, item.crossRef(), fileName,
                now, callerName));
        return new Terugmelding(deliveryId, gemeente, caller, fileName, stored.ref(), stored.size(), now, item.id(),
                lowerFirst(nl.ggk.hub.outbox.OutboxTitles.title(item)), item.crossRef(),
                message.referentienummer());
    }

    /** For the CBS forwarding: the crossRefnummer of a terugmelding's Du01; null for every other entry. */
    public String crossRefnummer(EntryMessage entry) {
        if (!FUNCTIE.equals(entry.functie()) || entry.kind() != Kind.CBS) {
            return null;
        }
        return store.ofDelivery(entry.deliveryId()).map(TerugmeldingStore.Sent::crossRef).orElseThrow(
                () -> new IllegalStateException("no terugmelding recorded for delivery " + entry.deliveryId()));
    }

    /** The gemeente a report is for: the item's organisation, or for a samenwerkingsverband's copy the member's. */
    private String gemeenteOf(OutboxStore.Item item) {
        if (registry.isGemeente(item.organisation())) {
            return item.organisation();
        }
        return outbox.withCrossRef(item.crossRef()).stream().map(OutboxStore.Item::organisation)
                .filter(registry::isGemeente).findFirst()
                .orElseThrow(() -> new ApiProblemException(409, "Spiegelrapport " + item.fileName()
                        + " hoort bij geen gemeente: stuur de terugmelding vanaf het spiegelrapport van de gemeente."));
    }

    private record Request(String tekst, String bijlageNaam, byte[] bijlage) {
    }

    /** The body as the binding read it (null: not a JSON object; its limit was enforced before it was read). */
    private Request read(TerugmeldingRequest json) {
        if (json == null) {
            throw ApiProblemException.badRequest("De body moet een JSON-object zijn: " + SHAPE + ".");
        }
        String tekst = json.tekst();
        if (tekst == null || tekst.isBlank()) {
            throw ApiProblemException.badRequest("'tekst' is verplicht: de tekst van de terugmelding.");
        }
        if (tekst.length() > maxTextChars) {
            throw ApiProblemException.badRequest("'tekst' mag hoogstens " + maxTextChars + " tekens zijn.");
        }
        JsonNode bijlage = json.bijlage();
        if (bijlage == null || bijlage.isNull()) {
            return new Request(tekst, null, null);
        }
        if (!bijlage.isObject()) {
            throw ApiProblemException.badRequest("'bijlage' moet een object zijn met 'bestandsnaam' en 'inhoud'.");
        }
        JsonNode naam = bijlage.get("bestandsnaam");
        if (naam == null || !naam.isTextual() || naam.asText().isBlank() || naam.asText().length() > 255) {
            throw ApiProblemException.badRequest("'bijlage.bestandsnaam' is verplicht (hoogstens 255 tekens).");
        }
        JsonNode inhoud = bijlage.get("inhoud");
        byte[] decoded;
        try {
            decoded = inhoud == null || !inhoud.isTextual() ? null : Base64.getDecoder().decode(inhoud.asText());
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || decoded.length == 0) {
            throw ApiProblemException.badRequest("'bijlage.inhoud' moet de bijlage zijn, base64-gecodeerd.");
        }
        if (decoded.length > maxAttachmentBytes) {
            throw ApiProblemException.tooLarge("De bijlage is groter dan " + maxAttachmentBytes + " bytes.");
        }
        String safeName;
        try {
            safeName = Bestandsnaam.sanitise(naam.asText());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("'bijlage.bestandsnaam' moet na opschonen minstens "
                    + Bestandsnaam.MIN_LENGTH + " tekens A-Z a-z 0-9 . _ - hebben, zoals toelichting.pdf.");
        }
        return new Request(tekst, safeName, decoded);
    }

    /** {@code terugmelding.txt} and the attachment under its (sanitised) name. */
    private static byte[] zip(byte[] tekst, String bijlageNaam, byte[] bijlage) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bijlage.length + tekst.length + 512);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("terugmelding.txt"));
            zip.write(tekst);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("terugmelding.txt".equals(bijlageNaam) ? "bijlage-" + bijlageNaam
                    : bijlageNaam));
            zip.write(bijlage);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + text.substring(1);
    }

    private static String shown(OutboxKind kind) {
        return switch (kind) {
            case FO01 -> "foutbericht (Fo01)";
            case TECHNISCHE_TERUGKOPPELING_HUB, TECHNISCHE_TERUGKOPPELING_CBS -> "technische terugkoppeling";
            case OP_ORDE -> "op-orde rapport";
            case FOUTRAPPORTAGE -> "foutrapportage";
            case BERICHT -> "bericht";
            case SPIEGELRAPPORT -> "spiegelrapport";
        };
    }
}
