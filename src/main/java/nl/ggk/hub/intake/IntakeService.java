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

    /** {@code organisation} is the gemeente the delivery concerns; null means the sender itself. */
    public record IntakeRequest(String sender, String organisation, String channel, String filename) {
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
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "unknown delivering organisation '" + sender + "'");
        }
        if (organisation == null || organisation.isBlank() || organisation.equals(sender)) {
            return sender;
        }
        if (!registry.mayActFor(sender, organisation)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    sender + " may not deliver for organisation '" + organisation + "'");
        }
        return organisation;
    }

    public Receipt receive(InputStream payload, String sender, String organisation, String channel, String filename)
            throws IOException {
        return receive(payload, new IntakeRequest(sender, organisation, channel, filename));
    }

    public Receipt receive(InputStream payload, IntakeRequest request) throws IOException {
        String organisation = resolveOrganisation(request.sender(), request.organisation());
        // recorded as the user wrote it; every name on disk is derived from it with FileNames.safe
        String filename = FileNames.display(request.filename());
        StoredPayload stored = store.store(payload, maxPayloadBytes);
        if (stored.size() == 0) {
            throw new IntakeRejectedException(ErrorReasons.ZIP_EMPTY, "the delivery '" + filename + "' is empty");
        }
        return new Receipt(UUID.randomUUID().toString(), organisation, request.sender(), request.channel(), filename,
                stored.ref(), stored.size(), clock.instant());
    }
}
