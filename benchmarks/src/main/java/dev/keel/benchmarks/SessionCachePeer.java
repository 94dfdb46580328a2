package dev.keel.benchmarks;

import java.util.Map;

/**
 * The one small facade {@link EvictionBenchmark} calls: a cache of sessions limited in size,
 * which evicts by its own policy, so Keel and Caffeine run the same cache-aside loop and differ
 * only in the cache behind it.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface SessionCachePeer extends AutoCloseable {

    /** The cache's figures at one moment. */
    record Snapshot(long entries, long usedBytes, long reservedBytes, long evictions) {
    }

    /** Returns the cached session of {@code key}, or null on a miss. */
    Map<String, String> get(String key);

    /** Caches {@code session} under {@code key}, which may evict other sessions. */
    void put(String key, Map<String, String> session);

    /**
     * Returns the bytes the cache counts against its limit now (Keel: its off-heap used bytes;
     * Caffeine: the weigher's sum), cheaply enough to call every hundred requests.
     */
    long usedBytes();

    /** Returns the entries held, the bytes used and reserved, and the evictions so far; may be slow (it may count). */
    Snapshot snapshot();

    /** Releases the cache. */
    @Override
    void close();
}
