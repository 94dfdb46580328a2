package dev.keel;

/** Which end of a sorted set {@code ZMPOP} and {@code BZMPOP} pop from: the lowest scores or the highest. */
public enum ScoreEnd {
    /** The members with the lowest scores, as {@code ZPOPMIN}. */
    MIN,
    /** The members with the highest scores, as {@code ZPOPMAX}. */
    MAX
}
