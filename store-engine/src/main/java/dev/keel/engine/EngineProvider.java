package dev.keel.engine;

import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.spi.StoreProvider;

/** Opens {@link OffHeapStore}s for {@link dev.keel.Keel}; found with {@link java.util.ServiceLoader}. */
public final class EngineProvider implements StoreProvider {

    /** Creates the provider. */
    public EngineProvider() {
    }

    @Override
    public String kind() {
        return IN_MEMORY;
    }

    @Override
    public Store open(StoreConfig config) {
        return new OffHeapStore(config);
    }
}
