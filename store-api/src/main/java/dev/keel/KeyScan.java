package dev.keel;

import java.util.List;

/**
 * One step of a {@code SCAN}: the cursor to pass to the next call, and the keys found; also
 * one step of an {@code HSCAN ... NOVALUES}, whose "keys" are the hash's fields.
 *
 * <p>A key present in the store for the whole of a full iteration is returned at least once; a
 * key may be returned more than once. The iteration is over when {@link #finished()}.
 *
 * @param cursor the cursor for the next call, {@code "0"} when the iteration is complete
 * @param keys the keys (or hash fields) of this step
 * @param <K> the key type
 */
public record KeyScan<K>(String cursor, List<K> keys) {

    public KeyScan {
        keys = java.util.Collections.unmodifiableList(keys);
    }

    /** Returns whether the iteration is complete. */
    public boolean finished() {
        return "0".equals(cursor);
    }
}
