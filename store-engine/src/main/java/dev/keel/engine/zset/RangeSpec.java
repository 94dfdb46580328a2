package dev.keel.engine.zset;

/**
 * A range of a sorted set as a command gives it, parsed: by indexes (ZRANGE's default), by score
 * ({@link ScoreRange}) or lexicographically ({@link LexRange}). Each becomes a run of ranks by
 * counting, in O(log n), never by walking the set.
 */
interface RangeSpec {

    /** Returns the ranks of {@code set} the range holds. */
    RankSpan ranks(ZSet set);

    /** Redis's {@code start stop} indexes, counted from the highest rank if {@code reverse}. */
    record Indexes(long start, long stop, boolean reverse) implements RangeSpec {
        @Override
        public RankSpan ranks(ZSet set) {
            return RankSpan.ofIndexes(start, stop, set.size(), reverse);
        }
    }
}
