package nl.ggk.hub.mirror;

import java.util.Arrays;

/**
 * A set of non-negative ints (open addressing, linear probing) that only counts: distinct clients are counted while a
 * file is read and the set is dropped afterwards. Holds at most {@code limit} values; {@link #full()} tells when one
 * more did not fit (the count is then unknown).
 */
final class IntSet {

    private static final int FREE = -1;

    private final int limit;
    private int[] slots = new int[64];
    private int size;
    private boolean full;

    IntSet(int limit) {
        this.limit = limit;
        Arrays.fill(slots, FREE);
    }

    void add(int value) {
        if (full || value < 0) {
            return;
        }
        int mask = slots.length - 1;
        int i = mix(value) & mask;
        while (slots[i] != FREE) {
            if (slots[i] == value) {
                return;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            full = true;
            slots = new int[0];
            return;
        }
        slots[i] = value;
        size++;
        if (size * 2 > slots.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    boolean full() {
        return full;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, FREE);
        int mask = slots.length - 1;
        for (int value : old) {
            if (value != FREE) {
                int i = mix(value) & mask;
                while (slots[i] != FREE) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }

    private static int mix(int value) {
        int h = value * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
