package dev.keel.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.time.Duration;
import java.util.Map;

/**
 * Caffeine, the on-heap cache a JVM application would otherwise use, holding each session as
 * the {@code Map} the database gave (the keys and values as loaded, the field names shared
 * constants), bounded either by weight in bytes, the same limit as Keel's, or by a number of
 * entries.
 *
 * <pre>
 * The weigher: an estimate of the heap an entry holds (64-bit JVM, compressed oops and class
 * pointers, compact strings, which are the defaults under a 32 GB heap; every string here is
 * ASCII, so Latin-1)
 *   a String of n chars    24 (the object) + 16 + n rounded up to 8 (its byte[])
 *   the Map (Map.of, 5)    32 (ImmutableCollections.MapN: its table and size, and AbstractMap's
 *                          keySet and values) + 96 (its Object[20] table): 128
 *   Caffeine's entry       104: its node (PSWMW: key, value, write time, write-order links,
 *                          weights) and the ConcurrentHashMap node and table slot under it; with
 *                          200,000 entries of a constant value a probe measured 104.8 bytes an
 *                          entry of heap retained after GC
 *   an entry               104 + the key String + 128 + the 5 value Strings: 672-752 bytes for
 *                          these sessions, 720 on average (the field names' Strings are
 *                          constants, not counted)
 * EvictionBenchmark checks the estimate against the heap the cache really retains at the end of
 * each run (heap used after GC with the cache, less without it): when this was written, 754-756
 * bytes an entry, the estimate about 5% short (where the difference goes we did not pin down).
 * </pre>
 *
 * Maintenance (eviction, the frequency sketch) runs on the calling thread
 * ({@code executor(Runnable::run)}), as Keel evicts on the thread of the command over the limit;
 * sessions expire a fixed time after they are written ({@code expireAfterWrite}), as Keel's
 * EXPIRE; {@code recordStats()} counts evictions.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class CaffeineSessionCachePeer implements SessionCachePeer {
    /** Caffeine's own bytes per entry, beyond the key and the value (see the class comment). */
    static final int ENTRY_OVERHEAD = 104;
    /** {@code Map.of} of five pairs: the MapN object and its table of 2 x 2 x 5 references. */
    static final int SESSION_MAP_BYTES = 32 + 16 + 20 * 4;

    private final Cache<String, Map<String, String>> cache;
    private final boolean weighted;

    private CaffeineSessionCachePeer(Cache<String, Map<String, String>> cache, boolean weighted) {
        this.cache = cache;
        this.weighted = weighted;
    }

    /** A cache of at most {@code bytes} bytes by {@link #weigh}, sessions expiring {@code ttl} after they are written. */
    static CaffeineSessionCachePeer ofBytes(long bytes, Duration ttl) {
        return new CaffeineSessionCachePeer(Caffeine.newBuilder()
                .maximumWeight(bytes)
                .weigher(CaffeineSessionCachePeer::weigh)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .recordStats()
                .build(), true);
    }

    /** A cache of at most {@code entries} sessions, expiring {@code ttl} after they are written. */
    static CaffeineSessionCachePeer ofEntries(long entries, Duration ttl) {
        return new CaffeineSessionCachePeer(Caffeine.newBuilder()
                .maximumSize(entries)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .recordStats()
                .build(), false);
    }

    /** Returns the estimated heap bytes of one entry (see the class comment). */
    static int weigh(String key, Map<String, String> session) {
        int bytes = ENTRY_OVERHEAD + stringBytes(key) + SESSION_MAP_BYTES;
        for (String value : session.values()) {
            bytes += stringBytes(value);
        }
        return bytes;
    }

    /** The heap bytes of a Latin-1 String of its length: the object and its byte[]. */
    private static int stringBytes(String s) {
        return 24 + (16 + s.length() + 7 & ~7);
    }

    @Override
    public Map<String, String> get(String key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void put(String key, Map<String, String> session) {
        cache.put(key, session);
    }

    /**
     * Returns the weigher's sum over the entries held: Caffeine's own count where it is bounded
     * by weight; where it is bounded by entries, -1 (the sum is {@link #snapshot}'s to count).
     */
    @Override
    public long usedBytes() {
        return weighted ? eviction().weightedSize().orElseThrow() : -1;
    }

    /** Returns the entries, the weigher's sum over them (counted, where bounded by entries), no reserved bytes (-1), the evictions. */
    @Override
    public Snapshot snapshot() {
        cache.cleanUp();
        long used = weighted ? usedBytes() : cache.asMap().entrySet().stream().mapToLong(e -> weigh(e.getKey(), e.getValue())).sum();
        return new Snapshot(cache.estimatedSize(), used, -1, cache.stats().evictionCount());
    }

    private Policy.Eviction<String, Map<String, String>> eviction() {
        return cache.policy().eviction().orElseThrow();
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
