package nl.ggk.hub.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/** What a door check may look at before the body is read: the method, the path, headers and query. */
public final class DoorRequest {

    private final HttpServerRequest request;

    DoorRequest(HttpServerRequest request) {
        this.request = request;
    }

    public String method() {
        return request.method().name();
    }

    public String path() {
        return request.path();
    }

    public String header(String name) {
        return request.getHeader(name);
    }

    public String query(String name) {
        return request.getParam(name);
    }

    /** The media type of the body, lower case and without parameters; null when none is declared. */
    public String mediaType() {
        String contentType = request.getHeader("Content-Type");
        return contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    public boolean multipart() {
        return "multipart/form-data".equals(mediaType());
    }
}
