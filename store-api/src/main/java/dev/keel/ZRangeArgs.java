package dev.keel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@code ZRANGE} and {@code ZRANGESTORE} select: a range of ranks, of scores
 * ({@code BYSCORE}) or of members ({@code BYLEX}), optionally reversed ({@code REV}) and paged
 * ({@code LIMIT offset count}). {@code WITHSCORES} is not an option here but its own method,
 * {@link Commands#zrangeWithscores(Object, ZRangeArgs)}, since it changes the reply.
 *
 * <p>{@code ZRangeArgs.byScore(ScoreRange.atLeast(10)).withRev().withLimit(0, 3)} is
 * {@code ZRANGE key +inf 10 BYSCORE REV LIMIT 0 3}: the three highest scores from 10 up. Score
 * and lex ranges are given low to high; with {@code REV} the command line carries them high to
 * low, as Redis wants. A rank range is sent as it is (with {@code REV}, rank 0 is the highest
 * score). {@code LIMIT} with a rank range is sent too, and refused by the store with Redis's own
 * error.
 *
 * <p><b>Thread safety:</b> immutable if its lex range is; safe for concurrent use then.
 *
 * @param <V> the member type
 */
public final class ZRangeArgs<V> {
    private final long start;
    private final long stop;
    private final ScoreRange scores;
    private final LexRange<V> members;
    private final boolean rev;
    private final long[] limit;

    private ZRangeArgs(long start, long stop, ScoreRange scores, LexRange<V> members, boolean rev, long[] limit) {
        this.start = start;
        this.stop = stop;
        this.scores = scores;
        this.members = members;
        this.rev = rev;
        this.limit = limit;
    }

    /** Ranks {@code start} to {@code stop}, inclusive, negative ranks from the end: {@code ZRANGE key start stop}. */
    public static <V> ZRangeArgs<V> byRank(long start, long stop) {
        return new ZRangeArgs<>(start, stop, null, null, false, null);
    }

    /** The scores in {@code range}: {@code ZRANGE key min max BYSCORE}. */
    public static <V> ZRangeArgs<V> byScore(ScoreRange range) {
        return new ZRangeArgs<>(0, 0, Objects.requireNonNull(range, "range"), null, false, null);
    }

    /** The members in {@code range}: {@code ZRANGE key min max BYLEX}. */
    public static <V> ZRangeArgs<V> byLex(LexRange<V> range) {
        return new ZRangeArgs<>(0, 0, null, Objects.requireNonNull(range, "range"), false, null);
    }

    /** Returns this selection with {@code REV}: highest scores (or last members) first. */
    public ZRangeArgs<V> withRev() {
        return new ZRangeArgs<>(start, stop, scores, members, true, limit);
    }

    /** Returns this selection with {@code LIMIT offset count}: skip {@code offset}, then at most {@code count} (negative: all). */
    public ZRangeArgs<V> withLimit(long offset, long count) {
        return new ZRangeArgs<>(start, stop, scores, members, rev, new long[] {offset, count});
    }

    /**
     * Returns the arguments after the key (after source, for {@code ZRANGESTORE}): start and stop,
     * {@code BYSCORE} or {@code BYLEX}, {@code REV}, {@code LIMIT}; lex bounds are encoded by
     * {@code encoder}.
     */
    public List<byte[]> arguments(Function<? super V, byte[]> encoder) {
        List<byte[]> arguments = new ArrayList<>(7);
        if (scores != null) {
            arguments.add(ascii(rev ? scores.maxToken() : scores.minToken()));
            arguments.add(ascii(rev ? scores.minToken() : scores.maxToken()));
            arguments.add(ascii("BYSCORE"));
        } else if (members != null) {
            arguments.add(rev ? members.maxArgument(encoder) : members.minArgument(encoder));
            arguments.add(rev ? members.minArgument(encoder) : members.maxArgument(encoder));
            arguments.add(ascii("BYLEX"));
        } else {
            arguments.add(ascii(Long.toString(start)));
            arguments.add(ascii(Long.toString(stop)));
        }
        if (rev) {
            arguments.add(ascii("REV"));
        }
        if (limit != null) {
            arguments.add(ascii("LIMIT"));
            arguments.add(ascii(Long.toString(limit[0])));
            arguments.add(ascii(Long.toString(limit[1])));
        }
        return arguments;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the arguments as Redis reads them, lex members as their {@code toString()}. */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        for (byte[] argument : arguments(member -> String.valueOf(member).getBytes(StandardCharsets.UTF_8))) {
            words.add(new String(argument, StandardCharsets.UTF_8));
        }
        return String.join(" ", words);
    }
}
