package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request on its own connection, as a client that sends a body would: the head, then the body in
 * chunks of 64 KiB until it is sent or the server has answered (as curl does), then the answer. The body is
 * generated, so a test can send many 10 MB bodies without holding them.
 */
final class RawHttp {

    private static final byte[] CHUNK = new byte[64 * 1024];

    private RawHttp() {
    }

    /** {@code head} ends with the empty line; then {@code bodyBytes} bytes of body (0: none). */
    static Answer send(int port, String head, long bodyBytes) throws IOException {
        return send(port, head, bodyBytes, 10_000);
    }

    static Answer send(int port, String head, long bodyBytes, int answerTimeoutMs) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(answerTimeoutMs);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long sent = 0;
            try {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                while (sent < bodyBytes && in.available() == 0) {
                    int n = (int) Math.min(CHUNK.length, bodyBytes - sent);
                    out.write(CHUNK, 0, n);
                    sent += n;
                }
                out.flush();
            } catch (IOException closedByTheServer) {
                // the server answered and closed while the body was still going out: read what it said
            }
            return Answer.read(in, sent);
        }
    }

    /** Sends {@code head} and a body of which only {@code sentBytes} go out; the connection stays open (stalled). */
    static Socket stall(int port, String head, int sentBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(new byte[sentBytes]);
        socket.getOutputStream().flush();
        return socket;
    }

    /** The answer on a stalled connection. */
    static Answer answerOn(Socket socket) throws IOException {
        return Answer.read(socket.getInputStream(), -1);
    }

    record Answer(int status, String head, String body, long bodyBytesSent) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        static Answer read(InputStream in, long sent) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes.write(buffer, 0, n);
                    if (complete(bytes.toByteArray())) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer in time; got: " + bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            // ISO-8859-1 keeps one char a byte while the framing is read; the body is UTF-8
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: " + text).isPositive();
            String head = text.substring(0, end);
            String body = text.substring(end + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(text.substring(9, 12)), head,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), sent);
        }

        private static boolean complete(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = text.substring(0, end).toLowerCase(Locale.ROOT);
            int at = head.indexOf("content-length:");
            if (at >= 0) {
                int lineEnd = head.indexOf("\r\n", at);
                long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
                return bytes.length - end - 4 >= length;
            }
            if (head.contains("transfer-encoding: chunked")) {
                return text.endsWith("0\r\n\r\n");
            }
            return false;
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        }
    }
}
