package nl.ggk.hub.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * The file name of a {@code Content-Disposition} header as RFC 6266 reads it: {@code filename*} (RFC 8187,
 * {@code UTF-8''berichten%20Diemen.zip}) wins over {@code filename}; a quoted or plain {@code filename} whose bytes
 * are UTF-8 is read as UTF-8. HTTP header values reach Java one byte per char (ISO-8859-1), which is why a raw
 * UTF-8 name has to be re-read.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static Optional<String> filename(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String plain = null;
        String extended = null;
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int start = skipSpace(header, i + 1);
            int eq = header.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            String name = header.substring(start, eq).trim().toLowerCase(Locale.ROOT);
            int valueStart = skipSpace(header, eq + 1);
            String value;
            int next;
            if (valueStart < header.length() && header.charAt(valueStart) == '"') {
                StringBuilder quoted = new StringBuilder();
                int j = valueStart + 1;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    quoted.append(c);
                    j++;
                }
                value = quoted.toString();
                next = header.indexOf(';', j);
            } else {
                next = header.indexOf(';', valueStart);
                value = header.substring(valueStart, next < 0 ? header.length() : next).trim();
            }
            if (name.equals("filename*")) {
                extended = decodeExtended(value);
            } else if (name.equals("filename")) {
                plain = utf8IfPossible(value);
            }
            i = next;
        }
        String chosen = extended != null ? extended : plain;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(chosen.strip());
    }

    /** A header value read as ISO-8859-1 whose bytes form valid UTF-8 is a UTF-8 text; otherwise it stays. */
    public static String utf8IfPossible(String latin1) {
        for (int k = 0; k < latin1.length(); k++) {
            if (latin1.charAt(k) > 0xFF) {
                return latin1;
            }
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** RFC 8187 ext-value: {@code charset'language'percent-encoded}; null when it cannot be read. */
    static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first).trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int k = 0; k < encoded.length(); k++) {
            char c = encoded.charAt(k);
            if (c == '%' && k + 2 < encoded.length()) {
                int hi = Character.digit(encoded.charAt(k + 1), 16);
                int lo = Character.digit(encoded.charAt(k + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                k += 2;
            } else if (c == '%') {
                return null;
            } else {
                bytes.write(c & 0xFF);
            }
        }
        try {
            CharBuffer decoded = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int skipSpace(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
