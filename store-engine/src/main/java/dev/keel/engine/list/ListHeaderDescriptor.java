package dev.keel.engine.list;

/**
 * The layout of the header of a list in the linked-nodes encoding.
 *
 * <pre>
 *  0               8               16              24              32
 *  +---------------+---------------+---------------+---------------+
 *  | head node     | tail node     | element count | node count    |
 *  +---------------+---------------+---------------+---------------+
 * </pre>
 *
 * A list in the packed encoding has no header: the key's value is its only node.
 */
final class ListHeaderDescriptor {
    static final int HEAD_OFFSET = 0;
    static final int TAIL_OFFSET = 8;
    static final int COUNT_OFFSET = 16;
    static final int NODES_OFFSET = 24;
    static final int LENGTH = 32;

    private ListHeaderDescriptor() {
    }
}
