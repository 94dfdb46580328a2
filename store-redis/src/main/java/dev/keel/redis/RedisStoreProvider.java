package dev.keel.redis;

import dev.keel.Store;
import dev.keel.StoreConfig;
import dev.keel.spi.StoreProvider;

/** Opens {@link RedisStore}s for {@link dev.keel.Keel#redis(String)}; found with {@link java.util.ServiceLoader}. */
public final class RedisStoreProvider implements StoreProvider {

    /** Creates the provider. */
    public RedisStoreProvider() {
    }

    @Override
    public String kind() {
        return REDIS;
    }

    @Override
    public Store open(StoreConfig config) {
        return new RedisStore(config);
    }
}
