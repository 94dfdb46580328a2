package dev.keel.engine.keyspace;

/**
 * The layout of one key's entry: an off-heap block holding the key's metadata, its bytes and,
 * for strings, the value itself.
 *
 * <pre>
 *  0               8               16              24      28      32      36  37  38  40
 *  +---------------+---------------+---------------+-------+-------+-------+---+---+---+----------
 *  | next entry    | expire at     | value         | hash  | key   | clock |typ|enc|rsv| key bytes
 *  | (chain link)  | (epoch ms,    | (handle, or   | (low  | length| (LRU  |   |   |   | [key length]
 *  |               |  0 = never)   |  inline length| 32)   |       |  secs)|   |   |   | inline value
 *  +---------------+---------------+---------------+-------+-------+-------+---+---+---+----------
 * </pre>
 *
 * A string's value is stored inline after the key and the value word holds its length; other
 * types keep a handle to their own structure there. Entries of one bucket are chained through
 * the first word.
 */
public final class EntryDescriptor {
    /** Handle of the next entry in the bucket chain, 0 at the end. */
    public static final int NEXT_OFFSET = 0;
    /** Expiry as Unix epoch milliseconds; 0 means no expiry. */
    public static final int EXPIRE_OFFSET = 8;
    /** The value's handle, or for inline strings the value's length. */
    public static final int VALUE_OFFSET = 16;
    /** The low 32 bits of the key's hash. */
    public static final int HASH_OFFSET = 24;
    /** The key's length in bytes. */
    public static final int KEY_LENGTH_OFFSET = 28;
    /** The access clock: Unix seconds of the last access, truncated to 32 bits. */
    public static final int CLOCK_OFFSET = 32;
    /** The type id (see {@link ValueType}). */
    public static final int TYPE_OFFSET = 36;
    /** The encoding id, meaningful per type. */
    public static final int ENCODING_OFFSET = 37;
    /** Reserved, written as 0. */
    public static final int RESERVED_OFFSET = 38;
    /** Where the key's bytes begin. */
    public static final int KEY_OFFSET = 40;
    /** The fixed header length. */
    public static final int HEADER_LENGTH = KEY_OFFSET;

    private EntryDescriptor() {
    }

    /** Returns the offset of an inline value after a key of {@code keyLength} bytes. */
    public static long inlineValueOffset(int keyLength) {
        return KEY_OFFSET + (long) keyLength;
    }

    /** Returns the entry size for a key of {@code keyLength} bytes and an inline value of {@code valueLength} bytes. */
    public static long entryLength(int keyLength, long valueLength) {
        return HEADER_LENGTH + (long) keyLength + valueLength;
    }
}
