package nl.ggk.hub.gmsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Decodes the bytes of a GMSD file for the CSV parser and, on the way, reports what the parser cannot
 * see or must not be given: a BOM, UTF-16, bytes invalid in the declared encoding (with line and byte
 * offset), lines ending in CR alone, and lines longer than the limit. A too-long line is cut at the
 * limit (its line number goes to {@link #longLines()}) so that memory stays bounded whatever the input.
 *
 * <p>Decoding is done here, byte by byte with an ASCII fast path, rather than by a {@code CharsetDecoder}:
 * that way the byte offset of every bad byte is known without a second pass.
 */
final class GuardedReader extends Reader {

    /** A character the parser is told is the quote character; never produced, so quoting is off. */
    static final char NO_QUOTE = '\uFDD0';

    private static final char REPLACEMENT = '\uFFFD';
    private static final char[] WINDOWS_1252_HIGH = buildWindows1252();

    private final InputStream in;
    private final Findings findings;
    private final int maxLineLength;
    private final boolean windows1252Fallback;
    private final ArrayDeque<Long> longLines = new ArrayDeque<>();

    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private long bufStart;

    private long line = 1;
    private long lineStartOffset;
    private int lineChars;
    private boolean skippingLongLine;
    private long longLineBytes;
    private boolean lastWasCr;
    private boolean windows1252;
    private boolean sawMultibyte;
    private boolean started;
    private boolean fatal;
    /** Low surrogate of a supplementary character that did not fit in the caller's buffer. */
    private char pendingLowSurrogate;

    GuardedReader(InputStream in, Findings findings, int maxLineLength, boolean windows1252Fallback,
                  boolean windows1252Only) {
        this.in = in;
        this.findings = findings;
        this.maxLineLength = maxLineLength;
        this.windows1252Fallback = windows1252Fallback;
        this.windows1252 = windows1252Only;
    }

    /** Line numbers of lines cut for being too long, in ascending order; the consumer polls them. */
    ArrayDeque<Long> longLines() {
        return longLines;
    }

    /** True when the file could not be read as text at all (UTF-16); no further checks make sense. */
    boolean fatal() {
        return fatal;
    }

    long bytesRead() {
        return bufStart + pos;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (!started) {
            start();
        }
        if (fatal || len == 0) {
            return fatal ? -1 : 0;
        }
        int n = off;
        final int end = off + len;
        if (pendingLowSurrogate != 0) {
            cbuf[n++] = pendingLowSurrogate;
            pendingLowSurrogate = 0;
        }
        while (n < end) {
            if (pos >= lim && !fill(1)) {
                finishAtEof();
                break;
            }
            if (lastWasCr && buf[pos] != '\n') {
                crOnly();
            }
            if (skippingLongLine) {
                skipRestOfLongLine();
                continue;
            }
            // fast path: printable ASCII up to the line limit
            // as far as the input, the room in cbuf and the line limit allow: the loop tests one thing per byte
            int p = pos;
            int limit = Math.min(lim, p + Math.min(end - n, Math.max(maxLineLength - lineChars, 0)));
            int o = n;
            while (p < limit) {
                byte b = buf[p];
                if (b < 0x20) {
                    break;
                }
                cbuf[o++] = (char) b;
                p++;
            }
            lineChars += p - pos;
            n = o;
            pos = p;
            if (pos >= lim || n >= end) {
                continue;
            }
            if (lineChars >= maxLineLength && buf[pos] != '\n' && buf[pos] != '\r') {
                startLongLine();
                continue;
            }
            int b = buf[pos];
            if (b == '\n' || b == '\r') {
                endOfLine(b == '\r');
                cbuf[n++] = (char) b;
                pos++;
            } else if (b >= 0) {
                // other control characters
                if (b == 0) {
                    invalid(pos, 1, "NUL-teken (0x00); het bestand is mogelijk UTF-16 in plaats van UTF-8");
                    cbuf[n++] = REPLACEMENT;
                } else {
                    cbuf[n++] = (char) b;
                }
                pos++;
                lineChars++;
            } else {
                n += decodeNonAscii(cbuf, n, end);
            }
        }
        int count = n - off;
        return count == 0 && pos >= lim && eof ? -1 : count;
    }

    private void start() throws IOException {
        started = true;
        fill(4);
        int available = lim - pos;
        if (available >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            findings.add(Rule.BOM, new Violation(Rule.BOM.id(), 1, 0, "", "EF BB BF",
                    "Het bestand begint met een UTF-8 byte-order mark (BOM); dat is niet toegestaan."));
            pos = 3;
            lineStartOffset = 3;
        } else if (available >= 2 && (((buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE)
                || ((buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF))) {
            findings.add(Rule.BOM, new Violation(Rule.BOM.id(), 1, 0, "",
                    String.format("%02X %02X", buf[0] & 0xFF, buf[1] & 0xFF),
                    "Het bestand begint met een UTF-16 byte-order mark (BOM)."));
            utf16();
        } else if (available >= 2 && (buf[0] == 0 || buf[1] == 0)) {
            utf16();
        }
    }

    private void utf16() {
        findings.add(Rule.ENCODING, new Violation(Rule.ENCODING.id(), 1, 0, "", "",
                "Het bestand is in UTF-16 gecodeerd; verwacht wordt UTF-8. Het bestand is verder niet gecontroleerd."));
        fatal = true;
    }

    private void endOfLine(boolean cr) {
        if (cr) {
            line++;
            lastWasCr = true;
        } else if (lastWasCr) {
            lastWasCr = false;
        } else {
            line++;
        }
        lineChars = 0;
        lineStartOffset = bufStart + pos + 1;
    }

    private void crOnly() {
        lastWasCr = false;
        long crLine = line - 1;
        findings.add(Rule.CR_REGELEINDE, findings.wantsDetail(Rule.CR_REGELEINDE)
                ? new Violation(Rule.CR_REGELEINDE.id(), crLine, 0, "", "",
                "Regel " + crLine + " eindigt met alleen CR (carriage return) in plaats van CRLF of LF.")
                : null);
    }

    private void startLongLine() {
        skippingLongLine = true;
        longLineBytes = bufStart + pos - lineStartOffset;
        longLines.add(line);
    }

    private void skipRestOfLongLine() {
        int p = pos;
        while (p < lim) {
            byte b = buf[p];
            if (b == '\n' || b == '\r') {
                break;
            }
            p++;
        }
        longLineBytes += p - pos;
        pos = p;
        if (p < lim) {
            reportLongLine();
        }
    }

    private void reportLongLine() {
        skippingLongLine = false;
        findings.add(Rule.REGELLENGTE, findings.wantsDetail(Rule.REGELLENGTE)
                ? new Violation(Rule.REGELLENGTE.id(), line, 0, "", "",
                "Regel is " + longLineBytes + " bytes lang; toegestaan zijn ten hoogste " + maxLineLength
                        + " tekens. De regel is niet verder gecontroleerd.")
                : null);
    }

    private void finishAtEof() {
        if (skippingLongLine) {
            reportLongLine();
        }
        if (lastWasCr) {
            crOnly();
        }
    }

    /** Decodes one character starting at a byte >= 0x80; returns the chars produced (1, or 2 for a pair). */
    private int decodeNonAscii(char[] cbuf, int n, int end) throws IOException {
        if (windows1252) {
            char c = WINDOWS_1252_HIGH[(buf[pos] & 0xFF) - 0x80];
            if (c == 0) {
                invalid(pos, 1, "Byte is geen geldig teken in Windows-1252.");
                c = REPLACEMENT;
            }
            cbuf[n] = c;
            pos++;
            lineChars++;
            return 1;
        }
        if (lim - pos < 4 && !eof) {
            fill(4);
        }
        int lead = buf[pos] & 0xFF;
        int length;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            codePoint = lead & 0x07;
        } else {
            return invalidUtf8(cbuf, n);
        }
        if (lim - pos < length) {
            return invalidUtf8(cbuf, n);
        }
        for (int i = 1; i < length; i++) {
            int next = buf[pos + i] & 0xFF;
            int low = 0x80;
            int high = 0xBF;
            if (i == 1) {
                if (lead == 0xE0) {
                    low = 0xA0;
                } else if (lead == 0xED) {
                    high = 0x9F;
                } else if (lead == 0xF0) {
                    low = 0x90;
                } else if (lead == 0xF4) {
                    high = 0x8F;
                }
            }
            if (next < low || next > high) {
                return invalidUtf8(cbuf, n);
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint >= 0x10000) {
            cbuf[n] = Character.highSurrogate(codePoint);
            pos += length;
            lineChars++;
            sawMultibyte = true;
            if (n + 1 < end) {
                cbuf[n + 1] = Character.lowSurrogate(codePoint);
                return 2;
            }
            pendingLowSurrogate = Character.lowSurrogate(codePoint);
            return 1;
        }
        cbuf[n] = codePoint == NO_QUOTE ? REPLACEMENT : (char) codePoint;
        pos += length;
        lineChars++;
        sawMultibyte = true;
        return 1;
    }

    private int invalidUtf8(char[] cbuf, int n) throws IOException {
        if (windows1252Fallback && !sawMultibyte) {
            // nothing so far needed UTF-8: read the file as Windows-1252 from here on
            windows1252 = true;
            return decodeNonAscii(cbuf, n, n + 1);
        }
        int b = buf[pos] & 0xFF;
        String hint = b >= 0xA0 ? " Dit wijst op Windows-1252 of ISO-8859-1 in plaats van UTF-8." : "";
        invalid(pos, 1, "Byte is geen geldige UTF-8." + hint);
        cbuf[n] = REPLACEMENT;
        pos++;
        lineChars++;
        return 1;
    }

    private void invalid(int at, int length, String explanation) {
        if (!findings.wantsDetail(Rule.ENCODING)) {
            findings.add(Rule.ENCODING, null);
            return;
        }
        long fileOffset = bufStart + at;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", buf[at + i] & 0xFF));
        }
        findings.add(Rule.ENCODING, new Violation(Rule.ENCODING.id(), line, 0, "", hex.toString(),
                explanation + " Positie in de regel: byte " + (fileOffset - lineStartOffset + 1)
                        + "; in het bestand: byte " + fileOffset + "."));
    }

    /** Makes at least {@code wanted} bytes available (fewer at end of input); false when none are left. */
    private boolean fill(int wanted) throws IOException {
        if (lim - pos >= wanted) {
            return true;
        }
        if (pos > 0) {
            int remaining = lim - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            bufStart += pos;
            pos = 0;
            lim = remaining;
        }
        while (!eof && lim - pos < wanted) {
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                eof = true;
            } else {
                lim += read;
                if (lim == buf.length) {
                    break;
                }
            }
        }
        return lim > pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static char[] buildWindows1252() {
        char[] table = new char[128];
        String c1 = "\u20AC\u0000\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u0000\u017D\u0000"
                + "\u0000\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u0000\u017E\u0178";
        for (int i = 0; i < 32; i++) {
            table[i] = c1.charAt(i);
        }
        for (int i = 32; i < 128; i++) {
            table[i] = (char) (0x80 + i);
        }
        return table;
    }
}
