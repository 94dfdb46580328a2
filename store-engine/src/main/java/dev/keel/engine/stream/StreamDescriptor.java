package dev.keel.engine.stream;

/**
 * The layout of a stream's header block (see {@link Stream}); the key's entry points at it.
 *
 * <pre>
 *  0        8        16       24       32       40       48       56       64       72       80
 *  +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *  | length | last   | last   | first  | first  | max    | max    | entries| block  | groups |
 *  | (live  | ID ms  | ID seq | ID ms  | ID seq | deleted| deleted| added  | index  | (0:    |
 *  | entries|        |        |(record-|        | ID ms  | ID seq |        | (IdMap)| none)  |
 *  |  )     |        |        | ed)    |        |        |        |        |        |        |
 *  +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 * </pre>
 *
 * The block index maps each entry block's first ID to the block (see EntryBlockDescriptor);
 * the groups table maps group names to group records (StreamGroupDescriptor).
 */
final class StreamDescriptor {
    static final int LENGTH_OFFSET = 0;
    static final int LAST_MS_OFFSET = 8;
    static final int LAST_SEQ_OFFSET = 16;
    static final int FIRST_MS_OFFSET = 24;
    static final int FIRST_SEQ_OFFSET = 32;
    static final int MAX_DELETED_MS_OFFSET = 40;
    static final int MAX_DELETED_SEQ_OFFSET = 48;
    static final int ENTRIES_ADDED_OFFSET = 56;
    static final int INDEX_OFFSET = 64;
    static final int GROUPS_OFFSET = 72;
    static final int LENGTH = 80;

    private StreamDescriptor() {
    }
}
