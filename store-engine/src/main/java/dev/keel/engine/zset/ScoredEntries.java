package dev.keel.engine.zset;

/**
 * What both encodings of a sorted set do: entries (score, member) kept in Redis's order, by score
 * and then by member bytes, with their ranks.
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
interface ScoredEntries {

    /** Returns the number of members. */
    long size();

    /** Returns the score of {@code member}, or NaN if it is absent (a score is never NaN). */
    double score(byte[] member);

    /** Adds {@code member}, which is absent, with {@code score}. */
    void insert(byte[] member, double score);

    /** Moves {@code member}, present with {@code oldScore}, to {@code newScore}. */
    void update(byte[] member, double oldScore, double newScore);

    /** Removes {@code member}, present with {@code score}. */
    void delete(byte[] member, double score);

    /** Returns the 0-based rank of {@code member}, present with {@code score}. */
    long rank(byte[] member, double score);

    /** Returns how many entries have a score below {@code score} (or equal to it, if {@code orEqual}). */
    long countBelow(double score, boolean orEqual);

    /**
     * Returns how many entries have a member below {@code member} in byte order (or equal to it,
     * if {@code orEqual}), searching as if every score were equal (lexicographic ranges are
     * defined only for such sets, as in Redis).
     */
    long countBelowLex(byte[] member, boolean orEqual);

    /**
     * Visits {@code count} entries from rank {@code from}: ascending, or descending ({@code from}
     * is then the highest rank visited). The range must lie within the set.
     */
    void visit(long from, long count, boolean reverse, ZSet.Visitor visitor);

    /** Removes the {@code count} entries from rank {@code from} on; the range lies within the set. */
    void deleteRange(long from, long count);

    /**
     * Visits about {@code count} entries from {@code cursor} on, in an order that survives
     * changes between calls, and returns the next cursor, 0 when done.
     */
    long scan(long cursor, long count, ZSet.Visitor visitor);

    /** Returns the handle the key's entry stores. */
    long root();

    /** Frees every block. */
    void free();
}
