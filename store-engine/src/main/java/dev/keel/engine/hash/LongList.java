package dev.keel.engine.hash;

import java.util.Arrays;

/**
 * A growable array of primitive longs, for handles collected during a walk that must not change
 * the structure it walks.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class LongList {
    private long[] values = new long[8];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }
}
