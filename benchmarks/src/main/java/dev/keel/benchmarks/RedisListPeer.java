package dev.keel.benchmarks;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.List;

/**
 * A real Redis over loopback for the list benchmark: a {@code redis-server} this peer starts
 * itself, reached through one shared Lettuce connection and its synchronous API
 * ({@code RedisCommands<String, String>}), as {@link RedisPeer} does for strings.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisListPeer implements ListPeer {
    private final LoopbackRedis<String> redis;
    private final RedisCommands<String, String> commands;

    private RedisListPeer(LoopbackRedis<String> redis) {
        this.redis = redis;
        this.commands = redis.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisListPeer start() {
        return new RedisListPeer(LoopbackRedis.start(StringCodec.UTF8));
    }

    @Override
    public void lpush(String key, String element) {
        commands.lpush(key, element);
    }

    @Override
    public void rpush(String key, String... elements) {
        commands.rpush(key, elements);
    }

    @Override
    public String rpop(String key) {
        return commands.rpop(key);
    }

    @Override
    public List<String> lrange(String key, long start, long stop) {
        return commands.lrange(key, start, stop);
    }

    @Override
    public String lindex(String key, long index) {
        return commands.lindex(key, index);
    }

    @Override
    public long llen(String key) {
        return commands.llen(key);
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
