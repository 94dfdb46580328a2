package dev.keel.benchmarks;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Redis over loopback: a {@code redis-server} this peer starts itself, reached through
 * one shared Lettuce connection and its synchronous API ({@code RedisCommands<String, byte[]>}),
 * as a Java service would call Redis. Lettuce multiplexes concurrent callers on the connection.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisPeer implements StorePeer {
    private static final int LOAD_BATCH = 1000;

    private final LoopbackRedis<byte[]> redis;
    private final RedisCommands<String, byte[]> commands;

    private RedisPeer(LoopbackRedis<byte[]> redis) {
        this.redis = redis;
        this.commands = redis.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisPeer start() {
        return new RedisPeer(LoopbackRedis.start(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
    }

    @Override
    public Object valueOf(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public Object get(String key) {
        return commands.get(key);
    }

    @Override
    public void set(String key, Object value) {
        commands.set(key, (byte[]) value);
    }

    /** Loads with MSET in batches, so filling the keyspace takes round trips per batch, not per key. */
    @Override
    public void load(String[] keys, Object[] values) {
        Map<String, byte[]> batch = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            batch.put(keys[i], (byte[]) values[i % values.length]);
            if (batch.size() == LOAD_BATCH || i == keys.length - 1) {
                commands.mset(batch);
                batch.clear();
            }
        }
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
