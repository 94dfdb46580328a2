package dev.keel.engine.stream;

/**
 * The layout of a block of stream entries, in ID order (see {@link Stream}).
 *
 * <pre>
 *  0       4       8       12      16              24              32
 *  +-------+-------+-------+-------+---------------+---------------+---------------+---------
 *  | count | live  | used  | first | master ID ms  | master ID seq | master fields | entries
 *  | (with |       | bytes | entry |               |               |               | ...
 *  | dead) |       |       | offset|               |               |               |
 *  +-------+-------+-------+-------+---------------+---------------+---------------+---------
 *
 *  master fields: field count (varint), then per field: length (varint), bytes
 *
 *  entry: +-------+-----------------+-----------------+------------------------------------+
 *         | flags | ms - master ms  | seq             | SAME_FIELDS: per master field,     |
 *         | (1)   | (varlong)       | (varlong)       |   value length (varint), bytes     |
 *         |       |                 |                 | else: field count (varint), then   |
 *         |       |                 |                 |   field and value, each length     |
 *         |       |                 |                 |   (varint) and bytes               |
 *         +-------+-----------------+-----------------+------------------------------------+
 * </pre>
 *
 * The master fields are the first entry's field names; an entry with the same names in the same
 * order stores only its values (Redis stores them once per node the same way). A deleted entry
 * keeps its place with the DELETED flag until its whole block goes.
 */
final class EntryBlockDescriptor {
    static final int COUNT_OFFSET = 0;
    static final int LIVE_OFFSET = 4;
    static final int USED_OFFSET = 8;
    static final int ENTRIES_OFFSET = 12;
    static final int MASTER_MS_OFFSET = 16;
    static final int MASTER_SEQ_OFFSET = 24;
    static final int MASTER_FIELDS_OFFSET = 32;

    static final byte DELETED = 1;
    static final byte SAME_FIELDS = 2;

    private EntryBlockDescriptor() {
    }
}
