package dev.keel;

import java.util.Objects;

/**
 * A stream to read and where to read it from, as XREAD and XREADGROUP take them after
 * {@code STREAMS}: the entries after an ID, or one of Redis's special positions.
 *
 * <pre>
 *   after(key, id)      id  XREAD: the entries after id; XREADGROUP: the consumer's own pending
 *                           entries after id (its history; 0-0 for all of them)
 *   latest(key)         $   XREAD: only entries added from now on (useful with BLOCK)
 *   lastEntry(key)      +   XREAD: the stream's last entry (Redis 7.4)
 *   undelivered(key)    &gt;   XREADGROUP: entries never delivered to any consumer of the group
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable if the key is.
 *
 * @param key the stream's key
 * @param id the position as Redis reads it: an ID or {@code $}, {@code +}, {@code >}
 * @param <K> the key type
 */
public record StreamOffset<K>(K key, String id) {

    public StreamOffset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
    }

    /** The entries after {@code id} (XREAD), or the consumer's pending entries after it (XREADGROUP). */
    public static <K> StreamOffset<K> after(K key, StreamId id) {
        return new StreamOffset<>(key, id.toString());
    }

    /** {@code $}: the entries added after the read began (XREAD). */
    public static <K> StreamOffset<K> latest(K key) {
        return new StreamOffset<>(key, "$");
    }

    /** {@code +}: the stream's last entry (XREAD, Redis 7.4). */
    public static <K> StreamOffset<K> lastEntry(K key) {
        return new StreamOffset<>(key, "+");
    }

    /** {@code >}: the entries never delivered to the group (XREADGROUP). */
    public static <K> StreamOffset<K> undelivered(K key) {
        return new StreamOffset<>(key, ">");
    }
}
