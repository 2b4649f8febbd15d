package nl.ggk.hub.http;

import java.util.Set;

/**
 * What a door accepts, checked before a byte of the body is read (all but the size, which is checked again while
 * the body streams to disk). {@code check} authenticates and checks the headers; it throws
 * {@link nl.ggk.hub.api.ApiProblemException} to refuse.
 */
public record DoorRules(long maxBytes, Set<String> mediaTypes, boolean multipartAccepted, int maxParts,
                        RequestCheck check) {

    /** Refuses a request by throwing {@link nl.ggk.hub.api.ApiProblemException}; returns normally to let it in. */
    @FunctionalInterface
    public interface RequestCheck {
        void check(DoorRequest request);
    }

    public DoorRules {
        mediaTypes = Set.copyOf(mediaTypes);
    }
}
