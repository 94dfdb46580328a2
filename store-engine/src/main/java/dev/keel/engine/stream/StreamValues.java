package dev.keel.engine.stream;

import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueStructure;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.memory.OffHeapMemory;

/**
 * The stream type's API over the keyspace: opens the {@link Stream} of a key, and creates the key
 * for a new one. Unlike the other types, a stream stays when its last entry goes (XDEL, XTRIM):
 * only DEL and friends remove it, as in Redis.
 *
 * <p><b>Thread safety:</b> callers hold the key's stripe lock.
 */
public final class StreamValues {
    /** The only encoding of a stream, as OBJECT ENCODING names it. */
    public static final byte ENCODING = 0;

    private StreamValues() {
    }

    /** Returns how {@code keyspace} frees, copies and checks streams. */
    public static ValueStructure structure(Keyspace keyspace) {
        return structure(keyspace, () -> { });
    }

    /**
     * Returns how {@code keyspace} frees, copies and checks streams, running {@code freed} after
     * each stream it frees (under the key's stripe lock): commands blocked on a stream learn that
     * it went, however it went.
     */
    public static ValueStructure structure(Keyspace keyspace, Runnable freed) {
        return new Structure(keyspace, freed);
    }

    /** Returns the name OBJECT ENCODING answers for a stream. */
    public static String encodingName() {
        return "stream";
    }

    /** Throws WRONGTYPE unless {@code entry} (0: no key) holds a stream. */
    public static void require(Keyspace keyspace, long entry) {
        if (entry != 0 && keyspace.type(entry) != ValueType.STREAM) {
            throw ErrorText.wrongType();
        }
    }

    /** Returns whether {@code entry} (0: no key) holds a stream. */
    public static boolean isStream(Keyspace keyspace, long entry) {
        return entry != 0 && keyspace.type(entry) == ValueType.STREAM;
    }

    /** Opens the stream of {@code entry}; returns null if {@code entry} is 0, throws WRONGTYPE for another type. */
    public static Stream open(Invocation inv, long entry) {
        if (entry == 0) {
            return null;
        }
        Keyspace keyspace = inv.keyspace();
        require(keyspace, entry);
        return wrap(inv, keyspace.valueHandle(entry));
    }

    private static Stream wrap(Invocation inv, long header) {
        return new Stream(inv.keyspace(), header, inv.thresholds().streamNodeMaxBytes(), inv.thresholds().streamNodeMaxEntries());
    }

    /**
     * Creates an empty stream under the key at argument {@code keyIndex} (which must not exist)
     * and returns it.
     */
    public static Stream create(Invocation inv, int keyIndex) {
        Keyspace keyspace = inv.keyspace();
        long header = Stream.create(keyspace.memory());
        long created = keyspace.create(inv.arg(keyIndex), inv.hash(keyIndex), ValueType.STREAM, ENCODING, 0, 0, inv.now());
        keyspace.setValueHandle(created, header);
        return wrap(inv, header);
    }

    /** The keyspace's hooks for streams. */
    private record Structure(Keyspace keyspace, Runnable freed) implements ValueStructure {
        private Stream stream(long value) {
            // Block limits matter only when adding; freeing, copying and checking use none.
            return new Stream(keyspace, value, 0, 0);
        }

        @Override
        public void free(OffHeapMemory memory, long value, byte encoding) {
            if (value != 0) {
                stream(value).free();
                freed.run();
            }
        }

        @Override
        public long duplicate(OffHeapMemory memory, long value, byte encoding) {
            return stream(value).duplicate();
        }

        @Override
        public String verify(OffHeapMemory memory, long value, byte encoding) {
            return stream(value).verify();
        }
    }
}
