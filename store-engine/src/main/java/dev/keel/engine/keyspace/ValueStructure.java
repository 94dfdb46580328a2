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

    /** Checks the value's structure; returns the first problem found, or null. */
    default String verify(OffHeapMemory memory, long value, byte encoding) {
        return null;
    }
}
