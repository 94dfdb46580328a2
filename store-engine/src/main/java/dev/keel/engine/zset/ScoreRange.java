package dev.keel.engine.zset;

import dev.keel.engine.command.ErrorText;

/**
 * A range of scores, {@code min max} as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE take it: each
 * bound a number (see {@link Scores}; {@code -inf} and {@code +inf} included), exclusive when it
 * starts with {@code (}.
 *
 * @param min the lowest score
 * @param minExclusive whether {@code min} itself is outside the range
 * @param max the highest score
 * @param maxExclusive whether {@code max} itself is outside the range
 */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) implements RangeSpec {

    /** Parses the bounds, or throws Redis's {@code ERR min or max is not a float}. */
    static ScoreRange parse(byte[] min, byte[] max) {
        boolean minExclusive = min.length > 0 && min[0] == '(';
        boolean maxExclusive = max.length > 0 && max[0] == '(';
        double low = Scores.parseBound(min, minExclusive ? 1 : 0);
        double high = Scores.parseBound(max, maxExclusive ? 1 : 0);
        if (Double.isNaN(low) || Double.isNaN(high)) {
            throw ErrorText.of("ERR min or max is not a float");
        }
        return new ScoreRange(low, minExclusive, high, maxExclusive);
    }

    @Override
    public RankSpan ranks(ZSet set) {
        return new RankSpan(set.countBelow(min, minExclusive), set.countBelow(max, !maxExclusive));
    }
}
