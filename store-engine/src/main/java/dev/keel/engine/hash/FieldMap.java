package dev.keel.engine.hash;

import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.random.RandomGenerator;

/**
 * The encoding-agnostic API of a hash or a set, opened for the length of one command: fields
 * (set members) mapped to values (empty for sets), with optional per-field expiry.
 *
 * <pre>
 * Encodings (FieldEncoding)
 *   PACKED           one block of entries in insertion order (PackedFields), searched linearly;
 *   PACKED_EXPIRING  the same with an 8-byte expiry before each entry, used only once a field of
 *                    a small hash gets a time to live (Redis's listpackex);
 *   TABLE            an off-heap chained hash table with incremental rehash (FieldTable).
 *   A value becomes a table when a put would pass maxEntries or store a field or value longer
 *   than maxValue; it turns back into a packed block, after a removal, when it holds at most
 *   half of maxEntries and nothing longer than maxValue (hysteresis). maxEntries 0 keeps every
 *   value a table.
 *
 * Expiry
 *   A command sees live fields only. FieldValues removes the expired fields of a small value
 *   (packed, or a table of a few thousand fields) when it opens it, writing the result back, so
 *   a failing command changes nothing after that. A big table is too big to walk for every
 *   command: a point access (get, remove, expiry of one field) removes just the expired field it
 *   meets, a put replaces it, and commands over the whole hash (HLEN, HGETALL, HSCAN, HRANDFIELD)
 *   first remove every due field in one pass. A table knows a lower bound of its earliest expiry, so that pass costs
 *   nothing until a field is due; the background sweep does the same pass ten times a second.
 *
 * Memory
 *   The block or table belongs to the key's entry; after a change the caller stores root() and
 *   encoding() back into the entry (commit() first), and frees nothing itself.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class FieldMap {
    /**
     * The most bytes a packed block holds, whatever the thresholds: past it a value becomes a
     * table, so that thresholds set very high cannot ask for a block the allocator cannot give.
     */
    static final long MAX_PACKED_BYTES = 1 << 20;

    /** The value of a set member. */
    public static final byte[] NO_VALUE = new byte[0];

    private final OffHeapMemory memory;
    private final Keyspace keyspace;
    private final int maxEntries;
    private final int maxValue;
    private PackedFields packed;
    private FieldTable table;
    private boolean removed;
    /** The key's entry holding this value, 0 while it is not stored (see FieldValues). */
    private long entry;
    /** The keyed hash of the key holding this value. */
    private long keyHash;
    /** The command's time; Long.MIN_VALUE: nothing counts as expired. */
    private long now = Long.MIN_VALUE;

    private FieldMap(Keyspace keyspace, int maxEntries, int maxValue) {
        this.memory = keyspace.memory();
        this.keyspace = keyspace;
        this.maxEntries = maxEntries;
        this.maxValue = maxValue;
    }

    /** Returns an empty map, to be filled and then committed. */
    public static FieldMap empty(Keyspace keyspace, int maxEntries, int maxValue) {
        return new FieldMap(keyspace, maxEntries, maxValue);
    }

    /**
     * Opens the value {@code root} stored with {@code encoding}. Does not remove expired fields:
     * call {@link #removeExpired} and store the result before using it.
     */
    public static FieldMap open(Keyspace keyspace, int maxEntries, int maxValue, long root, byte encoding) {
        FieldMap map = new FieldMap(keyspace, maxEntries, maxValue);
        OffHeapMemory memory = keyspace.memory();
        switch (encoding) {
            case FieldEncoding.PACKED -> map.packed = new PackedFields(memory, root, false);
            case FieldEncoding.PACKED_EXPIRING -> map.packed = new PackedFields(memory, root, true);
            case FieldEncoding.TABLE -> map.table = new FieldTable(memory, root);
            default -> throw new IllegalStateException("corrupt hash: unknown encoding " + encoding);
        }
        return map;
    }

    long entry() {
        return entry;
    }

    /**
     * Sets the command's time: a table's fields expired at {@code at} read as absent (the
     * packed form has its expired fields removed when opened instead).
     */
    void setNow(long at) {
        this.now = at;
    }

    /** Sets the keyed hash of the key holding this value, for removing it (see liveEntry). */
    void setKeyHash(long hash) {
        this.keyHash = hash;
    }

    /**
     * Returns the table entry of {@code field} if it is present and not expired, else 0. An
     * expired entry is removed on the spot, and the key with it if it was the last: removing one
     * entry leaves the table's header (the key's value handle) in place, so nothing needs saving.
     */
    private long liveEntry(byte[] field) {
        long found = table.find(field, hashOf(field));
        if (found == 0 || !Keyspace.isExpired(table.expireAt(found), now)) {
            return found;
        }
        table.unlink(found);
        memory.free(found);
        removed = true;
        if (table.count() == 0 && entry != 0) {
            table.free();
            table = null;
            keyspace.setValueHandle(entry, 0);
            keyspace.remove(entry, keyHash);
            entry = 0;
        }
        return 0;
    }

    void setEntry(long holder) {
        this.entry = holder;
    }

    // ------------------------------------------------------------------ reading

    /** Returns the number of fields. */
    public long size() {
        if (table != null) {
            return table.count();
        }
        return packed == null ? 0 : packed.count();
    }

    /** Returns whether no field is left (the key must then be removed). */
    public boolean isEmpty() {
        return size() == 0;
    }

    private int hashOf(byte[] field) {
        return (int) keyspace.hash(field);
    }

    /** Returns the value of {@code field}, or null. */
    public byte[] get(byte[] field) {
        if (table != null) {
            long entry = liveEntry(field);
            return entry == 0 ? null : table.value(entry);
        }
        if (packed == null) {
            return null;
        }
        int entry = packed.find(field);
        return entry < 0 ? null : packed.value(entry);
    }

    /** Returns whether {@code field} is present. */
    public boolean contains(byte[] field) {
        if (table != null) {
            return liveEntry(field) != 0;
        }
        return packed != null && packed.find(field) >= 0;
    }

    /** Returns whether {@code field} is present with exactly {@code value}. */
    public boolean containsEntry(byte[] field, byte[] value) {
        if (table != null) {
            long entry = liveEntry(field);
            return entry != 0 && table.valueEquals(entry, value);
        }
        if (packed == null) {
            return false;
        }
        int entry = packed.find(field);
        return entry >= 0 && packed.valueEquals(entry, value);
    }

    /** Returns the length of the value of {@code field}, 0 if absent. */
    public int valueLength(byte[] field) {
        if (table != null) {
            long entry = liveEntry(field);
            return entry == 0 ? 0 : table.valueLength(entry);
        }
        if (packed == null) {
            return 0;
        }
        int entry = packed.find(field);
        return entry < 0 ? 0 : packed.valueLength(entry);
    }

    /** Returns the expiry of {@code field} in epoch milliseconds: 0 for none, -1 if the field is absent. */
    public long expireAt(byte[] field) {
        if (table != null) {
            long entry = liveEntry(field);
            return entry == 0 ? -1 : table.expireAt(entry);
        }
        if (packed == null) {
            return -1;
        }
        int entry = packed.find(field);
        return entry < 0 ? -1 : packed.expireAt(entry);
    }

    /** Returns whether any field has an expiry. */
    public boolean hasVolatileFields() {
        if (table != null) {
            return table.volatileCount() > 0;
        }
        return packed != null && packed.expiring();
    }

    /** Visits every field and its value (empty for sets), in the encoding's order. */
    public void forEach(FieldVisitor visitor) {
        forEach(visitor, true);
    }

    /** Visits every field, with its value if {@code values} (else with {@link #NO_VALUE}). */
    public void forEach(FieldVisitor visitor, boolean values) {
        visitAll((field, value, expireAt) -> visitor.visit(field, value), values);
    }

    /**
     * Visits every field with its value and its expiry (epoch milliseconds, 0 for none), in the
     * encoding's order, expired fields included: the caller decides what is live.
     */
    public void forEachWithExpiry(ExpiringFieldVisitor visitor) {
        visitAll(visitor, true);
    }

    private void visitAll(ExpiringFieldVisitor visitor, boolean values) {
        if (table != null) {
            table.forEach(entry -> visitor.visit(table.field(entry), values ? valueOf(entry) : NO_VALUE, table.expireAt(entry)));
        } else if (packed != null) {
            int end = packed.end();
            for (int entry = PackedFields.first(); entry < end; entry = packed.next(entry)) {
                visitor.visit(packed.field(entry), values ? packedValueOf(entry) : NO_VALUE, packed.expireAt(entry));
            }
        }
    }

    private byte[] valueOf(long entry) {
        return table.valueLength(entry) == 0 ? NO_VALUE : table.value(entry);
    }

    private byte[] packedValueOf(int entry) {
        return packed.valueLength(entry) == 0 ? NO_VALUE : packed.value(entry);
    }

    /** Returns a uniformly chosen field (per bucket, then per chain, for tables), or null if empty. */
    public Field random(RandomGenerator random) {
        if (table != null) {
            long entry = table.randomEntry(random);
            return entry == 0 ? null : new Field(table.field(entry), valueOf(entry));
        }
        if (packed == null || packed.count() == 0) {
            return null;
        }
        int entry = packed.entryAt(random.nextInt(packed.count()));
        return new Field(packed.field(entry), packedValueOf(entry));
    }

    /**
     * Visits about {@code count} fields from {@code cursor} on and returns the next cursor, 0 when
     * the iteration is complete. A packed value is visited whole in the first call.
     */
    public long scan(long cursor, long count, FieldVisitor visitor, boolean values) {
        if (table != null) {
            return table.scan(cursor, count, entry -> visitor.visit(table.field(entry), values ? valueOf(entry) : NO_VALUE));
        }
        forEach(visitor, values);
        return 0;
    }

    /** Returns the encoding id (after {@link #commit()}). */
    public byte encoding() {
        if (table != null) {
            return FieldEncoding.TABLE;
        }
        return packed != null && packed.expiring() ? FieldEncoding.PACKED_EXPIRING : FieldEncoding.PACKED;
    }

    /** Returns the handle to store in the key's entry (after {@link #commit()}), 0 when empty. */
    public long root() {
        if (table != null) {
            return table.header();
        }
        return packed == null ? 0 : packed.block();
    }

    // ------------------------------------------------------------------ changing

    /**
     * Sets {@code field} to {@code value}; returns whether the field is new. The field's expiry is
     * cleared unless {@code keepTtl}. May convert the encoding.
     */
    public boolean put(byte[] field, byte[] value, boolean keepTtl) {
        if (table == null) {
            int entry = packed == null ? -1 : packed.find(field);
            if (entry >= 0 && fitsPacked(field, value)) {
                if (!keepTtl && packed.expireAt(entry) != 0) {
                    packed.setExpireAt(entry, 0);
                    removed = true;
                }
                packed.replaceValue(entry, value);
                return false;
            }
            boolean fits = fitsPacked(field, value) && (entry >= 0 || size() < maxEntries);
            if (fits) {
                if (packed == null) {
                    packed = new PackedFields(memory, PackedFields.create(memory,
                            PackedFieldsDescriptor.entryLength(field.length, value.length, false)), false);
                }
                packed.append(field, value, 0);
                return true;
            }
            convertToTable();
        }
        int hash = hashOf(field);
        long entry = table.find(field, hash);
        if (entry == 0) {
            table.link(table.newEntry(field, hash, value, 0));
            return true;
        }
        if (Keyspace.isExpired(table.expireAt(entry), now)) {
            // Replaced rather than removed, so that the key never goes empty in between.
            long replacement = table.newEntry(field, hash, value, 0);
            table.swap(entry, replacement);
            memory.free(entry);
            return true;
        }
        if (table.replaceValueInPlace(entry, value)) {
            if (!keepTtl && table.expireAt(entry) != 0) {
                table.setExpireAt(entry, 0);
            }
            return false;
        }
        long expireAt = keepTtl ? table.expireAt(entry) : 0;
        long replacement = table.newEntry(field, hash, value, expireAt);
        table.swap(entry, replacement);
        memory.free(entry);
        return false;
    }

    private boolean fitsPacked(byte[] field, byte[] value) {
        long used = packed == null ? 0 : packed.end();
        return field.length <= maxValue && value.length <= maxValue && maxEntries > 0
                && used + PackedFieldsDescriptor.entryLength(field.length, value.length, true) <= MAX_PACKED_BYTES;
    }

    /** Removes {@code field}; returns whether it was present. May convert the encoding at commit. */
    public boolean remove(byte[] field) {
        if (table != null) {
            long entry = liveEntry(field);
            if (entry == 0) {
                return false;
            }
            table.unlink(entry);
            memory.free(entry);
            removed = true;
            return true;
        }
        if (packed == null) {
            return false;
        }
        int entry = packed.find(field);
        if (entry < 0) {
            return false;
        }
        packed.remove(entry);
        removed = true;
        return true;
    }

    /** Sets the expiry of the present field {@code field} to {@code at} (epoch ms, &gt; 0). */
    public void setExpireAt(byte[] field, long at) {
        if (table != null) {
            int hash = hashOf(field);
            long entry = table.find(field, hash);
            if (entry == 0) {
                throw new IllegalStateException("no such field");
            }
            if (table.canExpire(entry)) {
                table.setExpireAt(entry, at);
            } else {
                long replacement = table.newEntry(field, hash, table.value(entry), at);
                table.swap(entry, replacement);
                memory.free(entry);
            }
            return;
        }
        if (!packed.expiring()) {
            packed = new PackedFields(memory, PackedFields.withExpirySlots(memory, packed), true);
        }
        int entry = packed.find(field);
        if (entry < 0) {
            throw new IllegalStateException("no such field");
        }
        packed.setExpireAt(entry, at);
    }

    /** Removes the expiry of {@code field}; returns whether it had one. */
    public boolean persist(byte[] field) {
        long at = expireAt(field);
        if (at <= 0) {
            return false;
        }
        if (table != null) {
            table.setExpireAt(table.find(field, hashOf(field)), 0);
        } else {
            packed.setExpireAt(packed.find(field), 0);
            removed = true;
        }
        return true;
    }

    /** Removes every field expired at {@code now}; returns how many. */
    public long removeExpired(long now) {
        if (table != null) {
            long next = table.nextExpiry();
            if (next == 0 || !Keyspace.isExpired(next, now)) {
                return 0;
            }
            long[] earliest = {0};
            LongList doomed = new LongList();
            table.forEach(entry -> {
                long at = table.expireAt(entry);
                if (Keyspace.isExpired(at, now)) {
                    doomed.add(entry);
                } else if (at != 0 && (earliest[0] == 0 || at < earliest[0])) {
                    earliest[0] = at;
                }
            });
            for (int i = 0; i < doomed.size(); i++) {
                long entry = doomed.get(i);
                table.unlink(entry);
                memory.free(entry);
            }
            table.setNextExpiry(table.volatileCount() == 0 ? 0 : earliest[0]);
            removed |= doomed.size() > 0;
            return doomed.size();
        }
        if (packed == null || !packed.expiring()) {
            return 0;
        }
        long count = 0;
        int entry = PackedFields.first();
        while (entry < packed.end()) {
            if (Keyspace.isExpired(packed.expireAt(entry), now)) {
                packed.remove(entry);
                count++;
            } else {
                entry = packed.next(entry);
            }
        }
        removed |= count > 0;
        return count;
    }

    /**
     * Settles the encoding after a change: a table that shrank to within half the packed limits
     * becomes packed again, and a packed value whose fields no longer expire drops the expiry
     * slots. Frees everything when no field is left ({@link #root()} is then 0).
     */
    public void commit() {
        if (size() == 0) {
            free();
            return;
        }
        if (!removed) {
            return;
        }
        removed = false;
        if (table != null) {
            if (table.count() <= maxEntries / 2 && longestInTable() <= maxValue
                    && packedBytesOfTable(table.volatileCount() > 0) <= MAX_PACKED_BYTES / 2) {
                convertToPacked();
            }
        } else if (packed.expiring() && !anyPackedExpiry()) {
            packed = new PackedFields(memory, PackedFields.withoutExpirySlots(memory, packed), false);
        }
    }

    private boolean anyPackedExpiry() {
        int end = packed.end();
        for (int entry = PackedFields.first(); entry < end; entry = packed.next(entry)) {
            if (packed.expireAt(entry) != 0) {
                return true;
            }
        }
        return false;
    }

    private int longestInTable() {
        int[] longest = {0};
        table.forEach(entry -> longest[0] = Math.max(longest[0], Math.max(table.fieldLength(entry), table.valueLength(entry))));
        return longest[0];
    }

    /** Frees a map that is not stored in any key (a scratch map of one command). */
    public void discard() {
        free();
    }

    private void free() {
        if (table != null) {
            table.free();
            table = null;
        } else if (packed != null) {
            memory.free(packed.block());
            packed = null;
        }
    }

    private void convertToTable() {
        long header = FieldTable.create(memory, packed == null ? 1 : packed.count() + 1L);
        FieldTable converted = new FieldTable(memory, header);
        if (packed != null) {
            try {
                int end = packed.end();
                for (int entry = PackedFields.first(); entry < end; entry = packed.next(entry)) {
                    byte[] field = packed.field(entry);
                    converted.link(converted.newEntry(field, hashOf(field), packed.value(entry), packed.expireAt(entry)));
                }
            } catch (RuntimeException | Error e) {
                converted.free();
                throw e;
            }
            memory.free(packed.block());
            packed = null;
        }
        table = converted;
    }

    private long packedBytesOfTable(boolean expiring) {
        long[] bytes = {0};
        table.forEach(entry -> bytes[0] += PackedFieldsDescriptor.entryLength(table.fieldLength(entry), table.valueLength(entry), expiring));
        return bytes[0];
    }

    private void convertToPacked() {
        boolean expiring = table.volatileCount() > 0;
        PackedFields converted = new PackedFields(memory, PackedFields.create(memory, packedBytesOfTable(expiring)), expiring);
        table.forEach(entry -> converted.append(table.field(entry), table.value(entry), table.expireAt(entry)));
        table.free();
        table = null;
        packed = converted;
    }

    // ------------------------------------------------------------------ whole values

    /** Frees the value {@code root} stored with {@code encoding}. */
    public static void free(OffHeapMemory memory, long root, byte encoding) {
        if (encoding == FieldEncoding.TABLE) {
            new FieldTable(memory, root).free();
        } else {
            memory.free(root);
        }
    }

    /** Returns a deep copy of the value {@code root}, expiries included. */
    public static long duplicate(OffHeapMemory memory, long root, byte encoding) {
        if (encoding != FieldEncoding.TABLE) {
            long copy = memory.allocate(memory.capacity(root));
            memory.copy(root, 0, copy, 0, memory.capacity(root));
            return copy;
        }
        FieldTable source = new FieldTable(memory, root);
        FieldTable copy = new FieldTable(memory, FieldTable.create(memory, source.count()));
        try {
            source.forEach(entry -> {
                long length = source.entryLength(entry);
                long duplicate = memory.allocate(length);
                memory.copy(entry, 0, duplicate, 0, length);
                copy.link(duplicate);
            });
        } catch (RuntimeException | Error e) {
            copy.free();
            throw e;
        }
        return copy.header();
    }

    /** Checks the value's structure; returns the first problem, or null. */
    public static String verify(OffHeapMemory memory, long root, byte encoding) {
        return switch (encoding) {
            case FieldEncoding.PACKED -> new PackedFields(memory, root, false).verify();
            case FieldEncoding.PACKED_EXPIRING -> new PackedFields(memory, root, true).verify();
            case FieldEncoding.TABLE -> new FieldTable(memory, root).verify();
            default -> "unknown encoding " + encoding;
        };
    }

    /** Visits one field and its value. */
    @FunctionalInterface
    public interface FieldVisitor {
        /** Visits {@code field} and {@code value} (read onto the heap; the visitor may keep them). */
        void visit(byte[] field, byte[] value);
    }

    /** Visits one field, its value and its expiry. */
    @FunctionalInterface
    public interface ExpiringFieldVisitor {
        /** Visits {@code field} and {@code value} (read onto the heap), expiring at {@code expireAt} (0: never). */
        void visit(byte[] field, byte[] value, long expireAt);
    }

    /** A field and its value, read onto the heap. */
    public record Field(byte[] name, byte[] value) {
    }
}
