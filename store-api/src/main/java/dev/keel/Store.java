package dev.keel;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Keel store: the Redis data model as Java objects, in this JVM.
 *
 * <p>Get one from {@link Keel#inMemory()} or {@link Keel#builder()}. Every command is atomic and
 * linearizable; commands on different keys run in parallel. Closing the store frees all its
 * off-heap memory; any use after {@link #close()} throws {@link IllegalStateException}.
 *
 * {@snippet :
 * try (Store store = Keel.inMemory()) {
 *     Commands<String, String> redis = store.commands();
 *     redis.set("greeting", "hello", SetArgs.ex(60));
 *     String greeting = redis.get("greeting");   // "hello"
 * }
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public interface Store extends AutoCloseable {

    /** Returns the command layer over UTF-8 string keys and values. */
    Commands<String, String> commands();

    /** Returns the command layer over keys and values encoded by {@code codec}. */
    <K, V> Commands<K, V> commands(Codec<K, V> codec);

    /**
     * Returns the list at {@code key} as a {@link java.util.concurrent.BlockingDeque}, with UTF-8
     * elements; each of its methods is one list command.
     */
    default KeelList<String> list(String key) {
        return KeelList.of(commands(), key);
    }

    /** Returns the list at {@code key} as a {@link java.util.concurrent.BlockingDeque}, encoded by {@code codec}. */
    default <K, V> KeelList<V> list(K key, Codec<K, V> codec) {
        return KeelList.of(commands(codec), key);
    }

    /**
     * Returns the hash at {@code key} as a {@link java.util.concurrent.ConcurrentMap}, with UTF-8
     * fields and values; each of its methods is one hash command.
     */
    default KeelHash<String, String> hash(String key) {
        return KeelHash.of(this, Codec.utf8(), key);
    }

    /** Returns the hash at {@code key} as a {@link java.util.concurrent.ConcurrentMap}, encoded by {@code codec}. */
    default <K, V> KeelHash<K, V> hash(K key, Codec<K, V> codec) {
        return KeelHash.of(this, codec, key);
    }

    /**
     * Returns the set at {@code key} as a {@link java.util.Set}, with UTF-8 members; each of its
     * methods is one set command.
     */
    default KeelSet<String> set(String key) {
        return KeelSet.of(commands(), key);
    }

    /** Returns the set at {@code key} as a {@link java.util.Set}, encoded by {@code codec}. */
    default <K, V> KeelSet<V> set(K key, Codec<K, V> codec) {
        return KeelSet.of(commands(codec), key);
    }

    /**
     * Returns the sorted set at {@code key} as a {@link KeelSortedSet}, with UTF-8 members; each
     * of its methods is one sorted-set command.
     */
    default KeelSortedSet<String> sortedSet(String key) {
        return KeelSortedSet.of(commands(), key);
    }

    /** Returns the sorted set at {@code key} as a {@link KeelSortedSet}, encoded by {@code codec}. */
    default <K, V> KeelSortedSet<V> sortedSet(K key, Codec<K, V> codec) {
        return KeelSortedSet.of(commands(codec), key);
    }

    /**
     * Returns the stream at {@code key} as a {@link KeelStream}, with UTF-8 field names, values,
     * group and consumer names; each of its methods is one stream command.
     */
    default KeelStream<String, String> stream(String key) {
        return KeelStream.of(commands(), key);
    }

    /** Returns the stream at {@code key} as a {@link KeelStream}, encoded by {@code codec}. */
    default <K, V> KeelStream<K, V> stream(K key, Codec<K, V> codec) {
        return KeelStream.of(commands(codec), key);
    }

    /**
     * Runs {@code block} as one atomic unit over the whole store, and returns what it returns:
     * Keel's answer to Lua's EVAL and to MULTI/EXEC, in Java.
     *
     * <p>While {@code block} runs, every other command waits, so it should be short. It sees its
     * own writes and nobody else's. If it throws, every key it wrote is put back as it was and
     * nothing of it reaches the append-only log, subscribers or watchers, and the exception
     * propagates; a command of it that fails (a {@link KeelException}) changed nothing, so a
     * block that catches one goes on. On a store with an append-only log its writes are one
     * record: a crash keeps all of them or none. Prefer {@link #atomically(Collection, Function)},
     * which locks only the keys it names, whenever the keys are known up front.
     *
     * {@snippet :
     * long remaining = store.atomically(tx -> {
     *     long stock = Long.parseLong(tx.get("stock"));
     *     if (stock == 0) {
     *         return 0L;
     *     }
     *     tx.rpush("orders", "order-17");
     *     return tx.decr("stock");
     * });
     * }
     *
     * <p>Inside {@code block}: use only the {@link Commands} it is given, on this thread. Blocking
     * commands (BLPOP, XREAD BLOCK, ...), FLUSHALL, FLUSHDB and MULTI/EXEC/WATCH are refused with
     * an {@code ERR} error; so is calling this store's own methods (an
     * {@link IllegalStateException}), which would bypass the transaction. All its commands run at
     * one instant, so no key expires halfway through. A key's first write in the block saves a
     * copy of its value for the rollback, which costs as much as a COPY of it.
     *
     * @throws IllegalStateException if the store is closed, or if called inside {@code block}
     * @throws UnsupportedOperationException on a store backed by a real Redis (run Java code
     *         there with MULTI/EXEC through {@link #execute(String...)}, or a Lua script)
     */
    default <T> T atomically(Function<? super Commands<String, String>, ? extends T> block) {
        return atomically(Codec.utf8(), null, block);
    }

    /**
     * Runs {@code block} as one atomic unit over the keys {@code keys}, and returns what it
     * returns; as {@link #atomically(Function)}, but commands on other keys run meanwhile, and
     * {@code block}'s commands on any key not in {@code keys} are refused with an {@code ERR}
     * error ({@link KeelException}), as are commands over the whole keyspace (KEYS, SCAN, DBSIZE).
     *
     * {@snippet :
     * store.atomically(List.of("account:1", "account:2"), tx -> {
     *     tx.decrby("account:1", 10);
     *     return tx.incrby("account:2", 10);
     * });
     * }
     *
     * @throws IllegalStateException if the store is closed, or if called inside a block
     * @throws UnsupportedOperationException on a store backed by a real Redis
     */
    default <T> T atomically(Collection<String> keys, Function<? super Commands<String, String>, ? extends T> block) {
        return atomically(Codec.utf8(), Objects.requireNonNull(keys, "keys"), block);
    }

    /**
     * Runs {@code block} as one atomic unit over {@code keys} (null: the whole store), with keys
     * and values encoded by {@code codec}; see {@link #atomically(Collection, Function)}.
     *
     * @throws IllegalStateException if the store is closed, or if called inside a block
     * @throws UnsupportedOperationException on a store backed by a real Redis
     */
    <K, V, T> T atomically(Codec<K, V> codec, Collection<? extends K> keys, Function<? super Commands<K, V>, ? extends T> block);

    /**
     * Runs one command line, such as {@code execute("SET", "k", "v", "EX", "10")}, and returns
     * what Redis would answer, errors included (as {@link Reply.Error}, not thrown). Arguments are
     * encoded as UTF-8.
     *
     * <p>MULTI, EXEC, DISCARD, WATCH and UNWATCH work as on a Redis connection, with each calling
     * thread as its own connection: after MULTI, this thread's commands answer {@code QUEUED}
     * until its EXEC runs them as one atomic unit (or answers nil, if a key it watched was
     * changed, or expired, since its WATCH), so code written against Redis transactions works
     * unchanged. Run the whole transaction on one thread.
     *
     * @throws IllegalStateException if the store is closed
     */
    Reply execute(String... argv);

    /**
     * Runs one command line given as raw bytes and returns what Redis would answer.
     *
     * @throws IllegalStateException if the store is closed
     */
    Reply execute(byte[]... argv);

    // ------------------------------------------------------------------ pub/sub

    /**
     * Subscribes {@code listener} to {@code channels} by name (Redis's {@code SUBSCRIBE}), with
     * UTF-8 channels and messages. The subscription is registered when this returns: every later
     * {@code PUBLISH} to one of the channels reaches the listener, in publish order, on the
     * subscription's own thread (see {@link Subscription} for its buffer and overflow policy).
     *
     * {@snippet :
     * Subscription<String> news = store.subscribe((channel, message) -> log.info(message), "news");
     * store.commands().publish("news", "hello");   // 1: one subscriber received it
     * news.close();
     * }
     *
     * <p>This is Keel's way into subscribed mode: {@code execute("SUBSCRIBE", ...)} cannot make a
     * command call a subscriber, so it answers an error pointing here (and so do UNSUBSCRIBE,
     * PSUBSCRIBE and PUNSUBSCRIBE).
     *
     * @throws IllegalStateException if the store is closed
     */
    default Subscription<String> subscribe(MessageListener<String, String> listener, String... channels) {
        return subscribe(Codec.utf8(), listener, channels);
    }

    /**
     * Subscribes {@code listener} to the channels matching the glob-style {@code patterns}
     * (Redis's {@code PSUBSCRIBE}), with UTF-8 channels and messages; messages come to
     * {@link MessageListener#pmessage} with the pattern that matched.
     *
     * @throws IllegalStateException if the store is closed
     */
    default Subscription<String> psubscribe(MessageListener<String, String> listener, String... patterns) {
        return psubscribe(Codec.utf8(), listener, patterns);
    }

    /**
     * Subscribes {@code listener} to {@code channels}, with channels and messages encoded by
     * {@code codec}; see {@link #subscribe(MessageListener, String...)}.
     *
     * @throws IllegalStateException if the store is closed
     */
    @SuppressWarnings("unchecked")
    default <K, V> Subscription<K> subscribe(Codec<K, V> codec, MessageListener<K, V> listener, K... channels) {
        Subscription<K> subscription = subscription(codec, listener);
        subscription.subscribe(channels);
        return subscription;
    }

    /**
     * Subscribes {@code listener} to the channels matching {@code patterns}, encoded by
     * {@code codec}; see {@link #psubscribe(MessageListener, String...)}.
     *
     * @throws IllegalStateException if the store is closed
     */
    @SuppressWarnings("unchecked")
    default <K, V> Subscription<K> psubscribe(Codec<K, V> codec, MessageListener<K, V> listener, K... patterns) {
        Subscription<K> subscription = subscription(codec, listener);
        subscription.psubscribe(patterns);
        return subscription;
    }

    /**
     * Opens a subscription with no channels or patterns yet, for {@code listener}; add them with
     * {@link Subscription#subscribe} and {@link Subscription#psubscribe}. On the engine it lives in
     * this JVM; on a real Redis it is a connection of its own in subscribed mode.
     *
     * @throws IllegalStateException if the store is closed
     */
    <K, V> Subscription<K> subscription(Codec<K, V> codec, MessageListener<K, V> listener);

    /**
     * Returns the off-heap memory in use, counted exactly.
     *
     * @throws IllegalStateException if the store is closed
     */
    MemoryStats memoryStats();

    /**
     * Returns the store's statistics: keys, memory, hits and misses, expired and evicted keys,
     * commands processed (the numbers of Redis's {@code INFO}, which {@code execute("INFO")}
     * answers as text). On the engine this counts keys one lock stripe at a time, so it never
     * holds up commands for long; on a real Redis it is one INFO command.
     *
     * @throws IllegalStateException if the store is closed
     */
    StoreInfo info();

    /** Returns whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Closes the store and frees its off-heap memory. Idempotent. Commands running on other
     * threads at that moment complete or throw {@link IllegalStateException}.
     */
    @Override
    void close();
}
