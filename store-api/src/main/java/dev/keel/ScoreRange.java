package dev.keel;

/**
 * A range of scores, as {@code ZCOUNT}, {@code ZRANGEBYSCORE}, {@code ZREMRANGEBYSCORE} and
 * {@code ZRANGE ... BYSCORE} take it: each bound inclusive or exclusive, either may be infinite.
 *
 * <p>A range is always given from its low bound to its high one, whatever the command: the
 * reverse commands ({@code ZREVRANGEBYSCORE}, {@code ZRANGE ... BYSCORE REV}) send the high bound
 * first, as Redis wants. A range whose low bound is above its high one is empty, as in Redis.
 * Bounds are written by {@link Scores#format(double)}: {@code ScoreRange.openClosed(1.5, 3)}
 * is {@code (1.5 3}, {@link #all()} is {@code -inf +inf}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 *
 * @param min the low bound
 * @param minInclusive whether a score equal to {@code min} is in the range
 * @param max the high bound
 * @param maxInclusive whether a score equal to {@code max} is in the range
 */
public record ScoreRange(double min, boolean minInclusive, double max, boolean maxInclusive) {

    /** Every score: {@code -inf +inf}. */
    public static ScoreRange all() {
        return new ScoreRange(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);
    }

    /** {@code min <= score <= max}: {@code min max}. */
    public static ScoreRange closed(double min, double max) {
        return new ScoreRange(min, true, max, true);
    }

    /** {@code min < score < max}: {@code (min (max}. */
    public static ScoreRange open(double min, double max) {
        return new ScoreRange(min, false, max, false);
    }

    /** {@code min <= score < max}: {@code min (max}. */
    public static ScoreRange closedOpen(double min, double max) {
        return new ScoreRange(min, true, max, false);
    }

    /** {@code min < score <= max}: {@code (min max}. */
    public static ScoreRange openClosed(double min, double max) {
        return new ScoreRange(min, false, max, true);
    }

    /** {@code min <= score}: {@code min +inf}. */
    public static ScoreRange atLeast(double min) {
        return new ScoreRange(min, true, Double.POSITIVE_INFINITY, true);
    }

    /** {@code min < score}: {@code (min +inf}. */
    public static ScoreRange greaterThan(double min) {
        return new ScoreRange(min, false, Double.POSITIVE_INFINITY, true);
    }

    /** {@code score <= max}: {@code -inf max}. */
    public static ScoreRange atMost(double max) {
        return new ScoreRange(Double.NEGATIVE_INFINITY, true, max, true);
    }

    /** {@code score < max}: {@code -inf (max}. */
    public static ScoreRange lessThan(double max) {
        return new ScoreRange(Double.NEGATIVE_INFINITY, true, max, false);
    }

    /** Returns the low bound as a command argument: {@code 1.5}, {@code (1.5} or {@code -inf}. */
    public String minToken() {
        return bound(min, minInclusive);
    }

    /** Returns the high bound as a command argument: {@code 3}, {@code (3} or {@code +inf}. */
    public String maxToken() {
        return bound(max, maxInclusive);
    }

    private static String bound(double score, boolean inclusive) {
        return inclusive ? Scores.format(score) : "(" + Scores.format(score);
    }

    /** Returns the bounds as Redis reads them, low first: {@code (1.5 +inf}. */
    @Override
    public String toString() {
        return minToken() + " " + maxToken();
    }
}
