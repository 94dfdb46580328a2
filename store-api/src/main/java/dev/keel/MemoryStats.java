package dev.keel;

/**
 * The store's off-heap memory, counted exactly by its allocator.
 *
 * @param usedBytes bytes handed out to keys, values and indexes, counted by the size class they
 *        were served from (as Redis's {@code used_memory} counts allocator sizes)
 * @param reservedBytes bytes taken from the operating system for those allocations
 * @param allocations live allocations
 */
public record MemoryStats(long usedBytes, long reservedBytes, long allocations) {

    /**
     * Returns reserved bytes over used bytes: 1.0 means every reserved byte holds data; a larger
     * value means memory freed by deletes waits in free lists for reuse. 0 when nothing is used.
     */
    public double fragmentationRatio() {
        return usedBytes == 0 ? 0.0 : (double) reservedBytes / usedBytes;
    }
}
