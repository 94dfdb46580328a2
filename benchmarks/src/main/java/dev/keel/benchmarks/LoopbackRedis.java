package dev.keel.benchmarks;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every Redis peer of the benchmarks stands on: a {@code redis-server} started for one
 * measurement ({@link RedisServer}), reached over loopback through one shared Lettuce connection,
 * as a Java service would call Redis. Lettuce multiplexes concurrent callers on the connection.
 * Closing it closes the connection and the client, then stops the server.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; {@link #close()} once, after the callers are done.
 *
 * @param <V> the value type of the connection's codec (keys are always Strings)
 */
final class LoopbackRedis<V> implements AutoCloseable {
    /** How many commands a {@link Pipeline} lets be in flight before it waits for their replies. */
    static final int MAX_IN_FLIGHT = 1000;
    /** How long a {@link Pipeline} waits for the replies of the commands in flight. */
    static final Duration LOAD_TIMEOUT = Duration.ofMinutes(1);

    private final RedisServer server;
    private final RedisClient client;
    private final StatefulRedisConnection<String, V> connection;

    private LoopbackRedis(RedisServer server, RedisCodec<String, V> codec) {
        this.server = server;
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        try {
            this.connection = client.connect(codec);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * Starts a {@code redis-server} and connects to it with {@code codec}.
     *
     * @throws IllegalStateException if there is no {@code redis-server} or it does not start
     */
    static <V> LoopbackRedis<V> start(RedisCodec<String, V> codec) {
        RedisServer server = RedisServer.start();
        try {
            return new LoopbackRedis<>(server, codec);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server this connects to. */
    RedisServer server() {
        return server;
    }

    /**
     * Opens another connection to the server, with {@code codec}, on the same client: for a
     * caller that needs a connection of its own (pipelining with {@code setAutoFlushCommands(false)}).
     * The caller closes it before {@link #close()}.
     */
    <W> StatefulRedisConnection<String, W> connect(RedisCodec<String, W> codec) {
        return client.connect(codec);
    }

    /** The connection's synchronous API: one command, one round trip. */
    RedisCommands<String, V> sync() {
        return connection.sync();
    }

    /** The connection's asynchronous API, for pipelining while loading. */
    RedisAsyncCommands<String, V> async() {
        return connection.async();
    }

    /**
     * Commands sent through {@link #async()} to fill a server before measuring: at most
     * {@link #MAX_IN_FLIGHT} in flight, so loading takes a round trip per thousand commands, not
     * per command, without queueing without bound.
     *
     * <p><b>Thread safety:</b> not thread safe.
     */
    static final class Pipeline {
        private final List<RedisFuture<?>> inFlight = new ArrayList<>();

        /** Counts {@code command} in flight, and waits for every reply once {@link #MAX_IN_FLIGHT} are. */
        void add(RedisFuture<?> command) {
            inFlight.add(command);
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                awaitAll();
            }
        }

        /**
         * Waits for the reply of every command in flight.
         *
         * @throws IllegalStateException if they are not all answered within {@link #LOAD_TIMEOUT}
         */
        void awaitAll() {
            if (!LettuceFutures.awaitAll(LOAD_TIMEOUT, inFlight.toArray(new RedisFuture<?>[0]))) {
                throw new IllegalStateException("Redis did not answer " + inFlight.size() + " commands within " + LOAD_TIMEOUT);
            }
            inFlight.clear();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
            client.shutdown();
        } finally {
            server.close();
        }
    }
}
