package dev.keel;

import java.util.List;

/**
 * One step of an {@code HSCAN}: the cursor to pass to the next call, and the fields found with
 * their values.
 *
 * <p>A field present in the hash for the whole of a full iteration is returned at least once; a
 * field may be returned more than once. The iteration is over when {@link #finished()}.
 *
 * @param cursor the cursor for the next call, {@code "0"} when the iteration is complete
 * @param entries the fields of this step with their values, in the order Redis sent them
 * @param <K> the field type
 * @param <V> the value type
 */
public record HashScan<K, V>(String cursor, List<KeyValue<K, V>> entries) {

    public HashScan {
        entries = java.util.Collections.unmodifiableList(entries);
    }

    /** Returns whether the iteration is complete. */
    public boolean finished() {
        return "0".equals(cursor);
    }
}
