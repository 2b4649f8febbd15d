package nl.ggk.hub.http;

import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;

/**
 * What a door accepts, checked before a byte of the body is read (all but the size, which is checked again while
 * the body streams to disk). {@code check} authenticates and checks the headers; it throws
 * {@link nl.ggk.hub.web.ApiProblemException} to refuse. {@code refusal} writes the answer to a refusal in the
 * door's own language (the web service: a SOAP Fault); null: problem+json.
 */
public record DoorRules(long maxBytes, Set<String> mediaTypes, boolean multipartAccepted, int maxParts,
                        RequestCheck check, RefusalWriter refusal) {

    /** Refuses a request by throwing {@link nl.ggk.hub.web.ApiProblemException}; returns normally to let it in. */
    @FunctionalInterface
    public interface RequestCheck {
        void check(DoorRequest request);
    }

    /** The body and media type of the answer to a refused request; the status stays the problem's. */
    @FunctionalInterface
    public interface RefusalWriter {
        Refusal write(ApiProblemException problem, String path);
    }

    public record Refusal(String contentType, byte[] body) {
    }

    public DoorRules {
        mediaTypes = Set.copyOf(mediaTypes);
    }

    /** A door that answers refusals with problem+json. */
    public DoorRules(long maxBytes, Set<String> mediaTypes, boolean multipartAccepted, int maxParts,
                     RequestCheck check) {
        this(maxBytes, mediaTypes, multipartAccepted, maxParts, check, null);
    }
}
