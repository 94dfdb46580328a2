package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream facade's contract, once per peer: Redis's answers, which the benchmark relies on. */
class StreamPeerTest {
    private static final StreamId ZERO = StreamBenchmark.ZERO;

    private static StreamPeer open(String name) {
        if (name.equals(StreamPeer.REDIS)) {
            Assumptions.assumeTrue(RedisServer.executable() != null, "redis-server not installed");
        }
        return StreamPeer.open(name);
    }

    private static Map<String, String> entry(int n) {
        return Map.of("f1", "v" + n);
    }

    private static List<StreamId> add(StreamPeer peer, int count) {
        List<StreamId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(peer.xadd("s", entry(i)));
        }
        return ids;
    }

    private static List<StreamId> ids(List<StreamEntry<String, String>> entries) {
        return entries.stream().map(StreamEntry::id).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
    void xaddXrange_pagesFromStartInclusive_inIdOrder(String name) {
        try (StreamPeer peer = open(name)) {
            assertEquals(List.of(), peer.xrange("s", ZERO, 10));
            List<StreamId> ids = add(peer, 5);
            assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids, "IDs grow");
            assertEquals(5, peer.xlen("s"));
            List<StreamEntry<String, String>> page = peer.xrange("s", ids.get(1), 3);
            assertEquals(ids.subList(1, 4), ids(page));
            assertEquals(entry(2), page.get(1).fields());
            assertEquals(ids.subList(3, 5), ids(peer.xrange("s", ids.get(3), 100)));
            assertEquals(ids, ids(peer.xrange("s", ZERO, 100)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
    void xreadgroupXack_deliversEachEntryOnce_keepsItPendingUntilAcked(String name) {
        try (StreamPeer peer = open(name)) {
            List<StreamId> ids = add(peer, 5);
            peer.xgroupCreate("s", "g", ZERO);
            List<StreamEntry<String, String>> first = peer.xreadgroup("s", "g", "c1", 1);
            assertEquals(List.of(ids.getFirst()), ids(first));
            assertEquals(entry(0), first.getFirst().fields());
            assertEquals(1, peer.xpendingCount("s", "g"));
            assertEquals(1, peer.xack("s", "g", ids.getFirst()));
            assertEquals(0, peer.xack("s", "g", ids.getFirst()));
            assertEquals(0, peer.xpendingCount("s", "g"));
            assertEquals(ids.subList(1, 5), ids(peer.xreadgroup("s", "g", "c2", 10)));
            assertEquals(4, peer.xpendingCount("s", "g"));
            assertEquals(List.of(), peer.xreadgroup("s", "g", "c1", 1));
            peer.xgroupSetid("s", "g", ZERO);
            assertEquals(List.of(ids.getFirst()), ids(peer.xreadgroup("s", "g", "c1", 1)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
    void xtrim_maxlen_dropsTheOldest(String name) {
        try (StreamPeer peer = open(name)) {
            List<StreamId> ids = add(peer, 10);
            assertEquals(6, peer.xtrim("s", 4));
            assertEquals(4, peer.xlen("s"));
            assertEquals(ids.subList(6, 10), ids(peer.xrange("s", ZERO, 100)));
            assertEquals(0, peer.xtrim("s", 4));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
    void xaddCapped_pastTheCap_dropsOldestBlocks_keepsAtLeastTheCap(String name) {
        try (StreamPeer peer = open(name)) {
            List<StreamId> ids = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ids.add(peer.xaddCapped("s", 100, entry(i)));
            }
            long length = peer.xlen("s");
            assertTrue(length >= 100 && length < 2000, length + " entries left");
            assertEquals(ids.subList(ids.size() - (int) length, ids.size()), ids(peer.xrange("s", ZERO, 2000)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
    void load_addsEveryEntryInOrder_returnsTheirIds(String name) {
        try (StreamPeer peer = open(name)) {
            int count = 2500;
            StreamId[] ids = peer.load("s", count, StreamBenchmark.entries(new SplittableRandom(1)));
            assertEquals(count, peer.xlen("s"));
            assertEquals(List.of(ids), ids(peer.xrange("s", ZERO, count)));
            Supplier<Map<String, String>> again = StreamBenchmark.entries(new SplittableRandom(1));
            for (int i = 0; i < 1234; i++) {
                again.get();
            }
            Map<String, String> expected = again.get();
            assertEquals(List.of("f1", "f2"), List.copyOf(expected.keySet()));
            assertEquals(8, expected.get("f1").length());
            assertEquals(16, expected.get("f2").length());
            assertEquals(expected, peer.xrange("s", ids[1234], 1).getFirst().fields());
        }
    }

    /**
     * Two threads each add entries and read-and-ack one through the group after each add: every
     * entry is delivered exactly once (none skipped by a cursor that passed a slower writer's ID,
     * none taken twice), and nothing stays pending.
     */
    @ParameterizedTest
    @ValueSource(strings = {StreamPeer.KEEL, StreamPeer.SKIP_LIST})
    void xaddAndXreadgroupXack_twoThreads_deliverEveryEntryOnce(String name) throws Exception {
        int rounds = 3000;
        try (StreamPeer peer = open(name); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            peer.xadd("s", entry(-1));
            peer.xgroupCreate("s", "g", ZERO);
            Set<StreamId> delivered = new ConcurrentSkipListSet<>();
            List<Future<Integer>> workers = new ArrayList<>();
            for (String consumer : List.of("c1", "c2")) {
                workers.add(threads.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < rounds; i++) {
                        peer.xadd("s", entry(i));
                        List<StreamEntry<String, String>> read = List.of();
                        for (int attempt = 0; read.isEmpty() && attempt < 100_000; attempt++) {
                            read = peer.xreadgroup("s", "g", consumer, 1);
                        }
                        StreamId id = read.getFirst().id();
                        duplicates += delivered.add(id) ? 0 : 1;
                        assertEquals(1, peer.xack("s", "g", id));
                    }
                    return duplicates;
                }));
            }
            for (Future<Integer> worker : workers) {
                assertEquals(0, worker.get(), "entries delivered twice");
            }
            List<StreamId> all = ids(peer.xrange("s", ZERO, 10 * rounds));
            assertEquals(2 * rounds + 1, all.size());
            assertTrue(all.containsAll(delivered) && delivered.size() == 2 * rounds, delivered.size() + " delivered");
            assertEquals(1, peer.xreadgroup("s", "g", "c1", 10).size(), "one entry left, the last added");
            assertEquals(1, peer.xpendingCount("s", "g"));
        }
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> StreamPeer.open("kafka"));
    }
}
