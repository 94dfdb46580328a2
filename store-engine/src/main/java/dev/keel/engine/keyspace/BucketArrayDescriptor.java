package dev.keel.engine.keyspace;

/**
 * The layout of a stripe's bucket array: one 8-byte entry handle per bucket, 0 for an empty one.
 *
 * <pre>
 *  0        8        16             8 * (capacity - 1)
 *  +--------+--------+-- ... --+--------+
 *  | head 0 | head 1 |         | head n |   handle of the first entry of each bucket's chain
 *  +--------+--------+-- ... --+--------+
 * </pre>
 */
public final class BucketArrayDescriptor {
    /** The bytes of one bucket. */
    public static final int SLOT_LENGTH = 8;

    private BucketArrayDescriptor() {
    }

    /** Returns the offset of bucket {@code index}. */
    public static long slotOffset(int index) {
        return (long) SLOT_LENGTH * index;
    }

    /** Returns the bytes of an array of {@code capacity} buckets. */
    public static long length(long capacity) {
        return SLOT_LENGTH * capacity;
    }
}
