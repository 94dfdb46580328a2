package dev.keel.benchmarks;

import dev.keel.ScoredValue;
import java.util.List;

/**
 * The one small facade the sorted set benchmark calls: the sorted set commands it measures over
 * String keys and members, so Keel and its peers run the same benchmark code and differ only in
 * the store behind it.
 *
 * <p>Members are ordered as Redis orders them: by score, then by member among equal scores.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface ZSetPeer extends AutoCloseable {

    /** The names accepted by {@link #open(String)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /**
     * A {@code ConcurrentSkipListMap} ordered by (score, member) beside a
     * {@code ConcurrentHashMap} of member to score, on the heap.
     */
    String SKIP_LIST = "skiplist";
    /** A real Redis over loopback, through Lettuce's synchronous API. */
    String REDIS = "redis";

    /** {@code ZADD key score member}: 1 if the member is new, 0 if only its score was updated. */
    long zadd(String key, double score, String member);

    /** {@code ZINCRBY key increment member}: the member's new score; a new member starts at 0. */
    double zincrby(String key, double increment, String member);

    /** {@code ZRANK key member}: the member's 0-based rank from the lowest score, or null if it is missing. */
    Long zrank(String key, String member);

    /**
     * {@code ZRANGEBYSCORE key min max LIMIT offset count}: up to {@code count} members with
     * {@code min <= score <= max}, lowest first, after skipping {@code offset} of them.
     */
    List<String> zrangeByScoreLimit(String key, double min, double max, int offset, int count);

    /** {@code ZPOPMIN key}: the member with the lowest score, removed, or null if the set is empty. */
    ScoredValue<String> zpopmin(String key);

    /** {@code ZCARD key}: the number of members. */
    long zcard(String key);

    /** The encoding the store chose for {@code key} ({@code OBJECT ENCODING}), or null if it has no such notion. */
    default String encoding(String key) {
        return null;
    }

    /** Adds member {@code members[i]} with score {@code scores[i]}, for each i; for filling a set before measuring. */
    default void load(String key, String[] members, double[] scores) {
        for (int i = 0; i < members.length; i++) {
            zadd(key, scores[i], members[i]);
        }
    }

    /** Releases the sets and anything the peer started for them. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}.
     *
     * @throws IllegalArgumentException if no peer has that name
     * @throws IllegalStateException if the peer cannot start (for Redis: no {@code redis-server})
     */
    static ZSetPeer open(String name) {
        return switch (name) {
            case KEEL -> new KeelZSetPeer();
            case SKIP_LIST -> new SkipListZSetPeer();
            case REDIS -> RedisZSetPeer.start();
            default -> throw new IllegalArgumentException("unknown sorted set store '" + name + "'");
        };
    }
}
