package dev.keel.benchmarks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-heap baseline: a {@code ConcurrentHashMap<String, ConcurrentHashMap<String, byte[]>>},
 * a map per hash. One big hash is one {@code ConcurrentHashMap<String, byte[]>}, reached through
 * a one-entry outer map.
 *
 * <pre>
 * Why nested maps and not one map with composite keys ("key" + separator + "field")
 *   A hash is a unit users work on as a whole: HGETALL, HLEN, DEL, EXPIRE of a session or a
 *   user's profile. Nested maps keep that (the inner map is the hash); composite keys would turn
 *   each of those into a scan of every field of every hash. They also cost what Keel and Redis
 *   cost: a lookup of the key, then one of the field, and no string built per call. A
 *   composite-key map would be faster per field but a different data model.
 * </pre>
 *
 * HINCRBY is {@code compute} on the inner map: parse the decimal value, add, format (as
 * {@link DecimalBytes}), atomically per field. It has no expiry, no memory accounting and no
 * Redis semantics beyond that, so it bounds from above what an in-process store can reach.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class ConcurrentMapHashPeer implements HashPeer {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, byte[]>> hashes = new ConcurrentHashMap<>();

    private ConcurrentHashMap<String, byte[]> hash(String key) {
        ConcurrentHashMap<String, byte[]> hash = hashes.get(key);
        return hash != null ? hash : hashes.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }

    @Override
    public Object valueOf(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public long hset(String key, String field, Object value) {
        return hash(key).put(field, (byte[]) value) == null ? 1 : 0;
    }

    @Override
    public Object hget(String key, String field) {
        ConcurrentHashMap<String, byte[]> hash = hashes.get(key);
        return hash == null ? null : hash.get(field);
    }

    @Override
    public long hincrby(String key, String field, long increment) {
        return DecimalBytes.parse(hash(key).compute(field, (f, current) -> DecimalBytes.increment(current, increment)));
    }

    @Override
    public void close() {
        hashes.clear();
    }
}
