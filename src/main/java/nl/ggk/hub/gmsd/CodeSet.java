package nl.ggk.hub.gmsd;

import java.util.ArrayList;
import java.util.List;

/**
 * A code list prepared for lookups straight from the parser's character buffer: codes of up to four
 * ASCII characters are packed into an int and found in a small open-addressing table, so checking a
 * field costs a few arithmetic operations instead of comparing it with every code.
 */
final class CodeSet {

    private final int[] table;
    private final int mask;
    private final char[][] longCodes;
    /** Codes of one or two ASCII characters (most code lists) as bits, found without hashing. */
    private final long[] oneChar = new long[2];
    private final long[] twoChars = new long[(128 * 128) / 64];

    CodeSet(List<String> codes) {
        int size = Integer.highestOneBit(Math.max(codes.size(), 1) * 4 - 1) << 1;
        table = new int[size];
        mask = size - 1;
        List<char[]> longer = new ArrayList<>();
        for (String code : codes) {
            int key = key(code.toCharArray(), 0, code.length());
            if (key == 0) {
                longer.add(code.toCharArray());
            } else {
                if (code.length() == 1) {
                    set(oneChar, code.charAt(0));
                } else if (code.length() == 2) {
                    set(twoChars, code.charAt(0) << 7 | code.charAt(1));
                }
                int slot = spread(key) & mask;
                while (table[slot] != 0 && table[slot] != key) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = key;
            }
        }
        longCodes = longer.toArray(new char[0][]);
    }

    boolean isEmpty() {
        if (longCodes.length > 0) {
            return false;
        }
        for (int key : table) {
            if (key != 0) {
                return false;
            }
        }
        return true;
    }

    boolean contains(char[] buf, int off, int len) {
        if (len == 1 && buf[off] < 128) {
            return isSet(oneChar, buf[off]);
        }
        if (len == 2 && (buf[off] | buf[off + 1]) < 128) {
            return isSet(twoChars, buf[off] << 7 | buf[off + 1]);
        }
        int key = key(buf, off, len);
        if (key != 0) {
            int slot = spread(key) & mask;
            while (true) {
                int found = table[slot];
                if (found == key) {
                    return true;
                }
                if (found == 0) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
        }
        for (char[] code : longCodes) {
            if (code.length == len && java.util.Arrays.equals(code, 0, len, buf, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    /** Up to four 7-bit characters plus the length, never 0; 0 when the value does not fit. */
    private static int key(char[] buf, int off, int len) {
        if (len < 1 || len > 4) {
            return 0;
        }
        int key = len;
        for (int i = 0; i < len; i++) {
            char c = buf[off + i];
            if (c >= 128) {
                return 0;
            }
            key = (key << 7) | c;
        }
        return key;
    }

    private static void set(long[] bits, int index) {
        bits[index >>> 6] |= 1L << index;
    }

    private static boolean isSet(long[] bits, int index) {
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    private static int spread(int key) {
        return key * 0x9E3779B1 >>> 16;
    }
}
