package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.ExpireCondition;
import dev.keel.HGetExArgs;
import dev.keel.HSetExArgs;
import dev.keel.HashScan;
import dev.keel.KeyScan;
import dev.keel.KeyValue;
import dev.keel.ScanArgs;
import dev.keel.WrongTypeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The typed hash commands of {@code Commands}: that each one sends its command line in Redis's
 * order and decodes the reply right, nil where Redis answers nil, empty collections, arrays with
 * nil items, on every target. The commands' semantics are {@code HashContractTest}'s.
 */
class TypedHashCommandsContractTest extends ContractTest {

    private static Map<String, String> ordered(String... fieldsAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            map.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void setAndGet_scalarsAndNil() {
        assertEquals(1, redis.hset("h", "a", "1"));
        assertEquals(0, redis.hset("h", "a", "2"));
        assertEquals(2, redis.hset("h", ordered("b", "3", "c", "4", "a", "5")));
        assertTrue(redis.hsetnx("h", "d", "6"));
        assertFalse(redis.hsetnx("h", "d", "7"));
        assertEquals("5", redis.hget("h", "a"));
        assertNull(redis.hget("h", "missing"));
        assertNull(redis.hget("missing", "a"));
        assertEquals(4, redis.hlen("h"));
        assertEquals(0, redis.hlen("missing"));
        assertTrue(redis.hexists("h", "a"));
        assertFalse(redis.hexists("h", "missing"));
        assertEquals(1, redis.hstrlen("h", "a"));
        assertEquals(0, redis.hstrlen("h", "missing"));
    }

    @Test
    void hmget_nilItemsAsNull() {
        redis.hset("h", ordered("a", "1", "b", "2"));
        assertEquals(Arrays.asList("1", null, "2"), redis.hmget("h", "a", "x", "b"));
        assertEquals(Arrays.asList(null, null), redis.hmget("missing", "a", "b"));
    }

    @Test
    void hgetallHkeysHvals_inReplyOrder_emptyForMissingKey() {
        redis.hset("h", ordered("a", "1", "b", "2", "c", "3"));
        Map<String, String> all = redis.hgetall("h");
        assertInstanceOf(LinkedHashMap.class, all);
        assertEquals(ordered("a", "1", "b", "2", "c", "3"), all);
        assertEquals(new ArrayList<>(all.keySet()), redis.hkeys("h"), "HKEYS in the same order as HGETALL");
        assertEquals(new ArrayList<>(all.values()), redis.hvals("h"));
        assertEquals(Map.of(), redis.hgetall("missing"));
        assertEquals(List.of(), redis.hkeys("missing"));
        assertEquals(List.of(), redis.hvals("missing"));
    }

    @Test
    void binaryHgetall_keepsBytes() {
        byte[] field = {0, (byte) 0xfe};
        byte[] value = {(byte) 0xff, 0};
        binary.hset(bytes("h"), field, value);
        Map<byte[], byte[]> all = binary.hgetall(bytes("h"));
        Map.Entry<byte[], byte[]> entry = all.entrySet().iterator().next();
        assertArrayEquals(field, entry.getKey());
        assertArrayEquals(value, entry.getValue());
        assertNull(all.get(field.clone()), "byte[] keys of a snapshot map compare by identity, as documented");
    }

    @Test
    void hdelAndCounters() {
        redis.hset("h", ordered("a", "1", "b", "2"));
        assertEquals(1, redis.hdel("h", "a", "x"));
        assertEquals(12, redis.hincrby("h", "b", 10));
        assertEquals(-1, redis.hincrby("h", "n", -1));
        assertEquals("1.5", redis.hincrbyfloat("h", "f", "1.5"));
        assertEquals(4.0, redis.hincrbyfloat("h", "f", 2.5));
        assertEquals(3, redis.hdel("h", "b", "n", "f"));
        assertEquals(0, redis.exists("h"));
        assertEquals(0, redis.hdel("h", "a"));
    }

    @Test
    void hrandfield_nilForMissingKey_listsOtherwise() {
        assertNull(redis.hrandfield("missing"));
        assertEquals(List.of(), redis.hrandfield("missing", 3));
        assertEquals(List.of(), redis.hrandfieldWithvalues("missing", 3));
        redis.hset("h", ordered("a", "1", "b", "2"));
        assertTrue(Set.of("a", "b").contains(redis.hrandfield("h")));
        assertEquals(Set.of("a", "b"), new HashSet<>(redis.hrandfield("h", 5)));
        assertEquals(5, redis.hrandfield("h", -5).size(), "a negative count may repeat");
        List<KeyValue<String, String>> pairs = redis.hrandfieldWithvalues("h", -4);
        assertEquals(4, pairs.size());
        for (KeyValue<String, String> pair : pairs) {
            assertEquals(redis.hget("h", pair.key()), pair.value());
        }
        assertEquals(Set.of(new KeyValue<>("a", "1"), new KeyValue<>("b", "2")), new HashSet<>(redis.hrandfieldWithvalues("h", 2)));
    }

    @Test
    void hscan_fullIteration_pairsFieldsWithValues() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            expected.put("f" + i, "v" + i);
        }
        redis.hset("h", expected);
        Map<String, String> seen = new LinkedHashMap<>();
        String cursor = "0";
        do {
            HashScan<String, String> step = redis.hscan("h", cursor, ScanArgs.none().withCount(50));
            for (KeyValue<String, String> entry : step.entries()) {
                seen.put(entry.key(), entry.value());
            }
            cursor = step.cursor();
        } while (!"0".equals(cursor));
        assertEquals(expected, seen);
        HashScan<String, String> matched = redis.hscan("h", "0", ScanArgs.match("f1?").withCount(1000));
        assertTrue(matched.finished());
        assertEquals(10, matched.entries().size());
        HashScan<String, String> none = redis.hscan("missing", "0");
        assertTrue(none.finished());
        assertEquals(List.of(), none.entries());
    }

    @Test
    void hscanNovalues_fieldsOnly() {
        requireRedis("7.4", "HSCAN NOVALUES");
        redis.hset("h", ordered("a", "1", "b", "2"));
        KeyScan<String> step = redis.hscanNovalues("h", "0", ScanArgs.none());
        assertTrue(step.finished());
        assertEquals(Set.of("a", "b"), new HashSet<>(step.keys()));
    }

    @Test
    void hgetdel_nilItemsAsNull_fieldsDeleted() {
        redis.hset("h", ordered("a", "1", "b", "2"));
        assertEquals(Arrays.asList("1", null), redis.hgetdel("h", "a", "x"));
        assertEquals(Map.of("b", "2"), redis.hgetall("h"));
        assertEquals(List.of("2"), redis.hgetdel("h", "b"));
        assertEquals(0, redis.exists("h"));
        assertEquals(Arrays.asList((String) null), redis.hgetdel("h", "b"));
        redis.set("s", "v");
        assertThrowsRedis(WrongTypeException.MESSAGE, () -> redis.hgetdel("s", "a"));
    }

    @Test
    void fieldExpiry_codesPerField() {
        requireRedis("7.4", "hash field expiry");
        redis.hset("h", ordered("a", "1", "b", "2", "c", "3"));
        assertEquals(List.of(1L, -2L), redis.hexpire("h", 1000, "a", "x"));
        assertEquals(List.of(0L), redis.hexpire("h", 2000, ExpireCondition.NX, "a"));
        assertEquals(List.of(1L), redis.hexpire("h", 2000, ExpireCondition.GT, "a"));
        assertEquals(List.of(1L), redis.hexpire("h", Duration.ofSeconds(3000), "b"));
        assertEquals(List.of(0L), redis.hpexpire("h", 3_500_000, ExpireCondition.LT, "b"));
        assertEquals(List.of(1L), redis.hpexpire("h", 2_500_000, ExpireCondition.LT, "b"));
        List<Long> ttls = redis.httl("h", "a", "b", "c", "x");
        assertBetween(1990, 2000, ttls.get(0), "HTTL a");
        assertEquals(List.of(-1L, -2L), ttls.subList(2, 4));
        assertBetween(2_490_000, 2_500_000, redis.hpttl("h", "b").get(0), "HPTTL b");
        assertEquals(List.of(1L), redis.hexpireat("h", FUTURE_SECONDS, "c"));
        assertEquals(List.of(FUTURE_SECONDS, -2L), redis.hexpiretime("h", "c", "x"));
        assertEquals(List.of(1L), redis.hpexpireat("h", FUTURE_MILLIS + 1000, ExpireCondition.XX, "c"));
        assertEquals(List.of(FUTURE_MILLIS + 1000), redis.hpexpiretime("h", "c"));
        assertEquals(List.of(1L), redis.hexpireat("h", Instant.ofEpochMilli(FUTURE_MILLIS), "c"));
        assertEquals(List.of(0L), redis.hexpireat("h", FUTURE_SECONDS + 10, ExpireCondition.LT, "c"));
        assertEquals(List.of(1L), redis.hpexpireat("h", FUTURE_MILLIS - 1000, "c"));
        assertEquals(List.of(1L, -2L), redis.hpersist("h", "c", "x"));
        assertEquals(List.of(-1L), redis.hpersist("h", "c"));
        assertEquals(List.of(2L), redis.hexpire("h", 0, "c"), "a zero TTL deletes the field");
        assertEquals(List.of(2L), redis.hpexpireat("h", 1, "b"), "a past time deletes the field");
        assertEquals(Map.of("a", "1"), redis.hgetall("h"));
        assertEquals(List.of(-2L, -2L), redis.httl("missing", "a", "b"));
    }

    @Test
    void hgetexAndHsetex_optionsBeforeFields() {
        requireRedis("8.0", "HGETEX and HSETEX");
        assertTrue(redis.hsetex("h", HSetExArgs.none(), ordered("a", "1", "b", "2")));
        assertFalse(redis.hsetex("h", HSetExArgs.fnx().withEx(100), ordered("a", "9", "c", "3")));
        assertTrue(redis.hsetex("h", HSetExArgs.fxx().withPx(100_000), ordered("a", "10")));
        assertBetween(99_000, 100_000, redis.hpttl("h", "a").get(0), "HPTTL a");
        assertTrue(redis.hsetex("h", HSetExArgs.keepttl(), ordered("a", "11")));
        assertBetween(99_000, 100_000, redis.hpttl("h", "a").get(0), "HPTTL a after KEEPTTL");
        assertTrue(redis.hsetex("h", HSetExArgs.exat(FUTURE_SECONDS), ordered("c", "3")));
        assertEquals(List.of(FUTURE_SECONDS), redis.hexpiretime("h", "c"));
        assertEquals(Arrays.asList("11", null), redis.hgetex("h", HGetExArgs.persist(), "a", "x"));
        assertEquals(List.of(-1L), redis.httl("h", "a"));
        assertEquals(List.of("2"), redis.hgetex("h", HGetExArgs.ex(1000), "b"));
        assertBetween(990, 1000, redis.httl("h", "b").get(0), "HTTL b");
        assertEquals(List.of("3"), redis.hgetex("h", HGetExArgs.pxat(FUTURE_MILLIS), "c"));
        assertEquals(List.of(FUTURE_MILLIS), redis.hpexpiretime("h", "c"));
        assertEquals(List.of("11"), redis.hgetex("h", HGetExArgs.none(), "a"));
        assertEquals(Arrays.asList(null, null), redis.hgetex("missing", HGetExArgs.none(), "a", "b"));
    }
}
