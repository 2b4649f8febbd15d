package nl.ggk.hub.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import nl.ggk.hub.testsupport.Http;

/** A portal user's HTTP calls as a browser makes them: the session cookie, and X-CSRF-Token on state changes. */
final class PortalClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The hub's HTTP port, read at each call: the client is made before the class's hub is started. */
    private final IntSupplier port;

    PortalClient(IntSupplier port) {
        this.port = port;
    }

    /** A logged-in user: its cookie header value and CSRF token. */
    record Login(String cookie, String csrf, JsonNode me) {
    }

    HttpResponse<String> login(String name, String password) {
        return send(request("/api/v1/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("gebruikersnaam", name, "wachtwoord", password))))
                .build());
    }

    Login loggedIn(String name, String password) {
        HttpResponse<String> response = login(name, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("login " + name + " gave " + response.statusCode() + ": " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        JsonNode me = read(response.body());
        return new Login(setCookie.split(";", 2)[0], me.get("csrfToken").asText(), me);
    }

    HttpResponse<String> get(String path, Login login, String... headers) {
        HttpRequest.Builder request = request(path).GET();
        if (login != null) {
            request.header("Cookie", login.cookie());
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A state change with the session cookie; {@code csrf} true sends the session's token. */
    HttpResponse<String> change(String method, String path, Login login, boolean csrf, String contentType, String body,
                                String... headers) {
        HttpRequest.Builder request = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            request.header("Cookie", login.cookie());
            if (csrf) {
                request.header("X-CSRF-Token", login.csrf());
            }
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A GET (for GET endpoints) or a state change with the CSRF token: what a well-behaved portal page sends. */
    HttpResponse<String> call(String method, String path, Login login, String body, String... headers) {
        if ("GET".equals(method)) {
            return get(path, login, headers);
        }
        String contentType = body == null ? null : body.startsWith("{") ? "application/json" : "text/csv";
        return change(method, path, login, true, contentType, body, headers);
    }

    HttpResponse<String> withKey(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder request = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        request.header("Authorization", "Bearer " + key);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path)).timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest request) {
        return Http.send(request);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
