package dev.keel;

import dev.keel.spi.StoreProvider;
import java.time.InstantSource;
import java.util.ServiceLoader;

/**
 * Where stores come from.
 *
 * {@snippet :
 * Store store = Keel.inMemory();                                   // defaults
 * Store limited = Keel.builder().memoryLimit(64 << 20).open();    // 64 MiB of data at most
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use; a {@link Builder} is not thread safe.
 */
public final class Keel {

    private Keel() {
    }

    /**
     * Opens an in-memory store with the default configuration.
     *
     * @throws IllegalStateException if no engine ({@code store-engine}) is on the class path
     */
    public static Store inMemory() {
        return builder().open();
    }

    /**
     * Connects to a real Redis server, with the same API: the path for a user who outgrows one
     * JVM. Needs {@code dev.keel:store-redis} on the class path.
     *
     * @param uri a Redis URI such as {@code redis://127.0.0.1:6379} or {@code redis://:password@host:6379/0}
     */
    public static Store redis(String uri) {
        return builder().redis(uri).open();
    }

    /**
     * Connects to a Redis Cluster through one of its nodes. Multi-key commands need their keys in
     * one hash slot (use hash tags such as {@code {user:42}:a}); otherwise Redis's
     * {@code CROSSSLOT} error is thrown.
     */
    public static Store redisCluster(String uri) {
        return builder().redisCluster(uri).open();
    }

    /** Returns a builder for an in-memory store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures and opens a store.
     *
     * <p><b>Thread safety:</b> not thread safe.
     */
    public static final class Builder {
        private long memoryLimit;
        private InstantSource clock = InstantSource.system();
        private boolean activeExpiry = true;
        private int stripes = 256;
        private String redisUri;
        private boolean cluster;
        private Thresholds thresholds = Thresholds.defaults();
        private AppendOnlyConfig appendOnly;
        private EvictionPolicy eviction = EvictionPolicy.NOEVICTION;
        private int evictionSamples = StoreConfig.DEFAULT_EVICTION_SAMPLES;
        private boolean registerMBean = true;
        private long pubsubBufferLimit = StoreConfig.DEFAULT_PUBSUB_BUFFER_LIMIT;
        private String notifyKeyspaceEvents = "";

        private Builder() {
        }

        /**
         * Limits the off-heap bytes the data may use (Redis's {@code maxmemory}); 0 for none. Past
         * it, commands that may add data fail with Redis's {@code OOM} error unless an eviction
         * policy is set ({@link #maxmemory}).
         */
        public Builder memoryLimit(long bytes) {
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * Limits the off-heap bytes the data may use and says what happens past the limit
         * (Redis's {@code maxmemory} and {@code maxmemory-policy}): for a cache,
         * {@code maxmemory(256 << 20, EvictionPolicy.ALLKEYS_LRU)}.
         */
        public Builder maxmemory(long bytes, EvictionPolicy policy) {
            this.memoryLimit = bytes;
            this.eviction = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets how many keys each eviction samples (Redis's {@code maxmemory-samples}, 5 by default, 1 to 64). */
        public Builder evictionSamples(int samples) {
            this.evictionSamples = samples;
            return this;
        }

        /** Sets the clock that expiry reads; tests inject their own. */
        public Builder clock(InstantSource newClock) {
            this.clock = newClock;
            return this;
        }

        /** Turns the background removal of expired keys on or off (on by default). */
        public Builder activeExpiry(boolean enabled) {
            this.activeExpiry = enabled;
            return this;
        }

        /** Sets the number of lock stripes, a power of two from 1 to 1024 (256 by default). */
        public Builder stripes(int count) {
            this.stripes = count;
            return this;
        }

        /** Sets the encoding conversion thresholds ({@link Thresholds#defaults()} by default). */
        public Builder thresholds(Thresholds newThresholds) {
            this.thresholds = java.util.Objects.requireNonNull(newThresholds, "thresholds");
            return this;
        }

        /**
         * Keeps an append-only log of every write in {@code directory}, as Redis's AOF, and
         * replays it when the store opens: the data outlives the JVM. What a crash can lose is
         * {@code fsync}'s to say (see {@link FsyncPolicy}). The log rewrites itself in the
         * background at Redis's default growth (see {@link #autoRewrite}); BGREWRITEAOF asks for
         * a rewrite at once. Needs {@code dev.keel:store-persistence} on the class path.
         */
        public Builder appendOnly(java.nio.file.Path directory, FsyncPolicy fsync) {
            int percentage = appendOnly == null ? AppendOnlyConfig.DEFAULT_REWRITE_PERCENTAGE : appendOnly.rewritePercentage();
            long minSize = appendOnly == null ? AppendOnlyConfig.DEFAULT_REWRITE_MIN_SIZE : appendOnly.rewriteMinSize();
            this.appendOnly = new AppendOnlyConfig(directory, fsync, percentage, minSize);
            return this;
        }

        /**
         * Rewrites the append-only log in the background once it has grown by {@code percentage}
         * percent since the last rewrite and is at least {@code minSizeBytes} long (Redis's
         * {@code auto-aof-rewrite-percentage} and {@code auto-aof-rewrite-min-size}); a percentage
         * of 0 turns automatic rewrites off. Call after {@link #appendOnly}.
         */
        public Builder autoRewrite(int percentage, long minSizeBytes) {
            if (appendOnly == null) {
                throw new IllegalStateException("autoRewrite needs appendOnly(directory, fsync) first");
            }
            this.appendOnly = new AppendOnlyConfig(appendOnly.directory(), appendOnly.fsync(), percentage, minSizeBytes);
            return this;
        }

        /**
         * Turns on or off the registration of the store's {@link StoreMXBean} with the platform
         * MBean server while it is open (on by default; a store on a real Redis registers none).
         * The first registration in a JVM starts the platform MBean server, which takes some
         * 100 ms: turn it off where startup time matters more than monitoring.
         */
        public Builder registerMBean(boolean register) {
            this.registerMBean = register;
            return this;
        }

        /**
         * Sets how many bytes of messages one {@link Subscription} may have waiting for its
         * listener (each message counted as its channel, pattern and payload bytes plus
         * {@value Subscription#MESSAGE_OVERHEAD}); a publish past it closes the subscription
         * with {@link Subscription.CloseReason#OVERFLOW}, as Redis disconnects a subscriber past
         * its hard {@code client-output-buffer-limit pubsub}. 32 MiB by default, as Redis's;
         * must be positive, so the heap held for a slow listener is always bounded.
         */
        public Builder pubsubBufferLimit(long bytes) {
            this.pubsubBufferLimit = bytes;
            return this;
        }

        /**
         * Turns on Redis's keyspace notifications for the classes of events in {@code flags}, in
         * the letters of its {@code notify-keyspace-events} setting: {@code K} (published on
         * {@code __keyspace@0__:<key>}, the event's name as the message) and/or {@code E} (on
         * {@code __keyevent@0__:<event>}, the key as the message), with the classes {@code g}
         * (generic: del, expire, rename, ...), {@code $} strings, {@code l} lists, {@code s} sets,
         * {@code h} hashes, {@code z} sorted sets, {@code t} streams, {@code x} expired keys,
         * {@code e} evicted keys, {@code n} new keys, or {@code A} for {@code g$lshzxetd}; so
         * {@code "KEA"} sends everything but {@code n}. Subscribe with {@link Store#psubscribe}
         * ({@code "__keyspace@0__:*"}). The empty string, the default, sends none; the setting can
         * change while the store runs, with {@code CONFIG SET notify-keyspace-events}. On a Redis
         * server, the store sets it there when it opens.
         *
         * @throws IllegalArgumentException (from {@link #open}) if a letter is none of Redis's
         */
        public Builder notifyKeyspaceEvents(String flags) {
            this.notifyKeyspaceEvents = java.util.Objects.requireNonNull(flags, "flags");
            return this;
        }

        /** Makes the store a client of the Redis server at {@code uri} instead of an in-memory engine. */
        public Builder redis(String uri) {
            this.redisUri = java.util.Objects.requireNonNull(uri, "uri");
            this.cluster = false;
            return this;
        }

        /** Makes the store a client of the Redis Cluster that {@code uri} is a node of. */
        public Builder redisCluster(String uri) {
            this.redisUri = java.util.Objects.requireNonNull(uri, "uri");
            this.cluster = true;
            return this;
        }

        /** Returns the configuration built so far. */
        public StoreConfig config() {
            return new StoreConfig(memoryLimit, clock, activeExpiry, stripes, redisUri, cluster, thresholds, appendOnly,
                    eviction, evictionSamples, registerMBean, pubsubBufferLimit, notifyKeyspaceEvents);
        }

        /**
         * Opens the store.
         *
         * @throws IllegalArgumentException if the configuration is invalid
         * @throws IllegalStateException if the module it needs ({@code store-engine},
         *         {@code store-persistence} for an append-only log, or {@code store-redis} for
         *         Redis) is not on the class path
         * @throws java.io.UncheckedIOException if the append-only log cannot be read or written,
         *         or holds a damaged record (the message names the file, the offset and the damage)
         */
        public Store open() {
            StoreConfig config = config();
            String kind = config.onRedis() ? StoreProvider.REDIS
                    : config.appendOnly() != null ? StoreProvider.APPEND_ONLY : StoreProvider.IN_MEMORY;
            for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Keel.class.getClassLoader())) {
                if (kind.equals(provider.kind())) {
                    return provider.open(config);
                }
            }
            throw new IllegalStateException(switch (kind) {
                case StoreProvider.REDIS -> "no Redis client found: add dev.keel:store-redis to the class path";
                case StoreProvider.APPEND_ONLY -> "no append-only log found: add dev.keel:store-persistence to the class path";
                default -> "no Keel engine found: add dev.keel:store-engine to the class path";
            });
        }
    }
}
