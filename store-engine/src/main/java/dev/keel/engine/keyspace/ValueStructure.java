package dev.keel.engine.keyspace;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * What the keyspace needs to know of a type whose value lives outside its entry: how to free it
 * and how to copy it. Strings are stored inline and need none.
 *
 * <p><b>Thread safety:</b> implementations are called under the owning key's stripe lock.
 */
public interface ValueStructure {

    /** Frees the value whose handle is {@code value}, stored with {@code encoding}. */
    void free(OffHeapMemory memory, long value, byte encoding);

    /** Returns a deep copy of the value {@code value}, for COPY. */
    long duplicate(OffHeapMemory memory, long value, byte encoding);

    /** What {@link #expireFields} found: no field of the value has an expiry any more. */
    int NO_VOLATILE_FIELDS = 0;
    /** What {@link #expireFields} found: some fields still have an expiry. */
    int VOLATILE_FIELDS = 1;
    /** What {@link #expireFields} found: no field is left; the caller removes the key. */
    int EMPTY = 2;

    /**
     * For types with per-field expiry: removes the fields of {@code entry} expired at {@code now}
     * and stores the result in the entry. Returns {@link #NO_VOLATILE_FIELDS},
     * {@link #VOLATILE_FIELDS} or {@link #EMPTY} (the value is freed and the entry's value handle
     * cleared; the caller unlinks and frees the entry).
     */
    default int expireFields(Keyspace keyspace, long entry, long now) {
        return NO_VOLATILE_FIELDS;
    }

    /** Checks the value's structure; returns the first problem found, or null. */
    default String verify(OffHeapMemory memory, long value, byte encoding) {
        return null;
    }
}
