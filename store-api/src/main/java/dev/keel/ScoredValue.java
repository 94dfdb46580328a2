package dev.keel;

/**
 * A sorted-set member with its score, as {@code ZRANGE ... WITHSCORES}, {@code ZPOPMIN} and
 * {@code ZSCAN} answer.
 *
 * <p>Two scored values are equal when their members are equal and their scores are the same
 * double; with {@link Codec#bytes()} members are {@code byte[]}, compared by identity as Java
 * arrays are.
 *
 * @param value the member
 * @param score its score
 * @param <V> the member type
 */
public record ScoredValue<V>(V value, double score) {
}
