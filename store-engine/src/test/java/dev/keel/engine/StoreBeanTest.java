package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.SetArgs;
import dev.keel.Store;
import dev.keel.StoreMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The store's MXBean: registered while the store is open, its attributes those of {@code store.info()}. */
class StoreBeanTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void open_registersTheBean_withTheStoresNumbers() throws Exception {
        try (OffHeapStore store = (OffHeapStore) Keel.builder().clock(new ManualClock())
                .maxmemory(64 << 20, EvictionPolicy.ALLKEYS_LRU).open()) {
            store.commands().set("a", "1");
            store.commands().set("b", "2", SetArgs.ex(100));
            store.commands().get("a");
            store.commands().get("nope");
            ObjectName name = store.mbeanName();
            assertNotNull(name);
            assertEquals(StoreMXBean.DOMAIN, name.getDomain());
            assertEquals("Store", name.getKeyProperty("type"));
            assertTrue(server.isRegistered(name));

            assertEquals(2L, server.getAttribute(name, "Keys"));
            assertEquals(1L, server.getAttribute(name, "KeysWithExpiry"));
            assertEquals(1L, server.getAttribute(name, "KeyspaceHits"));
            assertEquals(1L, server.getAttribute(name, "KeyspaceMisses"));
            assertEquals(4L, server.getAttribute(name, "TotalCommandsProcessed"));
            assertEquals(0L, server.getAttribute(name, "ExpiredKeys"));
            assertEquals(0L, server.getAttribute(name, "EvictedKeys"));
            assertEquals(64L << 20, server.getAttribute(name, "Maxmemory"));
            assertEquals("allkeys-lru", server.getAttribute(name, "MaxmemoryPolicy"));
            assertEquals(store.memoryStats().usedBytes(), server.getAttribute(name, "UsedMemory"));
            assertEquals(store.memoryStats().reservedBytes(), server.getAttribute(name, "ReservedMemory"));
            assertTrue((Double) server.getAttribute(name, "FragmentationRatio") >= 1.0);
            assertTrue((Long) server.getAttribute(name, "UptimeSeconds") >= 0);

            StoreMXBean proxy = JMX.newMXBeanProxy(server, name, StoreMXBean.class);
            store.commands().set("c", "3");
            assertEquals(3, proxy.getKeys());
        }
    }

    @Test
    void close_unregistersTheBean() {
        ObjectName name;
        try (OffHeapStore store = new OffHeapStore(Keel.builder().config())) {
            name = store.mbeanName();
            assertTrue(server.isRegistered(name));
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void twoStores_registerUnderDifferentNames() {
        try (OffHeapStore first = new OffHeapStore(Keel.builder().config());
             OffHeapStore second = new OffHeapStore(Keel.builder().config())) {
            assertNotEquals(first.mbeanName(), second.mbeanName());
            assertTrue(server.isRegistered(first.mbeanName()));
            assertTrue(server.isRegistered(second.mbeanName()));
        }
    }

    @Test
    void registerMBeanOff_registersNone() throws Exception {
        int before = server.queryNames(new ObjectName(StoreMXBean.DOMAIN + ":type=Store,*"), null).size();
        try (Store store = Keel.builder().registerMBean(false).open()) {
            assertNull(((OffHeapStore) store).mbeanName());
            assertEquals(before, server.queryNames(new ObjectName(StoreMXBean.DOMAIN + ":type=Store,*"), null).size());
        }
    }

    @Test
    void registrationThatFails_leavesTheStoreWorking() throws Exception {
        // The bean's next name taken by someone else: registering fails, the store opens without it.
        try (OffHeapStore probe = new OffHeapStore(Keel.builder().config())) {
            String taken = probe.mbeanName().getKeyProperty("name");
            long next = Long.parseLong(taken.substring("keel-".length())) + 1;
            ObjectName squatted = new ObjectName(StoreMXBean.DOMAIN + ":type=Store,name=keel-" + next);
            server.registerMBean(new javax.management.StandardMBean(new Runnable() {
                @Override
                public void run() {
                }
            }, Runnable.class), squatted);
            try (OffHeapStore store = new OffHeapStore(Keel.builder().config())) {
                assertNull(store.mbeanName());
                store.commands().set("k", "v");
                assertEquals(1, store.info().keys());
            } finally {
                server.unregisterMBean(squatted);
            }
        }
    }
}
