package dev.keel.engine.list;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * The layout of a list node: a packed block of entries, linked to its neighbours.
 *
 * <pre>
 *  0               8               16      20      24      28      32
 *  +---------------+---------------+-------+-------+-------+-------+--------------------------+
 *  | previous node | next node     | count | start | end   | rsv   | free | entries | free    |
 *  +---------------+---------------+-------+-------+-------+-------+--------------------------+
 *                                                                   ^start          ^end
 *
 *  entry: +-------------+------------------+--------------------+
 *         | length      | bytes [length]   | length, reversed   |
 *         | varint, LE  |                  | (read backwards)   |
 *         +-------------+------------------+--------------------+
 * </pre>
 *
 * Entries occupy {@code [start, end)}; the free room on either side lets pushes at both ends
 * write in place. The length is written before and after each entry (7 bits a byte, high bit
 * "more"), so the node can be walked in both directions: a 16-byte element takes 18 bytes.
 */
final class ListNodeDescriptor {
    static final int PREVIOUS_OFFSET = 0;
    static final int NEXT_OFFSET = 8;
    static final int COUNT_OFFSET = 16;
    static final int START_OFFSET = 20;
    static final int END_OFFSET = 24;
    static final int RESERVED_OFFSET = 28;
    static final int HEADER_LENGTH = 32;

    private ListNodeDescriptor() {
    }

    /** Returns the bytes an entry holding {@code length} bytes takes. */
    static int entryLength(int length) {
        return length + 2 * OffHeapMemory.varintLength(length);
    }
}
