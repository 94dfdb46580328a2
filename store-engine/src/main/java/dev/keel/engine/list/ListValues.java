package dev.keel.engine.list;

import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueStructure;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.memory.OffHeapMemory;

/**
 * The list type's API over the keyspace: opens the list of a key, and stores it back after a
 * change (creating the key for a new list, removing it for an emptied one, as Redis does).
 *
 * <p><b>Thread safety:</b> callers hold the key's stripe lock.
 */
public final class ListValues {
    /** How the keyspace frees and copies lists. */
    public static final ValueStructure STRUCTURE = new ValueStructure() {
        @Override
        public void free(OffHeapMemory memory, long value, byte encoding) {
            LinkedPackedList.free(memory, value, encoding);
        }

        @Override
        public long duplicate(OffHeapMemory memory, long value, byte encoding) {
            return LinkedPackedList.duplicate(memory, value, encoding);
        }

        @Override
        public String verify(OffHeapMemory memory, long value, byte encoding) {
            return LinkedPackedList.open(memory, 1, value, encoding).verify();
        }
    };

    private ListValues() {
    }

    /** Throws WRONGTYPE unless {@code entry} (0: no key) holds a list. */
    static void requireList(Keyspace keyspace, long entry) {
        if (entry != 0 && keyspace.type(entry) != ValueType.LIST) {
            throw ErrorText.wrongType();
        }
    }

    /** Opens the list of {@code entry}; null if {@code entry} is 0; WRONGTYPE if not a list. */
    static LinkedPackedList open(Invocation inv, long entry) {
        if (entry == 0) {
            return null;
        }
        Keyspace keyspace = inv.keyspace();
        requireList(keyspace, entry);
        return LinkedPackedList.open(keyspace.memory(), inv.thresholds().listMaxPackedBytes(),
                keyspace.valueHandle(entry), keyspace.encoding(entry));
    }

    /** Returns a new, empty list to fill and then {@link #save} with entry 0. */
    static LinkedPackedList empty(Invocation inv) {
        return LinkedPackedList.empty(inv.keyspace().memory(), inv.thresholds().listMaxPackedBytes());
    }

    /**
     * Stores {@code list} as the value of the key at argument {@code keyIndex} whose entry is
     * {@code entry} (0: create the key). An empty list removes the key.
     */
    static void save(Invocation inv, int keyIndex, long entry, LinkedPackedList list) {
        Keyspace keyspace = inv.keyspace();
        byte encoding = list.commitEncoding();
        long root = list.root();
        if (entry == 0) {
            if (root != 0) {
                long created = keyspace.create(inv.arg(keyIndex), inv.hash(keyIndex), ValueType.LIST, encoding, 0, 0, inv.now());
                keyspace.setValueHandle(created, root);
            }
            return;
        }
        keyspace.setValueHandle(entry, root);
        keyspace.setEncoding(entry, encoding);
        if (root == 0) {
            keyspace.remove(entry, inv.hash(keyIndex));
        }
    }

    /** Returns the encoding name of a list entry, for OBJECT ENCODING. */
    public static String encodingName(byte encoding) {
        return ListEncoding.name(encoding);
    }
}
