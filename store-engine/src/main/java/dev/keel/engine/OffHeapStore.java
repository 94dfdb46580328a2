package dev.keel.engine;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.MemoryStats;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.engine.command.CommandDispatcher;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.KeyCommands;
import dev.keel.engine.hash.FieldValues;
import dev.keel.engine.hash.HashCommands;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.list.ListCommands;
import dev.keel.engine.list.ListValues;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.engine.set.SetCommands;
import dev.keel.engine.stream.StreamCommands;
import dev.keel.engine.stream.StreamValues;
import dev.keel.engine.string.StringCommands;
import dev.keel.engine.zset.ZSetCommands;
import dev.keel.engine.zset.ZSetValues;
import dev.keel.spi.ArgvCommands;
import dev.keel.spi.CommandLines;

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
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class OffHeapStore implements Store {
    private final OffHeapMemory memory;
    private final Keyspace keyspace;
    private final CommandDispatcher dispatcher;
    private final Housekeeping housekeeping;
    private final Commands<String, String> utf8Commands;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    /** Opens a store with {@code config}. */
    public OffHeapStore(StoreConfig config) {
        this.memory = new OffHeapMemory();
        this.keyspace = new Keyspace(memory, config.stripes(), SipHash.random());
        CommandTable table = commandTable();
        this.keyspace.register(ValueType.LIST, ListValues.STRUCTURE);
        this.keyspace.register(ValueType.HASH, FieldValues.HASH.structure());
        this.keyspace.register(ValueType.SET, FieldValues.SET.structure());
        this.keyspace.register(ValueType.ZSET, ZSetValues.structure(keyspace));
        this.dispatcher = new CommandDispatcher(table, keyspace, config.clock(), config.memoryLimit(), config.thresholds());
        this.keyspace.register(ValueType.STREAM, StreamValues.structure(keyspace, dispatcher::recheckIndependentWaiters));
        this.utf8Commands = new ArgvCommands<>(dispatcher, Codec.utf8());
        this.housekeeping = new Housekeeping(keyspace, config.clock(), config.activeExpiry());
        housekeeping.start();
    }

    /** Returns a table of every command the engine implements. */
    public static CommandTable commandTable() {
        CommandTable table = new CommandTable();
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
            housekeeping.stop();
            keyspace.lockAll();
            try {
                dispatcher.close();
                memory.close();
            } finally {
                keyspace.unlockAll();
            }
        }
    }
}
