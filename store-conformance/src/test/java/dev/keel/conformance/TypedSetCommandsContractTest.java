package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.ScanArgs;
import dev.keel.SetScan;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The typed set commands of {@code Commands}: that each one sends its command line in Redis's
 * order and decodes the reply right, nil where Redis answers nil, empty collections for missing
 * keys, on every target. The commands' semantics are {@code SetContractTest}'s.
 */
class TypedSetCommandsContractTest extends ContractTest {

    @Test
    void addRemoveMembership() {
        assertEquals(2, redis.sadd("s", "a", "b", "a"));
        assertEquals(1, redis.sadd("s", "b", "c"));
        assertTrue(redis.sismember("s", "a"));
        assertFalse(redis.sismember("s", "x"));
        assertFalse(redis.sismember("missing", "a"));
        assertEquals(List.of(true, false, true), redis.smismember("s", "a", "x", "c"));
        assertEquals(List.of(false), redis.smismember("missing", "a"));
        assertEquals(3, redis.scard("s"));
        assertEquals(0, redis.scard("missing"));
        assertEquals(1, redis.srem("s", "a", "x"));
        assertEquals(0, redis.srem("missing", "a"));
    }

    @Test
    void smembers_aLinkedHashSet_emptyForMissingKey() {
        redis.sadd("s", "a", "b", "c");
        Set<String> members = redis.smembers("s");
        assertInstanceOf(LinkedHashSet.class, members);
        assertEquals(Set.of("a", "b", "c"), members);
        assertEquals(Set.of(), redis.smembers("missing"));
    }

    @Test
    void binaryMembers_keepBytes() {
        byte[] member = {0, (byte) 0xff};
        binary.sadd(bytes("s"), member);
        assertArrayEquals(member, binary.smembers(bytes("s")).iterator().next());
        assertArrayEquals(member, binary.spop(bytes("s")));
    }

    @Test
    void spopAndSrandmember_nilOrEmptyForMissingKey() {
        assertNull(redis.spop("missing"));
        assertEquals(Set.of(), redis.spop("missing", 2));
        assertNull(redis.srandmember("missing"));
        assertEquals(List.of(), redis.srandmember("missing", 2));
        redis.sadd("s", "a", "b", "c");
        assertTrue(Set.of("a", "b", "c").contains(redis.srandmember("s")));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(redis.srandmember("s", 10)));
        assertEquals(7, redis.srandmember("s", -7).size(), "a negative count may repeat");
        Set<String> popped = redis.spop("s", 2);
        assertEquals(2, popped.size());
        String last = redis.spop("s");
        assertFalse(popped.contains(last));
        assertEquals(0, redis.exists("s"));
    }

    @Test
    void smove_movesOneMember() {
        redis.sadd("s", "a", "b");
        assertTrue(redis.smove("s", "t", "a"));
        assertFalse(redis.smove("s", "t", "x"));
        assertEquals(Set.of("b"), redis.smembers("s"));
        assertEquals(Set.of("a"), redis.smembers("t"));
    }

    @Test
    void algebra_andStores() {
        redis.sadd("x", "a", "b", "c");
        redis.sadd("y", "b", "c", "d");
        assertEquals(Set.of("b", "c"), redis.sinter("x", "y"));
        assertEquals(Set.of("a", "b", "c", "d"), redis.sunion("x", "y"));
        assertEquals(Set.of("a"), redis.sdiff("x", "y"));
        assertEquals(Set.of(), redis.sinter("x", "missing"));
        assertEquals(2, redis.sinterstore("i", "x", "y"));
        assertEquals(4, redis.sunionstore("u", "x", "y"));
        assertEquals(1, redis.sdiffstore("d", "x", "y"));
        assertEquals(Set.of("a"), redis.smembers("d"));
        assertEquals(2, redis.sintercard("x", "y"));
        assertEquals(1, redis.sintercard(1, "x", "y"));
        assertEquals(0, redis.sintercard("x", "missing"));
    }

    @Test
    void sscan_fullIteration() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            expected.add("m" + i);
        }
        redis.sadd("s", expected.toArray(String[]::new));
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            SetScan<String> step = redis.sscan("s", cursor, ScanArgs.none().withCount(50));
            seen.addAll(step.members());
            cursor = step.cursor();
        } while (!"0".equals(cursor));
        assertEquals(expected, seen);
        SetScan<String> matched = redis.sscan("s", "0", ScanArgs.match("m1?").withCount(1000));
        assertTrue(matched.finished());
        assertEquals(10, matched.members().size());
        SetScan<String> none = redis.sscan("missing", "0");
        assertTrue(none.finished());
        assertEquals(List.of(), none.members());
    }
}
