package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The door of /ws/ggk0210: a request is authenticated and its Content-Type and length checked before a byte of its
 * body is read; a refused SOAP caller keeps the HTTP status and gets a SOAP Fault whose detail holds a Fo03.
 */
class WsDoorTest extends HubTestSupport {

    private static final long DOOR_LIMIT = 2L * 1024 * 1024;
    private static final long TWENTY_MB = 20L * 1024 * 1024;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.ws.door.max-bytes", String.valueOf(DOOR_LIMIT));
        return overrides;
    }

    @AfterEach
    void nothingOfARefusedRequestStaysOnDisk() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(incoming()).isEmpty());
    }

    @Test
    void anUnauthenticatedTwentyMegabyteRequestIsRefusedWith401BeforeItsBodyIsSent() throws Exception {
        long started = System.nanoTime();
        // only the head goes out: the answer arrives although the 20 MB body was never sent, so the hub cannot
        // have read (or held) any of it
        RawAnswer answer = raw("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "SOAPAction: \"" + WebServiceTest.DI01_ACTION + "\"\r\nContent-Length: " + TWENTY_MB + "\r\n\r\n");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.head()).containsIgnoringCase("Connection: close")
                .containsIgnoringCase("Content-Type: text/xml");
        Element fo03 = WebServiceTest.faultDetail(answer.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("IB002");
        WebServiceTest.assertValidStuf(fo03);

        RawAnswer wrongKey = raw("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer not-a-key\r\n"
                + "Content-Type: text/xml\r\nContent-Length: " + TWENTY_MB + "\r\n\r\n");
        assertThat(wrongKey.status()).isEqualTo(401);
    }

    @Test
    void anUnauthenticatedClientThatSendsItsTwentyMegabytesAnywayIsCutOffAndTheHeapDoesNotGrowByThem()
            throws Exception {
        long before = usedHeapAfterGc();
        long sent = 0;
        RawAnswer answer;
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nContent-Type: text/xml\r\nContent-Length: "
                    + TWENTY_MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                while (sent < TWENTY_MB) {
                    out.write(chunk);
                    sent += chunk.length;
                }
                out.flush();
            } catch (IOException closedByTheHub) {
                // the hub closes the connection of a refused client soon after its answer
            }
            answer = RawAnswer.read(socket.getInputStream());
        }
        long after = usedHeapAfterGc();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(after - before).as("heap growth in bytes while %d bytes were sent", sent)
                .isLessThan(TWENTY_MB / 2);
    }

    @Test
    void aWrongContentTypeGets415AndATooLargeDeclaredBodyGets413BothWithAFo03() throws Exception {
        RawAnswer wrongType = raw("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0548\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
        RawAnswer tooLarge = raw("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0548\r\n"
                + "Content-Type: text/xml\r\nContent-Length: " + (DOOR_LIMIT + 1) + "\r\n\r\n");

        assertThat(wrongType.status()).isEqualTo(415);
        Element fo03 = WebServiceTest.faultDetail(wrongType.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("IB001");
        assertThat(WebServiceTest.text(fo03, "omschrijving")).contains("text/xml");
        WebServiceTest.assertValidStuf(fo03);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.head()).containsIgnoringCase("Connection: close");
        Element big = WebServiceTest.faultDetail(tooLarge.body());
        assertThat(WebServiceTest.text(big, "code")).isEqualTo("IB003");
        WebServiceTest.assertValidStuf(big);
    }

    @Test
    void aChunkedRequestThatGrowsPastTheLimitIsCutOffWith413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0548\r\n"
                    + "Content-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            try {
                while (sent <= DOOR_LIMIT + chunk.length) {
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
            assertThat(WebServiceTest.text(WebServiceTest.faultDetail(answer.body()), "code")).isEqualTo("IB003");
        }
    }

    @Test
    void anotherMethodThanPostGets405NamingPost() throws Exception {
        RawAnswer answer = raw("GET /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nContent-Length: 0\r\n\r\n");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.head()).containsIgnoringCase("Allow: POST");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private List<String> incoming() throws IOException {
        Path dir = data("store/incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
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
            } catch (IOException reset) {
                // the hub closed the connection of a refused client: what arrived before is the answer
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
