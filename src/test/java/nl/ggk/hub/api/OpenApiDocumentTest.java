package nl.ggk.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.cbs.CbsReturns;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/openapi.json describes the API as it answers: it parses without a message (swagger-parser), its server
 * is what a client can use (relative or configured, never the address the hub listens on), it has every endpoint
 * README and docs/api.md name with a schema for every body and problem+json for every error, and real answers of this
 * hub to every endpoint (successes and refusals) fit it: their status is documented, their Content-Type too, and
 * their JSON is valid against the schema (networknt json-schema-validator).
 */
class OpenApiDocumentTest extends HubTestSupport {

    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api/v1/[^ ?`]*)");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CSV = "20260715;0384;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";

    private String document;
    private OpenApiContract contract;

    /** Read once the hub is up (it starts before each test's first use). */
    @BeforeEach
    void readTheDocument() {
        if (contract != null) {
            return;
        }
        HttpResponse<String> response = get("/api/v1/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = response.body();
        contract = new OpenApiContract(document);
    }

    @Test
    void theDocumentParsesAndItsServerIsWhatAClientCanUse() {
        assertThat(contract.parseMessages()).as(document).isEmpty();
        assertThat(contract.openApi().getServers()).extracting(Server::getUrl).containsExactly("/");
        assertThat(document).doesNotContain("0.0.0.0").doesNotContain("127.0.0.1");
    }

    @Test
    void everyEndpointTheDocumentationNamesIsInTheDocument() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        for (String file : List.of("README.md", "docs/api.md")) {
            Matcher m = ENDPOINT.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                String path = m.group(2).replaceAll("\\{[^}]+}", "{id}").replaceAll("/$", "");
                if (!path.equals("/api/v1/openapi.json")) {
                    named.add(m.group(1) + " " + path);
                }
            }
        }
        assertThat(named).as("endpoints named in README.md and docs/api.md").hasSizeGreaterThanOrEqualTo(17);
        List<String> documented = contract.operations().stream()
                .map(op -> op.replaceAll("\\{[^}]+}", "{id}")).toList();
        assertThat(documented).containsAll(named);
        assertThat(documented).contains("POST /api/v1/deliveries");
    }

    @Test
    void everyBodyHasASchemaAndEveryErrorIsProblemJson() {
        List<String> findings = new ArrayList<>();
        contract.openApi().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String name = method + " " + path;
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, media) -> {
                    if (media.getSchema() == null) {
                        findings.add(name + ": request " + type + " without schema");
                    }
                });
            }
            assertThat(op.getResponses()).as(name).isNotEmpty();
            boolean success = false;
            for (Map.Entry<String, ApiResponse> response : op.getResponses().entrySet()) {
                String code = response.getKey();
                Map<String, MediaType> content = response.getValue().getContent();
                if (code.startsWith("2")) {
                    success = true;
                    if (!code.equals("204") && (content == null || content.values().stream()
                            .anyMatch(m -> m.getSchema() == null))) {
                        findings.add(name + " " + code + ": an answer without schema");
                    }
                } else if (code.startsWith("4") || code.startsWith("5")) {
                    if (content == null || !content.keySet().equals(java.util.Set.of("application/problem+json"))
                            || content.get("application/problem+json").getSchema().getProperties() == null
                            || !content.get("application/problem+json").getSchema().getProperties()
                            .keySet().containsAll(List.of("type", "title", "status", "detail"))) {
                        findings.add(name + " " + code + ": not a problem+json answer " + content);
                    }
                } else {
                    findings.add(name + ": response " + code);
                }
            }
            if (!success) {
                findings.add(name + ": no success answer");
            }
            if (!path.equals("/api/v1/session") && !OpenApiContract.declares(op, "header", "Authorization")) {
                findings.add(name + ": Authorization not declared");
            }
        }));
        Operation upload = contract.openApi().getPaths().get("/api/v1/deliveries").getPost();
        assertThat(upload.getRequestBody().getContent()).containsKeys("multipart/form-data", "text/csv",
                "application/zip");
        for (String header : List.of("X-Organisation", "Idempotency-Key", "Content-Disposition")) {
            assertThat(OpenApiContract.declares(upload, "header", header)).as(header).isTrue();
        }
        assertThat(OpenApiContract.declares(upload, "query", "filename")).isTrue();
        assertThat(findings).isEmpty();
    }

    @Test
    void realAnswersOfEveryEndpointFitTheDocument() throws Exception {
        List<String> findings = new ArrayList<>();
        String key = "demo-0384";

        // deliveries: a single body, a form of two files, and the door's refusals
        HttpResponse<byte[]> single = call(findings, "POST", "/api/v1/deliveries?filename=0384_WMO_2026H1.csv", key,
                "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(single.statusCode()).isEqualTo(202);
        String deliveryId = JSON.readTree(single.body()).get("id").asText();
        String boundary = "----ggk" + System.nanoTime();
        byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rommel.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\ndit is geen bericht\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"0384_wmo_2026H1.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + CSV + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(call(findings, "POST", "/api/v1/deliveries", key, "multipart/form-data; boundary=" + boundary, form)
                .statusCode()).isEqualTo(202);
        call(findings, "POST", "/api/v1/deliveries", key, "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        call(findings, "POST", "/api/v1/deliveries?filename=a.csv", null, "text/csv", new byte[] {1});
        call(findings, "POST", "/api/v1/deliveries?filename=a.csv", key, "image/png", new byte[] {1});
        call(findings, "POST", "/api/v1/deliveries?filename=a.csv", key, "text/csv", new byte[] {1},
                "X-Organisation", "0518");

        awaitFinal(deliveryId, key);
        call(findings, "GET", "/api/v1/deliveries/" + deliveryId, key, null, null);
        call(findings, "GET", "/api/v1/deliveries/no-such-delivery", key, null, null);
        call(findings, "GET", "/api/v1/deliveries?organisation=0384&since=2026-01-01T00:00:00Z&filename=wmo&page=0&size=5",
                key, null, null);
        call(findings, "GET", "/api/v1/deliveries?since=gisteren", key, null, null);
        call(findings, "GET", "/api/v1/deliveries?organisation=0518", key, null, null);
        call(findings, "GET", "/api/v1/deliveries", null, null, null);
        call(findings, "GET", "/api/v1/deliveries", "no-such-key", null, null);

        // the outbox: the Fo01s of the form's refused files, a spiegelrapport from CBS
        OutboxStore outbox = context.getRegistry().findSingleByType(OutboxStore.class);
        String fo01 = await().atMost(Duration.ofSeconds(60)).until(() -> outbox.list(List.of("0384"), java.time.Instant.EPOCH, 0, 50)
                .stream().filter(i -> i.kind().name().equals("FO01")).map(OutboxStore.Item::id).findFirst()
                .orElse(null), id -> id != null);
        String report = spiegelrapport();
        call(findings, "GET", "/api/v1/outbox?organisation=0384&since=2026-01-01T00:00:00Z&page=0&size=10", key, null,
                null);
        call(findings, "GET", "/api/v1/outbox?size=veel", key, null, null);
        call(findings, "GET", "/api/v1/outbox?organisation=0518", key, null, null);
        call(findings, "GET", "/api/v1/outbox/" + fo01, key, null, null);
        call(findings, "GET", "/api/v1/outbox/" + report, key, null, null);
        call(findings, "GET", "/api/v1/outbox/no-such-item", key, null, null);

        // terugmelding
        byte[] terugmelding = json(Map.of("tekst", "De aantallen voor categorie 04 kloppen niet.",
                "bijlage", Map.of("bestandsnaam", "toelichting.pdf",
                        "inhoud", Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.UTF_8)))));
        assertThat(call(findings, "POST", "/api/v1/outbox/" + report + "/terugmelding", key, "application/json",
                terugmelding).statusCode()).isEqualTo(202);
        call(findings, "POST", "/api/v1/outbox/" + fo01 + "/terugmelding", key, "application/json", terugmelding);
        call(findings, "POST", "/api/v1/outbox/no-such-item/terugmelding", key, "application/json", terugmelding);
        call(findings, "POST", "/api/v1/outbox/" + report + "/terugmelding", key, "application/json",
                "{\"tekst\": ".getBytes(StandardCharsets.UTF_8));
        call(findings, "POST", "/api/v1/outbox/" + report + "/terugmelding", key, "text/plain",
                "Klopt niet.".getBytes(StandardCharsets.UTF_8));
        call(findings, "POST", "/api/v1/outbox/" + report + "/terugmelding", "demo-0363", "application/json",
                terugmelding);

        // opt-in
        byte[] optin = json(Map.of("organisation", "0384", "year", 2026, "half", 1, "WMO_BASIS", "J",
                "WMO_FACULTATIEF", "N", "JEUGD", "J", "SBO", "J"));
        assertThat(call(findings, "POST", "/api/v1/optin", key, "application/json", optin).statusCode())
                .isEqualTo(202);
        call(findings, "POST", "/api/v1/optin", key, "application/json",
                json(Map.of("organisation", "0384", "year", 2026, "half", 3)));
        call(findings, "POST", "/api/v1/optin", "demo-0518", "application/json", optin);
        call(findings, "POST", "/api/v1/optin", key, "application/json", new byte[40_000]);
        call(findings, "GET", "/api/v1/optin?organisation=0384&year=2026&half=1", key, null, null);
        call(findings, "GET", "/api/v1/optin?organisation=0384&year=2026&half=2", key, null, null);
        call(findings, "GET", "/api/v1/optin?organisation=0384&year=1999&half=1", key, null, null);

        // foutrapportage, activity, berichtenverkeer
        call(findings, "GET", "/api/v1/foutrapportage?organisation=0384&from=2026-01-01&to=2099-12-31&format=csv", key,
                null, null);
        call(findings, "GET", "/api/v1/foutrapportage?format=pdf", key, null, null);
        call(findings, "GET", "/api/v1/foutrapportage?format=xls", key, null, null);
        call(findings, "GET", "/api/v1/foutrapportage?organisation=0518", key, null, null);
        call(findings, "GET", "/api/v1/activity?organisation=0384&page=0&size=20", key, null, null);
        call(findings, "GET", "/api/v1/activity?organisation=0518", key, null, null);
        call(findings, "GET", "/api/v1/berichtenverkeer/download?organisation=0384", key, null, null);
        call(findings, "GET", "/api/v1/berichtenverkeer/download?since=2099-01-01T00:00:00Z", key, null, null);
        call(findings, "GET", "/api/v1/berichtenverkeer/download?organisation=0518", key, null, null);

        // the portal's session and users
        byte[] login = json(Map.of("gebruikersnaam", "0363.beheer", "wachtwoord", "Welkom-demo-2026"));
        HttpResponse<byte[]> loggedIn = call(findings, "POST", "/api/v1/session", null, "application/json", login);
        assertThat(loggedIn.statusCode()).isEqualTo(200);
        String cookie = loggedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = JSON.readTree(loggedIn.body()).get("csrfToken").asText();
        call(findings, "POST", "/api/v1/session", null, "application/json",
                json(Map.of("gebruikersnaam", "0363.beheer", "wachtwoord", "fout")));
        call(findings, "POST", "/api/v1/session", null, "application/json", "geen json".getBytes(StandardCharsets.UTF_8));
        call(findings, "POST", "/api/v1/session", null, "application/json", new byte[5000]);
        call(findings, "GET", "/api/v1/session", null, null, null, "Cookie", cookie);
        call(findings, "GET", "/api/v1/session", null, null, null);

        call(findings, "GET", "/api/v1/users", null, null, null, "Cookie", cookie);
        call(findings, "GET", "/api/v1/users", key, null, null);
        byte[] user = json(Map.of("gebruikersnaam", "0363.contract", "naam", "Contract Test",
                "rollen", List.of("cbs-lezer"), "wachtwoord", "Een-lang-wachtwoord-1"));
        HttpResponse<byte[]> created = call(findings, "POST", "/api/v1/users", null, "application/json", user,
                "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(created.statusCode()).isEqualTo(201);
        String userId = JSON.readTree(created.body()).get("id").asText();
        call(findings, "POST", "/api/v1/users", null, "application/json", user, "Cookie", cookie, "X-CSRF-Token", csrf);
        call(findings, "POST", "/api/v1/users", null, "application/json", user, "Cookie", cookie);
        byte[] change = json(Map.of("naam", "Contract Test", "rollen", List.of("cbs-lezer", "cbs-aanleveraar"),
                "actief", true));
        call(findings, "PUT", "/api/v1/users/" + userId, null, "application/json", change, "Cookie", cookie,
                "X-CSRF-Token", csrf);
        call(findings, "PUT", "/api/v1/users/no-such-user", null, "application/json", change, "Cookie", cookie,
                "X-CSRF-Token", csrf);
        call(findings, "PUT", "/api/v1/users/" + userId, null, "application/json",
                json(Map.of("naam", "x", "rollen", List.of("baas"), "actief", true)), "Cookie", cookie,
                "X-CSRF-Token", csrf);
        call(findings, "POST", "/api/v1/users/" + userId + "/wachtwoord", null, "application/json",
                json(Map.of("wachtwoord", "Nog-een-lang-wachtwoord")), "Cookie", cookie, "X-CSRF-Token", csrf);
        call(findings, "POST", "/api/v1/users/" + userId + "/wachtwoord", null, "application/json",
                json(Map.of("wachtwoord", "kort")), "Cookie", cookie, "X-CSRF-Token", csrf);

        call(findings, "DELETE", "/api/v1/session", null, null, null, "Cookie", cookie);
        call(findings, "DELETE", "/api/v1/session", null, null, null, "Cookie", cookie, "X-CSRF-Token", csrf);

        assertThat(findings).as("answers that do not fit the document").isEmpty();
        // every documented answer that a client meets in normal use was seen at least once
        assertThat(contract.checked()).contains("POST /api/v1/deliveries 202", "GET /api/v1/deliveries/{id} 200",
                "GET /api/v1/outbox/{id} 200", "POST /api/v1/outbox/{id}/terugmelding 202", "POST /api/v1/optin 202",
                "GET /api/v1/foutrapportage 200", "GET /api/v1/berichtenverkeer/download 200",
                "POST /api/v1/session 200", "POST /api/v1/users 201", "POST /api/v1/users/{id}/wachtwoord 204",
                "DELETE /api/v1/session 204", "POST /api/v1/deliveries 415", "POST /api/v1/session 413");
    }

    /** A spiegelrapport for 0384 in its outbox, as CBS returns one; its item id. */
    private String spiegelrapport() throws Exception {
        String reportRef = StufIds.newReferentienummer();
        String ref = context.getRegistry().findSingleByType(ContentStore.class)
                .store(new ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))).ref();
        context.createProducerTemplate().sendBody("activemq6:queue:ggk.cbs.return", JSON.writeValueAsString(
                new CbsReturns.ReturnMessage(reportRef, null, "Di01", "CBS", "0384", "spiegelrapport-0384.pdf",
                        "Dummy", ref, null, null, null, null)));
        OutboxStore outbox = context.getRegistry().findSingleByType(OutboxStore.class);
        return await().atMost(Duration.ofSeconds(30)).until(() -> outbox.withCrossRef(reportRef).stream()
                .map(OutboxStore.Item::id).findFirst().orElse(null), id -> id != null);
    }

    private HttpResponse<byte[]> call(List<String> findings, String method, String uri, String apiKey,
                                      String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + uri))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        findings.addAll(contract.check(method, uri, response));
        return response;
    }

    private static byte[] json(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }
}
