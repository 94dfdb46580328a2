package dev.keel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * A range of members by their bytes, as {@code ZLEXCOUNT}, {@code ZRANGEBYLEX},
 * {@code ZREMRANGEBYLEX} and {@code ZRANGE ... BYLEX} take it. Redis compares members byte by
 * byte, so a lex range is meant for sorted sets whose members all have the same score.
 *
 * <p>Each bound is a member, inclusive ({@code [a}) or exclusive ({@code (a}), or absent: no low
 * bound is {@code -}, no high bound {@code +}. The members are encoded by the codec of the
 * {@link Commands} the range is passed to. A range is always given from its low bound to its
 * high one: the reverse commands ({@code ZREVRANGEBYLEX}, {@code ZRANGE ... BYLEX REV}) send the
 * high bound first, as Redis wants.
 *
 * <p><b>Thread safety:</b> immutable if its members are; safe for concurrent use then.
 *
 * @param min the low bound, or {@code null} for none ({@code -})
 * @param minInclusive whether {@code min} itself is in the range (ignored without a low bound)
 * @param max the high bound, or {@code null} for none ({@code +})
 * @param maxInclusive whether {@code max} itself is in the range (ignored without a high bound)
 * @param <V> the member type
 */
public record LexRange<V>(V min, boolean minInclusive, V max, boolean maxInclusive) {

    /** Every member: {@code - +}. */
    public static <V> LexRange<V> all() {
        return new LexRange<>(null, true, null, true);
    }

    /** From {@code min} to {@code max}, both included: {@code [min [max}. */
    public static <V> LexRange<V> closed(V min, V max) {
        return new LexRange<>(min, true, max, true);
    }

    /** Between {@code min} and {@code max}, both excluded: {@code (min (max}. */
    public static <V> LexRange<V> open(V min, V max) {
        return new LexRange<>(min, false, max, false);
    }

    /** From {@code min} included to {@code max} excluded: {@code [min (max}. */
    public static <V> LexRange<V> closedOpen(V min, V max) {
        return new LexRange<>(min, true, max, false);
    }

    /** From {@code min} excluded to {@code max} included: {@code (min [max}. */
    public static <V> LexRange<V> openClosed(V min, V max) {
        return new LexRange<>(min, false, max, true);
    }

    /** From {@code min} included: {@code [min +}. */
    public static <V> LexRange<V> atLeast(V min) {
        return new LexRange<>(min, true, null, true);
    }

    /** After {@code min}: {@code (min +}. */
    public static <V> LexRange<V> greaterThan(V min) {
        return new LexRange<>(min, false, null, true);
    }

    /** Up to {@code max} included: {@code - [max}. */
    public static <V> LexRange<V> atMost(V max) {
        return new LexRange<>(null, true, max, true);
    }

    /** Before {@code max}: {@code - (max}. */
    public static <V> LexRange<V> lessThan(V max) {
        return new LexRange<>(null, true, max, false);
    }

    /** Returns the low bound as a command argument, its member encoded by {@code encoder}: {@code [a}, {@code (a} or {@code -}. */
    public byte[] minArgument(Function<? super V, byte[]> encoder) {
        return min == null ? new byte[] {'-'} : bound(minInclusive, encoder.apply(min));
    }

    /** Returns the high bound as a command argument, its member encoded by {@code encoder}: {@code [b}, {@code (b} or {@code +}. */
    public byte[] maxArgument(Function<? super V, byte[]> encoder) {
        return max == null ? new byte[] {'+'} : bound(maxInclusive, encoder.apply(max));
    }

    private static byte[] bound(boolean inclusive, byte[] member) {
        Objects.requireNonNull(member, "member");
        byte[] argument = new byte[member.length + 1];
        argument[0] = (byte) (inclusive ? '[' : '(');
        System.arraycopy(member, 0, argument, 1, member.length);
        return argument;
    }

    /** Returns the bounds as Redis reads them, low first, members as their {@code toString()}: {@code [a +}. */
    @Override
    public String toString() {
        Function<V, byte[]> text = member -> String.valueOf(member).getBytes(StandardCharsets.UTF_8);
        return new String(minArgument(text), StandardCharsets.UTF_8) + " " + new String(maxArgument(text), StandardCharsets.UTF_8);
    }
}
