package dev.keel.engine;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.MemoryStats;
import dev.keel.MessageListener;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.StoreInfo;
import dev.keel.Subscription;
import dev.keel.engine.command.CommandDispatcher;
import dev.keel.engine.command.CommandLog;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ConfigCommand;
import dev.keel.engine.command.KeyCommands;
import dev.keel.engine.hash.FieldValues;
import dev.keel.engine.hash.HashCommands;
import dev.keel.engine.keyspace.Eviction;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.list.ListCommands;
import dev.keel.engine.list.ListValues;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.engine.notify.KeyspaceEvents;
import dev.keel.engine.pubsub.PubSub;
import dev.keel.engine.pubsub.PubSubCommands;
import dev.keel.engine.set.SetCommands;
import dev.keel.engine.stream.StreamCommands;
import dev.keel.engine.stream.StreamValues;
import dev.keel.engine.string.StringCommands;
import dev.keel.engine.zset.ZSetCommands;
import dev.keel.engine.zset.ZSetValues;
import dev.keel.spi.ArgvCommands;
import dev.keel.spi.CommandLines;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.management.ObjectName;

/**
 * The in-memory store: an off-heap keyspace, the command table, and the housekeeping thread.
 *
 * <pre>
 * Design
 *   Every call, typed or not, becomes one command line run by the CommandDispatcher, which takes
 *   the stripe locks of the command's keys. Data lives in OffHeapMemory; the Java objects here
 *   are a fixed set, whatever the number of keys.
 *
 * Closing
 *   close() refuses new commands, stops the housekeeping thread, waits for running commands by
 *   taking every stripe lock, wakes blocked commands, then frees all memory. A command that was
 *   waiting for a lock or blocked on a key sees the store closed and throws IllegalStateException.
 *
 * Monitoring
 *   info() (and the INFO command) reads the dispatcher's and the keyspace's counters. A started
 *   store registers its StoreMXBean (StoreBean) unless configured not to; close() unregisters it
 *   first. An unstarted store (replayed into by the log's tools) registers none.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class OffHeapStore implements Store {
    private final OffHeapMemory memory;
    private final Keyspace keyspace;
    private final Eviction eviction;
    private final CommandDispatcher dispatcher;
    private final Housekeeping housekeeping;
    /** The pub/sub registry: PUBLISH, PUBSUB and subscriptions; closed with the store. */
    private final PubSub pubSub = new PubSub();
    private final long pubsubBufferLimit;
    /** Keyspace notifications, published through {@link #pubSub}; off unless configured. */
    private final KeyspaceEvents keyspaceEvents;
    private final Commands<String, String> utf8Commands;
    private final Object closeLock = new Object();
    private volatile CommandLog log;
    private volatile boolean closed;
    private final boolean registerMBean;
    /** The name of the registered StoreMXBean, or null. */
    private volatile ObjectName mbean;

    /** Opens a store with {@code config}. */
    public OffHeapStore(StoreConfig config) {
        this(config, true);
    }

    /**
     * Opens a store with {@code config} whose background work has not started, so that the
     * append-only log can be replayed into it first ({@link #replay}); then call {@link #start}.
     */
    public static OffHeapStore unstarted(StoreConfig config) {
        return new OffHeapStore(config, false);
    }

    private OffHeapStore(StoreConfig config, boolean start) {
        this.memory = new OffHeapMemory();
        this.keyspace = new Keyspace(memory, config.stripes(), SipHash.random(), config.eviction().tracksFrequency());
        this.eviction = new Eviction(keyspace, config.eviction(), config.evictionSamples());
        CommandTable table = commandTable(pubSub);
        this.keyspaceEvents = new KeyspaceEvents(pubSub, this::listenForKeyspaceEvents);
        keyspaceEvents.instrument(table);
        ConfigCommand.register(table, Map.of("notify-keyspace-events", keyspaceEvents));
        this.pubsubBufferLimit = config.pubsubBufferLimit();
        this.keyspace.register(ValueType.LIST, ListValues.STRUCTURE);
        this.keyspace.register(ValueType.HASH, FieldValues.HASH.structure());
        this.keyspace.register(ValueType.SET, FieldValues.SET.structure());
        this.keyspace.register(ValueType.ZSET, ZSetValues.structure(keyspace));
        this.dispatcher = new CommandDispatcher(table, keyspace, config.clock(), config.memoryLimit(), config.thresholds());
        this.dispatcher.useEviction(eviction);
        this.keyspace.register(ValueType.STREAM, StreamValues.structure(keyspace, dispatcher::recheckIndependentWaiters));
        this.utf8Commands = new ArgvCommands<>(dispatcher, Codec.utf8());
        this.housekeeping = new Housekeeping(keyspace, config.clock(), config.activeExpiry());
        keyspaceEvents.set(config.notifyKeyspaceEvents());
        this.registerMBean = config.registerMBean();
        if (start) {
            startBackground();
        }
    }

    /** Tells {@code events} of every write command and of keys and fields removed by time or eviction: once they are first turned on. */
    private void listenForKeyspaceEvents(KeyspaceEvents events) {
        dispatcher.observeWrites(events);
        keyspace.onChanges(events);
    }

    /** Starts the housekeeping thread and registers the MXBean. */
    private void startBackground() {
        housekeeping.start();
        if (registerMBean) {
            try {
                mbean = StoreBean.register(this);
            } catch (LinkageError e) {
                // A runtime image without the java.management module: the store runs without its bean.
            }
        }
    }

    /** Returns the object name of this store's {@link dev.keel.StoreMXBean}, or null if none is registered. */
    public ObjectName mbeanName() {
        return mbean;
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Runs a command line read back from the append-only log as it ran at {@code now} (epoch
     * milliseconds): without blocking, past the memory limit, not logged. Only before {@link #start}.
     */
    public Reply replay(byte[][] argv, long now) {
        return dispatcher.replay(argv, now);
    }

    /**
     * Starts the background work (expiry, rehashing) and, if {@code log} is not null, sends every
     * later write command's effect to it; the store closes the log when it closes.
     */
    public void start(CommandLog log) {
        checkOpen();
        if (log != null) {
            dispatcher.attachLog(log);
            // A hash the sweep empties goes in a way time alone does not show: log it, as Redis does.
            keyspace.onEmptiedByFieldExpiry(dispatcher::logRemoval);
            this.log = log;
        }
        startBackground();
    }

    /** Returns the number of keys evicted so far to stay under the memory limit. */
    public long evictedKeys() {
        return eviction.evictedKeys();
    }

    /** Returns the number of lock stripes. */
    public int stripeCount() {
        return keyspace.stripeCount();
    }

    /** Runs {@code action} with every stripe locked: no command runs meanwhile. */
    public void exclusive(Runnable action) {
        keyspace.lockAll();
        try {
            checkOpen();
            action.run();
        } finally {
            keyspace.unlockAll();
        }
    }

    /** Runs {@code action} with stripe {@code stripe} locked: no command on its keys runs meanwhile. */
    public void locked(int stripe, Runnable action) {
        keyspace.lock(stripe);
        try {
            checkOpen();
            action.run();
        } finally {
            keyspace.unlock(stripe);
        }
    }

    /**
     * Writes to {@code sink} the command lines that rebuild every key of stripe {@code stripe} as
     * it is, each key's lines together, skipping keys and fields expired at {@code now}. Takes the
     * stripe's lock (re-entrant: callers may hold it).
     */
    public void rewriteStripe(int stripe, long now, CommandSink sink) {
        keyspace.lock(stripe);
        try {
            checkOpen();
            keyspace.forEach(stripe, entry -> KeyRewriter.write(keyspace, entry, now, sink));
        } finally {
            keyspace.unlock(stripe);
        }
    }

    /** Returns a table of every command the engine implements, its pub/sub commands over a registry of their own. */
    public static CommandTable commandTable() {
        return commandTable(new PubSub());
    }

    /** Returns a table of every command the engine implements, PUBLISH and PUBSUB over {@code pubSub}. */
    public static CommandTable commandTable(PubSub pubSub) {
        CommandTable table = new CommandTable();
        PubSubCommands.register(table, pubSub);
        KeyCommands.register(table);
        StringCommands.register(table);
        ListCommands.register(table);
        HashCommands.register(table);
        SetCommands.register(table);
        ZSetCommands.register(table);
        StreamCommands.register(table);
        return table;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
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
        return new ArgvCommands<>(dispatcher, codec);
    }

    /**
     * Returns the pub/sub registry, through which the engine publishes (keyspace notifications):
     * {@link PubSub#publish} and {@link PubSub#hasSubscribers}.
     */
    public PubSub pubSub() {
        return pubSub;
    }

    @Override
    public <K, V> Subscription<K> subscription(Codec<K, V> codec, MessageListener<K, V> listener) {
        checkOpen();
        return pubSub.subscription(codec, listener, pubsubBufferLimit);
    }

    @Override
    public <K, V, T> T atomically(Codec<K, V> codec, Collection<? extends K> keys, Function<? super Commands<K, V>, ? extends T> block) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(block, "block");
        byte[][] encoded = null;
        if (keys != null) {
            encoded = new byte[keys.size()][];
            int i = 0;
            for (K key : keys) {
                encoded[i++] = codec.encodeKey(Objects.requireNonNull(key, "a key of atomically"));
            }
        }
        return dispatcher.atomically(encoded, executor -> block.apply(new ArgvCommands<>(executor, codec)));
    }

    @Override
    public Reply execute(String... argv) {
        return dispatcher.execute(CommandLines.utf8(argv));
    }

    @Override
    public Reply execute(byte[]... argv) {
        return dispatcher.execute(argv.clone());
    }

    @Override
    public MemoryStats memoryStats() {
        checkOpen();
        return new MemoryStats(memory.usedBytes(), memory.reservedBytes(), memory.allocations());
    }

    /**
     * Checks the keyspace's invariants (every entry in its bucket, counts consistent); returns
     * the first problem found, or null. For tests.
     */
    public String verifyIntegrity() {
        checkOpen();
        return keyspace.verify();
    }

    @Override
    public StoreInfo info() {
        checkOpen();
        return dispatcher.info();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            pubSub.close();
            if (mbean != null) {
                StoreBean.unregister(mbean);
                mbean = null;
            }
            housekeeping.stop();
            keyspace.lockAll();
            try {
                dispatcher.close();
                memory.close();
            } finally {
                keyspace.unlockAll();
            }
            if (log != null) {
                log.close();
            }
        }
    }
}
