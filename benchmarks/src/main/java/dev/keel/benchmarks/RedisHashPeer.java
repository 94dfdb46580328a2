package dev.keel.benchmarks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Redis over loopback for the hash benchmark: a {@code redis-server} this peer starts
 * itself, reached through one shared Lettuce connection and its synchronous API
 * ({@code RedisCommands<String, byte[]>}), as {@link RedisPeer} does for strings.
 *
 * <p>Loading pipelines: multi-field HSETs sent through the asynchronous API of the same
 * connection, up to 1,000 in flight, so filling 100,000 hashes takes seconds, not 100,000 round
 * trips.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisHashPeer implements HashPeer {
    private static final int LOAD_BATCH = 1000;

    private final LoopbackRedis<byte[]> redis;
    private final RedisCommands<String, byte[]> commands;

    private RedisHashPeer(LoopbackRedis<byte[]> redis) {
        this.redis = redis;
        this.commands = redis.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisHashPeer start() {
        return new RedisHashPeer(LoopbackRedis.start(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
    }

    @Override
    public Object valueOf(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public long hset(String key, String field, Object value) {
        return commands.hset(key, field, (byte[]) value) ? 1 : 0;
    }

    @Override
    public Object hget(String key, String field) {
        return commands.hget(key, field);
    }

    @Override
    public long hincrby(String key, String field, long increment) {
        return commands.hincrby(key, field, increment);
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
    }

    @Override
    public void load(String[] keys, String[] fields, Object[] values) {
        RedisAsyncCommands<String, byte[]> async = redis.async();
        LoopbackRedis.Pipeline pipeline = new LoopbackRedis.Pipeline();
        for (String key : keys) {
            Map<String, byte[]> batch = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                batch.put(fields[i], (byte[]) values[i % values.length]);
                if (batch.size() == LOAD_BATCH || i == fields.length - 1) {
                    pipeline.add(async.hset(key, batch));
                    batch = new LinkedHashMap<>();
                }
            }
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
