package dev.keel.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * A real Redis over loopback for the list benchmark: a {@code redis-server} this peer starts
 * itself, reached through one shared Lettuce connection and its synchronous API
 * ({@code RedisCommands<String, String>}), as {@link RedisPeer} does for strings.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisListPeer implements ListPeer {
    private final RedisServer server;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;

    private RedisListPeer(RedisServer server) {
        this.server = server;
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        this.connection = client.connect();
        this.commands = connection.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisListPeer start() {
        RedisServer server = RedisServer.start();
        try {
            return new RedisListPeer(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
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
