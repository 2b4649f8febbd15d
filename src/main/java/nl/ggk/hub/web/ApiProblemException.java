package nl.ggk.hub.web;

/**
 * A request the hub refuses, answered as an RFC 9457 {@code application/problem+json} body with this
 * HTTP status. The title is stable per status; the detail tells the client what to change.
 */
public final class ApiProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ApiProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiProblemException unauthorized(String detail) {
        return new ApiProblemException(401, "Unauthorized", detail);
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(403, "Forbidden", detail);
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(404, "Not Found", detail);
    }

    public static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(400, "Bad Request", detail);
    }

    public static ApiProblemException tooLarge(String detail) {
        return new ApiProblemException(413, "Content Too Large", detail);
    }

    public static ApiProblemException unsupportedMediaType(String detail) {
        return new ApiProblemException(415, "Unsupported Media Type", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
