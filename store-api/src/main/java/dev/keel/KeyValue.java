package dev.keel;

/**
 * A key and what a command took from it, as BLPOP, BRPOP, LMPOP, BZPOPMIN, BZPOPMAX and ZMPOP
 * answer, or what it read from it, as XREAD and XREADGROUP answer per stream; also a hash field
 * and its value, as HRANDFIELD ... WITHVALUES and HSCAN answer.
 *
 * @param key the key the value came from, or the hash field
 * @param value the value (a single element, a list of elements for LMPOP, a {@link ScoredValue}
 *     for BZPOPMIN, a list of them for ZMPOP, a list of {@link StreamEntry} for XREAD, a field's
 *     value)
 * @param <K> the key type
 * @param <V> the value type
 */
public record KeyValue<K, V>(K key, V value) {
}
