package dev.keel;

/**
 * The ID of a stream entry, {@code <milliseconds>-<sequence>} such as {@code 1526919030474-55}:
 * the time the entry was added (or any number the writer chose) and its place among the entries
 * of that millisecond.
 *
 * <p>Both parts are unsigned 64-bit numbers, as in Redis: a part above {@link Long#MAX_VALUE}
 * is held as the negative {@code long} with the same bits, so {@code 18446744073709551615-0}
 * has {@code ms() == -1}. {@link #compareTo}, {@link #parse} and {@link #toString()} read
 * them as unsigned; IDs are ordered by milliseconds, then sequence, as Redis orders entries.
 *
 * <p>Only concrete IDs are {@code StreamId}s. The special tokens that some commands take in
 * place of an ID ({@code *} and {@code <ms>-*} in XADD, {@code $} and {@code +} in XREAD,
 * {@code >} in XREADGROUP, {@code -} and {@code +} in XRANGE, exclusive {@code (id} bounds)
 * are choices of the argument objects: {@link XAddArgs}, {@link StreamOffset},
 * {@link XGroupCreateArgs}, {@link StreamRange}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 *
 * @param ms the milliseconds part, unsigned
 * @param seq the sequence part, unsigned
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    /**
     * Reads an ID as Redis writes it, {@code <ms>-<seq>}, each part an unsigned decimal number.
     *
     * @throws IllegalArgumentException if {@code text} is not such an ID
     */
    public static StreamId parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("not a stream ID: " + text);
        }
        try {
            return new StreamId(unsigned(text, 0, dash), unsigned(text, dash + 1, text.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream ID: " + text, e);
        }
    }

    private static long unsigned(String text, int from, int to) {
        char first = text.charAt(from);
        if (first < '0' || first > '9') {
            throw new NumberFormatException("not a digit: " + first);
        }
        return Long.parseUnsignedLong(text, from, to, 10);
    }

    /** Orders by milliseconds, then sequence, both unsigned. */
    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    /** Returns the ID as Redis writes it: {@code 1526919030474-55}. */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
