package dev.keel.redis;

import dev.keel.Reply;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH through {@code execute} on a store that multiplexes one shared
 * connection: a thread's transaction runs on a connection pinned to that thread, as if each
 * thread were a Redis client of its own (the engine's semantics too).
 *
 * <pre>
 * Pinning
 *   MULTI or WATCH pins a connection to the calling thread; from then on every command of that
 *   thread goes over it, until EXEC or DISCARD (which end both the transaction and the watches,
 *   as in Redis) or UNWATCH outside MULTI leave nothing to keep, and the connection goes back to
 *   a small pool (at most IDLE_PER_NODE idle per node). EXEC, DISCARD and UNWATCH of a thread
 *   without a pinned connection borrow one for the call, so the server answers them (EXEC
 *   without MULTI, ...). A pinned thread that ended is found at the next pin and its connection
 *   closed, so a thread that died mid-transaction holds nothing for long.
 *
 * Blocking commands
 *   Inside MULTI a blocking command is queued like any other and the server runs it without
 *   blocking at EXEC, so it goes over the pinned connection. A thread that only WATCHes sends
 *   its blocking commands on the store's blocking lanes as usual: WATCH is about the keys, not
 *   the connection that writes them, and a lane's wait can be interrupted.
 *
 * Replies
 *   Lettuce is never shown MULTI or EXEC by those names (it would hold queued commands' replies
 *   until EXEC): they are sent under lower-case keywords. Lettuce drops +QUEUED itself, so a
 *   queued command's empty reply is taken for it. QUEUED answers as Redis's simple
 *   string; EXEC's array has each item restored as the queued command would have answered alone
 *   (SimpleStringReplies), so the replies equal the engine's.
 *
 * Cluster
 *   A transaction runs on one node. WATCH pins the node owning its first key; MULTI without a
 *   node yet is answered OK here and sent with the first command that has a key, to the node
 *   owning it (keyless commands before it are held and answered QUEUED, and sent after MULTI;
 *   an error of one of those shows only as EXECABORT at EXEC). A transaction whose keys are on
 *   another node's slots gets the server's own MOVED or CROSSSLOT errors, and EXEC then answers
 *   EXECABORT, as a Redis Cluster client sees.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use; each thread's pin is used by that thread only.
 */
final class PinnedConnections implements AutoCloseable {

    /** The commands that start, end or shape a transaction. */
    private static final Set<String> TRANSACTION_COMMANDS = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH");
    private static final int IDLE_PER_NODE = 4;

    /** One thread's transaction state and its connection (null while a cluster MULTI waits for a key). */
    private static final class Pin {
        final Thread owner = Thread.currentThread();
        BlockingLanes.Node node;
        StatefulRedisConnection<byte[], byte[]> connection;
        boolean multi;
        boolean watching;
        /** The command lines queued in the transaction, for restoring EXEC's replies. */
        final List<byte[][]> queued = new ArrayList<>();
        /** Cluster: MULTI and the keyless commands after it, held until a key names the node. */
        final List<byte[][]> held = new ArrayList<>();
    }

    private final RedisClient client;
    private final RedisURI base;
    private final BlockingLanes.Node home;
    private final boolean cluster;
    private final Map<Thread, Pin> pins = new ConcurrentHashMap<>();
    /** Guarded by this, as is closed. */
    private final Map<BlockingLanes.Node, Deque<StatefulRedisConnection<byte[], byte[]>>> idle = new HashMap<>();
    private boolean closed;

    /** Connections made on {@code resources} (the caller's) as {@code base} says, to {@code home} unless a cluster key says otherwise. */
    PinnedConnections(ClientResources resources, RedisURI base, BlockingLanes.Node home, boolean cluster) {
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        this.base = base;
        this.home = home;
        this.cluster = cluster;
    }

    /** Returns whether a command named {@code name} of the calling thread may belong on a pinned connection. */
    boolean mayHandle(String name) {
        return TRANSACTION_COMMANDS.contains(name) || !pins.isEmpty() && pins.containsKey(Thread.currentThread());
    }

    /**
     * Runs {@code argv} if it belongs on a pinned connection: a transaction command, or any
     * command of a thread with a pin (but a blocking one outside MULTI). Returns null otherwise,
     * for the caller to run as usual.
     *
     * @param name the command's name in upper case
     * @param keyNode the node owning the command's first key's slot in a cluster, else null
     */
    Reply run(String name, byte[][] argv, boolean blocking, BlockingLanes.Node keyNode) {
        Thread thread = Thread.currentThread();
        Pin pin = pins.get(thread);
        boolean transactional = TRANSACTION_COMMANDS.contains(name);
        if (pin == null ? !transactional : blocking && !pin.multi) {
            return null;
        }
        if (pin == null) {
            pin = new Pin();
            sweepEndedThreads();
            pins.put(thread, pin);
        }
        boolean keep = false;
        try {
            Reply reply = runPinned(pin, name, argv, keyNode);
            keep = pin.multi || pin.watching;
            return reply;
        } finally {
            if (!keep) {
                unpin(pin);
            }
        }
    }

    private Reply runPinned(Pin pin, String name, byte[][] argv, BlockingLanes.Node keyNode) {
        if (pin.connection == null) {
            BlockingLanes.Node node = cluster ? keyNode : home;
            if (node == null && cluster && pin.multi && !name.equals("EXEC") && !name.equals("DISCARD")) {
                pin.held.add(argv); // a keyless command while the node is unknown
                pin.queued.add(argv);
                return new Reply.Status("QUEUED");
            }
            if (node == null && cluster && name.equals("MULTI") && !pin.multi) {
                pin.held.add(argv);
                pin.multi = true;
                return new Reply.Status("OK");
            }
            connect(pin, node == null ? home : node);
            for (byte[][] line : pin.held) {
                send(pin, line); // MULTI first, then what was answered QUEUED here
            }
            pin.held.clear();
        }
        boolean wasMulti = pin.multi;
        Reply reply = send(pin, argv);
        switch (name) {
            case "MULTI" -> pin.multi |= isOk(reply);
            case "WATCH" -> pin.watching |= !wasMulti && isOk(reply);
            case "UNWATCH" -> pin.watching &= wasMulti;
            case "EXEC", "DISCARD" -> {
                if (wasMulti) {
                    if (name.equals("EXEC")) {
                        reply = restoreExec(pin.queued, reply);
                    }
                    pin.multi = false;
                    pin.watching = false;
                    pin.queued.clear();
                }
            }
            default -> {
                // Lettuce swallows +QUEUED, leaving the output empty (nil): a queued command answers QUEUED or an error.
                if (wasMulti && (reply instanceof Reply.Nil || reply instanceof Reply.Bulk bulk && bulk.utf8().equals("QUEUED"))) {
                    pin.queued.add(argv);
                    reply = new Reply.Status("QUEUED");
                }
            }
        }
        return reply;
    }

    private static boolean isOk(Reply reply) {
        return reply instanceof Reply.Status status && status.text().equals("OK")
                || reply instanceof Reply.Bulk bulk && bulk.utf8().equals("OK");
    }

    /** EXEC's replies as each queued command answers alone. */
    private static Reply restoreExec(List<byte[][]> queued, Reply reply) {
        if (!(reply instanceof Reply.Array array) || array.items().size() != queued.size()) {
            return reply;
        }
        List<Reply> restored = new ArrayList<>(queued.size());
        for (int i = 0; i < queued.size(); i++) {
            restored.add(SimpleStringReplies.restore(queued.get(i), array.items().get(i)));
        }
        return Reply.array(restored);
    }

    /** Sends one command line on the pin's connection; the transaction commands under lower-case names Lettuce does not act on. */
    private static Reply send(Pin pin, byte[][] argv) {
        CommandName name = CommandName.of(argv[0]);
        if (TRANSACTION_COMMANDS.contains(name.text())) {
            name = new CommandName(argv[0], name.text().toLowerCase(Locale.ROOT));
        }
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (int i = 1; i < argv.length; i++) {
            args.add(argv[i]);
        }
        try {
            Reply reply = pin.connection.sync().dispatch(name, new ReplyOutput(), args);
            return reply == null ? Reply.NIL : SimpleStringReplies.restore(argv, reply);
        } catch (RedisCommandExecutionException e) {
            return Reply.error(e.getMessage());
        } catch (RuntimeException e) {
            // The connection is in an unknown state: it goes, and with it the transaction.
            pin.connection.close();
            pin.connection = null;
            pin.multi = false;
            pin.watching = false;
            throw e;
        }
    }

    // ------------------------------------------------------------------ the pool

    private void connect(Pin pin, BlockingLanes.Node node) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            Deque<StatefulRedisConnection<byte[], byte[]>> free = idle.get(node);
            while (free != null && !free.isEmpty()) {
                StatefulRedisConnection<byte[], byte[]> connection = free.pollFirst();
                if (connection.isOpen()) {
                    pin.node = node;
                    pin.connection = connection;
                    return;
                }
            }
        }
        RedisURI uri = Objects.equals(node.host(), base.getHost()) && node.port() == base.getPort()
                ? base
                : RedisURI.builder(base).withHost(node.host()).withPort(node.port()).build();
        pin.connection = client.connect(ByteArrayCodec.INSTANCE, uri);
        pin.node = node;
    }

    /** Forgets the pin and puts its connection, whose transaction state is clean, back for reuse. */
    private void unpin(Pin pin) {
        pins.remove(pin.owner, pin);
        StatefulRedisConnection<byte[], byte[]> connection = pin.connection;
        pin.connection = null;
        if (connection == null) {
            return;
        }
        synchronized (this) {
            if (!closed && connection.isOpen()) {
                Deque<StatefulRedisConnection<byte[], byte[]>> free = idle.computeIfAbsent(pin.node, node -> new ArrayDeque<>());
                if (free.size() < IDLE_PER_NODE) {
                    free.addFirst(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    /** Closes the connections of pinned threads that ended (a connection in MULTI is never reused). */
    private void sweepEndedThreads() {
        for (Pin pin : pins.values()) {
            if (!pin.owner.isAlive() && pins.remove(pin.owner, pin) && pin.connection != null) {
                pin.connection.close();
            }
        }
    }

    /** Closes every connection, pinned or idle. Idempotent. */
    @Override
    public void close() {
        List<StatefulRedisConnection<byte[], byte[]>> connections = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idle.values().forEach(connections::addAll);
            idle.clear();
        }
        for (Pin pin : pins.values()) {
            if (pin.connection != null) {
                connections.add(pin.connection);
            }
        }
        pins.clear();
        connections.forEach(StatefulRedisConnection::close);
        client.shutdown();
    }
}
