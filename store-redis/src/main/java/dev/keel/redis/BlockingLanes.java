package dev.keel.redis;

import dev.keel.KeelInterruptedException;
import dev.keel.Reply;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connections of their own for the commands that wait on the server ({@link BlockingCommands}),
 * each carrying one waiting command at a time, so that a waiting {@code BLPOP} never holds up the
 * store's shared connection, on which the push that serves it travels.
 *
 * <pre>
 * Lanes
 *   A lane is one connection to one server node (RESP2, no reconnect, no client-side command
 *   timeout) and the id the server gave it (CLIENT ID). Lanes are made on demand, per node, and
 *   kept for reuse, at most IDLE_PER_NODE idle ones per node; a lane whose call failed for any
 *   reason but an error reply is closed, not reused. The wait for a reply is bounded by the
 *   command's own timeout plus the store's command timeout, and unbounded for timeout 0.
 *
 * Interrupts
 *   An interrupted caller sends CLIENT UNBLOCK id TIMEOUT for its lane over the store's shared
 *   connection, so the server answers the command as if its timeout had run out, and waits for
 *   that answer. Nil: nothing was taken, and the caller gets KeelInterruptedException. An element:
 *   it won the race and is returned, so nothing is lost. Either way the interrupt flag is set
 *   again. CLIENT UNBLOCK answers 0 when the command has not reached the server yet (or was
 *   already answered), so it is sent again, with growing pauses, until the reply comes.
 *
 * Close
 *   Closing closes every lane, idle or busy; a caller whose command was waiting then gets
 *   IllegalStateException("the store is closed"), as from the engine.
 *
 * Cluster
 *   A lane to the node owning the first key's slot. A MOVED or ASK error reply (the slot moved
 *   since the slot map was read) sends the command again to the node it names, up to
 *   MAX_REDIRECTS times, as Lettuce does for the shared connection.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class BlockingLanes implements AutoCloseable {

    /** A server node, as the store's URI, the slot map or a redirect names it. */
    record Node(String host, int port) {
    }

    /** Sends {@code CLIENT UNBLOCK clientId TIMEOUT} to {@code node} over the shared connection. */
    @FunctionalInterface
    interface Unblocker {
        /** Returns whether the server unblocked the client (1), rather than finding it not blocked (0). */
        boolean unblock(Node node, long clientId);
    }

    /** One dedicated connection to {@code node} and the server's id for it. */
    private record Lane(Node node, StatefulRedisConnection<byte[], byte[]> connection, long clientId) {
    }

    private static final int IDLE_PER_NODE = 4;
    private static final int MAX_REDIRECTS = 5;
    private static final long FIRST_UNBLOCK_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LAST_UNBLOCK_PAUSE = TimeUnit.MILLISECONDS.toNanos(100);

    private final RedisClient client;
    private final RedisURI base;
    private final long marginNanos;
    private final Unblocker unblocker;
    /** Guarded by this, as are busy and closed. */
    private final Map<Node, Deque<Lane>> idle = new HashMap<>();
    private final Set<Lane> busy = new HashSet<>();
    private boolean closed;

    /**
     * Creates the lanes, on {@code resources}, which the caller owns. A lane to the node
     * {@code base} names connects with {@code base} as it is; one to another node connects as
     * {@code base} says but to that node's host and port.
     */
    BlockingLanes(ClientResources resources, RedisURI base, Unblocker unblocker) {
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
        this.base = base;
        this.marginNanos = base.getTimeout().toNanos();
        this.unblocker = unblocker;
    }

    /**
     * Runs a blocking command line on a lane to {@code node} and returns its reply.
     *
     * @param timeoutNanos the command's own timeout ({@link BlockingCommands#timeoutNanos})
     * @throws KeelInterruptedException if the caller was interrupted while the command waited and
     *     it took nothing; the interrupt flag is set
     * @throws IllegalStateException if the lanes were closed meanwhile
     */
    Reply run(Node node, byte[][] argv, long timeoutNanos) {
        Node target = node;
        boolean asking = false;
        for (int redirects = 0; ; redirects++) {
            Reply reply = runOn(target, argv, timeoutNanos, asking);
            if (redirects == MAX_REDIRECTS || !(reply instanceof Reply.Error error)) {
                return reply;
            }
            String message = error.message();
            asking = message.startsWith("ASK ");
            if (!asking && !message.startsWith("MOVED ")) {
                return reply;
            }
            String address = message.substring(message.lastIndexOf(' ') + 1);
            int colon = address.lastIndexOf(':');
            target = new Node(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }
    }

    private Reply runOn(Node node, byte[][] argv, long timeoutNanos, boolean asking) {
        Lane lane = borrow(node);
        boolean reusable = false;
        try {
            RedisAsyncCommands<byte[], byte[]> async = lane.connection().async();
            if (asking) {
                async.dispatch(CommandName.of("ASKING".getBytes(StandardCharsets.US_ASCII)), new ReplyOutput());
            }
            CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
            for (int i = 1; i < argv.length; i++) {
                args.add(argv[i]);
            }
            CompletableFuture<Reply> reply = async.dispatch(CommandName.of(argv[0]), new ReplyOutput(), args)
                    .toCompletableFuture()
                    .handle(BlockingLanes::replyOrFailure);
            Reply result;
            boolean interrupted = false;
            try {
                result = timeoutNanos == BlockingCommands.FOREVER
                        ? reply.get()
                        : reply.get(saturatedAdd(timeoutNanos, marginNanos), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                result = unblock(lane, reply);
            }
            reusable = true;
            if (interrupted && result instanceof Reply.Nil) {
                throw new KeelInterruptedException();
            }
            return SimpleStringReplies.restore(argv, result);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw failure(new RedisCommandTimeoutException("no reply to " + CommandName.of(argv[0])
                    + " within its timeout and the store's command timeout"));
        } catch (RuntimeException e) {
            throw e instanceof KeelInterruptedException ? e : failure(e);
        } finally {
            if (reusable) {
                release(lane);
            } else {
                discard(lane);
            }
        }
    }

    /** An error reply is a reply like any other; any other failure fails the call. */
    private static Reply replyOrFailure(Reply reply, Throwable failure) {
        if (failure == null) {
            return reply == null ? Reply.NIL : reply;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RedisCommandExecutionException e) {
            return Reply.error(e.getMessage());
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    /** What a failed call throws: the store being closed if it was, else the failure itself. */
    private RuntimeException failure(Throwable cause) {
        if (isClosed()) {
            return new IllegalStateException("the store is closed", cause);
        }
        return cause instanceof RuntimeException e ? e : new RedisException(cause);
    }

    /**
     * After an interrupt: has the server answer the lane's command as if its timeout had run out,
     * and returns the answer (nil, or what won the race). Sets the interrupt flag again on the way
     * out, whatever happens.
     */
    private Reply unblock(Lane lane, CompletableFuture<Reply> reply) throws ExecutionException, TimeoutException {
        long giveUp = System.nanoTime() + marginNanos;
        long pause = FIRST_UNBLOCK_PAUSE;
        try {
            while (true) {
                // The flag is set again at the end; cleared meanwhile so the shared connection's call waits.
                Thread.interrupted();
                boolean unblocked = unblocker.unblock(lane.node(), lane.clientId());
                long left = giveUp - System.nanoTime();
                Reply answer = awaitUninterruptibly(reply, unblocked ? left : Math.min(pause, left));
                if (answer != null) {
                    return answer;
                }
                if (giveUp - System.nanoTime() <= 0) {
                    throw new TimeoutException();
                }
                pause = Math.min(pause * 2, LAST_UNBLOCK_PAUSE);
            }
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits up to {@code nanos} for {@code future}, riding out interrupts, and returns its value,
     * or null if it has not completed. An interrupt meanwhile sets the flag again on return.
     */
    private static <T> T awaitUninterruptibly(CompletableFuture<T> future, long nanos) throws ExecutionException {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    // ------------------------------------------------------------------ the pool

    /** Takes an idle lane to {@code node}, or connects a new one. */
    private Lane borrow(Node node) {
        List<Lane> dead = new ArrayList<>();
        try {
            synchronized (this) {
                checkOpen();
                Deque<Lane> lanes = idle.get(node);
                while (lanes != null && !lanes.isEmpty()) {
                    Lane lane = lanes.pollFirst();
                    if (lane.connection().isOpen()) {
                        busy.add(lane);
                        return lane;
                    }
                    dead.add(lane);
                }
            }
        } finally {
            dead.forEach(lane -> lane.connection().close());
        }
        Lane lane = connect(node);
        synchronized (this) {
            if (!closed) {
                busy.add(lane);
                return lane;
            }
        }
        lane.connection().close();
        throw new IllegalStateException("the store is closed");
    }

    /**
     * Connects a lane to {@code node}. An interrupt does not stop it: it is left set for the
     * command's own wait to act on, as a blocking command answers data already there even to an
     * interrupted caller.
     */
    private Lane connect(Node node) {
        // The URI's own node as the URI says (a socket path or a sentinel stays so); any other by its address.
        RedisURI uri = Objects.equals(node.host(), base.getHost()) && node.port() == base.getPort()
                ? base
                : RedisURI.builder(base).withHost(node.host()).withPort(node.port()).build();
        long timeout = base.getTimeout().toNanos();
        StatefulRedisConnection<byte[], byte[]> connection = null;
        try {
            connection = awaitUninterruptibly(client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture(), timeout);
            if (connection == null) {
                throw new RedisCommandTimeoutException("connecting to " + node.host() + ":" + node.port() + " timed out");
            }
            Long id = awaitUninterruptibly(connection.async().clientId().toCompletableFuture(), timeout);
            if (id == null) {
                throw new RedisCommandTimeoutException("CLIENT ID timed out");
            }
            return new Lane(node, connection, id);
        } catch (ExecutionException e) {
            if (connection != null) {
                connection.close();
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new RedisException(e.getCause());
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
    }

    /** Puts a lane back for reuse, or closes it if enough are idle or the lanes are closed. */
    private void release(Lane lane) {
        synchronized (this) {
            if (!busy.remove(lane)) {
                return; // closed with the lanes
            }
            if (!closed) {
                Deque<Lane> lanes = idle.computeIfAbsent(lane.node(), node -> new ArrayDeque<>());
                if (lanes.size() < IDLE_PER_NODE) {
                    lanes.addFirst(lane);
                    return;
                }
            }
        }
        lane.connection().close();
    }

    /** Closes a lane whose call failed, unless closing the lanes closed it already. */
    private void discard(Lane lane) {
        synchronized (this) {
            if (!busy.remove(lane)) {
                return;
            }
        }
        lane.connection().close();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /** Closes every lane; the commands waiting on busy ones fail with "the store is closed". Idempotent. */
    @Override
    public void close() {
        List<Lane> lanes = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idle.values().forEach(lanes::addAll);
            idle.clear();
            lanes.addAll(busy);
            busy.clear();
        }
        for (Lane lane : lanes) {
            lane.connection().close();
        }
        client.shutdown();
    }
}
