package nl.ggk.hub.intake;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.ContentStore.StoredPayload;
import nl.ggk.hub.errors.ErrorReasons;

/**
 * The one door every channel uses: checks who delivers for whom and stores the payload once (claim check).
 * The receipt is the message from then on: the route records it in track &amp; trace, commits it to the
 * broker as the intake message and only then answers.
 */
public final class IntakeService {

    /**
     * What a door hands the intake: who delivers, for which gemeente ({@code organisation}; null means the sender
     * itself), by which channel, under which name as the user wrote it, and the payload, which the intake opens only
     * once the parties are checked, and closes.
     */
    public record IntakeRequest(String sender, String organisation, String channel, String filename,
                                Payload payload) {
    }

    /** The payload of a delivery, opened by the intake. */
    @FunctionalInterface
    public interface Payload {
        InputStream open() throws IOException;
    }

    public record Receipt(String deliveryId, String organisation, String sender, String channel, String filename,
                          String payloadRef, long size, Instant receivedAt) {
    }

    private final ContentStore store;
    private final OrganisationRegistry registry;
    private final long maxPayloadBytes;
    private final Clock clock;

    public IntakeService(ContentStore store, OrganisationRegistry registry, long maxPayloadBytes) {
        this(store, registry, maxPayloadBytes, Clock.systemUTC());
    }

    public IntakeService(ContentStore store, OrganisationRegistry registry, long maxPayloadBytes, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = clock;
    }

    /** Checks the parties; throws {@link IntakeRejectedException} before any byte is read. */
    public String resolveOrganisation(String sender, String organisation) {
        if (sender == null || !registry.isKnown(sender)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "De aanleverende organisatie '" + sender + "' is onbekend");
        }
        if (organisation == null || organisation.isBlank() || organisation.equals(sender)) {
            return sender;
        }
        if (!registry.mayActFor(sender, organisation)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    "Organisatie " + sender + " mag niet aanleveren voor organisatie '" + organisation + "'");
        }
        return organisation;
    }

    /**
     * The request of a caller that names sender, organisation, channel and file name in headers (route
     * {@code intake-headers}).
     */
    public IntakeRequest request(InputStream payload, String sender, String organisation, String channel,
                                 String filename) {
        return new IntakeRequest(sender, organisation, channel, filename, () -> payload);
    }

    /** Checks the parties, then stores the payload once: the receipt of the new delivery. */
    public Receipt receive(IntakeRequest request) throws IOException {
        String organisation = resolveOrganisation(request.sender(), request.organisation());
        // recorded as the user wrote it; every name on disk is derived from it with FileNames.safe
        String filename = FileNames.display(request.filename());
        StoredPayload stored;
        try (InputStream payload = request.payload().open()) {
            stored = store.store(payload, maxPayloadBytes);
        }
        if (stored.size() == 0) {
            throw new IntakeRejectedException(ErrorReasons.ZIP_EMPTY, "De levering '" + filename + "' is leeg (0 bytes). Lever het volledige bestand opnieuw aan");
        }
        return new Receipt(UUID.randomUUID().toString(), organisation, request.sender(), request.channel(), filename,
                stored.ref(), stored.size(), clock.instant());
    }
}
