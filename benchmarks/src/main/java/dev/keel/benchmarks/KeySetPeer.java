package dev.keel.benchmarks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-heap baseline for sets: a {@code ConcurrentHashMap.newKeySet()} per key, in a
 * {@code ConcurrentHashMap} of the keys (a lookup of the key, then one of the member, as Keel).
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeySetPeer implements SetPeer {
    private final ConcurrentHashMap<String, Set<String>> sets = new ConcurrentHashMap<>();

    private Set<String> set(String key) {
        Set<String> set = sets.get(key);
        return set != null ? set : sets.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public boolean sadd(String key, String member) {
        return set(key).add(member);
    }

    @Override
    public boolean srem(String key, String member) {
        Set<String> set = sets.get(key);
        return set != null && set.remove(member);
    }

    @Override
    public boolean sismember(String key, String member) {
        Set<String> set = sets.get(key);
        return set != null && set.contains(member);
    }

    @Override
    public long scard(String key) {
        Set<String> set = sets.get(key);
        return set == null ? 0 : set.size();
    }

    @Override
    public void close() {
        sets.clear();
    }
}
