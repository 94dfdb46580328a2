package dev.keel.engine.hash;

import static dev.keel.engine.hash.FieldEntryDescriptor.EXPIRY_FLAG;
import static dev.keel.engine.hash.FieldEntryDescriptor.FIELD_LENGTH_OFFSET;
import static dev.keel.engine.hash.FieldEntryDescriptor.HASH_OFFSET;
import static dev.keel.engine.hash.FieldEntryDescriptor.NEXT_OFFSET;
import static dev.keel.engine.hash.FieldEntryDescriptor.LENGTH_MASK;
import static dev.keel.engine.hash.FieldEntryDescriptor.VALUE_FLAG;
import static dev.keel.engine.hash.FieldTableDescriptor.COUNT_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.MASK_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.NEXT_EXPIRY_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.OLD_MASK_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.OLD_TABLE_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.REHASH_INDEX_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.TABLE_OFFSET;
import static dev.keel.engine.hash.FieldTableDescriptor.VOLATILE_COUNT_OFFSET;

import dev.keel.engine.keyspace.BucketArrayDescriptor;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.random.RandomGenerator;

/**
 * The scalable encoding of a hash or a set: an off-heap chained hash table of fields, grown and
 * shrunk by incremental rehashing. A flyweight over the table's header; all state is off-heap.
 *
 * <pre>
 * Structure
 *   A header (FieldTableDescriptor) points at an array of buckets, each the head of a chain of
 *   entries (FieldEntryDescriptor) linked through their first word. Fields hash with the
 *   store's keyed SipHash, so no one can choose fields that pile into one chain.
 *
 * Incremental rehash
 *   The table doubles when it holds more entries than buckets and halves when less than an
 *   eighth full. A resize keeps the old array; every later operation on the value moves one
 *   non-empty bucket, so no command pays for the whole resize. Invariant: an entry is in the old
 *   array iff its old bucket index is >= the rehash index. SCAN finishes a pending resize first
 *   (cost proportional to the fields, once per resize) so its cursor walks one array.
 *
 * Scan cursors
 *   SCAN walks bucket indexes with their bits reversed, so buckets visited before a resize map to
 *   buckets below the cursor after it: a field present for the whole iteration is not missed.
 *
 * Expiry
 *   Entries with a time to live carry an expiry slot; the header counts them and keeps a lower
 *   bound of the earliest expiry, so a value with none costs nothing to check.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class FieldTable {
    private static final int MIN_CAPACITY = 4;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int EMPTY_VISITS_PER_STEP = 16;

    private final OffHeapMemory memory;
    private final long header;

    public FieldTable(OffHeapMemory memory, long header) {
        this.memory = memory;
        this.header = header;
    }

    /** Allocates an empty table with room for about {@code expected} entries; returns its header. */
    public static long create(OffHeapMemory memory, long expected) {
        int capacity = MIN_CAPACITY;
        while (capacity < expected && capacity < MAX_CAPACITY) {
            capacity <<= 1;
        }
        long array = memory.allocateZeroed(BucketArrayDescriptor.length(capacity));
        long header;
        try {
            header = memory.allocateZeroed(FieldTableDescriptor.HEADER_LENGTH);
        } catch (RuntimeException | Error e) {
            memory.free(array);
            throw e;
        }
        memory.putLong(header, TABLE_OFFSET, array);
        memory.putInt(header, MASK_OFFSET, capacity - 1);
        memory.putInt(header, REHASH_INDEX_OFFSET, -1);
        return header;
    }

    public long header() {
        return header;
    }

    // ------------------------------------------------------------------ header fields

    public long count() {
        return memory.getLong(header, COUNT_OFFSET);
    }

    private void addCount(long delta) {
        memory.putLong(header, COUNT_OFFSET, count() + delta);
    }

    long volatileCount() {
        return memory.getLong(header, VOLATILE_COUNT_OFFSET);
    }

    /** Returns a lower bound of the earliest field expiry, 0 when no field has one. */
    long nextExpiry() {
        return memory.getLong(header, NEXT_EXPIRY_OFFSET);
    }

    void setNextExpiry(long at) {
        memory.putLong(header, NEXT_EXPIRY_OFFSET, at);
    }

    private void addVolatile(long delta) {
        memory.putLong(header, VOLATILE_COUNT_OFFSET, volatileCount() + delta);
    }

    private long table() {
        return memory.getLong(header, TABLE_OFFSET);
    }

    private int mask() {
        return memory.getInt(header, MASK_OFFSET);
    }

    private long oldTable() {
        return memory.getLong(header, OLD_TABLE_OFFSET);
    }

    private int oldMask() {
        return memory.getInt(header, OLD_MASK_OFFSET);
    }

    private int rehashIndex() {
        return memory.getInt(header, REHASH_INDEX_OFFSET);
    }

    boolean rehashing() {
        return rehashIndex() >= 0;
    }

    private long bucket(long array, int index) {
        return memory.getLong(array, BucketArrayDescriptor.slotOffset(index));
    }

    private void setBucket(long array, int index, long entry) {
        memory.putLong(array, BucketArrayDescriptor.slotOffset(index), entry);
    }

    /** Returns the bytes of the header and bucket arrays. */
    long overheadBytes() {
        long bytes = FieldTableDescriptor.HEADER_LENGTH + BucketArrayDescriptor.length(mask() + 1L);
        return rehashing() ? bytes + BucketArrayDescriptor.length(oldMask() + 1L) : bytes;
    }

    // ------------------------------------------------------------------ entry fields

    long next(long entry) {
        return memory.getLong(entry, NEXT_OFFSET);
    }

    int hashOf(long entry) {
        return memory.getInt(entry, HASH_OFFSET);
    }

    private boolean hasExpirySlot(long entry) {
        return (memory.getInt(entry, FIELD_LENGTH_OFFSET) & EXPIRY_FLAG) != 0;
    }

    private boolean hasValueWord(long entry) {
        return (memory.getInt(entry, FIELD_LENGTH_OFFSET) & VALUE_FLAG) != 0;
    }

    public int fieldLength(long entry) {
        return memory.getInt(entry, FIELD_LENGTH_OFFSET) & LENGTH_MASK;
    }

    int valueLength(long entry) {
        return hasValueWord(entry) ? memory.getInt(entry, FieldEntryDescriptor.valueLengthOffset()) : 0;
    }

    private int fieldOffset(long entry) {
        return FieldEntryDescriptor.headerLength(hasValueWord(entry), hasExpirySlot(entry));
    }

    private long valueOffset(long entry) {
        return FieldEntryDescriptor.valueOffset(fieldOffset(entry), fieldLength(entry));
    }

    private int expireOffset(long entry) {
        return FieldEntryDescriptor.expireOffset(hasValueWord(entry));
    }

    /** Returns the bytes of {@code entry}, as allocated for its optional words. */
    long entryLength(long entry) {
        return valueOffset(entry) + valueLength(entry);
    }

    public byte[] field(long entry) {
        return memory.read(entry, fieldOffset(entry), fieldLength(entry));
    }

    byte[] value(long entry) {
        return memory.read(entry, valueOffset(entry), valueLength(entry));
    }

    /**
     * Compares the field of {@code entry} with {@code field}, as unsigned bytes then by length:
     * negative, zero or positive as the entry's field sorts before, equal to or after it.
     */
    public int compareField(long entry, byte[] field) {
        return memory.compare(entry, fieldOffset(entry), fieldLength(entry), field);
    }

    /** Returns the first 8 bytes of the value of {@code entry}, whose value is at least that long. */
    public long longValue(long entry) {
        return memory.getLong(entry, valueOffset(entry));
    }

    /** Sets the first 8 bytes of the value of {@code entry}, whose value is at least that long. */
    public void setLongValue(long entry, long value) {
        memory.putLong(entry, valueOffset(entry), value);
    }

    boolean valueEquals(long entry, byte[] value) {
        return valueLength(entry) == value.length
                && memory.equals(entry, valueOffset(entry), value);
    }

    /** Returns the entry's expiry in epoch milliseconds, 0 for none. */
    long expireAt(long entry) {
        return hasExpirySlot(entry) ? memory.getLong(entry, expireOffset(entry)) : 0;
    }

    /** Allocates an unlinked entry; an empty value gets no value length word. */
    public long newEntry(byte[] field, int hash, byte[] value, long expireAt) {
        boolean expiring = expireAt != 0;
        boolean valueWord = value.length != 0;
        long entry = memory.allocate(FieldEntryDescriptor.entryLength(field.length, value.length, expiring));
        memory.putLong(entry, NEXT_OFFSET, 0);
        memory.putInt(entry, HASH_OFFSET, hash);
        memory.putInt(entry, FIELD_LENGTH_OFFSET, field.length | (expiring ? EXPIRY_FLAG : 0) | (valueWord ? VALUE_FLAG : 0));
        if (valueWord) {
            memory.putInt(entry, FieldEntryDescriptor.valueLengthOffset(), value.length);
        }
        if (expiring) {
            memory.putLong(entry, FieldEntryDescriptor.expireOffset(valueWord), expireAt);
        }
        int at = FieldEntryDescriptor.headerLength(valueWord, expiring);
        memory.write(entry, at, field, 0, field.length);
        memory.write(entry, FieldEntryDescriptor.valueOffset(at, field.length), value, 0, value.length);
        return entry;
    }

    /**
     * Replaces the value of a linked entry in its own block when the new value fits the block's
     * size class (and the entry has a value length word, or the value is empty); returns false,
     * changing nothing, when it does not.
     */
    boolean replaceValueInPlace(long entry, byte[] value) {
        boolean valueWord = hasValueWord(entry);
        if (!valueWord && value.length != 0) {
            return false;
        }
        long at = valueOffset(entry);
        if (at + value.length > memory.capacity(entry)) {
            return false;
        }
        if (valueWord) {
            memory.putInt(entry, FieldEntryDescriptor.valueLengthOffset(), value.length);
        }
        memory.write(entry, at, value, 0, value.length);
        return true;
    }

    // ------------------------------------------------------------------ lookup and change

    /** Returns the entry of {@code field}, expired or not, or 0. Advances a pending resize. */
    public long find(byte[] field, int hash) {
        if (rehashing()) {
            rehashStep();
        }
        long entry = bucket(arrayOf(hash), indexOf(hash));
        while (entry != 0) {
            if (hashOf(entry) == hash && fieldLength(entry) == field.length
                    && memory.equals(entry, fieldOffset(entry), field)) {
                return entry;
            }
            entry = next(entry);
        }
        return 0;
    }

    private long arrayOf(int hash) {
        int rehashIndex = rehashIndex();
        return rehashIndex >= 0 && (hash & oldMask()) >= rehashIndex ? oldTable() : table();
    }

    private int indexOf(int hash) {
        int rehashIndex = rehashIndex();
        return rehashIndex >= 0 && (hash & oldMask()) >= rehashIndex ? hash & oldMask() : hash & mask();
    }

    /** Links an entry whose field is not in the table. May start a resize. */
    public void link(long entry) {
        int hash = hashOf(entry);
        long array = arrayOf(hash);
        int index = indexOf(hash);
        memory.putLong(entry, NEXT_OFFSET, bucket(array, index));
        setBucket(array, index, entry);
        addCount(1);
        noteExpiry(0, expireAt(entry));
        if (rehashing()) {
            rehashStep();
        } else if (count() > mask() + 1L && mask() + 1 < MAX_CAPACITY) {
            resize((mask() + 1) * 2);
        }
    }

    /** Unlinks {@code entry}; the caller frees it. May start shrinking the table. */
    public void unlink(long entry) {
        relink(entry, next(entry));
        addCount(-1);
        if (expireAt(entry) != 0) {
            addVolatile(-1);
            if (volatileCount() == 0) {
                setNextExpiry(0);
            }
        }
        if (rehashing()) {
            rehashStep();
        } else {
            shrinkIfSparse();
        }
    }

    /** Puts {@code replacement} (same field, same hash) where {@code entry} was; the caller frees {@code entry}. */
    void swap(long entry, long replacement) {
        memory.putLong(replacement, NEXT_OFFSET, next(entry));
        relink(entry, replacement);
        noteExpiry(expireAt(entry), expireAt(replacement));
    }

    /** Sets the expiry of a linked entry that has an expiry slot. */
    void setExpireAt(long entry, long at) {
        long old = expireAt(entry);
        memory.putLong(entry, expireOffset(entry), at);
        noteExpiry(old, at);
    }

    /** Returns whether the entry has room for an expiry. */
    boolean canExpire(long entry) {
        return hasExpirySlot(entry);
    }

    private void noteExpiry(long old, long at) {
        if (old == 0 && at != 0) {
            addVolatile(1);
        } else if (old != 0 && at == 0) {
            addVolatile(-1);
        }
        if (volatileCount() == 0) {
            setNextExpiry(0);
        } else if (at != 0 && (nextExpiry() == 0 || at < nextExpiry())) {
            setNextExpiry(at);
        }
    }

    private void relink(long entry, long target) {
        int hash = hashOf(entry);
        long array = arrayOf(hash);
        int index = indexOf(hash);
        long previous = 0;
        long current = bucket(array, index);
        while (current != entry) {
            if (current == 0) {
                throw new IllegalStateException("corrupt hash table: entry not in its bucket");
            }
            previous = current;
            current = next(current);
        }
        if (previous == 0) {
            setBucket(array, index, target);
        } else {
            memory.putLong(previous, NEXT_OFFSET, target);
        }
    }

    // ------------------------------------------------------------------ resizing

    private void shrinkIfSparse() {
        long capacity = mask() + 1L;
        long count = count();
        if (!rehashing() && capacity > MIN_CAPACITY && count * 8 < capacity) {
            resize((int) Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, count * 2)) * 2));
        }
    }

    private void resize(int capacity) {
        long array = memory.allocateZeroed(BucketArrayDescriptor.length(capacity));
        memory.putLong(header, OLD_TABLE_OFFSET, table());
        memory.putInt(header, OLD_MASK_OFFSET, mask());
        memory.putLong(header, TABLE_OFFSET, array);
        memory.putInt(header, MASK_OFFSET, capacity - 1);
        memory.putInt(header, REHASH_INDEX_OFFSET, 0);
        rehashStep();
    }

    /** Moves one non-empty bucket (after at most a few empty ones) to the new array. */
    void rehashStep() {
        int rehashIndex = rehashIndex();
        if (rehashIndex < 0) {
            return;
        }
        long oldTable = oldTable();
        int oldMask = oldMask();
        long table = table();
        int mask = mask();
        int emptyVisits = EMPTY_VISITS_PER_STEP;
        while (rehashIndex <= oldMask) {
            long entry = bucket(oldTable, rehashIndex);
            if (entry == 0) {
                rehashIndex++;
                if (--emptyVisits == 0) {
                    break;
                }
                continue;
            }
            while (entry != 0) {
                long following = next(entry);
                int index = hashOf(entry) & mask;
                memory.putLong(entry, NEXT_OFFSET, bucket(table, index));
                setBucket(table, index, entry);
                entry = following;
            }
            setBucket(oldTable, rehashIndex, 0);
            rehashIndex++;
            break;
        }
        if (rehashIndex > oldMask) {
            memory.free(oldTable);
            memory.putLong(header, OLD_TABLE_OFFSET, 0);
            memory.putInt(header, OLD_MASK_OFFSET, 0);
            rehashIndex = -1;
        }
        memory.putInt(header, REHASH_INDEX_OFFSET, rehashIndex);
    }

    /** Completes a pending resize. */
    void finishRehash() {
        while (rehashing()) {
            rehashStep();
        }
    }

    // ------------------------------------------------------------------ walks

    /**
     * Visits every entry; the visitor must not change the table, but may free the entry it visits.
     * Completes a pending resize first: lookups in the same table during the walk (a set
     * intersected with itself) would otherwise advance it and move entries under the walk.
     */
    public void forEach(EntryVisitor visitor) {
        finishRehash();
        if (rehashing()) {
            visitArray(oldTable(), rehashIndex(), oldMask(), visitor);
        }
        visitArray(table(), 0, mask(), visitor);
    }

    private void visitArray(long array, int from, int mask, EntryVisitor visitor) {
        for (int i = from; i <= mask; i++) {
            long entry = bucket(array, i);
            while (entry != 0) {
                long following = next(entry);
                visitor.visit(entry);
                entry = following;
            }
        }
    }

    /**
     * Visits the entries of the buckets from {@code cursor} on, reversed-binary order, until about
     * {@code count} entries were seen; returns the next cursor, 0 at the end.
     */
    public long scan(long cursor, long count, EntryVisitor visitor) {
        finishRehash();
        long array = table();
        int mask = mask();
        long seen = 0;
        long position = cursor;
        int maxIterations = count >= Integer.MAX_VALUE / 10 ? Integer.MAX_VALUE : (int) Math.max(count, 1) * 10;
        do {
            for (long entry = bucket(array, (int) (position & mask)); entry != 0; entry = next(entry)) {
                visitor.visit(entry);
                seen++;
            }
            position = nextCursor(position, mask);
        } while (position != 0 && seen < count && --maxIterations > 0);
        return position;
    }

    /** Returns the cursor after {@code cursor} for a table of {@code mask + 1} buckets. */
    private static long nextCursor(long cursor, int mask) {
        long v = cursor | ~(long) mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v & 0xFFFF_FFFFL & mask;
    }

    /** Returns a random entry, chosen by a random non-empty bucket then a random chain position. */
    long randomEntry(RandomGenerator random) {
        if (count() == 0) {
            return 0;
        }
        long entry;
        if (rehashing()) {
            int rehashIndex = rehashIndex();
            int oldLive = oldMask() + 1 - rehashIndex;
            int total = oldLive + mask() + 1;
            do {
                int pick = random.nextInt(total);
                entry = pick < oldLive ? bucket(oldTable(), rehashIndex + pick) : bucket(table(), pick - oldLive);
            } while (entry == 0);
        } else {
            int mask = mask();
            do {
                entry = bucket(table(), random.nextInt(mask + 1));
            } while (entry == 0);
        }
        int length = 0;
        for (long e = entry; e != 0; e = next(e)) {
            length++;
        }
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            entry = next(entry);
        }
        return entry;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Frees every entry, the arrays and the header. */
    public void free() {
        forEach(memory::free);
        if (rehashing()) {
            memory.free(oldTable());
        }
        memory.free(table());
        memory.free(header);
    }

    /** Checks the chains, counts and rehash invariant; returns the first problem, or null. */
    public String verify() {
        long[] counts = new long[2];
        String[] problem = new String[1];
        int rehashIndex = rehashIndex();
        if (rehashIndex >= 0) {
            for (int i = 0; i <= oldMask(); i++) {
                long entry = bucket(oldTable(), i);
                if (i < rehashIndex && entry != 0) {
                    return "old bucket " + i + " below the rehash index is not empty";
                }
                for (; entry != 0; entry = next(entry)) {
                    if ((hashOf(entry) & oldMask()) != i) {
                        return "entry in the wrong old bucket";
                    }
                    counts[0]++;
                    if (expireAt(entry) != 0) {
                        counts[1]++;
                    }
                }
            }
        }
        for (int i = 0; i <= mask(); i++) {
            for (long entry = bucket(table(), i); entry != 0; entry = next(entry)) {
                if ((hashOf(entry) & mask()) != i) {
                    problem[0] = "entry in the wrong bucket";
                }
                if (rehashIndex >= 0 && (hashOf(entry) & oldMask()) >= rehashIndex) {
                    problem[0] = "entry in the new array whose old bucket has not moved";
                }
                counts[0]++;
                long at = expireAt(entry);
                if (at != 0) {
                    counts[1]++;
                    if (nextExpiry() == 0 || at < nextExpiry()) {
                        problem[0] = "next expiry " + nextExpiry() + " after a field's expiry " + at;
                    }
                }
            }
        }
        if (problem[0] != null) {
            return problem[0];
        }
        if (counts[0] != count()) {
            return "count " + count() + " but " + counts[0] + " entries";
        }
        if (counts[1] != volatileCount()) {
            return "volatile count " + volatileCount() + " but " + counts[1] + " entries with expiry";
        }
        return null;
    }

    /** Visits one entry. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(long entry);
    }
}
