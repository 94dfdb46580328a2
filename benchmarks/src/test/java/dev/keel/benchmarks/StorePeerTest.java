package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The facade's contract, once per peer: what the benchmark relies on before it measures. */
class StorePeerTest {

    private static StorePeer open(String name) {
        if (name.equals(StorePeer.REDIS)) {
            Assumptions.assumeTrue(RedisServer.executable() != null, "redis-server not installed");
        }
        return StorePeer.open(name);
    }

    private static byte[] bytesOf(Object value) {
        return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
    }

    @ParameterizedTest
    @ValueSource(strings = {StorePeer.KEEL, StorePeer.KEEL_BYTES, StorePeer.CHM, StorePeer.REDIS})
    void set_thenGet_returnsTheValue(String name) {
        try (StorePeer peer = open(name)) {
            byte[] value = StringBenchmark.value(3, 100);
            assertNull(peer.get("session:1"));
            peer.set("session:1", peer.valueOf(value));
            assertArrayEquals(value, bytesOf(peer.get("session:1")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StorePeer.KEEL, StorePeer.KEEL_BYTES, StorePeer.CHM, StorePeer.REDIS})
    void load_manyKeys_setsEveryKeyInTurn(String name) {
        try (StorePeer peer = open(name)) {
            String[] keys = new String[2500];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "session:" + i;
            }
            Object[] values = {peer.valueOf(StringBenchmark.value(0, 100)), peer.valueOf(StringBenchmark.value(1, 100))};
            peer.load(keys, values);
            assertArrayEquals(StringBenchmark.value(0, 100), bytesOf(peer.get("session:2498")));
            assertArrayEquals(StringBenchmark.value(1, 100), bytesOf(peer.get("session:2499")));
        }
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> StorePeer.open("memcached"));
    }

    @Test
    void value_ofEachSeed_isPrintableAndDistinct() {
        byte[] a = StringBenchmark.value(0, 100);
        byte[] b = StringBenchmark.value(1, 100);
        assertEquals(100, a.length);
        assertTrue(!Arrays.equals(a, b));
        for (byte x : a) {
            assertTrue(x >= 0x20 && x < 0x7f, "printable ASCII");
        }
    }
}
