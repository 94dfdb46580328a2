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
 */
public record StoreConfig(long memoryLimit, InstantSource clock, boolean activeExpiry, int stripes) {

    public StoreConfig {
        Objects.requireNonNull(clock, "clock");
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0, was " + memoryLimit);
        }
        if (stripes < 1 || stripes > 1024 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two from 1 to 1024, was " + stripes);
        }
    }

    /** The defaults: no memory limit, the system clock, active expiry on, 64 stripes. */
    public static StoreConfig defaults() {
        return new StoreConfig(0, InstantSource.system(), true, 64);
    }
}
