package dev.keel.engine.zset;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * The layout of a packed sorted set: one block of entries ordered by score, then member bytes.
 *
 * <pre>
 *  0       4       8
 *  +-------+-------+-----------------------------------------+------+
 *  | count | used  | entry | entry | ...                     | free |
 *  +-------+-------+-----------------------------------------+------+
 *                  ^8                                        ^8 + used
 *
 *  entry: +----------------+---------------+-----------------+
 *         | score          | member length | member bytes    |
 *         | (8, IEEE 754   | varint        | [member length] |
 *         |  double bits)  |               |                 |
 *         +----------------+---------------+-----------------+
 * </pre>
 *
 * The member length is an unsigned varint, 7 bits a byte, low group first, high bit "more".
 */
final class PackedScoresDescriptor {
    static final int COUNT_OFFSET = 0;
    static final int USED_OFFSET = 4;
    static final int HEADER_LENGTH = 8;
    /** The length of an entry's score. */
    static final int SCORE_LENGTH = 8;

    private PackedScoresDescriptor() {
    }

    /** Returns the bytes of one entry. */
    static long entryLength(int memberLength) {
        return SCORE_LENGTH + OffHeapMemory.varintLength(memberLength) + (long) memberLength;
    }
}
