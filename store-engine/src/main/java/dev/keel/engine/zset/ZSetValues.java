package dev.keel.engine.zset;

import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueStructure;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.memory.OffHeapMemory;

/**
 * The sorted set type's API over the keyspace: opens the {@link ZSet} of a key and stores it back
 * after a change, creating the key for a new set and removing it for an emptied one, as Redis
 * does.
 *
 * <p><b>Thread safety:</b> callers hold the key's stripe lock.
 */
public final class ZSetValues {

    private ZSetValues() {
    }

    /** Returns how {@code keyspace} frees, copies and checks sorted sets. */
    public static ValueStructure structure(Keyspace keyspace) {
        return new Structure(keyspace);
    }

    /** Throws WRONGTYPE unless {@code entry} (0: no key) holds a sorted set. */
    public static void require(Keyspace keyspace, long entry) {
        if (entry != 0 && keyspace.type(entry) != ValueType.ZSET) {
            throw ErrorText.wrongType();
        }
    }

    /** Returns whether {@code entry} (0: no key) holds a sorted set. */
    public static boolean isZSet(Keyspace keyspace, long entry) {
        return entry != 0 && keyspace.type(entry) == ValueType.ZSET;
    }

    /**
     * Opens the sorted set of {@code entry}; returns null if {@code entry} is 0, throws
     * WRONGTYPE for another type.
     */
    public static ZSet open(Invocation inv, long entry) {
        if (entry == 0) {
            return null;
        }
        Keyspace keyspace = inv.keyspace();
        require(keyspace, entry);
        ZSet set = ZSet.open(keyspace, maxEntries(inv), maxValue(inv), keyspace.valueHandle(entry), keyspace.encoding(entry));
        set.setEntry(entry);
        return set;
    }

    /** Returns a new, empty set, stored in no key, to fill and then {@link #save}. */
    public static ZSet empty(Invocation inv) {
        return ZSet.empty(inv.keyspace(), maxEntries(inv), maxValue(inv));
    }

    private static int maxEntries(Invocation inv) {
        return inv.thresholds().zsetMaxPackedEntries();
    }

    private static int maxValue(Invocation inv) {
        return inv.thresholds().zsetMaxPackedValue();
    }

    /**
     * Stores {@code set} as the value of the key at argument {@code keyIndex}: into the entry it
     * was opened from, or a new key for a set from {@link #empty}. An empty set removes the key.
     */
    public static void save(Invocation inv, int keyIndex, ZSet set) {
        Keyspace keyspace = inv.keyspace();
        long root = set.root();
        long entry = set.entry();
        if (entry == 0) {
            if (root != 0) {
                long created = keyspace.create(inv.arg(keyIndex), inv.hash(keyIndex), ValueType.ZSET, set.encoding(), 0, 0, inv.now());
                keyspace.setValueHandle(created, root);
                set.setEntry(created);
            } else {
                set.discard();
            }
            return;
        }
        if (root == 0) {
            set.discard();
            keyspace.setValueHandle(entry, 0);
            keyspace.remove(entry, inv.hash(keyIndex));
            set.setEntry(0);
            return;
        }
        keyspace.setValueHandle(entry, root);
        keyspace.setEncoding(entry, set.encoding());
    }

    /** The keyspace's hooks for sorted sets. */
    private record Structure(Keyspace keyspace) implements ValueStructure {
        @Override
        public void free(OffHeapMemory memory, long value, byte encoding) {
            if (value != 0) {
                ZSet.free(keyspace, value, encoding);
            }
        }

        @Override
        public long duplicate(OffHeapMemory memory, long value, byte encoding) {
            return ZSet.duplicate(keyspace, value, encoding);
        }

        @Override
        public String verify(OffHeapMemory memory, long value, byte encoding) {
            return ZSet.verify(keyspace, value, encoding);
        }
    }
}
