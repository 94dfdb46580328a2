package dev.keel.engine.zset;

/**
 * A run of ranks of a sorted set, {@code [start, end)} in ascending order: where a range command's
 * range lies once its bounds are counted (see {@link ZSet#countBelow}).
 *
 * @param start the first rank in the run
 * @param end one past the last rank; at most {@code start} for an empty run
 */
record RankSpan(long start, long end) {
    /** No ranks. */
    static final RankSpan EMPTY = new RankSpan(0, 0);

    /**
     * Returns the ranks of Redis's {@code start stop} indexes (0-based, inclusive, negative ones
     * counting from the end) over a set of {@code size}; {@code reverse} counts them from the
     * highest rank down, as ZREVRANGE does.
     */
    static RankSpan ofIndexes(long start, long stop, long size, boolean reverse) {
        if (start < 0) {
            start += size;
        }
        if (stop < 0) {
            stop += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= size) {
            return EMPTY;
        }
        if (stop >= size) {
            stop = size - 1;
        }
        return reverse ? new RankSpan(size - 1 - stop, size - start) : new RankSpan(start, stop + 1);
    }

    /** Returns how many ranks the run holds. */
    long size() {
        return Math.max(0, end - start);
    }

    /**
     * Returns the run LIMIT {@code offset count} leaves: {@code offset} ranks skipped from the
     * start (from the end if {@code reverse}), then at most {@code count} (all if negative). A
     * negative offset leaves nothing, as in Redis.
     */
    RankSpan limit(long offset, long count, boolean reverse) {
        long size = size();
        if (offset < 0 || offset >= size || count == 0) {
            return EMPTY;
        }
        long kept = count < 0 || count > size - offset ? size - offset : count;
        return reverse ? new RankSpan(end - offset - kept, end - offset) : new RankSpan(start + offset, start + offset + kept);
    }

    /** Visits the run's entries of {@code set}: ascending, or descending if {@code reverse}. */
    void visit(ZSet set, boolean reverse, ZSet.Visitor visitor) {
        long size = size();
        if (size > 0) {
            set.visit(reverse ? end - 1 : start, size, reverse, visitor);
        }
    }
}
