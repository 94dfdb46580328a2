package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.KeelSet;
import dev.keel.WrongTypeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link KeelSet} view, {@code store.set(key)}: what each method sends and does to the set,
 * and its expiry, on every target. The Set contract itself is Guava's
 * ({@link KeelSetGuavaSuiteTest}).
 */
@Timeout(60)
class SetViewContractTest extends ContractTest {

    @Test
    void addRemoveContains_areSaddSremSismember_emptiedSetIsNoKey() {
        KeelSet<String> set = store.set("s");
        assertTrue(set.add("a"));
        assertFalse(set.add("a"));
        assertTrue(set.contains("a"));
        assertEquals("set", redis.type("s"));
        assertEquals(1, set.size());
        assertTrue(set.remove("a"));
        assertFalse(set.remove("a"));
        assertEquals(0, redis.exists("s"), "the emptied set is deleted");
        assertTrue(set.isEmpty());
    }

    @Test
    void bulkMethods_oneSaddSremSmismember_nullRefusedAndNothingAdded() {
        KeelSet<String> set = store.set("s");
        assertTrue(set.addAll(List.of("a", "b", "c")));
        assertFalse(set.addAll(List.of("a", "b")));
        assertFalse(set.addAll(List.of()));
        assertThrows(NullPointerException.class, () -> set.addAll(Arrays.asList("d", null)));
        assertThrows(NullPointerException.class, () -> set.add(null));
        assertEquals(Set.of("a", "b", "c"), redis.smembers("s"));
        assertTrue(set.containsAll(List.of("a", "c")));
        assertFalse(set.containsAll(List.of("a", "z")));
        assertFalse(set.containsAll(Arrays.asList("a", null)));
        assertTrue(set.containsAll(List.of()));
        assertFalse(set.contains(null));
        assertFalse(set.remove(null));
        assertTrue(set.removeAll(Arrays.asList("a", null, "z")));
        assertFalse(set.removeAll(List.of("z")));
        assertTrue(set.retainAll(List.of("b")));
        assertEquals(Set.of("b"), redis.smembers("s"));
    }

    @Test
    void snapshots_compareAsSets_iteratorRemoveIsSrem() {
        redis.sadd("s", "a", "b", "c");
        KeelSet<String> set = store.set("s");
        assertEquals(Set.of("a", "b", "c"), set);
        assertEquals(set, Set.of("a", "b", "c"));
        assertEquals(Set.of("a", "b", "c").hashCode(), set.hashCode());
        assertEquals(3, set.toArray().length);
        Iterator<String> members = set.iterator();
        redis.sadd("s", "d");
        List<String> seen = new ArrayList<>();
        while (members.hasNext()) {
            String member = members.next();
            seen.add(member);
            if (!member.equals("b")) {
                members.remove();
                assertThrows(IllegalStateException.class, members::remove, "a second remove() of one member");
            }
        }
        assertEquals(List.of("a", "b", "c"), seen.stream().sorted().toList(), "the iterator walks the snapshot");
        assertEquals(Set.of("b", "d"), redis.smembers("s"));
    }

    @Test
    void popAndRandomMember_areSpopAndSrandmember() {
        KeelSet<String> set = store.set("s");
        assertNull(set.pop());
        assertNull(set.randomMember());
        set.addAll(List.of("a", "b"));
        assertTrue(Set.of("a", "b").contains(set.randomMember()));
        assertEquals(2, set.size());
        String popped = set.pop();
        assertTrue(Set.of("a", "b").contains(popped));
        assertFalse(set.contains(popped));
        set.pop();
        assertEquals(0, redis.exists("s"));
    }

    @Test
    void clear_deletesTheKey() {
        redis.sadd("s", "a", "b");
        store.set("s").clear();
        assertEquals(0, redis.exists("s"));
    }

    @Test
    void expire_ttl_persist_ofTheSet() {
        KeelSet<String> set = store.set("s");
        assertFalse(set.expire(Duration.ofSeconds(1000)));
        assertNull(set.ttl());
        set.add("a");
        assertTrue(set.expire(Duration.ofSeconds(1000)));
        Duration ttl = set.ttl();
        assertNotNull(ttl);
        assertBetween(990_000, 1_000_000, ttl.toMillis(), "set TTL");
        assertTrue(set.persist());
        assertNull(set.ttl());
    }

    @Test
    void otherType_refusedWithWrongType_unchanged() {
        redis.set("k", "v");
        KeelSet<String> set = store.set("k");
        assertThrows(WrongTypeException.class, () -> set.add("a"));
        assertThrows(WrongTypeException.class, () -> set.contains("a"));
        assertThrows(WrongTypeException.class, set::size);
        assertThrows(WrongTypeException.class, set::iterator);
        assertThrows(WrongTypeException.class, () -> set.remove("a"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void binaryView_queriesCompareArraysByContent() {
        KeelSet<byte[]> set = store.set(bytes("s"), Codec.bytes());
        assertTrue(set.add(new byte[] {0, 1, (byte) 0xff}));
        assertFalse(set.add(new byte[] {0, 1, (byte) 0xff}), "SADD compares bytes");
        assertTrue(set.contains(new byte[] {0, 1, (byte) 0xff}));
        assertTrue(set.containsAll(List.of(new byte[] {0, 1, (byte) 0xff})));
        assertTrue(set.remove(new byte[] {0, 1, (byte) 0xff}));
        assertEquals(0, redis.exists("s"));
    }
}
