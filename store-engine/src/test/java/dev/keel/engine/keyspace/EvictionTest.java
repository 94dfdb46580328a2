package dev.keel.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvictionTest {
    private static final long LIMIT = 1 << 20;
    private static final String VALUE = "x".repeat(1000);
    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    private final ManualClock clock = new ManualClock();

    private OffHeapStore open(EvictionPolicy policy) {
        return new OffHeapStore(Keel.builder().clock(clock).maxmemory(LIMIT, policy).config());
    }

    @ParameterizedTest
    @EnumSource(value = EvictionPolicy.class, names = {"ALLKEYS_LRU", "ALLKEYS_LFU", "ALLKEYS_RANDOM"})
    void allkeys_pastTheLimit_evictsSoUsedStaysNearIt(EvictionPolicy policy) {
        try (OffHeapStore store = open(policy)) {
            for (int i = 0; i < 10_000; i++) {
                assertEquals(Reply.OK, store.execute("SET", "k" + i, VALUE));
                assertTrue(store.memoryStats().usedBytes() <= LIMIT + 4096, "used " + store.memoryStats().usedBytes());
            }
            long keys = store.commands().dbsize();
            assertTrue(keys > 300 && keys < 1100, keys + " keys left");
            assertEquals(10_000 - keys, store.evictedKeys());
            assertEquals(null, store.verifyIntegrity());
        }
    }

    @Test
    void allkeysLru_keepsTheKeysInUse() {
        try (OffHeapStore store = open(EvictionPolicy.ALLKEYS_LRU)) {
            for (int i = 0; i < 100; i++) {
                store.execute("SET", "hot" + i, VALUE);
            }
            for (int i = 0; i < 5_000; i++) {
                clock.advance(Duration.ofSeconds(1));
                store.execute("GET", "hot" + (i % 100));
                store.execute("SET", "cold" + i, VALUE);
            }
            int hot = 0;
            for (int i = 0; i < 100; i++) {
                hot += (int) store.commands().exists("hot" + i);
            }
            assertTrue(hot >= 90, hot + " of 100 hot keys kept");
        }
    }

    @Test
    void allkeysLfu_keepsTheFrequentKeys_andObjectFreqCountsAccesses() {
        try (OffHeapStore store = open(EvictionPolicy.ALLKEYS_LFU)) {
            for (int i = 0; i < 100; i++) {
                store.execute("SET", "hot" + i, VALUE);
                for (int a = 0; a < 200; a++) {
                    store.execute("GET", "hot" + i);
                }
            }
            assertTrue(((Reply.Int) store.execute("OBJECT", "FREQ", "hot0")).value() > 5);
            assertInstanceOf(Reply.Error.class, store.execute("OBJECT", "IDLETIME", "hot0"));
            for (int i = 0; i < 5_000; i++) {
                store.execute("SET", "cold" + i, VALUE);
            }
            int hot = 0;
            for (int i = 0; i < 100; i++) {
                hot += (int) store.commands().exists("hot" + i);
            }
            assertTrue(hot >= 90, hot + " of 100 frequent keys kept");
        }
    }

    @Test
    void noeviction_pastTheLimit_refusesWritesButNotReadsOrDeletes() {
        try (OffHeapStore store = open(EvictionPolicy.NOEVICTION)) {
            int i = 0;
            while (!(store.execute("SET", "k" + i, VALUE) instanceof Reply.Error)) {
                i++;
            }
            assertEquals(Reply.error(OOM), store.execute("SET", "another", VALUE));
            assertEquals(VALUE, store.commands().get("k0"));
            assertEquals(1, store.commands().del("k0"));
            assertEquals(0, store.evictedKeys());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EvictionPolicy.class, names = {"VOLATILE_LRU", "VOLATILE_LFU", "VOLATILE_RANDOM", "VOLATILE_TTL"})
    void volatile_evictsOnlyKeysWithATtl_thenRefuses(EvictionPolicy policy) {
        try (OffHeapStore store = open(policy)) {
            for (int i = 0; i < 300; i++) {
                store.execute("SET", "persistent" + i, VALUE);
            }
            int refused = 0;
            for (int i = 0; i < 3_000; i++) {
                if (store.execute("SET", "volatile" + i, VALUE, "EX", "1000") instanceof Reply.Error error) {
                    assertEquals(OOM, error.message());
                    refused++;
                }
            }
            for (int i = 0; i < 300; i++) {
                assertEquals(1, store.commands().exists("persistent" + i), "persistent" + i + " was evicted");
            }
            assertTrue(store.evictedKeys() > 0);
            for (int i = 0; i < 2_000; i++) {
                if (store.execute("SET", "more" + i, VALUE) instanceof Reply.Error) {
                    refused++;
                }
            }
            assertTrue(refused > 0, "with no key left to evict, writes are refused");
        }
    }

    @Test
    void volatileTtl_evictsTheSoonestToExpire() {
        try (OffHeapStore store = open(EvictionPolicy.VOLATILE_TTL)) {
            for (int i = 0; i < 600; i++) {
                store.execute("SET", "late" + i, VALUE, "EX", "100000");
                store.execute("SET", "soon" + i, VALUE, "EX", Integer.toString(100 + i));
            }
            int late = 0;
            for (int i = 0; i < 600; i++) {
                late += (int) store.commands().exists("late" + i);
            }
            assertTrue(late >= 550, late + " of 600 late keys kept");
        }
    }
}
