package dev.keel.engine.keyspace;

import dev.keel.EvictionPolicy;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Removes keys while the data is over the memory limit, by the store's policy (Redis's
 * {@code maxmemory-policy}).
 *
 * <pre>
 * Design (Redis's approximated LRU / LFU / TTL)
 *   Each round samples a few keys (maxmemory-samples) of one random stripe and offers them to a
 *   pool of the POOL best candidates seen so far, best = idlest (LRU), least frequently used
 *   (LFU) or soonest to expire (TTL); then the best candidate of the pool is looked up again
 *   and removed if it is still there. The pool carries good candidates from round to round, so
 *   a few samples a round come close to true LRU. Random policies remove the first sampled key.
 *   Expired keys met while sampling are removed as expired, which frees memory as well.
 *
 * Concurrency
 *   One thread evicts at a time (evictionLock): the others wait, then find the data under the
 *   limit. Each sample and each removal holds the key's stripe lock, never two at once. The
 *   listener hears of each removal under that lock, so the append-only log records a DEL in
 *   order with the commands on the key.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class Eviction {
    private static final int POOL = 16;
    /** Rounds that find nothing to remove before giving up (the data cannot shrink under the limit). */
    private static final int MAX_EMPTY_ROUNDS = 16;

    /** Hears of a key removal, under the key's stripe lock. */
    public interface Listener {
        /** Called before the key in stripe {@code stripe} is removed. */
        void beforeRemoval(int stripe);

        /** Called once {@code key} was removed, at {@code now}. */
        void removed(byte[] key, long now);
    }

    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final EvictionPolicy policy;
    private final int samples;
    private final ReentrantLock evictionLock = new ReentrantLock();
    private final LongAdder evicted = new LongAdder();
    /** The pool, best candidate last; under evictionLock. */
    private final byte[][] poolKeys = new byte[POOL][];
    private final long[] poolScores = new long[POOL];
    private int poolSize;

    /** Evicts from {@code keyspace} by {@code policy}, sampling {@code samples} keys a round. */
    public Eviction(Keyspace keyspace, EvictionPolicy policy, int samples) {
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.policy = policy;
        this.samples = samples;
    }

    /** Returns the policy. */
    public EvictionPolicy policy() {
        return policy;
    }

    /** Returns the number of keys evicted so far. */
    public long evictedKeys() {
        return evicted.sum();
    }

    /**
     * Removes keys until the data uses at most {@code limit} bytes; returns false if it could not
     * (no policy, or nothing left that the policy may remove).
     */
    public boolean evict(long limit, long now, Listener listener) {
        if (policy == EvictionPolicy.NOEVICTION) {
            return memory.usedBytes() <= limit;
        }
        evictionLock.lock();
        try {
            int emptyRounds = 0;
            while (memory.usedBytes() > limit) {
                if (evictOne(now, listener)) {
                    emptyRounds = 0;
                } else if (++emptyRounds > MAX_EMPTY_ROUNDS) {
                    return false;
                }
            }
            return true;
        } finally {
            evictionLock.unlock();
        }
    }

    /** One round: samples, then removes the best candidate; returns whether it removed or expired something. */
    private boolean evictOne(long now, Listener listener) {
        int stripe = sampleStripe();
        if (stripe < 0) {
            return false;
        }
        boolean random = policy == EvictionPolicy.ALLKEYS_RANDOM || policy == EvictionPolicy.VOLATILE_RANDOM;
        keyspace.lock(stripe);
        try {
            KeyTable table = keyspace.table(stripe);
            for (int i = 0; i < samples; i++) {
                long entry = table.randomEntry();
                if (entry == 0) {
                    break;
                }
                long expireAt = keyspace.expireAt(entry);
                if (Keyspace.isExpired(expireAt, now)) {
                    keyspace.removeExpired(table, entry);
                    return true;
                }
                if (policy.volatileOnly() && expireAt == 0) {
                    continue;
                }
                if (random) {
                    remove(stripe, table, entry, now, listener);
                    return true;
                }
                offer(keyspace.key(entry), score(entry, expireAt, now));
            }
        } finally {
            keyspace.unlock(stripe);
        }
        return !random && removeBest(now, listener);
    }

    /** Returns a random stripe holding keys the policy may remove, or -1 if there seems to be none. */
    private int sampleStripe() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int count = keyspace.stripeCount();
        int start = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int stripe = (start + i) & (count - 1);
            KeyTable table = keyspace.table(stripe);
            // Unlocked reads of sizes: only a hint, checked again under the lock.
            if (policy.volatileOnly() ? table.volatileSize() > 0 : table.size() > 0) {
                return stripe;
            }
        }
        return -1;
    }

    /** Returns how good a victim {@code entry} is: the higher the better. */
    private long score(long entry, long expireAt, long now) {
        return switch (policy) {
            case ALLKEYS_LFU, VOLATILE_LFU -> 255 - keyspace.frequency(entry, now);
            case VOLATILE_TTL -> Long.MAX_VALUE - expireAt;
            default -> keyspace.idleSeconds(entry, now);
        };
    }

    /** Adds a candidate to the pool, kept sorted by score ascending, dropping the worst when full. */
    private void offer(byte[] key, long score) {
        for (int i = 0; i < poolSize; i++) {
            if (java.util.Arrays.equals(poolKeys[i], key)) {
                removeFromPool(i);
                break;
            }
        }
        if (poolSize == POOL) {
            if (score <= poolScores[0]) {
                return;
            }
            removeFromPool(0);
        }
        int at = poolSize;
        while (at > 0 && poolScores[at - 1] > score) {
            poolKeys[at] = poolKeys[at - 1];
            poolScores[at] = poolScores[at - 1];
            at--;
        }
        poolKeys[at] = key;
        poolScores[at] = score;
        poolSize++;
    }

    private void removeFromPool(int index) {
        System.arraycopy(poolKeys, index + 1, poolKeys, index, poolSize - index - 1);
        System.arraycopy(poolScores, index + 1, poolScores, index, poolSize - index - 1);
        poolKeys[--poolSize] = null;
    }

    /** Removes the pool's best candidate that is still there; returns whether one was. */
    private boolean removeBest(long now, Listener listener) {
        while (poolSize > 0) {
            byte[] key = poolKeys[poolSize - 1];
            removeFromPool(poolSize - 1);
            long hash = keyspace.hash(key);
            int stripe = keyspace.stripeOf(hash);
            keyspace.lock(stripe);
            try {
                KeyTable table = keyspace.table(stripe);
                long entry = table.find(key, (int) hash);
                if (entry != 0 && !(policy.volatileOnly() && keyspace.expireAt(entry) == 0)) {
                    remove(stripe, table, entry, now, listener);
                    return true;
                }
            } finally {
                keyspace.unlock(stripe);
            }
        }
        return false;
    }

    private void remove(int stripe, KeyTable table, long entry, long now, Listener listener) {
        byte[] key = keyspace.key(entry);
        listener.beforeRemoval(stripe);
        keyspace.removeEvicted(table, entry);
        evicted.increment();
        listener.removed(key, now);
    }
}
