package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The set facade's contract, once per peer. */
class SetPeerTest {

    @ParameterizedTest
    @ValueSource(strings = {SetPeer.KEEL, SetPeer.KEY_SET})
    void saddSismemberSrem_answerAsRedis(String name) {
        try (SetPeer peer = SetPeer.open(name)) {
            assertFalse(peer.sismember("s", "a"));
            assertTrue(peer.sadd("s", "a"));
            assertFalse(peer.sadd("s", "a"));
            assertTrue(peer.sismember("s", "a"));
            assertEquals(1, peer.scard("s"));
            assertTrue(peer.srem("s", "a"));
            assertFalse(peer.srem("s", "a"));
            assertFalse(peer.sismember("s", "a"));
            assertEquals(0, peer.scard("s"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SetPeer.KEEL, SetPeer.KEY_SET})
    void load_addsEveryMember(String name) {
        try (SetPeer peer = SetPeer.open(name)) {
            String[] members = HashBenchmark.names("member:", 2500);
            peer.load("s", members);
            assertEquals(2500, peer.scard("s"));
            assertTrue(peer.sismember("s", "member:2499"));
            assertFalse(peer.sismember("s", "member:2500"));
        }
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> SetPeer.open("bitmap"));
    }
}
