package dev.keel.engine.hash;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * The layout of a packed hash or set: one block of entries in insertion order.
 *
 * <pre>
 *  0       4       8
 *  +-------+-------+-----------------------------------------+------+
 *  | count | used  | entry | entry | ...                     | free |
 *  +-------+-------+-----------------------------------------+------+
 *                  ^8                                        ^8 + used
 *
 *  entry: +-------------+--------------+----------------+--------------+----------------+
 *         | expire at   | field length | field bytes    | value length | value bytes    |
 *         | (8, only in | varint       | [field length] | varint       | [value length] |
 *         |  listpackex)|              |                |              |                |
 *         +-------------+--------------+----------------+--------------+----------------+
 * </pre>
 *
 * Lengths are unsigned varints, 7 bits a byte, low group first, high bit "more". Only hashes
 * with field expiry use the expiring form (its own encoding id), so other hashes pay nothing for
 * it; a set member's value length is 0.
 */
final class PackedFieldsDescriptor {
    static final int COUNT_OFFSET = 0;
    static final int USED_OFFSET = 4;
    static final int HEADER_LENGTH = 8;
    /** The length of the expiry prefix of an entry in the expiring form. */
    static final int EXPIRE_LENGTH = 8;

    private PackedFieldsDescriptor() {
    }

    /** Returns the bytes of one entry. */
    static long entryLength(int fieldLength, int valueLength, boolean expiring) {
        return (expiring ? EXPIRE_LENGTH : 0) + OffHeapMemory.varintLength(fieldLength) + (long) fieldLength
                + OffHeapMemory.varintLength(valueLength) + valueLength;
    }
}
