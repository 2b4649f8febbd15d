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
    @Schema(name = "Problem", requiredProperties = {"type", "title", "status", "code", "detail"})
    public record Problem(@Schema(example = "about:blank") String type,
                          @Schema(description = "stable per status, in Dutch (a person reads it)", example = "Geen toegang")
                          String title,
                          @Schema(example = "403") int status,
                          @Schema(description = "stable English code for machines: the status's (bad-request,"
                                  + " unauthorized, forbidden, not-found, ...) or a refusal's own (starting)",
                                  example = "forbidden")
                          String code,
                          @Schema(description = "what is wrong and what to do, in Dutch")
                          String detail,
                          @Schema(description = "the path of the request", example = "/api/v1/outbox") String instance) {
    }

    /** A refusal or failure as route http-errors answers it: its status and problem document. */
    public record Answer(int status, Map<String, Object> document) {

        /** The normal course of things (the portal asking who is logged in): not worth a WARN line. */
        public boolean routine() {
            return Boolean.TRUE.equals(document.get(ROUTINE));
        }

        /** The document as answered: without the internal routine mark. */
        public Map<String, Object> answered() {
            Map<String, Object> copy = new LinkedHashMap<>(document);
            copy.remove(ROUTINE);
            return copy;
        }

        /** A failure of the hub's own (5xx): its cause is logged for the operator. */
        public boolean serverFailure() {
            return status >= 500;
        }

        public Object detail() {
            return document.get("detail");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTINE = "routine";

    /** Camel wraps what a bean throws; the refusal that matters may be a few causes deep. */
    public ApiProblemException problemOf(Throwable thrown) {
        ApiProblemException problem = ObjectHelper.getException(ApiProblemException.class, thrown);
        if (problem != null) {
            return problem;
        }
        PayloadTooLargeException tooLarge = ObjectHelper.getException(PayloadTooLargeException.class, thrown);
        if (tooLarge != null) {
            return ApiProblemException.tooLarge("Het verzoek is groter dan de grens van " + tooLarge.limit() + " bytes.");
        }
        IntakeRejectedException rejected = ObjectHelper.getException(IntakeRejectedException.class, thrown);
        if (rejected != null) {
            return ErrorReasons.NOT_AUTHORISED.equals(rejected.reason())
                    ? ApiProblemException.forbidden(rejected.getMessage())
                    : ApiProblemException.badRequest(rejected.getMessage());
        }
        return new ApiProblemException(503, "De hub kon het verzoek niet afhandelen; er is niets aangenomen. Probeer het later opnieuw.");
    }

    /** The answer to {@code failure} of a request for {@code instance}. */
    public Answer problem(Throwable failure, String instance) {
        Map<String, Object> document = render(failure, instance);
        if (problemOf(failure).isRoutine()) {
            document.put(ROUTINE, Boolean.TRUE);
        }
        return new Answer((Integer) document.get("status"), document);
    }

    public Map<String, Object> render(Throwable failure, String instance) {
        ApiProblemException problem = problemOf(failure);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("code", problem.code());
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
