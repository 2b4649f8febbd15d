package nl.ggk.hub.api;

import java.util.LinkedHashMap;
import java.util.Map;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.store.ContentStore.PayloadTooLargeException;

/** Renders refusals as problem documents; anything unexpected becomes a 500 without internals. */
public final class Problems {

    public ApiProblemException problemOf(Throwable thrown) {
        Throwable failure = rootCauseOfInterest(thrown);
        if (failure instanceof ApiProblemException p) {
            return p;
        }
        if (failure instanceof PayloadTooLargeException tooLarge) {
            return ApiProblemException.tooLarge("The body is larger than the limit of " + tooLarge.limit() + " bytes.");
        }
        if (failure instanceof IntakeRejectedException rejected) {
            return "not-authorised".equals(rejected.reason())
                    ? ApiProblemException.forbidden(rejected.getMessage())
                    : ApiProblemException.badRequest(rejected.getMessage());
        }
        return new ApiProblemException(503, "Service Unavailable",
                "The hub could not handle the request; nothing was accepted. Try again later.");
    }

    /** Camel wraps what a bean throws; the refusal that matters may be a few causes deep. */
    private static Throwable rootCauseOfInterest(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApiProblemException || t instanceof PayloadTooLargeException
                    || t instanceof IntakeRejectedException) {
                return t;
            }
        }
        return thrown;
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

    public int status(Throwable failure) {
        return problemOf(failure).status();
    }
}
