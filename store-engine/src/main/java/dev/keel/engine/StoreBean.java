package dev.keel.engine;

import dev.keel.Store;
import dev.keel.StoreMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A store's {@link StoreMXBean}: each attribute is read from {@link Store#info()} when asked for.
 * {@link #register} names it {@code dev.keel:type=Store,name=keel-<n>}, {@code n} counting the
 * stores of this JVM, so no two stores share a name.
 *
 * <p>Monitoring must never stop a store: a registration or unregistration that fails is logged
 * (WARNING) and the store goes on without its bean.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class StoreBean implements StoreMXBean {
    private static final System.Logger LOG = System.getLogger(StoreBean.class.getName());
    private static final AtomicLong STORES = new AtomicLong();

    private final Store store;

    private StoreBean(Store store) {
        this.store = store;
    }

    /** Registers a bean for {@code store} with the platform MBean server; returns its name, or null if that failed. */
    static ObjectName register(Store store) {
        try {
            ObjectName name = new ObjectName(DOMAIN + ":type=Store,name=keel-" + STORES.incrementAndGet());
            ManagementFactory.getPlatformMBeanServer().registerMBean(new StoreBean(store), name);
            return name;
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the store's MXBean could not be registered; the store runs without it", e);
            return null;
        }
    }

    /** Unregisters the bean named {@code name}; does nothing for null. */
    static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the store's MXBean " + name + " could not be unregistered", e);
        }
    }

    @Override
    public long getKeys() {
        return store.info().keys();
    }

    @Override
    public long getKeysWithExpiry() {
        return store.info().keysWithExpiry();
    }

    @Override
    public long getUsedMemory() {
        return store.info().usedMemory();
    }

    @Override
    public long getReservedMemory() {
        return store.info().reservedMemory();
    }

    @Override
    public double getFragmentationRatio() {
        return store.info().fragmentationRatio();
    }

    @Override
    public long getMaxmemory() {
        return store.info().maxmemory();
    }

    @Override
    public String getMaxmemoryPolicy() {
        return store.info().maxmemoryPolicy().redisName();
    }

    @Override
    public long getKeyspaceHits() {
        return store.info().keyspaceHits();
    }

    @Override
    public long getKeyspaceMisses() {
        return store.info().keyspaceMisses();
    }

    @Override
    public long getExpiredKeys() {
        return store.info().expiredKeys();
    }

    @Override
    public long getEvictedKeys() {
        return store.info().evictedKeys();
    }

    @Override
    public long getTotalCommandsProcessed() {
        return store.info().totalCommandsProcessed();
    }

    @Override
    public long getUptimeSeconds() {
        return store.info().uptime().toSeconds();
    }
}
