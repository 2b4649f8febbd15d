package nl.ggk.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.store.ContentStore.PayloadTooLargeException;
import org.apache.camel.util.ObjectHelper;

/** Renders refusals as problem documents; anything unexpected becomes a 500 without internals. */
public final class Problems {

    /** An RFC 9457 problem document (application/problem+json), as every refusal of the API is answered. */
    @Schema(name = "Problem", requiredProperties = {"type", "title", "status", "detail"})
    public record Problem(@Schema(example = "about:blank") String type,
                          @Schema(description = "stable per status (Dutch where a person reads it)", example = "Forbidden")
                          String title,
                          @Schema(example = "403") int status,
                          @Schema(description = "what is wrong and what to do, in Dutch where a person reads it")
                          String detail,
                          @Schema(description = "the path of the request", example = "/api/v1/outbox") String instance) {
    }

    /** A refusal or failure as route http-errors answers it: its status and problem document. */
    public record Answer(int status, Map<String, Object> document) {

        /** A failure of the hub's own (5xx): its cause is logged for the operator. */
        public boolean serverFailure() {
            return status >= 500;
        }

        public Object detail() {
            return document.get("detail");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Camel wraps what a bean throws; the refusal that matters may be a few causes deep. */
    public ApiProblemException problemOf(Throwable thrown) {
        ApiProblemException problem = ObjectHelper.getException(ApiProblemException.class, thrown);
        if (problem != null) {
            return problem;
        }
        PayloadTooLargeException tooLarge = ObjectHelper.getException(PayloadTooLargeException.class, thrown);
        if (tooLarge != null) {
            return ApiProblemException.tooLarge("The body is larger than the limit of " + tooLarge.limit() + " bytes.");
        }
        IntakeRejectedException rejected = ObjectHelper.getException(IntakeRejectedException.class, thrown);
        if (rejected != null) {
            return ErrorReasons.NOT_AUTHORISED.equals(rejected.reason())
                    ? ApiProblemException.forbidden(rejected.getMessage())
                    : ApiProblemException.badRequest(rejected.getMessage());
        }
        return new ApiProblemException(503, "Service Unavailable",
                "The hub could not handle the request; nothing was accepted. Try again later.");
    }

    /** The answer to {@code failure} of a request for {@code instance}. */
    public Answer problem(Throwable failure, String instance) {
        Map<String, Object> document = render(failure, instance);
        return new Answer((Integer) document.get("status"), document);
    }

    public Map<String, Object> render(Throwable failure, String instance) {
        ApiProblemException problem = problemOf(failure);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    /** The problem document as JSON text, for an answer written outside a route (the doors on the HTTP port). */
    public String json(Throwable failure, String instance) {
        try {
            return JSON.writeValueAsString(render(failure, instance));
        } catch (JsonProcessingException e) {
            return "{\"status\":" + status(failure) + "}";
        }
    }

    public int status(Throwable failure) {
        return problemOf(failure).status();
    }
}
