package dev.keel.persistence;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.MemoryStats;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.StoreInfo;
import dev.keel.engine.OffHeapStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An in-memory store whose writes are kept in an append-only log, as opened by
 * {@code Keel.builder().appendOnly(directory, fsync).open()}: the engine's store, replayed from
 * the log when opened, sending every write to it afterwards.
 *
 * {@snippet :
 * try (Store store = Keel.builder().appendOnly(Path.of("data"), FsyncPolicy.EVERYSEC).open()) {
 *     store.commands().rpush("jobs", "a", "b");   // logged, replayed when the store opens again
 *     store.execute("BGREWRITEAOF");              // compacts the log in the background
 * }
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class AppendOnlyStore implements Store {
    private final OffHeapStore engine;
    private final AppendOnlyLog log;

    private AppendOnlyStore(OffHeapStore engine, AppendOnlyLog log) {
        this.engine = engine;
        this.log = log;
    }

    /**
     * Opens the store of {@code config}, whose {@code appendOnly()} must be set: replays the log,
     * then starts taking commands.
     *
     * @throws java.io.UncheckedIOException if the log cannot be read or written, or is damaged
     */
    public static AppendOnlyStore open(StoreConfig config) {
        return open(config, UnaryOperator.identity());
    }

    /** Opens as {@link #open(StoreConfig)} does, with the log's file channels passed through {@code channels}: a test seam. */
    static AppendOnlyStore open(StoreConfig config, UnaryOperator<FileChannel> channels) {
        if (config.appendOnly() == null) {
            throw new IllegalArgumentException("the configuration has no append-only log");
        }
        OffHeapStore engine = OffHeapStore.unstarted(config);
        AppendOnlyLog log;
        try {
            log = AppendOnlyLog.open(engine, config.appendOnly(), config.clock(), channels);
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
        engine.start(log);
        return new AppendOnlyStore(engine, log);
    }

    /**
     * Rewrites the log now and returns once the new one is in place (BGREWRITEAOF, waited for).
     *
     * @throws IOException if the rewrite failed; the log is then as it was
     */
    public void rewriteLog() throws IOException {
        log.rewrite();
    }

    /** Returns the log. */
    public AppendOnlyLog log() {
        return log;
    }

    /** Returns the engine's store underneath, for its checks ({@link OffHeapStore#verifyIntegrity()}). */
    public OffHeapStore engine() {
        return engine;
    }

    @Override
    public Commands<String, String> commands() {
        return engine.commands();
    }

    @Override
    public <K, V> Commands<K, V> commands(Codec<K, V> codec) {
        return engine.commands(codec);
    }

    @Override
    public <K, V> dev.keel.Subscription<K> subscription(Codec<K, V> codec, dev.keel.MessageListener<K, V> listener) {
        return engine.subscription(codec, listener);
    }

    @Override
    public <K, V, T> T atomically(Codec<K, V> codec, Collection<? extends K> keys, Function<? super Commands<K, V>, ? extends T> block) {
        return engine.atomically(codec, keys, block);
    }

    @Override
    public Reply execute(String... argv) {
        return engine.execute(argv);
    }

    @Override
    public Reply execute(byte[]... argv) {
        return engine.execute(argv);
    }

    @Override
    public MemoryStats memoryStats() {
        return engine.memoryStats();
    }

    @Override
    public StoreInfo info() {
        return engine.info();
    }

    @Override
    public boolean isClosed() {
        return engine.isClosed();
    }

    /** Closes the store, then writes out, forces and closes the log. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }
}
