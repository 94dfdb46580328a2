package dev.keel;

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
     * Runs one command line, such as {@code execute("SET", "k", "v", "EX", "10")}, and returns
     * what Redis would answer, errors included (as {@link Reply.Error}, not thrown). Arguments are
     * encoded as UTF-8.
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
