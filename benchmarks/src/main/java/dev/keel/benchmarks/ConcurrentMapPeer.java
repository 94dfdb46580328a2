package dev.keel.benchmarks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-heap baseline: a {@code ConcurrentHashMap<String, byte[]>} doing the same GET and SET.
 * It has no expiry, no memory accounting and no Redis semantics, so it bounds from above what an
 * in-process store can reach.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class ConcurrentMapPeer implements StorePeer {
    private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();

    @Override
    public Object valueOf(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public Object get(String key) {
        return map.get(key);
    }

    @Override
    public void set(String key, Object value) {
        map.put(key, (byte[]) value);
    }

    @Override
    public void close() {
        map.clear();
    }
}
