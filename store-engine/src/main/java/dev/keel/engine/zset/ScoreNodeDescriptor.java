package dev.keel.engine.zset;

/**
 * The layout of the nodes of a tree-encoded sorted set (see {@link ScoreTree}). Both kinds fit a
 * 1 KiB size class of the allocator.
 *
 * <pre>
 * Leaf (1016 bytes)
 *  0       4       8               16              24
 *  +-------+-------+---------------+---------------+-------------------------------+-----
 *  | count | (0)   | previous leaf | next leaf     | slot 0                        | ... slot 61
 *  +-------+-------+---------------+---------------+-------------------------------+-----
 *  slot: +---------------+---------------+
 *        | score (double | member entry  |   the member's bytes are in its member table entry
 *        |  bits)        | (FieldTable)  |
 *        +---------------+---------------+
 *
 * Inner node (1000 bytes)
 *  0       4       8
 *  +-------+-------+-------------------------------------------------------------+-----
 *  | count | (0)   | slot 0                                                      | ... slot 30
 *  +-------+-------+-------------------------------------------------------------+-----
 *  slot: +---------------+---------------+---------------+---------------+
 *        | key score     | key member    | child node    | members under |
 *        |               | entry         |               | the child     |
 *        +---------------+---------------+---------------+---------------+
 * </pre>
 *
 * The key of an inner slot is the smallest (score, member) under its child, so slot 0's key is
 * the smallest under the node; the counts give ranks.
 */
final class ScoreNodeDescriptor {
    static final int COUNT_OFFSET = 0;
    static final int PREVIOUS_OFFSET = 8;
    static final int NEXT_OFFSET = 16;
    static final int LEAF_SLOTS_OFFSET = 24;
    static final int LEAF_SLOT_LENGTH = 16;
    /** Where a leaf slot's score is, from the slot's start. */
    static final int SLOT_SCORE_OFFSET = 0;
    /** Where a leaf slot's member entry is, from the slot's start. */
    static final int SLOT_MEMBER_OFFSET = 8;
    static final int LEAF_CAPACITY = 62;
    static final int LEAF_LENGTH = LEAF_SLOTS_OFFSET + LEAF_CAPACITY * LEAF_SLOT_LENGTH;

    static final int INNER_SLOTS_OFFSET = 8;
    static final int INNER_SLOT_LENGTH = 32;
    static final int KEY_SCORE_OFFSET = 0;
    static final int KEY_MEMBER_OFFSET = 8;
    static final int CHILD_OFFSET = 16;
    static final int CHILD_COUNT_OFFSET = 24;
    static final int INNER_CAPACITY = 31;
    static final int INNER_LENGTH = INNER_SLOTS_OFFSET + INNER_CAPACITY * INNER_SLOT_LENGTH;

    private ScoreNodeDescriptor() {
    }

    /** Returns the offset of leaf slot {@code index}. */
    static long leafSlot(int index) {
        return LEAF_SLOTS_OFFSET + (long) index * LEAF_SLOT_LENGTH;
    }

    /** Returns the offset of inner slot {@code index}. */
    static long innerSlot(int index) {
        return INNER_SLOTS_OFFSET + (long) index * INNER_SLOT_LENGTH;
    }
}
