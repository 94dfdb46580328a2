package dev.keel.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.KeyScan;
import dev.keel.ScanArgs;
import dev.keel.Store;
import dev.keel.engine.OffHeapStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

    private static Store open(int stripes) {
        return Keel.builder().stripes(stripes).activeExpiry(false).open();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 64})
    void setAndDelete_throughGrowthAndShrink_keepsEveryKeyReachable(int stripes) {
        try (Store store = open(stripes)) {
            var redis = store.commands();
            OffHeapStore engine = (OffHeapStore) store;
            for (int i = 0; i < 5_000; i++) {
                redis.set("key:" + i, "v" + i);
                if (i % 500 == 0) {
                    assertNull(engine.verifyIntegrity());
                }
            }
            assertEquals(5_000, redis.dbsize());
            for (int i = 0; i < 5_000; i++) {
                assertEquals("v" + i, redis.get("key:" + i));
            }
            for (int i = 0; i < 5_000; i += 2) {
                assertEquals(1, redis.del("key:" + i));
            }
            assertNull(engine.verifyIntegrity());
            for (int i = 0; i < 5_000; i++) {
                assertEquals(i % 2 == 0 ? null : "v" + i, redis.get("key:" + i));
            }
            for (int i = 1; i < 5_000; i += 2) {
                redis.del("key:" + i);
            }
            assertEquals(0, redis.dbsize());
            assertNull(engine.verifyIntegrity());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void scan_whileTheTableGrowsAndShrinks_returnsEveryKeyPresentThroughout(int stripes) {
        try (Store store = open(stripes)) {
            var redis = store.commands();
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                redis.set("stable:" + i, "x");
                stable.add("stable:" + i);
            }
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int step = 0;
            do {
                KeyScan<String> page = redis.scan(cursor, ScanArgs.none().withCount(7));
                seen.addAll(page.keys());
                cursor = page.cursor();
                step++;
                if (step % 3 == 0) {
                    for (int i = 0; i < 400; i++) {
                        redis.set("churn:" + step + ":" + i, "y");
                    }
                } else if (step % 3 == 1) {
                    for (String key : redis.keys("churn:*")) {
                        redis.del(key);
                    }
                }
            } while (!"0".equals(cursor));
            assertTrue(seen.containsAll(stable), "missed " + difference(stable, seen));
            assertNull(((OffHeapStore) store).verifyIntegrity());
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    @Test
    void sipHash_matchesTheReferenceVectorsShape_andDependsOnTheKey() {
        SipHash one = new SipHash(1, 2);
        SipHash same = new SipHash(1, 2);
        SipHash other = new SipHash(3, 4);
        byte[] data = "session:42".getBytes();
        assertEquals(one.hash(data), same.hash(data));
        assertNotEquals(one.hash(data), other.hash(data));
        assertNotEquals(one.hash(new byte[0]), one.hash(new byte[] {0}), "length is part of the hash");
    }

    @Test
    void sipHash24_publishedVectors_match() {
        // The SipHash paper's vectors: key 00..0f; the empty message, and the 15 bytes 00..0e.
        SipHash hash = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 2, 4);
        byte[] fifteen = new byte[15];
        for (int i = 0; i < 15; i++) {
            fifteen[i] = (byte) i;
        }
        assertEquals(0x726fdb47dd0e0e31L, hash.hash(new byte[0]));
        assertEquals(0xa129ca6149be45e5L, hash.hash(fifteen));
    }
}
