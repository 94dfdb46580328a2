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
        private int stripes = 64;

        private Builder() {
        }

        /** Limits the off-heap bytes the data may use (Redis's {@code maxmemory}); 0 for none. */
        public Builder memoryLimit(long bytes) {
            this.memoryLimit = bytes;
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

        /** Sets the number of lock stripes, a power of two from 1 to 1024 (64 by default). */
        public Builder stripes(int count) {
            this.stripes = count;
            return this;
        }

        /** Returns the configuration built so far. */
        public StoreConfig config() {
            return new StoreConfig(memoryLimit, clock, activeExpiry, stripes);
        }

        /**
         * Opens the store.
         *
         * @throws IllegalArgumentException if the configuration is invalid
         * @throws IllegalStateException if no engine ({@code store-engine}) is on the class path
         */
        public Store open() {
            StoreConfig config = config();
            for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Keel.class.getClassLoader())) {
                if (StoreProvider.IN_MEMORY.equals(provider.kind())) {
                    return provider.open(config);
                }
            }
            throw new IllegalStateException("no Keel engine found: add dev.keel:store-engine to the class path");
        }
    }
}
