package dev.keel.spi;

import dev.keel.Store;
import dev.keel.StoreConfig;

/**
 * The service that opens stores of one kind; found with {@link java.util.ServiceLoader}.
 *
 * <p><b>Thread safety:</b> implementations must be safe for concurrent use.
 */
public interface StoreProvider {

    /** The kind of the off-heap engine in {@code store-engine}. */
    String IN_MEMORY = "in-memory";

    /** The kind of the in-memory engine with an append-only log, in {@code store-persistence}. */
    String APPEND_ONLY = "append-only";

    /** The kind of the Redis client in {@code store-redis}. */
    String REDIS = "redis";

    /** Returns the kind of store this provider opens. */
    String kind();

    /** Opens a store with {@code config}. */
    Store open(StoreConfig config);
}
