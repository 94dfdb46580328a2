package dev.keel.engine.zset;

/**
 * The layout of the header of a tree-encoded sorted set (see {@link ScoreTree}); the key's entry
 * points at it.
 *
 * <pre>
 *  0               8               16      20      24              32              40              48
 *  +---------------+---------------+-------+-------+---------------+---------------+---------------+
 *  | member table  | root node     | height| (0)   | count         | first leaf    | last leaf     |
 *  | (FieldTable   | (0: empty)    | (0:   |       | (members)     |               |               |
 *  |  header)      |               |  leaf)|       |               |               |               |
 *  +---------------+---------------+-------+-------+---------------+---------------+---------------+
 * </pre>
 *
 * The height is the number of inner levels above the leaves: 0 when the root is a leaf.
 */
final class ScoreTreeDescriptor {
    static final int TABLE_OFFSET = 0;
    static final int ROOT_OFFSET = 8;
    static final int HEIGHT_OFFSET = 16;
    static final int COUNT_OFFSET = 24;
    static final int FIRST_LEAF_OFFSET = 32;
    static final int LAST_LEAF_OFFSET = 40;
    static final int LENGTH = 48;

    private ScoreTreeDescriptor() {
    }
}
