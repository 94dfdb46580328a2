package dev.keel;

import java.time.InstantSource;
import java.util.Objects;

/**
 * A store's configuration, built by {@link Keel.Builder}.
 *
 * @param memoryLimit the most bytes of off-heap memory the data may use, as Redis's
 *        {@code maxmemory}: past it, commands that may grow memory fail with Redis's {@code OOM}
 *        error; 0 for no limit
 * @param clock the time source for expiry; tests inject their own
 * @param activeExpiry whether a background thread removes expired keys (Redis's active expiry);
 *        expired keys are always invisible and removed on access
 * @param stripes the number of lock stripes of the keyspace, a power of two from 1 to 1024
 * @param redisUri for a store on a real Redis ({@code store-redis}), its URI such as
 *        {@code redis://127.0.0.1:6379}; null for the in-memory engine
 * @param cluster whether {@code redisUri} names a node of a Redis Cluster
 * @param thresholds the encoding conversion thresholds of the engine
 * @param appendOnly the append-only log of an in-memory store, or null for none
 * @param eviction what happens past {@code memoryLimit} (Redis's {@code maxmemory-policy})
 * @param evictionSamples how many keys each eviction samples (Redis's {@code maxmemory-samples}), 1 to 64
 * @param registerMBean whether an in-memory store registers its {@link StoreMXBean} with the
 *        platform MBean server while it is open
 * @param pubsubBufferLimit the most bytes of messages one {@link Subscription} may have waiting
 *        for its listener before it is closed ({@link Subscription.CloseReason#OVERFLOW}), as
 *        Redis's hard {@code client-output-buffer-limit pubsub}; positive
 * @param notifyKeyspaceEvents the keyspace notifications sent to subscribers, in the letters of
 *        Redis's {@code notify-keyspace-events} ({@code K}, {@code E}, {@code g$lshzxetdmn},
 *        {@code A}); the empty string, the default, sends none
 */
public record StoreConfig(long memoryLimit, InstantSource clock, boolean activeExpiry, int stripes,
                          String redisUri, boolean cluster, Thresholds thresholds, AppendOnlyConfig appendOnly,
                          EvictionPolicy eviction, int evictionSamples, boolean registerMBean, long pubsubBufferLimit,
                          String notifyKeyspaceEvents) {

    /** Redis's default {@code maxmemory-samples}. */
    public static final int DEFAULT_EVICTION_SAMPLES = 5;

    /** Redis's default hard {@code client-output-buffer-limit} for pub/sub clients: 32 MiB. */
    public static final long DEFAULT_PUBSUB_BUFFER_LIMIT = 32L << 20;

    /** The letters of Redis's {@code notify-keyspace-events}. */
    private static final String NOTIFY_LETTERS = "Ag$lshzxeKEtmdn";

    public StoreConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(eviction, "eviction");
        if (evictionSamples < 1 || evictionSamples > 64) {
            throw new IllegalArgumentException("evictionSamples must be from 1 to 64, was " + evictionSamples);
        }
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0, was " + memoryLimit);
        }
        if (stripes < 1 || stripes > 1024 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two from 1 to 1024, was " + stripes);
        }
        if (appendOnly != null && redisUri != null) {
            throw new IllegalArgumentException("an append-only log is for an in-memory store, not a Redis client");
        }
        if (cluster && redisUri == null) {
            throw new IllegalArgumentException("a cluster needs the URI of one of its nodes");
        }
        if (pubsubBufferLimit <= 0) {
            throw new IllegalArgumentException("pubsubBufferLimit must be positive, was " + pubsubBufferLimit);
        }
        Objects.requireNonNull(notifyKeyspaceEvents, "notifyKeyspaceEvents");
        for (int i = 0; i < notifyKeyspaceEvents.length(); i++) {
            if (NOTIFY_LETTERS.indexOf(notifyKeyspaceEvents.charAt(i)) < 0) {
                throw new IllegalArgumentException("notifyKeyspaceEvents: invalid event class character '"
                        + notifyKeyspaceEvents.charAt(i) + "'. Use '" + NOTIFY_LETTERS + "'.");
            }
        }
    }

    /** A configuration without keyspace notifications. */
    public StoreConfig(long memoryLimit, InstantSource clock, boolean activeExpiry, int stripes, String redisUri,
                       boolean cluster, Thresholds thresholds, AppendOnlyConfig appendOnly, EvictionPolicy eviction,
                       int evictionSamples, boolean registerMBean, long pubsubBufferLimit) {
        this(memoryLimit, clock, activeExpiry, stripes, redisUri, cluster, thresholds, appendOnly, eviction, evictionSamples,
                registerMBean, pubsubBufferLimit, "");
    }

    /** A configuration with Redis's default pub/sub buffer limit ({@link #DEFAULT_PUBSUB_BUFFER_LIMIT}). */
    public StoreConfig(long memoryLimit, InstantSource clock, boolean activeExpiry, int stripes, String redisUri,
                       boolean cluster, Thresholds thresholds, AppendOnlyConfig appendOnly, EvictionPolicy eviction,
                       int evictionSamples, boolean registerMBean) {
        this(memoryLimit, clock, activeExpiry, stripes, redisUri, cluster, thresholds, appendOnly, eviction, evictionSamples,
                registerMBean, DEFAULT_PUBSUB_BUFFER_LIMIT);
    }

    /** A configuration whose in-memory store registers its {@link StoreMXBean}. */
    public StoreConfig(long memoryLimit, InstantSource clock, boolean activeExpiry, int stripes, String redisUri,
                       boolean cluster, Thresholds thresholds, AppendOnlyConfig appendOnly, EvictionPolicy eviction,
                       int evictionSamples) {
        this(memoryLimit, clock, activeExpiry, stripes, redisUri, cluster, thresholds, appendOnly, eviction, evictionSamples, true);
    }

    /** Returns whether this configuration opens a store on a real Redis. */
    public boolean onRedis() {
        return redisUri != null;
    }

    /**
     * The defaults: an in-memory store without a log, no memory limit, the system clock, active
     * expiry on, 256 stripes, its MXBean registered.
     */
    public static StoreConfig defaults() {
        return new StoreConfig(0, InstantSource.system(), true, 256, null, false, Thresholds.defaults(), null,
                EvictionPolicy.NOEVICTION, DEFAULT_EVICTION_SAMPLES, true, DEFAULT_PUBSUB_BUFFER_LIMIT, "");
    }
}
