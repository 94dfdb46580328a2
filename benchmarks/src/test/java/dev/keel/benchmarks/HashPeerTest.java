package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hash facade's contract, once per peer and layout: Redis's answers, which the benchmark relies on. */
class HashPeerTest {
    private static final HashPeer.Layout ONE_HASH = new HashPeer.Layout(1, 1000, "h", "field:999", HashBenchmark.VALUE_SIZE);
    private static final HashPeer.Layout SMALL_HASHES = new HashPeer.Layout(100, 10, "hash:99", "field:9", HashBenchmark.VALUE_SIZE);

    private static HashPeer open(String name, HashPeer.Layout layout) {
        if (name.equals(HashPeer.REDIS)) {
            Assumptions.assumeTrue(RedisServer.executable() != null, "redis-server not installed");
        }
        return HashPeer.open(name, layout);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {HashPeer.KEEL, HashPeer.CHM, HashPeer.CHRONICLE, HashPeer.REDIS})
    void hsetThenHget_answersAsRedis(String name) {
        for (HashPeer.Layout layout : new HashPeer.Layout[] {ONE_HASH, SMALL_HASHES}) {
            String key = layout.sampleKey();
            try (HashPeer peer = open(name, layout)) {
                assertNull(peer.hget(key, "field:1"));
                assertEquals(1, peer.hset(key, "field:1", peer.valueOf(bytes("aaaaaaaaaaaaaaaa"))));
                assertEquals(0, peer.hset(key, "field:1", peer.valueOf(bytes("bbbbbbbbbbbbbbbb"))));
                assertArrayEquals(bytes("bbbbbbbbbbbbbbbb"), HashBenchmark.bytesOf(peer.hget(key, "field:1")));
                assertNull(peer.hget(key, "field:2"));
                assertNull(peer.hget("other", "field:1"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {HashPeer.KEEL, HashPeer.CHM, HashPeer.CHRONICLE, HashPeer.REDIS})
    void hincrby_addsToDecimalValues_andRejectsOthers(String name) {
        try (HashPeer peer = open(name, SMALL_HASHES)) {
            assertEquals(5, peer.hincrby("hash:1", "counter", 5));
            peer.hset("hash:1", "field:0", peer.valueOf(HashBenchmark.value(0)));
            long start = Long.parseLong(new String(HashBenchmark.value(0), StandardCharsets.US_ASCII));
            assertEquals(start + 1, peer.hincrby("hash:1", "field:0", 1));
            assertEquals(start - 1, peer.hincrby("hash:1", "field:0", -2));
            peer.hset("hash:1", "text", peer.valueOf(bytes("value:0000000001")));
            assertThrows(RuntimeException.class, () -> peer.hincrby("hash:1", "text", 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {HashPeer.KEEL, HashPeer.CHM, HashPeer.CHRONICLE, HashPeer.REDIS})
    void load_manyHashes_setsEveryFieldOfEveryHash(String name) {
        try (HashPeer peer = open(name, SMALL_HASHES)) {
            String[] keys = HashBenchmark.names("hash:", 100);
            String[] fields = HashBenchmark.names("field:", 10);
            Object[] values = {peer.valueOf(HashBenchmark.value(0)), peer.valueOf(HashBenchmark.value(1))};
            peer.load(keys, fields, values);
            assertArrayEquals(HashBenchmark.value(1), HashBenchmark.bytesOf(peer.hget("hash:99", "field:9")));
            assertArrayEquals(HashBenchmark.value(0), HashBenchmark.bytesOf(peer.hget("hash:0", "field:8")));
        }
    }

    @Test
    void value_isSixteenDecimalDigits() {
        for (int seed = 0; seed < 16; seed++) {
            String value = new String(HashBenchmark.value(seed), StandardCharsets.US_ASCII);
            assertEquals(HashBenchmark.VALUE_SIZE, value.length());
            assertEquals(value, Long.toString(Long.parseLong(value)));
        }
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> HashPeer.open("memcached", ONE_HASH));
    }
}
