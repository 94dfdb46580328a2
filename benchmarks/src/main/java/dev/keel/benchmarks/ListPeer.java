package dev.keel.benchmarks;

import java.util.List;

/**
 * The one small facade the list benchmark calls: the list commands it measures over String keys
 * and String elements, so Keel and its peers run the same benchmark code and differ only in the
 * list behind it.
 *
 * <p>Indexes follow Redis: 0 is the head, negative indexes count from the tail, {@code stop} is
 * inclusive. A list that does not exist reads as empty.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface ListPeer extends AutoCloseable {

    /** The names accepted by {@link #open(String)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /** A {@code LinkedBlockingDeque<String>} per key. */
    String LINKED_BLOCKING_DEQUE = "lbdeque";
    /** An {@code ArrayDeque<String>} per key, guarded by a {@code ReentrantLock}. */
    String LOCKED_ARRAY_DEQUE = "arraydeque";
    /** A real Redis over loopback, through Lettuce's synchronous API. */
    String REDIS = "redis";

    /** {@code LPUSH key element}. */
    void lpush(String key, String element);

    /** {@code RPUSH key element [element ...]}, in one command where the peer has one. */
    void rpush(String key, String... elements);

    /** {@code RPOP key}: the last element, or null if the list is empty. */
    String rpop(String key);

    /** {@code LRANGE key start stop}. */
    List<String> lrange(String key, long start, long stop);

    /** {@code LINDEX key index}: the element, or null if out of range. */
    String lindex(String key, long index);

    /** {@code LLEN key}. */
    long llen(String key);

    /** Appends {@code elements} in batches of {@code batch}; for filling a list before measuring. */
    default void load(String key, String[] elements, int batch) {
        for (int from = 0; from < elements.length; from += batch) {
            int to = Math.min(elements.length, from + batch);
            String[] part = new String[to - from];
            System.arraycopy(elements, from, part, 0, part.length);
            rpush(key, part);
        }
    }

    /** Releases the lists and anything the peer started for them. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}.
     *
     * @throws IllegalArgumentException if no peer has that name
     * @throws IllegalStateException if the peer cannot start (for Redis: no {@code redis-server})
     */
    static ListPeer open(String name) {
        return switch (name) {
            case KEEL -> new KeelListPeer();
            case LINKED_BLOCKING_DEQUE -> DequeListPeer.linkedBlocking();
            case LOCKED_ARRAY_DEQUE -> DequeListPeer.lockedArray();
            case REDIS -> RedisListPeer.start();
            default -> throw new IllegalArgumentException("unknown list store '" + name + "'");
        };
    }

    /** Turns a Redis index (negative from the end) into 0..size-1, or -1 if out of range. */
    static long normalize(long index, long size) {
        long resolved = index < 0 ? size + index : index;
        return resolved < 0 || resolved >= size ? -1 : resolved;
    }
}
