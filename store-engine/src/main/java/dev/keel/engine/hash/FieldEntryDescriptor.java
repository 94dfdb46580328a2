package dev.keel.engine.hash;

/**
 * The layout of one field of a hash table encoded hash or set (see {@link FieldTable}).
 *
 * <pre>
 *  0               8       12      16      20              28
 *  +---------------+-------+-------+-------+---------------+----------------+----------------+
 *  | next entry    | hash  | field | value | expire at     | field bytes    | value bytes    |
 *  | (chain link)  | (low  | length| length| (epoch ms;    | [field length] | [value length] |
 *  |               |  32)  | + flag|       |  only if flag)|                |                |
 *  +---------------+-------+-------+-------+---------------+----------------+----------------+
 * </pre>
 *
 * The top bit of the field length word says whether the entry has the 8-byte expiry slot, so a
 * field that never gets a time to live pays nothing for it. Set members have no value bytes.
 */
final class FieldEntryDescriptor {
    /** Handle of the next entry in the bucket chain, 0 at the end. */
    static final int NEXT_OFFSET = 0;
    /** The low 32 bits of the field's keyed hash. */
    static final int HASH_OFFSET = 8;
    /** The field length, with {@link #EXPIRY_FLAG} set when the entry has an expiry slot. */
    static final int FIELD_LENGTH_OFFSET = 12;
    /** The value length. */
    static final int VALUE_LENGTH_OFFSET = 16;
    /** The expiry slot, present only when flagged: Unix epoch milliseconds, 0 for none. */
    static final int EXPIRE_OFFSET = 20;
    /** The header length of an entry without an expiry slot. */
    static final int HEADER_LENGTH = 20;
    /** The header length of an entry with an expiry slot. */
    static final int EXPIRING_HEADER_LENGTH = 28;
    /** The bit of the field length word that marks an expiry slot. */
    static final int EXPIRY_FLAG = 1 << 31;

    private FieldEntryDescriptor() {
    }

    /** Returns the header length of an entry with or without an expiry slot. */
    static int headerLength(boolean expiring) {
        return expiring ? EXPIRING_HEADER_LENGTH : HEADER_LENGTH;
    }

    /** Returns the length of an entry. */
    static long entryLength(int fieldLength, int valueLength, boolean expiring) {
        return (long) headerLength(expiring) + fieldLength + valueLength;
    }
}
