package nl.ggk.hub.stuf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Decodes base64 handed over in arbitrary character chunks (as StAX reports large text) straight into an
 * {@link OutputStream}, so a 25 MB payload never exists as one String. Whitespace is skipped; anything else
 * outside the base64 alphabet, or data after padding, is refused.
 */
final class Base64StreamDecoder {

    private static final int CHUNK = 16 * 1024; // a multiple of 4: decodes to whole bytes

    private final OutputStream out;
    private final byte[] pending = new byte[CHUNK];
    private int pendingLength;
    private boolean paddingSeen;
    private long decodedBytes;

    Base64StreamDecoder(OutputStream out) {
        this.out = out;
    }

    void feed(char[] chars, int start, int length) throws IOException {
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (paddingSeen && c != '=') {
                throw new IllegalArgumentException("base64 data continues after padding");
            }
            if (c == '=') {
                paddingSeen = true;
            } else if (!isBase64(c)) {
                throw new IllegalArgumentException("character outside the base64 alphabet");
            }
            pending[pendingLength++] = (byte) c;
            if (pendingLength == CHUNK) {
                flush();
            }
        }
    }

    /** @return the number of decoded bytes */
    long finish() throws IOException {
        if (pendingLength % 4 != 0) {
            throw new IllegalArgumentException("base64 data is truncated");
        }
        flush();
        out.flush();
        return decodedBytes;
    }

    private void flush() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        byte[] decoded = Base64.getDecoder().decode(java.util.Arrays.copyOf(pending, pendingLength));
        out.write(decoded);
        decodedBytes += decoded.length;
        pendingLength = 0;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
