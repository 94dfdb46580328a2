package dev.keel;

/**
 * A key and what a command took from it, as BLPOP, BRPOP and LMPOP answer.
 *
 * @param key the key the value came from
 * @param value the value (a single element, or a list of elements for LMPOP)
 * @param <K> the key type
 * @param <V> the value type
 */
public record KeyValue<K, V>(K key, V value) {
}
