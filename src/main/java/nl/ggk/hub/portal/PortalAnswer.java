package nl.ggk.hub.portal;

/**
 * An answer of the session API as the route writes it: status, Content-Type, body (the "me" object, which the REST
 * binding writes as JSON; a problem document as JSON text; or none), and the Set-Cookie and Retry-After headers when
 * they apply (null: not sent).
 */
public record PortalAnswer(int status, String contentType, Object body, String setCookie, String retryAfter) {

    public static PortalAnswer ofJson(int status, Object body) {
        return new PortalAnswer(status, "application/json", body, null, null);
    }

    public static PortalAnswer ofProblem(int status, String json) {
        return new PortalAnswer(status, "application/problem+json", json, null, null);
    }

    public PortalAnswer withCookie(String cookie) {
        return new PortalAnswer(status, contentType, body, cookie, retryAfter);
    }

    public PortalAnswer withRetryAfter(long seconds) {
        return new PortalAnswer(status, contentType, body, setCookie, Long.toString(seconds));
    }
}
