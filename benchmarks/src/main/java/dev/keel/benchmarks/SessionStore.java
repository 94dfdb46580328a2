package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session cache of {@link Comparison}'s mixed workload: sessions as hashes with a TTL, read
 * whole and touched on every request ({@code HGETALL}, {@code HSET} of one field, {@code EXPIRE}).
 *
 * <ul>
 *   <li>{@link #keel()}: {@code store.commands()} of an in-memory Keel store;
 *   <li>{@link #heap()}: a {@code ConcurrentHashMap} of session key to a {@code ConcurrentHashMap}
 *       of fields and an expiry time (kept, not enforced: nothing expires within a run);
 *       {@code hgetall} returns a copy, as Keel and Redis hand back a new map;
 *   <li>{@link #redis()}: a {@code redis-server} over loopback, Lettuce's synchronous API.
 * </ul>
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface SessionStore extends AutoCloseable {

    /** {@code HGETALL key}: every field and value, empty if there is no such session. */
    Map<String, String> hgetall(String key);

    /** {@code HSET key field value}. */
    void hset(String key, String field, String value);

    /** {@code HSET key field value ...} of every field of {@code fields}, then {@code EXPIRE key seconds}; for loading. */
    void load(String key, Map<String, String> fields, long seconds);

    /** Waits until every {@link #load} is done; for peers that pipeline their loading. */
    default void loaded() {
    }

    /** {@code EXPIRE key seconds}: whether the key exists. */
    boolean expire(String key, long seconds);

    @Override
    void close();

    /** Sessions in a Keel store. */
    static Keel keel() {
        return new Keel();
    }

    /** Sessions on the heap. */
    static SessionStore heap() {
        return new Heap();
    }

    /** Sessions in a Redis this starts. */
    static Redis redis() {
        return new Redis(LoopbackRedis.start(StringCodec.UTF8));
    }

    /** Keel's. */
    final class Keel implements SessionStore {
        private final Store store = dev.keel.Keel.inMemory();
        private final Commands<String, String> commands = store.commands();

        /** The store, for reading its memory. */
        Store store() {
            return store;
        }

        @Override
        public Map<String, String> hgetall(String key) {
            return commands.hgetall(key);
        }

        @Override
        public void hset(String key, String field, String value) {
            commands.hset(key, field, value);
        }

        @Override
        public void load(String key, Map<String, String> fields, long seconds) {
            commands.hset(key, fields);
            commands.expire(key, seconds);
        }

        @Override
        public boolean expire(String key, long seconds) {
            return commands.expire(key, seconds);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** The on-heap map. */
    final class Heap implements SessionStore {
        private record Session(ConcurrentHashMap<String, String> fields, long[] expiresAt) {
        }

        private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

        @Override
        public Map<String, String> hgetall(String key) {
            Session session = sessions.get(key);
            return session == null ? Map.of() : new HashMap<>(session.fields);
        }

        @Override
        public void hset(String key, String field, String value) {
            sessions.computeIfAbsent(key, k -> new Session(new ConcurrentHashMap<>(), new long[1])).fields.put(field, value);
        }

        @Override
        public void load(String key, Map<String, String> fields, long seconds) {
            Session session = new Session(new ConcurrentHashMap<>(fields), new long[1]);
            session.expiresAt[0] = System.currentTimeMillis() + seconds * 1000;
            sessions.put(key, session);
        }

        @Override
        public boolean expire(String key, long seconds) {
            Session session = sessions.get(key);
            if (session == null) {
                return false;
            }
            session.expiresAt[0] = System.currentTimeMillis() + seconds * 1000;
            return true;
        }

        @Override
        public void close() {
            sessions.clear();
        }
    }

    /** Redis's. */
    final class Redis implements SessionStore {
        private final LoopbackRedis<String> redis;
        private final RedisCommands<String, String> commands;
        private final LoopbackRedis.Pipeline pipeline = new LoopbackRedis.Pipeline();

        Redis(LoopbackRedis<String> redis) {
            this.redis = redis;
            this.commands = redis.sync();
        }

        /** The server and client, for its memory and more connections. */
        LoopbackRedis<?> loopback() {
            return redis;
        }

        @Override
        public Map<String, String> hgetall(String key) {
            return commands.hgetall(key);
        }

        @Override
        public void hset(String key, String field, String value) {
            commands.hset(key, field, value);
        }

        /** Pipelined through the asynchronous API, as the other Redis peers load: {@link #loaded()} waits for the replies. */
        @Override
        public void load(String key, Map<String, String> fields, long seconds) {
            pipeline.add(redis.async().hset(key, fields));
            pipeline.add(redis.async().expire(key, seconds));
        }

        @Override
        public void loaded() {
            pipeline.awaitAll();
        }

        @Override
        public boolean expire(String key, long seconds) {
            return commands.expire(key, seconds);
        }

        @Override
        public void close() {
            redis.close();
        }
    }
}
