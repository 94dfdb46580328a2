package dev.keel.benchmarks;

import dev.keel.ScoredValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.List;

/**
 * A real Redis over loopback for the sorted set benchmark: a {@code redis-server} this peer
 * starts itself, reached through one shared Lettuce connection and its synchronous API
 * ({@code RedisCommands<String, String>}), one command per call, as {@link RedisPeer} does for
 * strings.
 *
 * <p>Loading pipelines: ZADDs of 1,000 members sent through the asynchronous API of the same
 * connection, up to 1,000 in flight, so filling a million members takes about a second.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisZSetPeer implements ZSetPeer {
    private static final int LOAD_BATCH = 1000;

    private final LoopbackRedis<String> redis;
    private final RedisCommands<String, String> commands;

    private RedisZSetPeer(LoopbackRedis<String> redis) {
        this.redis = redis;
        this.commands = redis.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisZSetPeer start() {
        return new RedisZSetPeer(LoopbackRedis.start(StringCodec.UTF8));
    }

    @Override
    public long zadd(String key, double score, String member) {
        return commands.zadd(key, score, member);
    }

    @Override
    public double zincrby(String key, double increment, String member) {
        return commands.zincrby(key, increment, member);
    }

    @Override
    public Long zrank(String key, String member) {
        return commands.zrank(key, member);
    }

    @Override
    public List<String> zrangeByScoreLimit(String key, double min, double max, int offset, int count) {
        return commands.zrangebyscore(key, Range.create(min, max), Limit.create(offset, count));
    }

    @Override
    public ScoredValue<String> zpopmin(String key) {
        io.lettuce.core.ScoredValue<String> popped = commands.zpopmin(key);
        return popped.hasValue() ? new ScoredValue<>(popped.getValue(), popped.getScore()) : null;
    }

    @Override
    public long zcard(String key) {
        return commands.zcard(key);
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
    }

    @Override
    public void load(String key, String[] members, double[] scores) {
        RedisAsyncCommands<String, String> async = redis.async();
        LoopbackRedis.Pipeline pipeline = new LoopbackRedis.Pipeline();
        for (int from = 0; from < members.length; from += LOAD_BATCH) {
            int count = Math.min(LOAD_BATCH, members.length - from);
            Object[] scoresAndMembers = new Object[2 * count];
            for (int i = 0; i < count; i++) {
                scoresAndMembers[2 * i] = scores[from + i];
                scoresAndMembers[2 * i + 1] = members[from + i];
            }
            pipeline.add(async.zadd(key, scoresAndMembers));
        }
        pipeline.awaitAll();
    }

    /** The server and client this peer runs on, for reading the server's memory and opening more connections. */
    LoopbackRedis<?> loopback() {
        return redis;
    }

    @Override
    public void close() {
        redis.close();
    }
}
