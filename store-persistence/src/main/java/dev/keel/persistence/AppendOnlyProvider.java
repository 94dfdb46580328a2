package dev.keel.persistence;

import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.spi.StoreProvider;

/** Opens {@link AppendOnlyStore}s for {@link dev.keel.Keel}; found with {@link java.util.ServiceLoader}. */
public final class AppendOnlyProvider implements StoreProvider {

    /** Creates the provider. */
    public AppendOnlyProvider() {
    }

    @Override
    public String kind() {
        return APPEND_ONLY;
    }

    @Override
    public Store open(StoreConfig config) {
        return AppendOnlyStore.open(config);
    }
}
