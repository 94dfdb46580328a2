package dev.keel;

/**
 * A store's statistics as JMX attributes: the numbers of {@link StoreInfo}, read afresh on each
 * access. Every in-memory store registers one with the platform MBean server while it is open,
 * named {@code dev.keel:type=Store,name=keel-<n>} ({@code n} counts the stores opened in this
 * JVM), unless its builder turned that off ({@link Keel.Builder#registerMBean}).
 *
 * {@snippet :
 * MBeanServer server = ManagementFactory.getPlatformMBeanServer();
 * for (ObjectName name : server.queryNames(new ObjectName(StoreMXBean.DOMAIN + ":type=Store,*"), null)) {
 *     StoreMXBean stats = JMX.newMXBeanProxy(server, name, StoreMXBean.class);
 *     long hits = stats.getKeyspaceHits();
 * }
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public interface StoreMXBean {

    /** The domain of the stores' object names. */
    String DOMAIN = "dev.keel";

    /** See {@link StoreInfo#keys()}. */
    long getKeys();

    /** See {@link StoreInfo#keysWithExpiry()}. */
    long getKeysWithExpiry();

    /** See {@link StoreInfo#usedMemory()}. */
    long getUsedMemory();

    /** See {@link StoreInfo#reservedMemory()}. */
    long getReservedMemory();

    /** See {@link StoreInfo#fragmentationRatio()}. */
    double getFragmentationRatio();

    /** See {@link StoreInfo#maxmemory()}. */
    long getMaxmemory();

    /** Returns Redis's name of the eviction policy, such as {@code allkeys-lru}; see {@link StoreInfo#maxmemoryPolicy()}. */
    String getMaxmemoryPolicy();

    /** See {@link StoreInfo#keyspaceHits()}. */
    long getKeyspaceHits();

    /** See {@link StoreInfo#keyspaceMisses()}. */
    long getKeyspaceMisses();

    /** See {@link StoreInfo#expiredKeys()}. */
    long getExpiredKeys();

    /** See {@link StoreInfo#evictedKeys()}. */
    long getEvictedKeys();

    /** See {@link StoreInfo#totalCommandsProcessed()}. */
    long getTotalCommandsProcessed();

    /** Returns {@link StoreInfo#uptime()} in whole seconds. */
    long getUptimeSeconds();
}
