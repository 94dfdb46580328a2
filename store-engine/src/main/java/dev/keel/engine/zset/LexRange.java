package dev.keel.engine.zset;

import dev.keel.engine.command.ErrorText;
import java.util.Arrays;

/**
 * A lexicographic range, {@code min max} as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX take it:
 * each bound {@code [member} (inclusive), {@code (member} (exclusive), {@code -} (below every
 * member) or {@code +} (above every member). Members compare as unsigned bytes; the range is
 * meaningful when all scores are equal, as Redis documents.
 *
 * @param min the lower bound
 * @param max the upper bound
 */
record LexRange(Bound min, Bound max) implements RangeSpec {

    /**
     * One bound.
     *
     * @param member the member, null for {@code -} and {@code +}
     * @param exclusive whether {@code member} itself is outside the range
     * @param infinity -1 for {@code -}, 1 for {@code +}, 0 for a member
     */
    record Bound(byte[] member, boolean exclusive, int infinity) {
        static final Bound MIN = new Bound(null, false, -1);
        static final Bound MAX = new Bound(null, false, 1);

        /**
         * Returns how many members of {@code set} sort below this bound, the first rank past it
         * ({@code upper}: a range's end) or at it (a range's start).
         */
        long rank(ZSet set, boolean upper) {
            if (infinity != 0) {
                return infinity < 0 ? 0 : set.size();
            }
            return set.countBelowLex(member, upper != exclusive);
        }
    }

    /** Parses the bounds, or throws Redis's {@code ERR min or max not valid string range item}. */
    static LexRange parse(byte[] min, byte[] max) {
        Bound low = bound(min);
        Bound high = bound(max);
        if (low == null || high == null) {
            throw ErrorText.of("ERR min or max not valid string range item");
        }
        return new LexRange(low, high);
    }

    private static Bound bound(byte[] arg) {
        if (arg.length == 0) {
            return null;
        }
        return switch (arg[0]) {
            case '[', '(' -> new Bound(Arrays.copyOfRange(arg, 1, arg.length), arg[0] == '(', 0);
            // Redis reads these two as C strings: "+" followed by a NUL byte is "+".
            case '-' -> arg.length == 1 || arg[1] == 0 ? Bound.MIN : null;
            case '+' -> arg.length == 1 || arg[1] == 0 ? Bound.MAX : null;
            default -> null;
        };
    }

    @Override
    public RankSpan ranks(ZSet set) {
        return new RankSpan(min.rank(set, false), max.rank(set, true));
    }
}
