package dev.keel;

/**
 * A range of stream IDs, as XRANGE, XREVRANGE and XPENDING take it: each bound inclusive or
 * exclusive ({@code (id}, Redis 6.2), or open ({@code -}, {@code +}).
 *
 * <p>A range is always given from its low bound to its high one, whatever the command: XREVRANGE
 * sends the high bound first, as Redis wants. {@code StreamRange.greaterThan(id)} is
 * {@code (id +}, the next page after the last entry seen; {@link #all()} is {@code - +}. A
 * {@code null} bound is open, and always inclusive.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 *
 * @param start the low bound, or {@code null} for {@code -}, the lowest ID
 * @param startInclusive whether an entry with the ID {@code start} is in the range
 * @param end the high bound, or {@code null} for {@code +}, the highest ID
 * @param endInclusive whether an entry with the ID {@code end} is in the range
 */
public record StreamRange(StreamId start, boolean startInclusive, StreamId end, boolean endInclusive) {

    public StreamRange {
        startInclusive |= start == null;
        endInclusive |= end == null;
    }

    /** Every ID: {@code - +}. */
    public static StreamRange all() {
        return new StreamRange(null, true, null, true);
    }

    /** {@code start <= id <= end}: {@code start end}. */
    public static StreamRange closed(StreamId start, StreamId end) {
        return new StreamRange(start, true, end, true);
    }

    /** {@code start < id < end}: {@code (start (end}. */
    public static StreamRange open(StreamId start, StreamId end) {
        return new StreamRange(start, false, end, false);
    }

    /** {@code start <= id < end}: {@code start (end}. */
    public static StreamRange closedOpen(StreamId start, StreamId end) {
        return new StreamRange(start, true, end, false);
    }

    /** {@code start < id <= end}: {@code (start end}. */
    public static StreamRange openClosed(StreamId start, StreamId end) {
        return new StreamRange(start, false, end, true);
    }

    /** {@code start <= id}: {@code start +}. */
    public static StreamRange atLeast(StreamId start) {
        return new StreamRange(start, true, null, true);
    }

    /** {@code start < id}: {@code (start +}. */
    public static StreamRange greaterThan(StreamId start) {
        return new StreamRange(start, false, null, true);
    }

    /** {@code id <= end}: {@code - end}. */
    public static StreamRange atMost(StreamId end) {
        return new StreamRange(null, true, end, true);
    }

    /** {@code id < end}: {@code - (end}. */
    public static StreamRange lessThan(StreamId end) {
        return new StreamRange(null, true, end, false);
    }

    /** Returns the low bound as a command argument: {@code 1-1}, {@code (1-1} or {@code -}. */
    public String startToken() {
        return bound(start, startInclusive, "-");
    }

    /** Returns the high bound as a command argument: {@code 9-0}, {@code (9-0} or {@code +}. */
    public String endToken() {
        return bound(end, endInclusive, "+");
    }

    private static String bound(StreamId id, boolean inclusive, String open) {
        if (id == null) {
            return open;
        }
        return inclusive ? id.toString() : "(" + id;
    }

    /** Returns the bounds as Redis reads them, low first: {@code (1-1 +}. */
    @Override
    public String toString() {
        return startToken() + " " + endToken();
    }
}
