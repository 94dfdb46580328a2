package dev.keel;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One stream entry: its ID and its fields with their values, as XRANGE, XREAD, XREADGROUP and
 * XCLAIM answer.
 *
 * <p>The fields are a {@link java.util.LinkedHashMap} in the order the entry was written, not to
 * be modified. Redis lets an entry repeat a field name ({@code XADD s * a 1 a 2}); a map keeps
 * the last value of a repeated field (with {@link Codec#bytes()} every one, as arrays are
 * distinct keys). The fields are {@code null} for an entry that was deleted while pending, as
 * XREADGROUP answers when a consumer rereads its own history.
 *
 * @param id the entry's ID
 * @param fields the fields and their values in the entry's order, or {@code null} for a deleted
 *     entry
 * @param <K> the field type
 * @param <V> the value type
 */
public record StreamEntry<K, V>(StreamId id, Map<K, V> fields) {

    public StreamEntry {
        Objects.requireNonNull(id, "id");
        fields = fields == null ? null : Collections.unmodifiableMap(fields);
    }

    /** Returns whether the entry was deleted, as a pending entry reread from a consumer's history may be. */
    public boolean deleted() {
        return fields == null;
    }
}
