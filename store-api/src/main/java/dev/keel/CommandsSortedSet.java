package dev.keel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@link KeelSortedSet} view over {@link Commands}: every method is one sorted-set command on
 * one key.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the commands are.
 */
final class CommandsSortedSet<K, V> implements KeelSortedSet<V> {
    private static final ZAddArgs GT_CH = ZAddArgs.gt().withCh();

    private final Commands<K, V> commands;
    private final K key;

    CommandsSortedSet(Commands<K, V> commands, K key) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean add(V member, double score) {
        return commands.zadd(key, score, member) == 1;
    }

    @Override
    public boolean addIfGreater(V member, double score) {
        return commands.zadd(key, GT_CH, score, member) == 1;
    }

    @Override
    public double incrementScore(V member, double delta) {
        return commands.zincrby(key, delta, member);
    }

    @Override
    public Double score(V member) {
        return commands.zscore(key, member);
    }

    @Override
    public Long rank(V member) {
        return commands.zrank(key, member);
    }

    @Override
    public Long revRank(V member) {
        return commands.zrevrank(key, member);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean remove(V member) {
        return commands.zrem(key, member) == 1;
    }

    @Override
    public long size() {
        return commands.zcard(key);
    }

    @Override
    public List<ScoredValue<V>> rangeByRank(long from, long to) {
        return commands.zrangeWithscores(key, from, to);
    }

    @Override
    public List<ScoredValue<V>> rangeByScore(ScoreRange range) {
        return commands.zrangebyscoreWithscores(key, range);
    }

    @Override
    public List<ScoredValue<V>> rangeByScore(ScoreRange range, long offset, long count) {
        return commands.zrangebyscoreWithscores(key, range, offset, count);
    }

    @Override
    public ScoredValue<V> pollFirst() {
        return commands.zpopmin(key);
    }

    @Override
    public ScoredValue<V> pollLast() {
        return commands.zpopmax(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScoredValue<V> pollFirst(Duration timeout) throws InterruptedException {
        return timeout.isPositive() ? valueOf(commands.bzpopmin(timeout, key)) : pollFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScoredValue<V> pollLast(Duration timeout) throws InterruptedException {
        return timeout.isPositive() ? valueOf(commands.bzpopmax(timeout, key)) : pollLast();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScoredValue<V> takeFirst() throws InterruptedException {
        return commands.bzpopmin(Duration.ZERO, key).value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScoredValue<V> takeLast() throws InterruptedException {
        return commands.bzpopmax(Duration.ZERO, key).value();
    }

    private static <K, V> ScoredValue<V> valueOf(KeyValue<K, ScoredValue<V>> taken) {
        return taken == null ? null : taken.value();
    }

    @Override
    public void clear() {
        commands.zremrangebyrank(key, 0, -1);
    }

    @Override
    public boolean expire(Duration ttl) {
        return commands.expire(key, ttl);
    }

    @Override
    public Duration ttl() {
        long millis = commands.pttl(key);
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    @Override
    public boolean persist() {
        return commands.persist(key);
    }

    @Override
    public String toString() {
        return "KeelSortedSet[" + key + "]";
    }
}
