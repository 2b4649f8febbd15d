package nl.ggk.hub.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/** The portal's files as the hub serves them at / : what a browser gets, and what nobody gets. */
class PortalPagesTest extends HubTestSupport {

    @Test
    void theStartPageIsServedAtTheRootAsUtf8HtmlWithAPolicyThatAllowsNothingFromAnotherHost() {
        HttpResponse<String> page = fetch("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html").containsIgnoringCase("charset=utf-8"));
        assertThat(page.body()).contains("<html lang=\"nl\"").contains("Direct naar de inhoud");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(PortalPages.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
    }

    @Test
    void stylesAndScriptsHaveTheirContentTypesAndCanBeCached() {
        HttpResponse<String> css = fetch("/css/portal.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age="));
        String etag = css.headers().firstValue("ETag").orElse(null);
        String lastModified = css.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(uri("/css/portal.css"))
                .header("If-Modified-Since", lastModified).GET().build());
        assertThat(again.statusCode()).as("etag %s", etag).isEqualTo(304);

        HttpResponse<String> js = fetch("/js/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).matches("(text|application)/javascript.*"));
    }

    @Test
    void aFolderIsNotListedAndAMissingFileIsNotFound() {
        assertThat(fetch("/js/").statusCode()).isEqualTo(404);
        assertThat(fetch("/js").statusCode()).isIn(301, 302, 404);
        assertThat(fetch("/geen-pagina.html").statusCode()).isEqualTo(404);
    }

    @Test
    void noPathLeadsOutOfThePortalFolder() throws Exception {
        // sent raw: an HTTP client would tidy these paths before they reach the hub
        for (String path : new String[] {"/../application.properties", "/js/../../application.properties",
            "/%2e%2e/application.properties", "/js/%2e%2e/%2e%2e/log4j2.properties", "/..%2flog4j2.properties",
            "/../nl/ggk/hub/GgkHub.class", "/%2e%2e%2fdb/migration"}) {
            String answer = raw(path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200");
            assertThat(answer).as(path).doesNotContain("camel.server", "appender", "CREATE TABLE");
        }
    }

    @Test
    void theApiStillAnswersBesideThePortal() {
        HttpResponse<String> api = fetch("/api/v1/deliveries");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(fetch("/api/v1/openapi.json").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> fetch(String path) {
        return Http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private String raw(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
