package nl.ggk.hub.http;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a door check may look at before the body is read: the method, the path, headers and query, and the client
 * certificate the TLS handshake verified.
 */
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

    /** The client's certificate, verified against the truststore in the TLS handshake; empty without one. */
    public Optional<X509Certificate> clientCertificate() {
        return clientCertificate(request);
    }

    static Optional<X509Certificate> clientCertificate(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException none) {
            return Optional.empty();
        }
    }

    public boolean multipart() {
        return "multipart/form-data".equals(mediaType());
    }
}
