package dev.keel.engine.keyspace;

import static dev.keel.engine.keyspace.EntryDescriptor.CLOCK_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.ENCODING_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.EXPIRE_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.HASH_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.KEY_LENGTH_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.KEY_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.RESERVED_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.TYPE_OFFSET;
import static dev.keel.engine.keyspace.EntryDescriptor.VALUE_OFFSET;

import dev.keel.engine.memory.OffHeapMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * The keyspace: every key of a store, its type, encoding, expiry, access clock and value, in
 * off-heap hash tables split into lock stripes.
 *
 * <pre>
 * Design
 *   A key's 64-bit SipHash (keyed per store, see SipHash) picks its stripe by its top bits and its
 *   bucket by its low bits. Each stripe is a KeyTable with its own lock, so commands on keys of
 *   different stripes run in parallel. Nothing here is per key on the Java heap.
 *
 * Concurrency
 *   The methods that take a stripe or a hash assume the caller holds that stripe's lock (the
 *   command dispatcher takes the locks of a command's keys, in ascending stripe order, before it
 *   runs the command, so multi-key commands are atomic and cannot deadlock). The methods that
 *   span the whole keyspace (dbsize, keys, scan, flush) take the locks they need themselves.
 *
 * Expiry
 *   lookup() removes an expired key it finds (lazy expiry); the store's housekeeping thread calls
 *   expireCycle() to sweep the stripes with keys that have a time to live (active expiry).
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use under the locking rules above.
 */
public final class Keyspace {
    private final OffHeapMemory memory;
    private final SipHash hasher;
    private final KeyTable[] stripes;
    private final int stripeBits;
    private final ValueStructure[] structures = new ValueStructure[ValueType.values().length];
    private volatile EmptiedListener emptiedListener;
    /** Hears of keys created and removed, by commands, time or memory pressure (keyspace notifications), or null. */
    private volatile ChangeListener changeListener;
    /** Whether the access clock counts frequency (LFU) rather than recency (LRU). */
    private final boolean frequency;

    /** Creates an empty keyspace of {@code stripeCount} stripes (a power of two). */
    public Keyspace(OffHeapMemory memory, int stripeCount, SipHash hasher) {
        this(memory, stripeCount, hasher, false);
    }

    /**
     * Creates an empty keyspace of {@code stripeCount} stripes (a power of two) whose access clock
     * counts frequency (LFU, see {@link AccessClock}) rather than recency if {@code frequency}.
     */
    public Keyspace(OffHeapMemory memory, int stripeCount, SipHash hasher, boolean frequency) {
        this.frequency = frequency;
        if (Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two: " + stripeCount);
        }
        this.memory = memory;
        this.hasher = hasher;
        this.stripeBits = Integer.numberOfTrailingZeros(stripeCount);
        this.stripes = new KeyTable[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new KeyTable(memory, this);
        }
    }

    /**
     * Returns whether a key expiring at {@code expireAt} (0: never) is gone at {@code now}. As in
     * Redis, a key lives through its expiry millisecond and is gone after it.
     */
    public static boolean isExpired(long expireAt, long now) {
        return expireAt != 0 && expireAt < now;
    }

    /** Registers how values of {@code type} are freed and copied. */
    public void register(ValueType type, ValueStructure structure) {
        structures[type.ordinal()] = structure;
    }

    /** Returns the memory this keyspace allocates from. */
    public OffHeapMemory memory() {
        return memory;
    }

    // ------------------------------------------------------------------ hashing and locking

    /** Returns the keyed hash of {@code key}. */
    public long hash(byte[] key) {
        return hasher.hash(key);
    }

    /** Returns the stripe of a key with hash {@code hash}. */
    public int stripeOf(long hash) {
        return stripeBits == 0 ? 0 : (int) (hash >>> (64 - stripeBits));
    }

    /** Returns the number of stripes. */
    public int stripeCount() {
        return stripes.length;
    }

    /** Locks stripe {@code stripe}. */
    public void lock(int stripe) {
        stripes[stripe].acquire();
    }

    /** Unlocks stripe {@code stripe}. */
    public void unlock(int stripe) {
        stripes[stripe].lock.unlock();
    }

    /** Locks every stripe, in ascending order. */
    public void lockAll() {
        for (KeyTable stripe : stripes) {
            stripe.acquire();
        }
    }

    /** Unlocks every stripe. */
    public void unlockAll() {
        for (int i = stripes.length - 1; i >= 0; i--) {
            stripes[i].lock.unlock();
        }
    }

    /** Returns stripe {@code stripe}'s table. */
    KeyTable table(int stripe) {
        return stripes[stripe];
    }

    private KeyTable tableOf(long hash) {
        return stripes[stripeOf(hash)];
    }

    // ------------------------------------------------------------------ entries

    /**
     * Returns the live entry for {@code key}, or 0. An expired entry found is removed (lazy
     * expiry). Caller holds the key's stripe lock.
     */
    public long lookup(byte[] key, long hash, long now) {
        KeyTable table = tableOf(hash);
        long entry = table.find(key, (int) hash);
        if (entry != 0) {
            long expireAt = memory.getLong(entry, EXPIRE_OFFSET);
            if (isExpired(expireAt, now)) {
                removeExpired(table, entry);
                return 0;
            }
        }
        return entry;
    }

    /**
     * Creates and links the entry for a key known to be absent, with room for an inline value of
     * {@code inlineLength} bytes, whose content the caller writes. Caller holds the stripe lock.
     *
     * @return the new entry; its value word holds {@code inlineLength} or must be set by the caller
     */
    public long create(byte[] key, long hash, ValueType type, byte encoding, long expireAt, long inlineLength, long now) {
        long entry = allocateEntry(key, hash, type, encoding, expireAt, inlineLength, now);
        tableOf(hash).link(entry, (int) hash);
        ChangeListener listener = changeListener;
        if (listener != null) {
            listener.created(key);
        }
        return entry;
    }

    private long allocateEntry(byte[] key, long hash, ValueType type, byte encoding, long expireAt, long inlineLength, long now) {
        long entry = memory.allocate(EntryDescriptor.entryLength(key.length, inlineLength));
        memory.putLong(entry, EntryDescriptor.NEXT_OFFSET, 0);
        memory.putLong(entry, EXPIRE_OFFSET, expireAt);
        memory.putLong(entry, VALUE_OFFSET, inlineLength);
        memory.putInt(entry, HASH_OFFSET, (int) hash);
        memory.putInt(entry, KEY_LENGTH_OFFSET, key.length);
        memory.putInt(entry, CLOCK_OFFSET, frequency ? AccessClock.newFrequency(now) : AccessClock.recency(now));
        memory.putByte(entry, TYPE_OFFSET, type.id());
        memory.putByte(entry, ENCODING_OFFSET, encoding);
        memory.putByte(entry, RESERVED_OFFSET, (byte) 0);
        memory.putByte(entry, RESERVED_OFFSET + 1, (byte) 0);
        memory.write(entry, KEY_OFFSET, key, 0, key.length);
        return entry;
    }

    /**
     * Replaces {@code entry} by a new block with room for {@code inlineLength} inline bytes,
     * keeping key, type, expiry and clock, and copying the first {@code keep} inline bytes.
     * Returns the new entry (possibly the same one, if the block already fits). The caller sets
     * the encoding and writes the rest.
     */
    public long resizeInline(long entry, long hash, long inlineLength, long keep) {
        int keyLength = keyLength(entry);
        long needed = EntryDescriptor.entryLength(keyLength, inlineLength);
        if (memory.capacity(entry) >= needed && needed * 2 > memory.capacity(entry)) {
            memory.putLong(entry, VALUE_OFFSET, inlineLength);
            return entry;
        }
        long replacement = memory.allocate(needed);
        memory.copy(entry, 0, replacement, 0, EntryDescriptor.HEADER_LENGTH + keyLength + Math.min(keep, inlineLength));
        memory.putLong(replacement, VALUE_OFFSET, inlineLength);
        tableOf(hash).swap(entry, replacement);
        memory.free(entry);
        return replacement;
    }

    /** Removes a live entry and frees its value. Caller holds the stripe lock. */
    public void remove(long entry, long hash) {
        ChangeListener listener = changeListener;
        if (listener != null) {
            listener.removed(key(entry));
        }
        KeyTable table = tableOf(hash);
        table.unlink(entry);
        release(entry);
    }

    /** Lets the value of {@code entry} drop its expired fields (see {@link ValueStructure#expireFields}). */
    int expireFields(long entry, long now) {
        ValueStructure structure = structures[type(entry).ordinal()];
        return structure == null ? ValueStructure.NO_VOLATILE_FIELDS : structure.expireFields(this, entry, now);
    }

    /**
     * Records that the value of a key with hash {@code hash} has a field with an expiry, so that
     * housekeeping sweeps its stripe for expired fields. The caller holds the stripe's lock.
     */
    public void noteFieldExpiry(long hash) {
        tableOf(hash).noteFieldExpiry();
    }

    /** Removes an entry whose time to live passed, counting it as expired. Caller holds the stripe lock. */
    void removeExpired(KeyTable table, long entry) {
        ChangeListener listener = changeListener;
        if (listener != null) {
            listener.expired(key(entry));
        }
        table.countExpired();
        table.unlink(entry);
        release(entry);
    }

    /** Removes an entry chosen for eviction (counted by Eviction, not as expired). Caller holds the stripe lock. */
    void removeEvicted(KeyTable table, long entry) {
        ChangeListener listener = changeListener;
        if (listener != null) {
            listener.evicted(key(entry));
        }
        table.unlink(entry);
        release(entry);
    }

    /**
     * Counts a lookup of the key with hash {@code hash} by a command that reads it, which found
     * the key ({@code hit}) or not: Redis's {@code keyspace_hits} and {@code keyspace_misses}.
     * Caller holds the stripe lock.
     */
    public void countRead(long hash, boolean hit) {
        tableOf(hash).countRead(hit);
    }

    private void release(long entry) {
        ValueStructure structure = structures[type(entry).ordinal()];
        if (structure != null) {
            structure.free(memory, memory.getLong(entry, VALUE_OFFSET), encoding(entry));
        }
        memory.free(entry);
    }

    /**
     * Moves the value of {@code entry} (key with hash {@code hash}) to the absent key
     * {@code newKey}, keeping type, encoding, expiry and value; the old key disappears.
     * Caller holds both stripe locks.
     */
    public long rename(long entry, long hash, byte[] newKey, long newHash, long now) {
        int keyLength = keyLength(entry);
        long inline = type(entry) == ValueType.STRING ? inlineLength(entry) : 0;
        long moved = allocateEntry(newKey, newHash, type(entry), encoding(entry), expireAt(entry), inline, now);
        if (inline > 0) {
            memory.copy(entry, EntryDescriptor.inlineValueOffset(keyLength), moved, EntryDescriptor.inlineValueOffset(newKey.length), inline);
        } else {
            memory.putLong(moved, VALUE_OFFSET, memory.getLong(entry, VALUE_OFFSET));
        }
        tableOf(hash).unlink(entry);
        memory.free(entry);
        tableOf(newHash).link(moved, (int) newHash);
        noteFieldsMoved(moved, newHash);
        return moved;
    }

    /**
     * Creates the absent key {@code newKey} holding a copy of the value of {@code entry}, with
     * the same expiry. Caller holds both stripe locks.
     */
    public long copy(long entry, byte[] newKey, long newHash, long now) {
        long copy = duplicate(entry, newKey, newHash, now);
        tableOf(newHash).link(copy, (int) newHash);
        noteFieldsMoved(copy, newHash);
        return copy;
    }

    /** Returns a new, unlinked entry for {@code newKey} holding a deep copy of {@code entry}'s value, with its expiry. */
    private long duplicate(long entry, byte[] newKey, long newHash, long now) {
        ValueType type = type(entry);
        long inline = type == ValueType.STRING ? inlineLength(entry) : 0;
        long copy = allocateEntry(newKey, newHash, type, encoding(entry), expireAt(entry), inline, now);
        if (inline > 0) {
            memory.copy(entry, EntryDescriptor.inlineValueOffset(keyLength(entry)), copy, EntryDescriptor.inlineValueOffset(newKey.length), inline);
        } else if (type != ValueType.STRING) {
            long value = structures[type.ordinal()].duplicate(memory, memory.getLong(entry, VALUE_OFFSET), encoding(entry));
            memory.putLong(copy, VALUE_OFFSET, value);
        }
        return copy;
    }

    // ------------------------------------------------------------------ undo (atomically)

    /**
     * Returns a deep copy of the live entry {@code entry} (key with hash {@code hash}) that is not
     * in the keyspace: what {@link #restore} puts back if a transaction is rolled back, or
     * {@link #discard} frees once it commits. Caller holds the stripe lock.
     */
    public long saveCopy(long entry, long hash, long now) {
        return duplicate(entry, key(entry), hash, now);
    }

    /**
     * Makes {@code key} hold what it held when {@code saved} was taken: removes whatever entry it
     * has now, then links {@code saved} (0: the key was absent), which the keyspace owns again.
     * Caller holds the stripe lock.
     */
    public void restore(byte[] key, long hash, long saved) {
        KeyTable table = tableOf(hash);
        long current = table.find(key, (int) hash);
        if (current != 0) {
            remove(current, hash);
        }
        if (saved != 0) {
            table.link(saved, (int) hash);
            noteFieldsMoved(saved, hash);
        }
    }

    /** Frees a copy taken by {@link #saveCopy} that is no longer needed. */
    public void discard(long saved) {
        if (saved != 0) {
            release(saved);
        }
    }

    /** A value that may have fields with an expiry moved stripes: let housekeeping sweep the new one. */
    private void noteFieldsMoved(long entry, long hash) {
        if (encoding(entry) != 0 && type(entry) == ValueType.HASH) {
            tableOf(hash).noteFieldExpiry();
        }
    }

    // ------------------------------------------------------------------ entry fields

    /** Returns whether the entry's key equals {@code key}. */
    boolean keyEquals(long entry, byte[] key) {
        return memory.getInt(entry, KEY_LENGTH_OFFSET) == key.length && memory.equals(entry, KEY_OFFSET, key);
    }

    /** Returns the entry's type. */
    public ValueType type(long entry) {
        return ValueType.ofId(memory.getByte(entry, TYPE_OFFSET));
    }

    /** Returns the entry's encoding id. */
    public byte encoding(long entry) {
        return memory.getByte(entry, ENCODING_OFFSET);
    }

    /** Sets the entry's encoding id. */
    public void setEncoding(long entry, byte encoding) {
        memory.putByte(entry, ENCODING_OFFSET, encoding);
    }

    /** Returns the entry's expiry in epoch milliseconds, 0 for none. */
    public long expireAt(long entry) {
        return memory.getLong(entry, EXPIRE_OFFSET);
    }

    /** Sets the entry's expiry (0 for none). Caller holds the stripe lock. */
    public void setExpireAt(long entry, long hash, long expireAt) {
        tableOf(hash).setExpireAt(entry, expireAt);
    }

    /** Returns the key's length. */
    public int keyLength(long entry) {
        return memory.getInt(entry, KEY_LENGTH_OFFSET);
    }

    /** Returns a copy of the entry's key. */
    public byte[] key(long entry) {
        return memory.read(entry, KEY_OFFSET, keyLength(entry));
    }

    /** Returns the length of the entry's inline value. */
    public long inlineLength(long entry) {
        return memory.getLong(entry, VALUE_OFFSET);
    }

    /** Returns the offset of the inline value in the entry. */
    public long inlineOffset(long entry) {
        return EntryDescriptor.inlineValueOffset(keyLength(entry));
    }

    /** Returns the value handle of an entry whose value is not inline. */
    public long valueHandle(long entry) {
        return memory.getLong(entry, VALUE_OFFSET);
    }

    /** Sets the value handle of an entry whose value is not inline. */
    public void setValueHandle(long entry, long value) {
        memory.putLong(entry, VALUE_OFFSET, value);
    }

    /**
     * Records an access at {@code now}: the second of the access (LRU), or a logarithmic bump of
     * the frequency counter (LFU). Writes only when the word changes, so that readers of a hot key
     * on several cores do not bounce its cache line.
     */
    public void touch(long entry, long now) {
        int clock = memory.getInt(entry, CLOCK_OFFSET);
        int next = frequency ? AccessClock.accessed(clock, now) : AccessClock.recency(now);
        if (clock != next) {
            memory.putInt(entry, CLOCK_OFFSET, next);
        }
    }

    /** Returns whether the access clock counts frequency (an LFU eviction policy) rather than recency. */
    public boolean tracksFrequency() {
        return frequency;
    }

    /** Returns seconds since the last access; meaningful only while recency is tracked. */
    public long idleSeconds(long entry, long now) {
        return AccessClock.idleSeconds(memory.getInt(entry, CLOCK_OFFSET), now);
    }

    /** Returns the decayed frequency counter (OBJECT FREQ); meaningful only while frequency is tracked. */
    public int frequency(long entry, long now) {
        return AccessClock.decayed(memory.getInt(entry, CLOCK_OFFSET), now);
    }

    // ------------------------------------------------------------------ whole keyspace

    /** Returns the number of keys (expired keys not yet removed excluded only by expiry). Locks every stripe. */
    public long dbsize() {
        lockAll();
        try {
            long total = 0;
            for (KeyTable stripe : stripes) {
                total += stripe.size();
            }
            return total;
        } finally {
            unlockAll();
        }
    }

    /** Returns the number of keys with an expiry. Locks every stripe. */
    public long volatileKeys() {
        lockAll();
        try {
            long total = 0;
            for (KeyTable stripe : stripes) {
                total += stripe.volatileSize();
            }
            return total;
        } finally {
            unlockAll();
        }
    }

    /**
     * The keyspace's numbers, summed over the stripes.
     *
     * @param keys keys, expired ones not yet removed included
     * @param keysWithExpiry keys with a time to live
     * @param hits lookups by reading commands that found their key ({@link #countRead})
     * @param misses lookups by reading commands that did not
     * @param expired keys removed because their time to live passed (lazily or by the sweep)
     */
    public record Counts(long keys, long keysWithExpiry, long hits, long misses, long expired) {
    }

    /**
     * Returns the keyspace's numbers, reading each stripe under its lock, one stripe at a time: no
     * command waits longer than one stripe's read, and the sum is not one atomic snapshot.
     */
    public Counts counts() {
        long keys = 0;
        long keysWithExpiry = 0;
        long hits = 0;
        long misses = 0;
        long expired = 0;
        for (KeyTable stripe : stripes) {
            stripe.acquire();
            try {
                keys += stripe.size();
                keysWithExpiry += stripe.volatileSize();
                hits += stripe.hits;
                misses += stripe.misses;
                expired += stripe.expired;
            } finally {
                stripe.lock.unlock();
            }
        }
        return new Counts(keys, keysWithExpiry, hits, misses, expired);
    }

    /**
     * Returns every live key for which {@code filter} holds, as one atomic snapshot; expired keys
     * met on the way are removed. Locks every stripe.
     */
    public List<byte[]> keys(EntryFilter filter, long now) {
        lockAll();
        try {
            List<byte[]> keys = new ArrayList<>();
            List<Long> expired = new ArrayList<>();
            for (KeyTable stripe : stripes) {
                expired.clear();
                stripe.forEach(entry -> {
                    long expireAt = expireAt(entry);
                    if (isExpired(expireAt, now)) {
                        expired.add(entry);
                    } else if (filter.test(this, entry)) {
                        keys.add(key(entry));
                    }
                });
                for (long entry : expired) {
                    removeExpired(stripe, entry);
                }
            }
            return keys;
        } finally {
            unlockAll();
        }
    }

    /**
     * Runs one SCAN step from {@code cursor}, visiting buckets until {@code count} keys passed
     * {@code filter} or {@code count * 10} buckets were visited (empty stripes are passed over
     * free, so a small keyspace is scanned in one call, as in Redis). Returns the next cursor (0 when
     * the iteration is complete). Takes each stripe's lock while visiting it.
     *
     * <p>Cursor layout: the low bits select the stripe, the rest is the stripe's reversed bucket
     * cursor.
     */
    public long scan(long cursor, long count, EntryFilter filter, long now, List<byte[]> out) {
        int stripe = (int) (cursor & (stripes.length - 1));
        long inner = cursor >>> stripeBits;
        long visits = Math.max(1, Math.min(count, Long.MAX_VALUE / 10) * 10);
        int found = 0;
        List<Long> seen = new ArrayList<>();
        while (visits > 0 && found < count) {
            KeyTable table = stripes[stripe];
            table.acquire();
            try {
                seen.clear();
                if (table.size() == 0) {
                    inner = 0;
                } else {
                    inner = table.scan(inner, seen::add);
                    visits--;
                }
                for (long entry : seen) {
                    long expireAt = expireAt(entry);
                    if (isExpired(expireAt, now)) {
                        removeExpired(table, entry);
                    } else if (filter.test(this, entry)) {
                        out.add(key(entry));
                        found++;
                    }
                }
            } finally {
                table.lock.unlock();
            }
            if (inner == 0) {
                stripe++;
                if (stripe == stripes.length) {
                    return 0;
                }
            }
        }
        return (inner << stripeBits) | stripe;
    }

    /** Returns whether {@code cursor} could have come from {@link #scan}. */
    public boolean validCursor(long cursor) {
        return cursor >= 0 && (cursor >>> stripeBits) <= 0xFFFF_FFFFL;
    }

    /**
     * Returns a random live key, or null if there is none. Locks one stripe at a time.
     */
    public byte[] randomKey(long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int start = random.nextInt(stripes.length);
            for (int i = 0; i < stripes.length; i++) {
                KeyTable table = stripes[(start + i) & (stripes.length - 1)];
                table.acquire();
                try {
                    if (table.size() == 0) {
                        continue;
                    }
                    long entry = table.randomEntry();
                    long expireAt = expireAt(entry);
                    if (isExpired(expireAt, now)) {
                        removeExpired(table, entry);
                        break;
                    }
                    return key(entry);
                } finally {
                    table.lock.unlock();
                }
            }
        }
        return null;
    }

    /** Removes every key. Locks every stripe. */
    public void flush() {
        lockAll();
        try {
            for (KeyTable stripe : stripes) {
                stripe.clear(this::release);
            }
        } finally {
            unlockAll();
        }
    }

    /**
     * One active-expiry and rehash pass over every stripe, giving up after {@code deadlineNanos}
     * ({@link System#nanoTime()}). Returns the number of keys removed.
     */
    public long housekeeping(long now, long deadlineNanos) {
        long removed = 0;
        for (KeyTable stripe : stripes) {
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
            if (!stripe.lock.tryLock()) {
                continue;
            }
            try {
                stripe.shrinkIfSparse();
                while (stripe.rehashing() && System.nanoTime() < deadlineNanos) {
                    for (int i = 0; i < 64 && stripe.rehashing(); i++) {
                        stripe.rehashStep();
                    }
                }
                if (stripe.mayHaveFieldExpiry() && now != Long.MIN_VALUE) {
                    for (int round = 0; round < 16 && System.nanoTime() < deadlineNanos; round++) {
                        if (stripe.sweepFieldExpiry(now, 64) == 0 && !stripe.mayHaveFieldExpiry()) {
                            break;
                        }
                    }
                }
                for (int round = 0; round < 16 && stripe.volatileSize() > 0; round++) {
                    long result = stripe.sweepExpired(now, 64);
                    long expired = result >>> 32;
                    long sampled = result & 0xFFFF_FFFFL;
                    removed += expired;
                    if (sampled == 0 || expired * 4 <= sampled || System.nanoTime() > deadlineNanos) {
                        break;
                    }
                }
            } finally {
                stripe.lock.unlock();
            }
        }
        return removed;
    }

    /** Checks every stripe's invariants under its lock; returns the first problem, or null. */
    public String verify() {
        for (int i = 0; i < stripes.length; i++) {
            final int index = i;
            KeyTable stripe = stripes[i];
            stripe.acquire();
            try {
                String problem = stripe.verify();
                if (problem != null) {
                    return "stripe " + i + ": " + problem;
                }
                String[] valueProblem = new String[1];
                stripe.forEach(entry -> {
                    ValueStructure structure = structures[type(entry).ordinal()];
                    if (valueProblem[0] == null && structure != null) {
                        String found = structure.verify(memory, memory.getLong(entry, VALUE_OFFSET), encoding(entry));
                        if (found != null) {
                            valueProblem[0] = "stripe " + index + ", key " + new String(key(entry), java.nio.charset.StandardCharsets.UTF_8) + ": " + found;
                        }
                    }
                });
                if (valueProblem[0] != null) {
                    return valueProblem[0];
                }
            } finally {
                stripe.lock.unlock();
            }
        }
        return null;
    }

    /** Visits every entry of one stripe, expired or not; the caller holds its lock and must not add or remove keys meanwhile. */
    public void forEach(int stripe, LongConsumer visitor) {
        stripes[stripe].forEach(visitor);
    }

    /** Hears of a key removed by the background sweep because its last fields expired. */
    @FunctionalInterface
    public interface EmptiedListener {
        /** Called under the key's stripe lock, before the key goes, with the sweep's time. */
        void emptied(byte[] key, long now);
    }

    /** Sets who hears of keys the background sweep removes because their last fields expired (the log). */
    public void onEmptiedByFieldExpiry(EmptiedListener listener) {
        this.emptiedListener = listener;
    }

    /** Called by the sweep, under the stripe lock, before it removes {@code entry}, emptied by field expiry. */
    void emptiedByFieldExpiry(long entry, long now) {
        EmptiedListener listener = emptiedListener;
        if (listener != null) {
            listener.emptied(key(entry), now);
        }
    }

    /**
     * Hears of keys created and removed: by commands ({@link #create}, {@link #remove}), and what
     * goes without a command removing it: keys past their time to live (found by a lookup, the
     * sweep, a walk or an eviction sample), keys evicted, fields of a hash past theirs. Each call
     * comes under the key's stripe lock (a removal before the key goes); it must be quick and must
     * not touch the keyspace.
     */
    public interface ChangeListener {
        /** {@code key} was created by {@link #create}; the array must not be changed. */
        void created(byte[] key);

        /** {@code key} is being removed by {@link #remove} (a command, or a rollback putting a value back). */
        void removed(byte[] key);

        /** {@code key} passed its time to live and is being removed. */
        void expired(byte[] key);

        /** {@code key} is being evicted to stay under the memory limit. */
        void evicted(byte[] key);

        /** Expired fields of the hash {@code key} were removed; {@code emptied}: none is left and the key goes too. */
        void fieldsExpired(byte[] key, boolean emptied);
    }

    /** Sets who hears of keys created and removed, and of fields expired (keyspace notifications); null for nobody. */
    public void onChanges(ChangeListener listener) {
        this.changeListener = listener;
    }

    /**
     * Reports that expired fields of the hash {@code entry} were removed, by a command opening it
     * or by the sweep; {@code emptied}: none is left and the key goes. Caller holds the stripe lock.
     */
    public void fieldsExpired(long entry, boolean emptied) {
        ChangeListener listener = changeListener;
        if (listener != null) {
            listener.fieldsExpired(key(entry), emptied);
        }
    }

    /** Tests an entry during a whole-keyspace walk. */
    @FunctionalInterface
    public interface EntryFilter {
        /** Returns whether {@code entry} passes. */
        boolean test(Keyspace keyspace, long entry);
    }
}
