package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.ReferenceFiles;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless input at the HTTP door: every request gets its answer (status + problem+json) before the
 * body is read where it can be refused, nothing of a refused upload stays on disk, what was accepted is kept, and
 * the next valid delivery of another organisation is still served while health stays UP.
 */
class HttpDoorTest extends HubTestSupport {

    private static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final byte[] CSV = "20260701;0599;999990007\n".getBytes(StandardCharsets.UTF_8);
    private static final String DIEMEN = "berichten Diemen – week 48 é.zip";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.intake.max-bytes", String.valueOf(MAX_BYTES));
        return overrides;
    }

    /** After every test: nothing left in store/incoming, health UP, another organisation still served in time. */
    @AfterEach
    void theDoorStillHolds() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(incoming()).isEmpty());
        String id = deliver("0599_WMO_2026H1.csv", "demo-0599", "text/csv", CSV);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0599").get("status").asText(), s -> !s.equals("RECEIVED"));
        // UP (a check may be DOWN for a moment while a consumer reconnects; one that stays DOWN is named)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String health = managementGet("/observe/health");
            assertThat(json(health).get("status").asText()).as(health).isEqualTo("UP");
        });
    }

    @Test
    void anUnauthenticatedUploadOfAHugeDeclaredBodyGets401AtOnceWithoutSendingTheBody() throws IOException {
        long started = System.nanoTime();
        RawAnswer answer = raw("POST /api/v1/deliveries?filename=big.zip HTTP/1.1\r\nHost: hub\r\n"
                + "Content-Type: application/zip\r\nContent-Length: 99614720\r\n\r\n");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.head()).containsIgnoringCase("Connection: close")
                .containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json(answer.body()).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void aDeclaredBodyOverTheLimitGets413AndAnUnacceptedTypeGets415BeforeTheBodyIsSent() throws IOException {
        RawAnswer tooLarge = raw("POST /api/v1/deliveries?filename=big.zip HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: application/zip\r\n"
                + "Content-Length: 209715200\r\n\r\n");
        RawAnswer wrongType = raw("POST /api/v1/deliveries?filename=a.json HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(json(tooLarge.body()).get("title").asText()).isEqualTo("Verzoek te groot");
        assertThat(tooLarge.head()).containsIgnoringCase("Connection: close");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(json(wrongType.body()).get("title").asText()).isEqualTo("Soort inhoud niet ondersteund");
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsCutOffWith413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/deliveries?filename=endless.zip HTTP/1.1\r\nHost: hub\r\n"
                    + "Authorization: Bearer demo-0384\r\nContent-Type: application/zip\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            try {
                while (sent <= MAX_BYTES + chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                out.flush();
            } catch (IOException closedByTheHub) {
                // the hub may close the connection before the last chunk
            }
            RawAnswer answer = RawAnswer.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(json(answer.body()).get("detail").asText()).contains(String.valueOf(MAX_BYTES));
        }
        assertThat(deliveryIdOf("0384", "endless.zip")).isNull();
    }

    @Test
    void aRequestWithNeitherLengthNorChunkedBodyGets411() throws IOException {
        RawAnswer answer = raw("POST /api/v1/deliveries?filename=a.csv HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: text/csv\r\n\r\n");

        assertThat(answer.status()).isEqualTo(411);
        assertThat(json(answer.body()).get("title").asText()).isEqualTo("Lengte ontbreekt");
    }

    @Test
    void aMultipartFormIsOneDeliveryPerFilePartAndTheAnswerListsEveryId() {
        byte[] zip = Zips.zip(Map.of("0384_WMO_2026H1.csv", "x;y\n".getBytes(StandardCharsets.UTF_8)));
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("file1", new Part(DIEMEN, "application/zip", zip));
        parts.put("file2", new Part("0384_JEUGD_2026H1.csv", "text/csv", CSV));
        String boundary = "----ggk" + UUID.randomUUID();

        HttpResponse<String> response = post("/api/v1/deliveries", "demo-0384",
                "multipart/form-data; boundary=" + boundary, multipart(boundary, parts));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode deliveries = json(response.body()).get("deliveries");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).get("filename").asText()).isEqualTo(DIEMEN);
        assertThat(deliveries.get(1).get("filename").asText()).isEqualTo("0384_JEUGD_2026H1.csv");
        for (JsonNode item : deliveries) {
            assertThat(item.get("status").asText()).isEqualTo("RECEIVED");
            JsonNode trace = delivery(item.get("id").asText(), "demo-0384");
            assertThat(trace.get("filename").asText()).isEqualTo(item.get("filename").asText());
            assertThat(trace.get("channel").asText()).isEqualTo("HTTP");
        }
        assertThat(deliveries.get(0).get("id").asText()).isNotEqualTo(deliveries.get(1).get("id").asText());
    }

    @Test
    void aMultipartPartOfAnUnacceptedTypeIsRefusedWith415AndNothingIsDelivered() {
        String boundary = "----ggk" + UUID.randomUUID();
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("file", new Part("script.js", "application/javascript", "alert(1)".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = post("/api/v1/deliveries", "demo-0384",
                "multipart/form-data; boundary=" + boundary, multipart(boundary, parts));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(deliveryIdOf("0384", "script.js")).isNull();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresNothingNew() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/v1/deliveries?filename=0384_SBO_2026H1.csv", "demo-0384", "text/csv",
                CSV, "Idempotency-Key", key);
        HttpResponse<String> retry = post("/api/v1/deliveries?filename=0384_SBO_2026H1.csv", "demo-0384", "text/csv",
                CSV, "Idempotency-Key", key);
        HttpResponse<String> otherSender = post("/api/v1/deliveries?filename=0599_SBO_2026H1.csv", "demo-0599",
                "text/csv", CSV, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(otherSender.statusCode()).isEqualTo(202);
        assertThat(json(otherSender.body()).get("id").asText()).isNotEqualTo(json(first.body()).get("id").asText());
        JsonNode list = json(get("/api/v1/deliveries?organisation=0384&size=200", "demo-0384").body());
        long copies = 0;
        for (JsonNode item : list.get("items")) {
            if (item.get("filename").asText().equals("0384_SBO_2026H1.csv")) {
                copies++;
            }
        }
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void aFileNameAsTheUserWroteItIsRecordedAndShown() {
        String encoded = "berichten%20Diemen%20%E2%80%93%20week%2048%20%C3%A9.zip";
        byte[] zip = Zips.zip(Map.of("0384_WMO_2026H1.csv", "x;y\n".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> extended = post("/api/v1/deliveries", "demo-0384", "application/zip", zip,
                "Content-Disposition", "attachment; filename=\"berichten_Diemen.zip\"; filename*=UTF-8''" + encoded);
        HttpResponse<String> query = post("/api/v1/deliveries?filename=" + encoded, "demo-0384", "application/zip",
                zip);

        for (HttpResponse<String> response : List.of(extended, query)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode trace = delivery(json(response.body()).get("id").asText(), "demo-0384");
            assertThat(trace.get("filename").asText()).isEqualTo(DIEMEN);
        }
    }

    @Test
    void aValidWmo301UnderVeryLongNamesIsForwardedNotFailed() throws IOException {
        String wmo301 = Files.readString(ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/WMO301.xml"));
        String longHttpName = "w".repeat(286) + ".xml";
        String longEntryName = "e".repeat(996) + ".xml";

        // each its own BerichtIdentificatie: a message forwarded before (by any test) is refused as a duplicate
        String single = deliver(longHttpName, "demo-0384", "application/xml",
                withIdentificatie(wmo301, "810000000001"));
        String zipped = deliver("lang.zip", "demo-0384", "application/zip",
                Zips.zip(Map.of(longEntryName, withIdentificatie(wmo301, "810000000002"))));

        JsonNode singleTrace = awaitFinal(single, "demo-0384");
        JsonNode zippedTrace = awaitFinal(zipped, "demo-0384");
        assertThat(singleTrace.get("status").asText()).as(singleTrace.toString()).isEqualTo("FORWARDED");
        assertThat(singleTrace.get("filename").asText()).isEqualTo(longHttpName);
        assertThat(zippedTrace.get("status").asText()).as(zippedTrace.toString()).isEqualTo("FORWARDED");
        // the entry's name is the ZIP splitter's safe form (split/, at most 255 characters), not yet the original
        assertThat(zippedTrace.get("entries").get(0).get("name").asText()).startsWith("eeee").endsWith(".xml");
        try (Stream<Path> outbound = Files.walk(data("outbound"))) {
            assertThat(outbound.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .isNotEmpty().allMatch(name -> name.length() <= 200);
        }
    }

    @Test
    void putDeletePatchOnTheApiAnswer405WithAllowAndAProblem() {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            HttpResponse<String> collection = Http.send(HttpRequest.newBuilder(api("/api/v1/deliveries"))
                    .header("Authorization", "Bearer demo-0384")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
            HttpResponse<String> one = Http.send(HttpRequest.newBuilder(api("/api/v1/deliveries/x"))
                    .header("Authorization", "Bearer demo-0384")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(collection.statusCode()).isEqualTo(405);
            assertThat(collection.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(collection.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(collection.body()).get("status").asInt()).isEqualTo(405);
            assertThat(one.statusCode()).isEqualTo(405);
            assertThat(one.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void everyOtherPathOfTheApiAlsoAnswers405WithItsAllowAndAProblem() {
        Map<String, String> allowOf = new LinkedHashMap<>();
        allowOf.put("/api/v1/outbox", "GET");
        allowOf.put("/api/v1/outbox/x/terugmelding", "POST");
        allowOf.put("/api/v1/optin", "GET, POST");
        allowOf.put("/api/v1/activity", "GET");
        allowOf.put("/api/v1/session", "GET, POST, DELETE");
        allowOf.put("/api/v1/users/x", "PUT");
        allowOf.forEach((path, allow) -> {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(api(path))
                    .header("Authorization", "Bearer demo-0384")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue(allow);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
    }

    @Test
    void aPageFarBeyondTheEndIsEmptyNotAnError() {
        HttpResponse<String> response = get("/api/v1/deliveries?page=2147483647&size=200", "demo-0384");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).get("items")).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static byte[] withIdentificatie(String message, String identificatie) {
        String changed = message.replace("<iwmo:Identificatie>123456789012</iwmo:Identificatie>",
                "<iwmo:Identificatie>" + identificatie + "</iwmo:Identificatie>");
        assertThat(changed).isNotEqualTo(message);
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    private record Part(String filename, String contentType, byte[] content) {
    }

    private static byte[] multipart(String boundary, Map<String, Part> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((field, part) -> {
            // as a browser and curl send it: the name in raw UTF-8
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                    + "\"; filename=\"" + part.filename() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private List<String> incoming() throws IOException {
        try (Stream<Path> files = Files.list(data("store/incoming"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Sends only {@code head} (no body) on a raw connection and reads the answer. */
    private RawAnswer raw(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return RawAnswer.read(socket.getInputStream());
        }
    }

    private record RawAnswer(int status, String head, String body) {
        static RawAnswer read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes.write(buffer, 0, n);
                    String text = bytes.toString(StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0 && complete(text, end)) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 10 s; got: " + bytes.toString(StandardCharsets.UTF_8));
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: " + text).isPositive();
            return new RawAnswer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end),
                    text.substring(end + 4));
        }

        private static boolean complete(String text, int end) {
            String head = text.substring(0, end).toLowerCase();
            int at = head.indexOf("content-length:");
            if (at < 0) {
                return false;
            }
            int lineEnd = head.indexOf("\r\n", at);
            int length = Integer.parseInt(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
            return text.getBytes(StandardCharsets.UTF_8).length - end - 4 >= length;
        }
    }
}
