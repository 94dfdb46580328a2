package dev.keel.engine.zset;

/**
 * The encodings of a sorted set, as stored in its key's entry, and the names OBJECT ENCODING gives
 * them (Redis's: a client that checks for {@code skiplist} sees the scalable encoding by that
 * name, though Keel's is a B+tree with counts).
 */
public final class ZSetEncoding {
    /** One block of (score, member) entries in order (see {@link PackedScores}). */
    public static final byte PACKED = 0;
    /** An ordered index with subtree counts plus a member index (see {@link ScoreTree}). */
    public static final byte TREE = 1;

    private ZSetEncoding() {
    }

    /** Returns the name OBJECT ENCODING answers for {@code encoding}. */
    public static String name(byte encoding) {
        return switch (encoding) {
            case PACKED -> "listpack";
            case TREE -> "skiplist";
            default -> throw new IllegalStateException("corrupt sorted set: unknown encoding " + encoding);
        };
    }
}
