package dev.keel.engine.stream;

/**
 * A stream entry ID: milliseconds and sequence number, both unsigned 64-bit as in Redis, ordered
 * by milliseconds then sequence.
 *
 * @param ms the milliseconds part (unsigned)
 * @param seq the sequence part (unsigned)
 */
public record EntryId(long ms, long seq) implements Comparable<EntryId> {
    /** 0-0, below every entry. */
    public static final EntryId MIN = new EntryId(0, 0);
    /** The largest ID, 18446744073709551615-18446744073709551615. */
    public static final EntryId MAX = new EntryId(-1L, -1L);

    @Override
    public int compareTo(EntryId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    /** Returns the ID just after this one, or null if this is {@link #MAX}. */
    public EntryId next() {
        if (seq != -1L) {
            return new EntryId(ms, seq + 1);
        }
        return ms == -1L ? null : new EntryId(ms + 1, 0);
    }

    /** Returns the ID just before this one, or null if this is {@link #MIN}. */
    public EntryId previous() {
        if (seq != 0) {
            return new EntryId(ms, seq - 1);
        }
        return ms == 0 ? null : new EntryId(ms - 1, -1L);
    }

    /** Returns Redis's form, {@code <ms>-<seq>} in unsigned decimal. */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
