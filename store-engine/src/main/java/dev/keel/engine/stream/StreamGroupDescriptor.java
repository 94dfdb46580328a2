package dev.keel.engine.stream;

/**
 * The layouts of a consumer group's record and of a consumer's record (see {@link StreamGroup}).
 *
 * <pre>
 * Group record
 *  0           8           16          24          32          40      44      48
 *  +-----------+-----------+-----------+-----------+-----------+-------+-------+------------+
 *  | last      | last      | entries   | pending   | consumers | name  | (0)   | name bytes |
 *  | delivered | delivered | read (-1: | entries   | (table:   | length|       |            |
 *  | ms        | seq       | unknown)  | (IdMap)   | name ->   |       |       |            |
 *  |           |           |           |           | consumer) |       |       |            |
 *  +-----------+-----------+-----------+-----------+-----------+-------+-------+------------+
 *  pending entry value: consumer record (8), delivery time (8, epoch ms), delivery count (8)
 *
 * Consumer record
 *  0           8           16          24      28      32
 *  +-----------+-----------+-----------+-------+-------+------------+
 *  | seen time | active    | pending   | name  | (0)   | name bytes |
 *  | (epoch ms)| time (-1: | IDs       | length|       |            |
 *  |           | never)    | (IdMap)   |       |       |            |
 *  +-----------+-----------+-----------+-------+-------+------------+
 * </pre>
 *
 * The group's pending entries and each consumer's pending IDs hold the same IDs: an entry is in
 * the group's map and in its owner's, never another's.
 */
final class StreamGroupDescriptor {
    static final int LAST_MS_OFFSET = 0;
    static final int LAST_SEQ_OFFSET = 8;
    static final int ENTRIES_READ_OFFSET = 16;
    static final int PENDING_OFFSET = 24;
    static final int CONSUMERS_OFFSET = 32;
    static final int NAME_LENGTH_OFFSET = 40;
    static final int NAME_OFFSET = 48;

    static final int SEEN_OFFSET = 0;
    static final int ACTIVE_OFFSET = 8;
    static final int CONSUMER_PENDING_OFFSET = 16;
    static final int CONSUMER_NAME_LENGTH_OFFSET = 24;
    static final int CONSUMER_NAME_OFFSET = 32;

    /** Value words of a group's pending entry. */
    static final int OWNER_WORD = 0;
    static final int DELIVERY_TIME_WORD = 1;
    static final int DELIVERY_COUNT_WORD = 2;

    private StreamGroupDescriptor() {
    }
}
