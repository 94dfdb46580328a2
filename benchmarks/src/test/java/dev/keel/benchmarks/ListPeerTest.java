package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The list facade's contract, once per peer: Redis's answers, which the benchmark relies on. */
class ListPeerTest {

    private static ListPeer open(String name) {
        if (name.equals(ListPeer.REDIS)) {
            Assumptions.assumeTrue(RedisServer.executable() != null, "redis-server not installed");
        }
        return ListPeer.open(name);
    }

    private static String[] elements(int count) {
        String[] elements = new String[count];
        for (int i = 0; i < count; i++) {
            elements[i] = ListBenchmark.element(i);
        }
        return elements;
    }

    @ParameterizedTest
    @ValueSource(strings = {ListPeer.KEEL, ListPeer.LINKED_BLOCKING_DEQUE, ListPeer.LOCKED_ARRAY_DEQUE, ListPeer.REDIS})
    void lpushThenRpop_actsAsAQueue(String name) {
        try (ListPeer peer = open(name)) {
            assertNull(peer.rpop("queue"));
            peer.lpush("queue", "a");
            peer.lpush("queue", "b");
            assertEquals(2, peer.llen("queue"));
            assertEquals("a", peer.rpop("queue"));
            assertEquals("b", peer.rpop("queue"));
            assertNull(peer.rpop("queue"));
            assertEquals(0, peer.llen("queue"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ListPeer.KEEL, ListPeer.LINKED_BLOCKING_DEQUE, ListPeer.LOCKED_ARRAY_DEQUE, ListPeer.REDIS})
    void load_thenLindexAndLrange_answerAsRedis(String name) {
        try (ListPeer peer = open(name)) {
            String[] elements = elements(2501);
            peer.load("list", elements, 1000);
            assertEquals(2501, peer.llen("list"));
            assertEquals(elements[0], peer.lindex("list", 0));
            assertEquals(elements[1250], peer.lindex("list", 1250));
            assertEquals(elements[1900], peer.lindex("list", 1900));
            assertEquals(elements[2500], peer.lindex("list", -1));
            assertNull(peer.lindex("list", 2501));
            assertNull(peer.lindex("list", -2502));
            assertNull(peer.lindex("missing", 0));
            assertEquals(List.of(elements).subList(0, 100), peer.lrange("list", 0, 99));
            assertEquals(List.of(elements).subList(2499, 2501), peer.lrange("list", -2, 5000));
            assertEquals(List.of(), peer.lrange("list", 10, 9));
            assertEquals(List.of(), peer.lrange("missing", 0, 99));
        }
    }

    @Test
    void element_isSixteenBytes() {
        assertEquals(ListBenchmark.ELEMENT_SIZE, ListBenchmark.element(0).length());
        assertEquals("element:00999999", ListBenchmark.element(999_999));
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> ListPeer.open("vector"));
    }
}
