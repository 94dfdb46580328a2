package dev.keel.redis;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.MemoryStats;
import dev.keel.MessageListener;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.StoreInfo;
import dev.keel.Subscription;
import dev.keel.spi.ArgvCommands;
import dev.keel.spi.CommandLines;
import dev.keel.spi.QueuedSubscription;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RedisClient;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.BaseRedisCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.Function;

/**
 * A {@link Store} on a real Redis server or Redis Cluster, over one shared Lettuce connection
 * (RESP2), with connections of their own for the commands that wait.
 *
 * <pre>
 * Design
 *   Every call becomes one command line sent as it is with Lettuce's dispatch(), and the reply
 *   is decoded into Keel's Reply values, so the typed layer (ArgvCommands) and execute() answer
 *   exactly as with the in-memory engine. Redis's error replies come back as Reply.Error with
 *   Redis's own text. Lettuce does not tell a simple string from a bulk string; the commands
 *   that answer simple strings are named in SimpleStringReplies.
 *
 * Blocking commands
 *   BLPOP, BZPOPMIN, XREAD ... BLOCK and the others in BlockingCommands run on BlockingLanes:
 *   dedicated connections, one waiting command each, so the shared connection keeps serving
 *   every other call, among them the push a waiting pop is for. An interrupted waiter has the
 *   server unblock its command (CLIENT UNBLOCK) and throws KeelInterruptedException unless an
 *   element won the race; closing the store fails waiting commands with IllegalStateException.
 *
 * Transactions
 *   MULTI/EXEC/DISCARD/WATCH/UNWATCH run on a connection pinned to the calling thread while it
 *   is in a transaction or watching (PinnedConnections), so each thread is a client of its own,
 *   as on the engine.
 *
 * Cluster
 *   At connect time the server's COMMAND table tells where each command's first key is
 *   (KeyPositions, which finds it from the arguments for commands with a count of keys); that
 *   key routes the command to the node owning its slot. Multi-key commands across slots get
 *   Redis's own CROSSSLOT error. Commands without keys (KEYS, SCAN, DBSIZE, FLUSHALL, RANDOMKEY)
 *   go to one node only, as with a plain client connected to that node. A blocking command
 *   waits on a lane to the node owning its first key.
 *
 * Commands the server lacks
 *   Keel's own hash extensions (KEEL.HGETSET, KEEL.HREPLACE, KEEL.HCAS, KEEL.HCAD), which the
 *   KeelHash view sends, and HGETDEL on a server before Redis 8.0 run as Lua scripts with the
 *   same replies (ScriptedCommands), routed by their key.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use (Lettuce multiplexes the shared connection;
 * each waiting command has a connection of its own).
 */
public final class RedisStore implements Store {
    private final AutoCloseable client;
    private final AutoCloseable connection;
    private final BaseRedisCommands<byte[], byte[]> commands;
    /** The cluster connection, or null on a single server. */
    private final StatefulRedisClusterConnection<byte[], byte[]> clusterConnection;
    /** Where keys are, for routing in a cluster; null on a single server. */
    private final KeyPositions keyPositions;
    private final BlockingLanes lanes;
    /** The server the URI names, where blocking commands wait on a single server. */
    private final BlockingLanes.Node home;
    private final Commands<String, String> utf8Commands;
    /** The subscriptions, each on a pub/sub connection of its own. */
    private final ServerSubscriptions subscriptions;
    /** The connections pinned to threads in MULTI or WATCH. */
    private final PinnedConnections pinned;
    /** The database the URI selects, whose keys info() counts. */
    private final int database;
    /** Whether the server lacks HGETDEL (before Redis 8.0), learnt from its first answer. */
    private volatile boolean hgetdelScripted;
    private volatile boolean closed;

    /** Connects as {@code config} says. */
    public RedisStore(StoreConfig config) {
        RedisURI uri = RedisURI.create(config.redisUri());
        this.database = uri.getDatabase();
        this.home = new BlockingLanes.Node(uri.getHost(), uri.getPort());
        if (config.cluster()) {
            RedisClusterClient clusterClient = RedisClusterClient.create(uri);
            clusterClient.setOptions(ClusterClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
            StatefulRedisClusterConnection<byte[], byte[]> cluster = clusterClient.connect(ByteArrayCodec.INSTANCE);
            this.client = clusterClient::shutdown;
            this.connection = cluster;
            this.commands = cluster.sync();
            this.clusterConnection = cluster;
            this.lanes = new BlockingLanes(clusterClient.getResources(), uri, (node, clientId) ->
                    cluster.getConnection(node.host(), node.port()).sync().clientUnblock(clientId, UnblockType.TIMEOUT) == 1);
            this.subscriptions = new ServerSubscriptions(() -> clusterClient.connectPubSub(ByteArrayCodec.INSTANCE),
                    config.pubsubBufferLimit());
            this.pinned = new PinnedConnections(clusterClient.getResources(), uri, home, true);
        } else {
            RedisClient plainClient = RedisClient.create(uri);
            plainClient.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
            StatefulRedisConnection<byte[], byte[]> plain = plainClient.connect(ByteArrayCodec.INSTANCE);
            this.client = plainClient::shutdown;
            this.connection = plain;
            this.commands = plain.sync();
            this.clusterConnection = null;
            this.lanes = new BlockingLanes(plainClient.getResources(), uri, (node, clientId) ->
                    plain.sync().clientUnblock(clientId, UnblockType.TIMEOUT) == 1);
            this.subscriptions = new ServerSubscriptions(() -> plainClient.connectPubSub(ByteArrayCodec.INSTANCE),
                    config.pubsubBufferLimit());
            this.pinned = new PinnedConnections(plainClient.getResources(), uri, home, false);
        }
        this.keyPositions = config.cluster()
                ? KeyPositions.fromCommandReply(dispatch(new byte[][] {"COMMAND".getBytes(StandardCharsets.US_ASCII)}, false))
                : null;
        this.utf8Commands = new ArgvCommands<>(this::run, Codec.utf8());
        if (!config.notifyKeyspaceEvents().isEmpty()) {
            notifyKeyspaceEvents(config.notifyKeyspaceEvents());
        }
    }

    /**
     * Sets the server's {@code notify-keyspace-events} ({@link dev.keel.Keel.Builder#notifyKeyspaceEvents}):
     * on every node of a cluster, whose events are each node's own.
     *
     * @throws dev.keel.KeelException if the server refuses it (CONFIG renamed or disabled)
     */
    private void notifyKeyspaceEvents(String flags) {
        try {
            if (clusterConnection == null) {
                if (run(CommandLines.utf8("CONFIG", "SET", "notify-keyspace-events", flags)) instanceof Reply.Error error) {
                    throw new dev.keel.KeelException(error.message());
                }
            } else {
                for (RedisClusterNode node : clusterConnection.getPartitions()) {
                    clusterConnection.getConnection(node.getNodeId()).sync().configSet("notify-keyspace-events", flags);
                }
            }
        } catch (RedisCommandExecutionException | dev.keel.KeelException e) {
            close();
            throw new dev.keel.KeelException(e.getMessage());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /** Runs one command line on the server; the executor behind every other method. */
    private Reply run(byte[][] argv) {
        checkOpen();
        CommandLines.requireComplete(argv);
        if (argv.length == 0) {
            return Reply.error("ERR unknown command '', with args beginning with: ");
        }
        String name = CommandName.of(argv[0]).text();
        Reply refusal = subscribedModeRefusal(name, argv);
        if (refusal != null) {
            return refusal;
        }
        if (pinned.mayHandle(name)) {
            boolean blocking = BlockingCommands.timeoutNanos(name, argv) != BlockingCommands.NOT_BLOCKING;
            Reply reply = pinned.run(name, argv, blocking, clusterConnection == null ? null : blockingNode(name, argv));
            if (reply != null) {
                return reply;
            }
        }
        ScriptedCommands.Script extension = ScriptedCommands.extension(name);
        if (extension != null) {
            if (argv.length != extension.arity()) {
                return Reply.error("ERR wrong number of arguments for '" + extension.name() + "' command");
            }
            return runScript(extension, argv, 2);
        }
        if (name.equals("HGETDEL") && ScriptedCommands.hgetdelFields(argv)) {
            if (!hgetdelScripted) {
                Reply reply = dispatch(argv, keyPositions != null);
                if (!(reply instanceof Reply.Error error && ScriptedCommands.unknownCommand(error.message()))) {
                    return reply;
                }
                hgetdelScripted = true;
            }
            return runScript(ScriptedCommands.HGETDEL, argv, 4);
        }
        long blockingNanos = BlockingCommands.timeoutNanos(name, argv);
        if (blockingNanos != BlockingCommands.NOT_BLOCKING) {
            BlockingLanes.Node node = blockingNode(name, argv);
            if (node != null) {
                return lanes.run(node, argv, blockingNanos);
            }
        }
        return dispatch(argv, keyPositions != null);
    }

    /**
     * Refuses SUBSCRIBE and its kin, which would put the shared connection in subscribed mode,
     * as the engine does (arity first, as Redis checks it); null for any other command.
     */
    private static Reply subscribedModeRefusal(String name, byte[][] argv) {
        return switch (name) {
            case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE" -> argv.length < 2
                    ? Reply.error("ERR wrong number of arguments for '" + name.toLowerCase(java.util.Locale.ROOT) + "' command")
                    : Reply.error(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, name.toLowerCase(java.util.Locale.ROOT)));
            case "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE" ->
                    Reply.error(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, name.toLowerCase(java.util.Locale.ROOT)));
            default -> null;
        };
    }

    /**
     * Returns the node a blocking command waits on: the server, or in a cluster the node owning
     * its first key's slot. Null for a command line without a key, which the server refuses at
     * once, so it can go over the shared connection.
     */
    private BlockingLanes.Node blockingNode(String name, byte[][] argv) {
        if (clusterConnection == null) {
            return home;
        }
        int key = keyPositions.firstKey(name, argv);
        if (key == 0) {
            return null;
        }
        RedisClusterNode owner = clusterConnection.getPartitions().getPartitionBySlot(SlotHash.getSlot(argv[key]));
        return owner == null ? null : new BlockingLanes.Node(owner.getUri().getHost(), owner.getUri().getPort());
    }

    /**
     * Runs a command the server lacks as its script ({@link ScriptedCommands}): {@code argv[1]} is
     * the key, the arguments from {@code firstArg} on are the script's ARGV. EVALSHA first, EVAL
     * when the server has not seen the script yet.
     */
    private Reply runScript(ScriptedCommands.Script script, byte[][] argv, int firstArg) {
        Reply reply = evaluate("EVALSHA", script.sha(), argv, firstArg);
        if (reply instanceof Reply.Error error && error.message().startsWith("NOSCRIPT")) {
            reply = evaluate("EVAL", script.lua(), argv, firstArg);
        }
        return reply instanceof Reply.Error error ? Reply.error(ScriptedCommands.errorText(error.message())) : reply;
    }

    private Reply evaluate(String command, String script, byte[][] argv, int firstArg) {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        args.add(script.getBytes(StandardCharsets.UTF_8));
        args.add(1);
        args.addKey(argv[1]);
        for (int i = firstArg; i < argv.length; i++) {
            args.add(argv[i]);
        }
        try {
            Reply reply = commands.dispatch(CommandName.of(command.getBytes(StandardCharsets.US_ASCII)), new ReplyOutput(), args);
            return reply == null ? Reply.NIL : reply;
        } catch (RedisCommandExecutionException e) {
            return Reply.error(e.getMessage());
        }
    }

    private Reply dispatch(byte[][] argv, boolean routeByKey) {
        CommandName name = CommandName.of(argv[0]);
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        int keyIndex = routeByKey ? keyPositions.firstKey(name.text(), argv) : 0;
        for (int i = 1; i < argv.length; i++) {
            if (i == keyIndex) {
                args.addKey(argv[i]);
            } else {
                args.add(argv[i]);
            }
        }
        try {
            Reply reply = commands.dispatch(name, new ReplyOutput(), args);
            return reply == null ? Reply.NIL : SimpleStringReplies.restore(argv, reply);
        } catch (RedisCommandExecutionException e) {
            return Reply.error(e.getMessage());
        }
    }

    @Override
    public Commands<String, String> commands() {
        checkOpen();
        return utf8Commands;
    }

    @Override
    public <K, V> Commands<K, V> commands(Codec<K, V> codec) {
        checkOpen();
        return new ArgvCommands<>(this::run, codec);
    }

    /**
     * Not supported: Redis cannot run a Java closure inside the server. Run the commands there
     * with MULTI/EXEC (and WATCH) through {@link #execute(String...)}, or as a Lua script.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public <K, V, T> T atomically(Codec<K, V> codec, Collection<? extends K> keys, Function<? super Commands<K, V>, ? extends T> block) {
        throw new UnsupportedOperationException("atomically runs Java code inside the store, which a Redis server cannot: "
                + "use MULTI/EXEC with WATCH through execute(), or a Lua script (EVAL)");
    }

    /** Opens a subscription on a pub/sub connection of its own (one client on the server). */
    @Override
    public <K, V> Subscription<K> subscription(Codec<K, V> codec, MessageListener<K, V> listener) {
        checkOpen();
        return subscriptions.open(codec, listener);
    }

    @Override
    public Reply execute(String... argv) {
        return run(CommandLines.utf8(argv));
    }

    @Override
    public Reply execute(byte[]... argv) {
        return run(argv.clone());
    }

    /** Returns the server's {@code used_memory} and {@code used_memory_rss} from {@code INFO memory}. */
    @Override
    public MemoryStats memoryStats() {
        return InfoText.parse(execute("INFO", "memory")).memoryStats();
    }

    /**
     * Returns the numbers of the server's {@code INFO}, with the keys of the database the URI
     * selects. In a cluster, they are those of the one node the command reaches.
     */
    @Override
    public StoreInfo info() {
        return InfoText.parse(execute("INFO")).storeInfo(database);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.close();
        try {
            pinned.close();
            lanes.close();
            connection.close();
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the Redis connection failed", e);
        }
    }
}
