package dev.keel.engine.hash;

/**
 * The layout of one field of a hash table encoded hash or set (see {@link FieldTable}).
 *
 * <pre>
 *  0               8       12      16
 *  +---------------+-------+-------+--------+---------------+----------------+----------------+
 *  | next entry    | hash  | field | value  | expire at     | field bytes    | value bytes    |
 *  | (chain link)  | (low  | length| length | (epoch ms;    | [field length] | [value length] |
 *  |               |  32)  | +flags| (if V) |  only if E)   |                |                |
 *  +---------------+-------+-------+--------+---------------+----------------+----------------+
 * </pre>
 *
 * The top bits of the field length word are flags: E ({@link #EXPIRY_FLAG}) when the entry has
 * the 8-byte expiry slot, V ({@link #VALUE_FLAG}) when it has a value length word. A field that
 * never gets a time to live pays nothing for expiry, and a set member (or an empty value) pays
 * nothing for a value: a member takes a 16-byte header.
 */
final class FieldEntryDescriptor {
    /** Handle of the next entry in the bucket chain, 0 at the end. */
    static final int NEXT_OFFSET = 0;
    /** The low 32 bits of the field's keyed hash. */
    static final int HASH_OFFSET = 8;
    /** The field length, with {@link #EXPIRY_FLAG} and {@link #VALUE_FLAG}. */
    static final int FIELD_LENGTH_OFFSET = 12;
    /** Where the optional words begin: the value length (if V), then the expiry (if E). */
    static final int OPTIONAL_OFFSET = 16;
    /** The bit of the field length word that marks an expiry slot. */
    static final int EXPIRY_FLAG = 1 << 31;
    /** The bit of the field length word that marks a value length word. */
    static final int VALUE_FLAG = 1 << 30;
    /** The bits of the field length word that hold the length. */
    static final int LENGTH_MASK = VALUE_FLAG - 1;

    private FieldEntryDescriptor() {
    }

    /** Returns the offset of the value length word (present only with {@link #VALUE_FLAG}). */
    static int valueLengthOffset() {
        return OPTIONAL_OFFSET;
    }

    /** Returns the offset of the expiry slot of an entry with or without a value length word. */
    static int expireOffset(boolean valueWord) {
        return OPTIONAL_OFFSET + (valueWord ? 4 : 0);
    }

    /** Returns the header length of an entry with the given optional words. */
    static int headerLength(boolean valueWord, boolean expiring) {
        return OPTIONAL_OFFSET + (valueWord ? 4 : 0) + (expiring ? 8 : 0);
    }

    /** Returns where the value begins: after the header and the field. */
    static long valueOffset(int headerLength, int fieldLength) {
        return (long) headerLength + fieldLength;
    }

    /** Returns the length of a new entry: a value length word only for a non-empty value. */
    static long entryLength(int fieldLength, int valueLength, boolean expiring) {
        return (long) headerLength(valueLength != 0, expiring) + fieldLength + valueLength;
    }
}
