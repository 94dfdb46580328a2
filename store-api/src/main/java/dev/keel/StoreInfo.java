package dev.keel;

import java.time.Duration;
import java.util.Objects;

/**
 * A store's statistics at one moment, as Redis's {@code INFO} reports them: keys, memory, and
 * what the store has done since it opened. Returned by {@link Store#info()}; the INFO command
 * answers the same numbers as text, and the engine's {@link StoreMXBean} as JMX attributes.
 *
 * <p>The numbers are read one after the other, not as one atomic snapshot: commands running
 * meanwhile may show in some and not in others.
 *
 * @param keys the keys in the store (Redis's {@code db0:keys}); keys that have expired but are
 *        not removed yet still count, as in Redis
 * @param keysWithExpiry those of {@code keys} with a time to live ({@code db0:expires})
 * @param usedMemory bytes the data uses ({@code used_memory}); for the engine, the off-heap bytes
 *        handed out to keys, values and indexes
 * @param reservedMemory bytes held to serve {@code usedMemory} ({@code used_memory_rss}); for the
 *        engine, the off-heap memory its allocator took from the operating system
 * @param maxmemory the memory limit, 0 for none ({@code maxmemory})
 * @param maxmemoryPolicy what happens past the limit ({@code maxmemory_policy})
 * @param keyspaceHits lookups of a key by a command that reads it which found the key
 *        ({@code keyspace_hits})
 * @param keyspaceMisses such lookups that did not find it, expired keys included
 *        ({@code keyspace_misses})
 * @param expiredKeys keys removed because their time to live passed, when a command met them or
 *        by the background sweep ({@code expired_keys}); a hash removed because its last fields
 *        expired is not counted
 * @param evictedKeys keys removed to stay under the memory limit ({@code evicted_keys})
 * @param totalCommandsProcessed commands run, including those that answered an error; a command
 *        refused before it ran (unknown, wrong number of arguments, out of memory) is not counted,
 *        as in Redis ({@code total_commands_processed})
 * @param uptime how long the store has been open ({@code uptime_in_seconds})
 */
public record StoreInfo(long keys, long keysWithExpiry, long usedMemory, long reservedMemory, long maxmemory,
                        EvictionPolicy maxmemoryPolicy, long keyspaceHits, long keyspaceMisses, long expiredKeys,
                        long evictedKeys, long totalCommandsProcessed, Duration uptime) {

    public StoreInfo {
        Objects.requireNonNull(maxmemoryPolicy, "maxmemoryPolicy");
        Objects.requireNonNull(uptime, "uptime");
    }

    /**
     * Returns reserved bytes over used bytes ({@code mem_fragmentation_ratio}): 1.0 means every
     * reserved byte holds data; more means memory freed by deletes waits in free lists for reuse.
     * 0 when nothing is used.
     */
    public double fragmentationRatio() {
        return usedMemory == 0 ? 0.0 : (double) reservedMemory / usedMemory;
    }

    /** Returns hits over all read lookups (hits and misses), 0 before the first. */
    public double hitRatio() {
        long lookups = keyspaceHits + keyspaceMisses;
        return lookups == 0 ? 0.0 : (double) keyspaceHits / lookups;
    }
}
