package dev.keel.engine.hash;

import dev.keel.Thresholds;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueStructure;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.function.ToIntFunction;

/**
 * The hash and set types' API over the keyspace: opens the {@link FieldMap} of a key (dropping
 * its expired fields first), and stores it back after a change, creating the key for a new value
 * and removing it for an emptied one, as Redis does.
 *
 * <p><b>Thread safety:</b> callers hold the key's stripe lock.
 */
public final class FieldValues {
    /** Hashes. */
    public static final FieldValues HASH = new FieldValues(ValueType.HASH,
            Thresholds::hashMaxPackedEntries, Thresholds::hashMaxPackedValue);
    /** Sets. */
    public static final FieldValues SET = new FieldValues(ValueType.SET,
            Thresholds::setMaxPackedEntries, Thresholds::setMaxPackedValue);

    /**
     * Up to this many fields, opening a value removes all its due fields (one short pass); a
     * bigger table leaves that to commands over the whole value and to the background sweep,
     * and its point accesses drop just the expired field they meet (see FieldMap).
     */
    static final long EAGER_PURGE_LIMIT = 4096;

    private final ValueType type;
    private final ToIntFunction<Thresholds> maxEntries;
    private final ToIntFunction<Thresholds> maxValue;
    private final ValueStructure structure;

    private FieldValues(ValueType type, ToIntFunction<Thresholds> maxEntries, ToIntFunction<Thresholds> maxValue) {
        this.type = type;
        this.maxEntries = maxEntries;
        this.maxValue = maxValue;
        this.structure = new Structure();
    }

    /** Returns how the keyspace frees, copies, checks and expires values of this type. */
    public ValueStructure structure() {
        return structure;
    }

    /** Returns the type. */
    public ValueType type() {
        return type;
    }

    /** Throws WRONGTYPE unless {@code entry} (0: no key) holds a value of this type. */
    public void require(Keyspace keyspace, long entry) {
        if (entry != 0 && keyspace.type(entry) != type) {
            throw ErrorText.wrongType();
        }
    }

    /**
     * Opens the value of {@code entry}, the key at argument {@code keyIndex}, for a command on
     * some of its fields: fields expired at the command's time read as absent (a value of up to
     * {@link #EAGER_PURGE_LIMIT} fields has them all removed, and the key with them if none is
     * left). Returns null if {@code entry} is 0 or the key is gone; throws WRONGTYPE for another
     * type.
     */
    public FieldMap open(Invocation inv, int keyIndex, long entry) {
        return open(inv, keyIndex, entry, false);
    }

    /**
     * Opens the value of {@code entry} for a command over all its fields: every field expired at
     * the command's time is removed first (and the key with the last one). Returns null if
     * {@code entry} is 0 or the key is gone; throws WRONGTYPE for another type.
     */
    public FieldMap openWhole(Invocation inv, int keyIndex, long entry) {
        return open(inv, keyIndex, entry, true);
    }

    private FieldMap open(Invocation inv, int keyIndex, long entry, boolean whole) {
        if (entry == 0) {
            return null;
        }
        Keyspace keyspace = inv.keyspace();
        require(keyspace, entry);
        byte encoding = keyspace.encoding(entry);
        FieldMap map = FieldMap.open(keyspace, maxEntries(inv), maxValue(inv), keyspace.valueHandle(entry), encoding);
        map.setEntry(entry);
        map.setKeyHash(inv.hash(keyIndex));
        map.setNow(inv.now());
        if ((whole || map.size() <= EAGER_PURGE_LIMIT) && map.removeExpired(inv.now()) > 0) {
            keyspace.fieldsExpired(entry, map.isEmpty());
            save(inv, keyIndex, map);
            if (map.isEmpty()) {
                // The key went with its last fields, which time alone does not show: log it, as Redis does.
                inv.logRemoval(keyIndex);
                return null;
            }
        }
        return map;
    }

    /** Returns a new, empty value, stored in no key, to fill and then {@link #save}. */
    public FieldMap empty(Invocation inv) {
        return FieldMap.empty(inv.keyspace(), maxEntries(inv), maxValue(inv));
    }

    private int maxEntries(Invocation inv) {
        return maxEntries.applyAsInt(inv.thresholds());
    }

    private int maxValue(Invocation inv) {
        return maxValue.applyAsInt(inv.thresholds());
    }

    /**
     * Stores {@code map} as the value of the key at argument {@code keyIndex}: into the entry it
     * was opened from, or a new key for a map from {@link #empty} (or whose key went away when
     * opening it dropped its last fields). An empty value removes the key. May convert the
     * encoding. The map remembers its entry, so a command cannot store into a freed one.
     */
    public void save(Invocation inv, int keyIndex, FieldMap map) {
        map.commit();
        Keyspace keyspace = inv.keyspace();
        long root = map.root();
        long entry = map.entry();
        if (entry == 0) {
            if (root != 0) {
                long created = keyspace.create(inv.arg(keyIndex), inv.hash(keyIndex), type, map.encoding(), 0, 0, inv.now());
                keyspace.setValueHandle(created, root);
                map.setEntry(created);
                noteExpiry(inv, keyIndex, map);
            }
            return;
        }
        if (root == 0) {
            keyspace.setValueHandle(entry, 0);
            keyspace.remove(entry, inv.hash(keyIndex));
            map.setEntry(0);
            return;
        }
        keyspace.setValueHandle(entry, root);
        keyspace.setEncoding(entry, map.encoding());
        noteExpiry(inv, keyIndex, map);
    }

    private static void noteExpiry(Invocation inv, int keyIndex, FieldMap map) {
        if (map.hasVolatileFields()) {
            inv.keyspace().noteFieldExpiry(inv.hash(keyIndex));
        }
    }

    /** The keyspace's hooks for values of this type. */
    private final class Structure implements ValueStructure {
        @Override
        public void free(OffHeapMemory memory, long value, byte encoding) {
            if (value != 0) {
                FieldMap.free(memory, value, encoding);
            }
        }

        @Override
        public long duplicate(OffHeapMemory memory, long value, byte encoding) {
            return FieldMap.duplicate(memory, value, encoding);
        }

        @Override
        public String verify(OffHeapMemory memory, long value, byte encoding) {
            return FieldMap.verify(memory, value, encoding);
        }

        @Override
        public int expireFields(Keyspace keyspace, long entry, long now) {
            byte encoding = keyspace.encoding(entry);
            if (encoding == FieldEncoding.PACKED) {
                return NO_VOLATILE_FIELDS;
            }
            // Limits 0: an expiry pass never converts back to packed; the next command may.
            FieldMap map = FieldMap.open(keyspace, 0, 0, keyspace.valueHandle(entry), encoding);
            if (!map.hasVolatileFields()) {
                return NO_VOLATILE_FIELDS;
            }
            if (map.removeExpired(now) > 0) {
                map.commit();
                keyspace.setValueHandle(entry, map.root());
                keyspace.fieldsExpired(entry, map.root() == 0);
                if (map.root() == 0) {
                    return EMPTY;
                }
                keyspace.setEncoding(entry, map.encoding());
            }
            return map.hasVolatileFields() ? VOLATILE_FIELDS : NO_VOLATILE_FIELDS;
        }
    }
}
