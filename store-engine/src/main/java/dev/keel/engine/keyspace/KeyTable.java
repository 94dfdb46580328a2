package dev.keel.engine.keyspace;

import static dev.keel.engine.keyspace.EntryDescriptor.EXPIRE_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.HASH_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.NEXT_OFFSET;

import dev.keel.engine.memory.OffHeapMemory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * One stripe of the keyspace: an off-heap chained hash table from key to entry, grown and shrunk
 * by incremental rehashing, with its own lock.
 *
 * <pre>
 * Structure
 *   The bucket array is an off-heap array of entry handles (8 bytes a bucket); entries of one
 *   bucket are chained through their first word (see EntryDescriptor). The table doubles when it
 *   holds more entries than buckets and halves towards twice its size when it is less than an
 *   eighth full, so a stripe near a threshold does not flip back and forth.
 *
 * Incremental rehash
 *   A resize allocates the new array and keeps the old one; every later write, and the store's
 *   housekeeping thread, moves one non-empty bucket (visiting at most a few empty ones) from old
 *   to new, so no command pays for a whole resize. Invariant: an entry is in the old array iff
 *   its old bucket index is >= rehashIndex, so a lookup searches exactly one chain; a new
 *   entry whose old bucket has not moved yet joins that old bucket and moves with it.
 *
 * Scan cursors
 *   SCAN walks bucket indexes with their bits reversed, incrementing from the high bit down, so
 *   that when the table doubles or halves between two calls, the buckets already visited map to
 *   buckets whose reversed index is below the cursor: no key present for the whole iteration is
 *   missed, though some may be returned twice.
 *
 * Concurrency
 *   Not thread safe by itself: every method must be called with lock() held (the Keyspace does).
 * </pre>
 */
public final class KeyTable {
    static final int MIN_CAPACITY = 4;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int EMPTY_VISITS_PER_STEP = 16;

    /** How many times {@link #acquire()} retries a busy lock before parking. */
    private static final int SPINS = 200;

    /** The stripe lock; held by whoever calls the other methods. */
    final ReentrantLock lock = new ReentrantLock();

    private final OffHeapMemory memory;
    private final Keyspace keyspace;

    private long table;
    private int mask;
    private long oldTable;
    private int oldMask;
    private int rehashIndex = -1;
    private long size;
    private long volatileSize;
    private int sweepCursor;
    /** Whether a value in this stripe may have fields with an expiry (cleared after a sweep finds none). */
    private boolean fieldExpiry;
    private boolean volatileFieldsSeen;
    private int fieldSweepCursor;
    /** Reads that found their key, reads that did not, keys removed as expired: Keyspace.counts() reads them under the lock. */
    long hits;
    long misses;
    long expired;

    KeyTable(OffHeapMemory memory, Keyspace keyspace) {
        this.memory = memory;
        this.keyspace = keyspace;
        this.table = memory.allocateZeroed(BucketArrayDescriptor.length(MIN_CAPACITY));
        this.mask = MIN_CAPACITY - 1;
    }

    /**
     * Takes the stripe lock, spinning briefly before parking: a command holds it for well under a
     * microsecond, while parking and waking a thread costs tens of microseconds, so a thread that
     * meets a busy stripe does better to wait on the spot.
     */
    void acquire() {
        for (int i = 0; i < SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** Returns the number of keys, expired ones not yet removed included. */
    public long size() {
        return size;
    }

    /** Returns the number of keys with an expiry. */
    public long volatileSize() {
        return volatileSize;
    }

    /** Counts a read of a key of this stripe that found it ({@code hit}) or not. */
    void countRead(boolean hit) {
        if (hit) {
            hits++;
        } else {
            misses++;
        }
    }

    /** Counts a key of this stripe removed because it expired. */
    void countExpired() {
        expired++;
    }

    /** Returns whether a resize is in progress. */
    public boolean rehashing() {
        return rehashIndex >= 0;
    }

    /** Returns the bytes held by the bucket arrays. */
    long tableBytes() {
        return BucketArrayDescriptor.length(mask + 1L) + (rehashing() ? BucketArrayDescriptor.length(oldMask + 1L) : 0);
    }

    private long bucket(long array, int index) {
        return memory.getLong(array, BucketArrayDescriptor.slotOffset(index));
    }

    private void setBucket(long array, int index, long entry) {
        memory.putLong(array, BucketArrayDescriptor.slotOffset(index), entry);
    }

    private long next(long entry) {
        return memory.getLong(entry, NEXT_OFFSET);
    }

    private int hashOf(long entry) {
        return memory.getInt(entry, HASH_OFFSET);
    }

    // ------------------------------------------------------------------ lookup and change

    /** Returns the entry for {@code key}, expired or not, or 0. */
    long find(byte[] key, int hash) {
        if (rehashIndex >= 0) {
            int oldIndex = hash & oldMask;
            if (oldIndex >= rehashIndex) {
                return findInChain(bucket(oldTable, oldIndex), key, hash);
            }
        }
        return findInChain(bucket(table, hash & mask), key, hash);
    }

    private long findInChain(long entry, byte[] key, int hash) {
        while (entry != 0) {
            if (hashOf(entry) == hash && keyspace.keyEquals(entry, key)) {
                return entry;
            }
            entry = next(entry);
        }
        return 0;
    }

    /** Links a fully written entry whose key is not in the table yet. May start a resize. */
    void link(long entry, int hash) {
        long array = table;
        int index = hash & mask;
        if (rehashIndex >= 0 && (hash & oldMask) >= rehashIndex) {
            array = oldTable;
            index = hash & oldMask;
        }
        memory.putLong(entry, NEXT_OFFSET, bucket(array, index));
        setBucket(array, index, entry);
        size++;
        if (memory.getLong(entry, EXPIRE_OFFSET) != 0) {
            volatileSize++;
        }
        if (rehashIndex >= 0) {
            rehashStep();
        } else if (size > mask + 1L && mask + 1 < MAX_CAPACITY) {
            resize((mask + 1) * 2);
        }
    }

    /** Unlinks {@code entry} from its chain; the caller frees it. May start a resize. */
    void unlink(long entry) {
        relink(entry, next(entry));
        size--;
        if (memory.getLong(entry, EXPIRE_OFFSET) != 0) {
            volatileSize--;
        }
        if (rehashIndex >= 0) {
            rehashStep();
        } else {
            shrinkIfSparse();
        }
    }

    /** Starts shrinking the table if it is less than an eighth full; returns whether it did. */
    boolean shrinkIfSparse() {
        long capacity = mask + 1L;
        if (rehashIndex < 0 && capacity > MIN_CAPACITY && size * 8 < capacity) {
            resize((int) Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, size * 2)) * 2));
            return true;
        }
        return false;
    }

    /** Puts {@code replacement} (same key, same hash) where {@code entry} was; the caller frees {@code entry}. */
    void swap(long entry, long replacement) {
        memory.putLong(replacement, NEXT_OFFSET, next(entry));
        relink(entry, replacement);
        boolean wasVolatile = memory.getLong(entry, EXPIRE_OFFSET) != 0;
        boolean isVolatile = memory.getLong(replacement, EXPIRE_OFFSET) != 0;
        volatileSize += (isVolatile ? 1 : 0) - (wasVolatile ? 1 : 0);
    }

    /** Makes whatever pointed at {@code entry} (its bucket or its predecessor) point at {@code target}. */
    private void relink(long entry, long target) {
        int hash = hashOf(entry);
        long array;
        int index;
        if (rehashIndex >= 0 && (hash & oldMask) >= rehashIndex) {
            array = oldTable;
            index = hash & oldMask;
        } else {
            array = table;
            index = hash & mask;
        }
        long previous = 0;
        long current = bucket(array, index);
        while (current != entry) {
            if (current == 0) {
                throw new IllegalStateException("keyspace corrupt: entry not in its bucket");
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

    /** Sets the expiry of a linked entry (0 for none), keeping the count of volatile keys. */
    void setExpireAt(long entry, long expireAt) {
        long old = memory.getLong(entry, EXPIRE_OFFSET);
        if (old == 0 && expireAt != 0) {
            volatileSize++;
        } else if (old != 0 && expireAt == 0) {
            volatileSize--;
        }
        memory.putLong(entry, EXPIRE_OFFSET, expireAt);
    }

    // ------------------------------------------------------------------ resizing

    private void resize(int capacity) {
        oldTable = table;
        oldMask = mask;
        table = memory.allocateZeroed(BucketArrayDescriptor.length(capacity));
        mask = capacity - 1;
        rehashIndex = 0;
        rehashStep();
    }

    /** Moves one non-empty bucket (after at most a few empty ones) to the new array. */
    void rehashStep() {
        int emptyVisits = EMPTY_VISITS_PER_STEP;
        while (rehashIndex >= 0 && rehashIndex <= oldMask) {
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
            oldTable = 0;
            oldMask = 0;
            rehashIndex = -1;
        }
    }

    // ------------------------------------------------------------------ iteration

    /**
     * Visits the buckets for scan cursor {@code cursor} (a reversed bucket index) and returns the
     * next cursor, 0 when this stripe is done.
     */
    long scan(long cursor, LongConsumer visitor) {
        long v = cursor;
        if (rehashIndex < 0) {
            long m0 = mask;
            visitChain(bucket(table, (int) (v & m0)), visitor);
            v |= ~m0;
            v = Long.reverse(Long.reverse(v) + 1);
            return v;
        }
        long smallArray;
        long largeArray;
        long m0;
        long m1;
        if (mask <= oldMask) {
            smallArray = table;
            m0 = mask;
            largeArray = oldTable;
            m1 = oldMask;
        } else {
            smallArray = oldTable;
            m0 = oldMask;
            largeArray = table;
            m1 = mask;
        }
        visitScanBucket(smallArray, (int) (v & m0), visitor);
        do {
            visitScanBucket(largeArray, (int) (v & m1), visitor);
            v |= ~m1;
            v = Long.reverse(Long.reverse(v) + 1);
        } while ((v & (m0 ^ m1)) != 0);
        return v;
    }

    private void visitScanBucket(long array, int index, LongConsumer visitor) {
        if (array == oldTable && index < rehashIndex) {
            return;
        }
        visitChain(bucket(array, index), visitor);
    }

    private void visitChain(long entry, LongConsumer visitor) {
        while (entry != 0) {
            long following = next(entry);
            visitor.accept(entry);
            entry = following;
        }
    }

    /** Visits every entry; the visitor must not change the table. */
    void forEach(LongConsumer visitor) {
        if (rehashIndex >= 0) {
            for (int i = rehashIndex; i <= oldMask; i++) {
                visitChain(bucket(oldTable, i), visitor);
            }
        }
        for (int i = 0; i <= mask; i++) {
            visitChain(bucket(table, i), visitor);
        }
    }

    /** Returns a uniformly chosen bucket's random entry, or 0 if the table is empty. */
    long randomEntry() {
        if (size == 0) {
            return 0;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int oldBuckets = rehashIndex >= 0 ? oldMask + 1 : 0;
        int buckets = mask + 1;
        long chain = 0;
        for (int attempt = 0; attempt < 4096 && chain == 0; attempt++) {
            int pick = random.nextInt(buckets + oldBuckets);
            if (pick < buckets) {
                chain = bucket(table, pick);
            } else if (pick - buckets >= rehashIndex) {
                chain = bucket(oldTable, pick - buckets);
            }
        }
        if (chain == 0) {
            long[] first = new long[1];
            forEach(entry -> {
                if (first[0] == 0) {
                    first[0] = entry;
                }
            });
            return first[0];
        }
        int length = 0;
        for (long entry = chain; entry != 0; entry = next(entry)) {
            length++;
        }
        long entry = chain;
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            entry = next(entry);
        }
        return entry;
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Removes expired entries from up to {@code buckets} buckets, continuing where the last call
     * stopped. Returns {expired, sampled} packed as (expired << 32 | sampled volatile keys).
     */
    long sweepExpired(long now, int buckets) {
        if (volatileSize == 0) {
            return 0;
        }
        if (rehashIndex >= 0) {
            rehashStep();
            return 0;
        }
        int expired = 0;
        int sampled = 0;
        for (int i = 0; i < buckets; i++) {
            int index = sweepCursor & mask;
            sweepCursor = index + 1;
            long entry = bucket(table, index);
            while (entry != 0) {
                long following = next(entry);
                long expireAt = memory.getLong(entry, EXPIRE_OFFSET);
                if (expireAt != 0) {
                    sampled++;
                    if (Keyspace.isExpired(expireAt, now)) {
                        keyspace.removeExpired(this, entry);
                        expired++;
                        if (rehashIndex >= 0) {
                            return ((long) expired << 32) | sampled;
                        }
                    }
                }
                entry = following;
            }
        }
        return ((long) expired << 32) | sampled;
    }

    /** Records that a value in this stripe has a field with an expiry, for the field sweep. */
    void noteFieldExpiry() {
        fieldExpiry = true;
        volatileFieldsSeen = true;
    }

    /** Returns whether a value in this stripe may have fields with an expiry. */
    boolean mayHaveFieldExpiry() {
        return fieldExpiry;
    }

    /**
     * Removes expired fields of the values in up to {@code buckets} buckets, continuing where the
     * last call stopped; forgets the stripe's field expiry once a whole cycle found none. Returns
     * the number of values that had fields with an expiry.
     */
    int sweepFieldExpiry(long now, int buckets) {
        if (!fieldExpiry) {
            return 0;
        }
        if (rehashIndex >= 0) {
            rehashStep();
            return 0;
        }
        int found = 0;
        for (int i = 0; i < buckets; i++) {
            int index = fieldSweepCursor & mask;
            long entry = bucket(table, index);
            while (entry != 0) {
                long following = next(entry);
                int state = keyspace.expireFields(entry, now);
                if (state != ValueStructure.NO_VOLATILE_FIELDS) {
                    found++;
                    volatileFieldsSeen = true;
                }
                if (state == ValueStructure.EMPTY) {
                    keyspace.emptiedByFieldExpiry(entry, now);
                    unlink(entry);
                    memory.free(entry);
                    if (rehashIndex >= 0) {
                        fieldSweepCursor = index;
                        return found;
                    }
                }
                entry = following;
            }
            fieldSweepCursor = index + 1;
            if (fieldSweepCursor > mask) {
                fieldSweepCursor = 0;
                fieldExpiry = volatileFieldsSeen;
                volatileFieldsSeen = false;
                break;
            }
        }
        return found;
    }

    /** Unlinks every entry, handing each to {@code release}, and shrinks to the minimum. */
    void clear(LongConsumer release) {
        if (rehashIndex >= 0) {
            for (int i = rehashIndex; i <= oldMask; i++) {
                visitChain(bucket(oldTable, i), release);
            }
            memory.free(oldTable);
            oldTable = 0;
            oldMask = 0;
            rehashIndex = -1;
        }
        for (int i = 0; i <= mask; i++) {
            visitChain(bucket(table, i), release);
        }
        memory.free(table);
        table = memory.allocateZeroed(BucketArrayDescriptor.length(MIN_CAPACITY));
        mask = MIN_CAPACITY - 1;
        size = 0;
        volatileSize = 0;
        sweepCursor = 0;
        fieldExpiry = false;
        volatileFieldsSeen = false;
        fieldSweepCursor = 0;
    }

    /**
     * Checks the table's invariants: every entry is in the bucket its hash selects, and the
     * counts match. Returns a description of the first problem, or null.
     */
    String verify() {
        long[] counts = new long[2];
        String[] problem = new String[1];
        if (rehashIndex >= 0) {
            for (int i = rehashIndex; i <= oldMask; i++) {
                final int index = i;
                visitChain(bucket(oldTable, i), entry -> {
                    counts[0]++;
                    if (memory.getLong(entry, EXPIRE_OFFSET) != 0) {
                        counts[1]++;
                    }
                    if ((hashOf(entry) & oldMask) != index && problem[0] == null) {
                        problem[0] = "entry in wrong old bucket " + index;
                    }
                });
            }
        }
        for (int i = 0; i <= mask; i++) {
            final int index = i;
            visitChain(bucket(table, i), entry -> {
                counts[0]++;
                if (memory.getLong(entry, EXPIRE_OFFSET) != 0) {
                    counts[1]++;
                }
                if ((hashOf(entry) & mask) != index && problem[0] == null) {
                    problem[0] = "entry in wrong bucket " + index;
                }
            });
        }
        if (problem[0] != null) {
            return problem[0];
        }
        if (counts[0] != size) {
            return "size " + size + " but " + counts[0] + " entries linked";
        }
        if (counts[1] != volatileSize) {
            return "volatile size " + volatileSize + " but " + counts[1] + " entries with expiry";
        }
        return null;
    }

    /** Frees the bucket arrays; the entries are freed with the memory. */
    void freeTables() {
        memory.free(table);
        memory.free(oldTable);
        table = 0;
        oldTable = 0;
    }
}
