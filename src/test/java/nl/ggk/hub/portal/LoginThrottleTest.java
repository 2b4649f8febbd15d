package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Login throttling per account and per client address: after five failures a delay that doubles (here from 1 s),
 * answered with 429 and Retry-After. Each client connects from its own loopback address (127.0.0.x), so that the
 * account's count and the address's count can be seen apart.
 */
class LoginThrottleTest extends HubTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.portal.login.base-delay-seconds", "1");
        overrides.setProperty("ggk.portal.login.max-delay-seconds", "4");
        return overrides;
    }

    /** An HTTP answer read off the socket: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    @Test
    void afterFiveFailuresOfAnAccountEveryAddressWaitsAGrowingDelay() {
        for (int i = 0; i < 5; i++) {
            Answer wrong = login("127.0.0." + (10 + i), "0547.lezer", "niet-het-wachtwoord");
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        }
        // the right password from a fresh address: the account waits
        Answer throttled = login("127.0.0.20", "0547.lezer", DemoUsers.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsEntry("retry-after", "1");
        assertThat(throttled.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(throttled.body()).contains("Te veel mislukte inlogpogingen");

        // once the delay is over one more failure doubles it
        Answer sixth = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> login("127.0.0.21", "0547.lezer", "nog-steeds-fout"), a -> a.status() != 429);
        assertThat(sixth.status()).isEqualTo(401);
        Answer longer = login("127.0.0.22", "0547.lezer", DemoUsers.PASSWORD);
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.headers()).containsEntry("retry-after", "2");

        Answer in = await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(300))
                .until(() -> login("127.0.0.23", "0547.lezer", DemoUsers.PASSWORD), a -> a.status() != 429);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        // a success clears the account's count
        assertThat(login("127.0.0.24", "0547.lezer", "fout").status()).isEqualTo(401);
        assertThat(login("127.0.0.24", "0547.lezer", DemoUsers.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void afterFiveFailuresFromOneAddressEveryAccountFromThereWaits() {
        for (int i = 0; i < 5; i++) {
            Answer wrong = login("127.0.0.30", "onbekend." + i, "wat-dan-ook");
            assertThat(wrong.status()).isEqualTo(401);
        }
        Answer throttled = login("127.0.0.30", "0546.lezer", DemoUsers.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsKey("retry-after");
        assertThat(login("127.0.0.31", "0546.lezer", DemoUsers.PASSWORD).status()).isEqualTo(200);
    }

    /** POST /api/v1/session over a socket bound to {@code from}: java.net.http on Java 17 cannot choose it. */
    private Answer login(String from, String name, String password) {
        byte[] body = PortalClient.json(Map.of("gebruikersnaam", name, "wachtwoord", password))
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP_PORT
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] header = lines[i].split(":", 2);
            headers.put(header[0].trim().toLowerCase(Locale.ROOT), header[1].trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
