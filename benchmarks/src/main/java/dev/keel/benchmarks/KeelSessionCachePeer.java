package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.MemoryStats;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.OffHeapStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Keel as the session-cache sample sets it up: {@code Keel.builder().maxmemory(limit, policy)},
 * each session a hash read with HGETALL and cached with HSET then EXPIRE, through the typed
 * commands a user would call ({@code store.commands()}). The limit counts Keel's off-heap used
 * bytes ({@code memoryStats().usedBytes()}): keys, values and indexes, as its allocator counts
 * them.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelSessionCachePeer implements SessionCachePeer {
    private final Store store;
    private final Commands<String, String> commands;
    private final long ttlSeconds;

    /**
     * Opens a store limited to {@code limitBytes} that evicts by {@code policy}, sampling
     * {@code samples} keys a round, on {@code clock}, with {@code thresholds}; sessions live
     * {@code ttl}.
     */
    KeelSessionCachePeer(long limitBytes, EvictionPolicy policy, int samples, InstantSource clock, Thresholds thresholds, Duration ttl) {
        this.store = Keel.builder().maxmemory(limitBytes, policy).evictionSamples(samples).clock(clock).thresholds(thresholds)
                .registerMBean(false).open();
        this.commands = store.commands();
        this.ttlSeconds = ttl.toSeconds();
    }

    @Override
    public Map<String, String> get(String key) {
        Map<String, String> session = commands.hgetall(key);
        return session.isEmpty() ? null : session;
    }

    @Override
    public void put(String key, Map<String, String> session) {
        commands.hset(key, session);
        commands.expire(key, ttlSeconds);
    }

    @Override
    public long usedBytes() {
        return store.memoryStats().usedBytes();
    }

    @Override
    public Snapshot snapshot() {
        MemoryStats memory = store.memoryStats();
        long evictions = store instanceof OffHeapStore offHeap ? offHeap.evictedKeys() : -1;
        return new Snapshot(commands.dbsize(), memory.usedBytes(), memory.reservedBytes(), evictions);
    }

    @Override
    public void close() {
        store.close();
    }
}
