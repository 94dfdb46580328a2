package dev.keel;

import java.time.Duration;
import java.util.List;

/**
 * A Redis sorted set: a typed view of one key, where every method is one sorted-set command, as
 * atomic as that command. Get one from {@link Store#sortedSet(String)}. A key of another type is
 * refused with {@code WRONGTYPE}.
 *
 * <p>Members are ordered by score, equal scores by their bytes; ranks count from 0 at the lowest
 * score. An emptied sorted set is no key at all, as in Redis. Members may not be null.
 *
 * {@snippet :
 * try (Store store = Keel.inMemory()) {
 *     KeelSortedSet<String> board = store.sortedSet("board");
 *     board.add("ada", 120);                           // ZADD board 120 ada
 *     board.addIfGreater("ada", 150);                  // ZADD board GT CH 150 ada
 *     Long place = board.revRank("ada");               // ZREVRANK board ada
 *     List<ScoredValue<String>> top = board.rangeByRank(-3, -1);  // ZRANGE board -3 -1 WITHSCORES
 * }
 * }
 *
 * <p>As a priority queue, {@link #pollFirst()} takes the lowest score ({@code ZPOPMIN}),
 * {@link #takeFirst()} waits for one ({@code BZPOPMIN key 0}); waiting takers are served first
 * come, first served, and one interrupted while waiting throws {@link InterruptedException}
 * having taken nothing.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; many views of one key may coexist.
 *
 * @param <V> the member type
 */
public interface KeelSortedSet<V> {

    /** Adds {@code member} with {@code score}, or sets its score ({@code ZADD key score member}); whether it is new. */
    boolean add(V member, double score);

    /**
     * Adds {@code member} with {@code score}, or raises its score to {@code score} if that is
     * greater ({@code ZADD key GT CH score member}): the best-score-so-far of a leaderboard.
     * Returns whether anything changed: the member was added or its score raised; an equal or
     * lower score changes nothing and returns false.
     */
    boolean addIfGreater(V member, double score);

    /** Adds {@code delta} to the member's score, a new member starting at 0 ({@code ZINCRBY}); returns the new score. */
    double incrementScore(V member, double delta);

    /** Returns the member's score ({@code ZSCORE}), or {@code null} if it is not in the set. */
    Double score(V member);

    /** Returns the member's 0-based rank from the lowest score ({@code ZRANK}), or {@code null} if it is not in the set. */
    Long rank(V member);

    /** Returns the member's 0-based rank from the highest score ({@code ZREVRANK}), or {@code null} if it is not in the set. */
    Long revRank(V member);

    /** Removes the member ({@code ZREM}); whether it was there. */
    boolean remove(V member);

    /** Returns the number of members ({@code ZCARD}), 0 if the set does not exist. */
    long size();

    /**
     * Returns the members ranked {@code from} to {@code to}, inclusive, lowest score first, with
     * their scores ({@code ZRANGE key from to WITHSCORES}); negative ranks count from the highest
     * score, so {@code rangeByRank(-3, -1)} is the top three, lowest of them first.
     */
    List<ScoredValue<V>> rangeByRank(long from, long to);

    /** Returns the members with a score in {@code range}, lowest first, with their scores ({@code ZRANGEBYSCORE key min max WITHSCORES}). */
    List<ScoredValue<V>> rangeByScore(ScoreRange range);

    /**
     * Returns a page of the members with a score in {@code range}: {@code count} of them (a
     * negative count: all) after skipping {@code offset}, lowest first
     * ({@code ZRANGEBYSCORE key min max WITHSCORES LIMIT offset count}).
     */
    List<ScoredValue<V>> rangeByScore(ScoreRange range, long offset, long count);

    /** Removes and returns the member with the lowest score ({@code ZPOPMIN}), or {@code null} if the set is empty. */
    ScoredValue<V> pollFirst();

    /** Removes and returns the member with the highest score ({@code ZPOPMAX}), or {@code null} if the set is empty. */
    ScoredValue<V> pollLast();

    /**
     * Removes and returns the member with the lowest score, waiting up to {@code timeout} for one
     * ({@code BZPOPMIN key seconds}), or {@code null} if none came. A positive timeout waits at
     * least a millisecond (the finest timeout Redis takes); a zero or negative one does not wait
     * ({@code ZPOPMIN}).
     *
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    ScoredValue<V> pollFirst(Duration timeout) throws InterruptedException;

    /** As {@link #pollFirst(Duration)}, the highest score ({@code BZPOPMAX key seconds}, or {@code ZPOPMAX}). */
    ScoredValue<V> pollLast(Duration timeout) throws InterruptedException;

    /**
     * Removes and returns the member with the lowest score, waiting as long as it takes for one
     * ({@code BZPOPMIN key 0}).
     *
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    ScoredValue<V> takeFirst() throws InterruptedException;

    /** As {@link #takeFirst()}, the highest score ({@code BZPOPMAX key 0}). */
    ScoredValue<V> takeLast() throws InterruptedException;

    /** Removes every member, and so the key ({@code ZREMRANGEBYRANK key 0 -1}); refuses a key of another type, as DEL would not. */
    void clear();

    /** Sets the sorted set's time to live ({@code PEXPIRE key milliseconds}); false if the set does not exist. */
    boolean expire(Duration ttl);

    /** Returns the sorted set's time to live ({@code PTTL key}), or {@code null} if it has none or does not exist. */
    Duration ttl();

    /** Removes the sorted set's time to live ({@code PERSIST key}); whether it had one. */
    boolean persist();

    /** Returns a view of the sorted set at {@code key} through {@code commands}. */
    static <K, V> KeelSortedSet<V> of(Commands<K, V> commands, K key) {
        return new CommandsSortedSet<>(commands, key);
    }
}
