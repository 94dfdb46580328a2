package dev.keel;

/**
 * What a store does when a command finds its data over the memory limit: Redis's
 * {@code maxmemory-policy}. Every policy but {@link #NOEVICTION} removes keys, before the command
 * runs, until the data is under the limit again; the limit is then exceeded by at most what one
 * command adds.
 *
 * <p>LRU and LFU are approximated as Redis does: each eviction samples a few keys (5 by default,
 * {@link Keel.Builder#evictionSamples}) and keeps the best candidates seen in a small pool, so the
 * key removed is close to the least recently (LRU) or least frequently (LFU) used one without
 * tracking every key in order. The LFU counter is Redis's: an 8-bit logarithmic counter that
 * grows more slowly the higher it is (log factor 10) and loses one for each minute the key goes
 * unused (decay time 1).
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum EvictionPolicy {
    /** Remove nothing: commands that may add data fail with Redis's {@code OOM} error; reads and deletes go on. */
    NOEVICTION("noeviction"),
    /** Remove the least recently used key, of all keys. */
    ALLKEYS_LRU("allkeys-lru"),
    /** Remove the least frequently used key, of all keys. */
    ALLKEYS_LFU("allkeys-lfu"),
    /** Remove a random key. */
    ALLKEYS_RANDOM("allkeys-random"),
    /** Remove the least recently used key among those with a time to live. */
    VOLATILE_LRU("volatile-lru"),
    /** Remove the least frequently used key among those with a time to live. */
    VOLATILE_LFU("volatile-lfu"),
    /** Remove a random key among those with a time to live. */
    VOLATILE_RANDOM("volatile-random"),
    /** Remove the key with a time to live that expires first. */
    VOLATILE_TTL("volatile-ttl");

    private final String redisName;

    EvictionPolicy(String redisName) {
        this.redisName = redisName;
    }

    /** Returns Redis's name of the policy, as {@code maxmemory-policy} spells it. */
    public String redisName() {
        return redisName;
    }

    /** Returns whether the policy picks among keys with a time to live only. */
    public boolean volatileOnly() {
        return this == VOLATILE_LRU || this == VOLATILE_LFU || this == VOLATILE_RANDOM || this == VOLATILE_TTL;
    }

    /** Returns whether the policy tracks access frequency (LFU) rather than recency (LRU). */
    public boolean tracksFrequency() {
        return this == ALLKEYS_LFU || this == VOLATILE_LFU;
    }
}
