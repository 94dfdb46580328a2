package dev.keel;

/**
 * The options of LPOS: {@code RANK rank} and {@code MAXLEN len}.
 *
 * @param rank which match to start from: 1 the first, -1 the last; 0 means "not given"
 * @param maxlen how many elements to compare at most; 0 means "the whole list"
 */
public record LPosArgs(long rank, long maxlen) {

    /** No options. */
    public static LPosArgs none() {
        return new LPosArgs(0, 0);
    }

    /** {@code RANK rank}. */
    public static LPosArgs rank(long rank) {
        return new LPosArgs(rank, 0);
    }

    /** Returns these options with {@code MAXLEN len}. */
    public LPosArgs withMaxlen(long len) {
        return new LPosArgs(rank, len);
    }
}
