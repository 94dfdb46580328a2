package dev.keel.engine.hash;

/**
 * The layout of the header of a hash table encoded hash or set (see {@link FieldTable}).
 *
 * <pre>
 *  0         8         16        24    28    32    36    40        48        56
 *  +---------+---------+---------+-----+-----+-----+-----+---------+---------+
 *  | count   | buckets | old     | mask| old |rehash| rsv | volatile| next    |
 *  |         | (handle)| buckets |     | mask|index |     | count   | expiry  |
 *  +---------+---------+---------+-----+-----+-----+-----+---------+---------+
 * </pre>
 *
 * The bucket arrays are laid out as the keyspace's ({@code BucketArrayDescriptor}). The old
 * array and its mask are meaningful only while the rehash index is not -1. The next expiry is a
 * lower bound of the earliest field expiry (0 when no field has one).
 */
final class FieldTableDescriptor {
    static final int COUNT_OFFSET = 0;
    static final int TABLE_OFFSET = 8;
    static final int OLD_TABLE_OFFSET = 16;
    static final int MASK_OFFSET = 24;
    static final int OLD_MASK_OFFSET = 28;
    static final int REHASH_INDEX_OFFSET = 32;
    static final int RESERVED_OFFSET = 36;
    static final int VOLATILE_COUNT_OFFSET = 40;
    static final int NEXT_EXPIRY_OFFSET = 48;
    static final int HEADER_LENGTH = 56;

    private FieldTableDescriptor() {
    }
}
