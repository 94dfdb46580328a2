package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-field expiry on the {@link dev.keel.engine.ManualClock}, active expiry off: lazy expiry
 * (a field lives through its expiry millisecond and is gone after it, the key with its last
 * field), the HEXPIRE family's codes and conditions, HTTL rounding, HPERSIST, HSETEX, HGETEX and
 * HGETDEL, which writers keep a field's time to live, expiries kept exactly through every
 * encoding conversion and through COPY and RENAME, and what expiry metadata costs.
 */
class HashFieldExpiryTest extends AbstractFieldMapTest {

    private long hpexpiretime(String key, String field) {
        Reply reply = exec("HPEXPIRETIME", key, "FIELDS", "1", field);
        return ((Reply.Int) assertInstanceOf(Reply.Array.class, reply).items().get(0)).value();
    }

    private void hpexpire(String key, long millis, String... fields) {
        String[] argv = new String[5 + fields.length];
        argv[0] = "HPEXPIRE";
        argv[1] = key;
        argv[2] = Long.toString(millis);
        argv[3] = "FIELDS";
        argv[4] = Integer.toString(fields.length);
        System.arraycopy(fields, 0, argv, 5, fields.length);
        long[] ones = new long[fields.length];
        java.util.Arrays.fill(ones, 1);
        assertEquals(array(ones), exec(argv), String.join(" ", argv));
    }

    /** Every field of {@code key} with its HPEXPIRETIME. */
    private Map<String, Long> expiries(String key) {
        Map<String, Long> expiries = new HashMap<>();
        for (String field : hgetall(key).keySet()) {
            expiries.put(field, hpexpiretime(key, field));
        }
        return expiries;
    }

    // ------------------------------------------------------------------ lazy expiry

    @Test
    void readers_pastAFieldsExpiry_seeItGone() {
        hset("k", "a", "1", "b", "2");
        hpexpire("k", 1000, "a");
        clock.advanceMillis(1000);
        assertEquals(bulk("1"), exec("HGET", "k", "a"), "a field lives through its expiry millisecond");
        clock.advanceMillis(1);
        assertEquals(Reply.NIL, exec("HGET", "k", "a"));
        assertEquals(array("2", null), exec("HMGET", "k", "b", "a"));
        assertEquals(integer(0), exec("HEXISTS", "k", "a"));
        assertEquals(integer(0), exec("HSTRLEN", "k", "a"));
        assertEquals(array("b"), exec("HKEYS", "k"));
        assertEquals(array("2"), exec("HVALS", "k"));
        assertEquals(array(-2L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertHash("k", Map.of("b", "2"));
        assertEquals(packedHash(), encoding("k"), "no field left with a time to live");
    }

    @Test
    void hlen_dropsAsFieldsExpire() {
        hset("k", numberedFields("f", 10));
        for (int i = 0; i < 10; i++) {
            hpexpire("k", 100L * (i + 1), "f" + i);
        }
        for (int i = 0; i < 10; i++) {
            clock.advanceMillis(100);
            assertEquals(integer(10 - i), exec("HLEN", "k"), "at " + (i + 1) + "00 ms");
            clock.advanceMillis(1);
            assertEquals(integer(9 - i), exec("HLEN", "k"));
            clock.advanceMillis(-1);
        }
        assertNoKey("k");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HGET k a", "HLEN k", "HGETALL k", "HEXISTS k a", "HSCAN k 0", "HRANDFIELD k", "HKEYS k",
        "HSTRLEN k a", "HTTL k FIELDS 1 a", "HDEL k zz"})
    void lastFieldExpiring_removesTheKeyAndFreesEveryByte(String reader) {
        hset("k", numberedFields("f", 3));
        hset("k", "a", "x".repeat(30));
        exec("HPEXPIRE", "k", "500", "FIELDS", "4", "f0", "f1", "f2", "a");
        clock.advanceMillis(501);
        Reply reply = exec(reader.split(" "));
        assertTrue(reply instanceof Reply.Nil || reply instanceof Reply.Int || reply instanceof Reply.Array, reader + " answered " + reply);
        assertNoKey("k");
        assertEquals(new Reply.Status("none"), exec("TYPE", "k"));
        assertEquals(integer(0), exec("DBSIZE"));
        assertEquals(baselineBytes(), store.memoryStats().usedBytes(), "every byte freed");
    }

    @Test
    void writers_onExpiredFields_seeThemAbsent() {
        hset("k", "n", "41", "s", "old", "keep", "1");
        hpexpire("k", 10, "n", "s");
        clock.advanceMillis(11);
        assertEquals(integer(5), exec("HINCRBY", "k", "n", "5"), "an expired counter starts again at 0");
        assertEquals(integer(1), exec("HSETNX", "k", "s", "new"));
        assertEquals(array(-1L, -1L), exec("HTTL", "k", "FIELDS", "2", "n", "s"));
        assertHash("k", Map.of("n", "5", "s", "new", "keep", "1"));
    }

    /**
     * Regression (found by {@link HashModelBasedTest}, fixed in 7064f68): a writer that found
     * every field of its hash expired had the hash removed by the lazy expiry at open, then saved
     * its new fields into the freed key entry: the command answered as if it wrote, the key was
     * gone, the new value leaked, and the freed block was written to.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HSET k new 1", "HMSET k new 1", "HSETNX k new 1", "HINCRBY k new 1", "HINCRBYFLOAT k new 1",
        "HSETEX k FIELDS 1 new 1", "KEEL.HGETSET k new 1"})
    void writer_onAHashWhoseLastFieldJustExpired_createsTheHashAfresh(String line) {
        hset("k", "old", "x");
        hpexpire("k", 100, "old");
        clock.advanceMillis(101);
        Reply reply = exec(line.split(" "));
        assertTrue(reply instanceof Reply.Int || reply instanceof Reply.Bulk || reply instanceof Reply.Status
                || reply instanceof Reply.Nil, line + " answered " + reply);
        assertEquals(integer(1), exec("EXISTS", "k"), line + " must leave the hash it wrote");
        assertHash("k", Map.of("new", "1"));
        exec("DEL", "k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes(), "nothing leaked");
    }

    @Test
    void keyExpiryAndFieldExpiry_eachApply() {
        hset("k", "a", "1", "b", "2");
        assertEquals(integer(1), exec("EXPIRE", "k", "10"));
        exec("HEXPIRE", "k", "5", "FIELDS", "1", "a");
        clock.advanceMillis(5_001);
        assertHash("k", Map.of("b", "2"));
        assertEquals(integer(4_999), exec("PTTL", "k"));
        clock.advanceMillis(5_000);
        assertNoKey("k");
    }

    // ------------------------------------------------------------------ HEXPIRE and its conditions

    @Test
    void hexpire_missingKeyOrField_isMinusTwoPerField() {
        assertEquals(array(-2L, -2L), exec("HEXPIRE", "nokey", "10", "FIELDS", "2", "a", "b"));
        assertNoKey("nokey");
        hset("k", "a", "1");
        assertEquals(array(-2L, 1L), exec("HEXPIRE", "k", "10", "FIELDS", "2", "nofield", "a"));
        assertHash("k", Map.of("a", "1"));
    }

    @Test
    void hexpire_conditions_answerZeroWhenNotMet() {
        hset("k", "none", "1", "ttl", "2");
        hpexpire("k", 10_000, "ttl");
        assertEquals(array(0L, 1L), exec("HPEXPIRE", "k", "20000", "NX", "FIELDS", "2", "ttl", "none"));
        assertEquals(20_000 + now(), hpexpiretime("k", "none"));
        assertEquals(10_000 + now(), hpexpiretime("k", "ttl"));
        exec("HPERSIST", "k", "FIELDS", "1", "none");

        assertEquals(array(0L, 1L), exec("HPEXPIRE", "k", "30000", "XX", "FIELDS", "2", "none", "ttl"));
        assertEquals(30_000 + now(), hpexpiretime("k", "ttl"));
        assertEquals(-1L, hpexpiretime("k", "none"));

        // GT: no time to live counts as infinite, so nothing is greater; LT: anything is less.
        assertEquals(array(0L, 0L), exec("HPEXPIRE", "k", "30000", "GT", "FIELDS", "2", "none", "ttl"), "equal is not greater");
        assertEquals(array(1L), exec("HPEXPIRE", "k", "30001", "GT", "FIELDS", "1", "ttl"));
        assertEquals(30_001 + now(), hpexpiretime("k", "ttl"));
        assertEquals(array(0L, 1L), exec("HPEXPIRE", "k", "30001", "LT", "FIELDS", "2", "ttl", "none"));
        assertEquals(array(1L), exec("HPEXPIRE", "k", "5000", "LT", "FIELDS", "1", "ttl"));
        assertEquals(5_000 + now(), hpexpiretime("k", "ttl"));
        assertEquals(30_001 + now(), hpexpiretime("k", "none"));
    }

    @Test
    void hexpire_zeroOrPastTime_deletesTheFieldWithCodeTwo() {
        hset("k", "a", "1", "b", "2", "c", "3", "d", "4");
        assertEquals(array(2L, -2L), exec("HEXPIRE", "k", "0", "FIELDS", "2", "a", "a"));
        assertEquals(array(2L), exec("HPEXPIREAT", "k", Long.toString(now() - 1), "FIELDS", "1", "b"));
        assertEquals(array(2L), exec("HEXPIREAT", "k", "1", "FIELDS", "1", "c"));
        assertEquals(array(1L), exec("HPEXPIREAT", "k", Long.toString(now() + 1), "FIELDS", "1", "d"));
        assertHash("k", Map.of("d", "4"));
        assertEquals(array(2L), exec("HPEXPIRE", "k", "0", "FIELDS", "1", "d"));
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes());
    }

    @Test
    void hexpire_conditionNotMet_doesNotDeleteEvenWithAPastTime() {
        hset("k", "a", "1");
        assertEquals(array(0L), exec("HEXPIRE", "k", "0", "XX", "FIELDS", "1", "a"));
        assertHash("k", Map.of("a", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HEXPIRE k 10 FIELDS 2 a", "HEXPIRE k 10 FIELDS 0", "HEXPIRE k -1 FIELDS 1 a",
        "HEXPIRE k 10 XX NX FIELDS 1 a", "HPEXPIRE k 10 FIELD 1 a", "HEXPIRE k 99999999999999 FIELDS 1 a",
        "HPERSIST k FIELDS 2 a", "HSETEX k FNX FXX FIELDS 1 a 1", "HSETEX k EX -1 FIELDS 1 a 1", "HGETEX k EX 1 PERSIST FIELDS 1 a",
        "HSETEX k FIELDS 2 a 1", "HGETDEL k FIELDS 2 a"})
    void malformedExpiryCommand_changesNothing(String line) {
        hset("k", "a", "1", "b", "2");
        hpexpire("k", 10_000, "b");
        Map<String, String> before = snapshot();
        Reply reply = exec(line.split(" "));
        assertInstanceOf(Reply.Error.class, reply, line);
        assertEquals(before, snapshot(), line);
    }

    // ------------------------------------------------------------------ HTTL and friends

    @Test
    void httl_roundsUpToTheSecond_hpttlIsExact() {
        hset("k", "a", "1", "b", "2");
        hpexpire("k", 1_500, "a");
        assertEquals(array(2L, -1L, -2L), exec("HTTL", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(array(1_500L, -1L, -2L), exec("HPTTL", "k", "FIELDS", "3", "a", "b", "c"));
        clock.advanceMillis(500);
        assertEquals(array(1L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertEquals(array(1_000L), exec("HPTTL", "k", "FIELDS", "1", "a"));
        clock.advanceMillis(999);
        assertEquals(array(1L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertEquals(array(1L), exec("HPTTL", "k", "FIELDS", "1", "a"));
        clock.advanceMillis(1);
        assertEquals(array(0L), exec("HTTL", "k", "FIELDS", "1", "a"), "alive in its expiry millisecond");
        assertEquals(array(0L), exec("HPTTL", "k", "FIELDS", "1", "a"));
        clock.advanceMillis(1);
        assertEquals(array(-2L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertEquals(array(-2L, -2L), exec("HTTL", "nokey", "FIELDS", "2", "a", "b"));
    }

    @Test
    void hexpiretime_isAbsolute() {
        hset("k", "a", "1", "b", "2");
        long at = now() + 3_600_000;
        assertEquals(array(1L), exec("HPEXPIREAT", "k", Long.toString(at), "FIELDS", "1", "a"));
        assertEquals(array(at, -1L, -2L), exec("HPEXPIRETIME", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(array(at / 1000, -1L, -2L), exec("HEXPIRETIME", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(array(1L), exec("HEXPIREAT", "k", Long.toString(at / 1000 + 7), "FIELDS", "1", "b"));
        assertEquals(at + 7_000, hpexpiretime("k", "b"));
        clock.advanceMillis(1_234);
        assertEquals(array(at), exec("HPEXPIRETIME", "k", "FIELDS", "1", "a"), "independent of the clock");
    }

    @Test
    void hpersist_removesTheExpiry() {
        hset("k", "a", "1", "b", "2");
        hpexpire("k", 100, "a");
        assertEquals(array(1L, -1L, -2L), exec("HPERSIST", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(array(-1L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertEquals(array(-1L), exec("HPERSIST", "k", "FIELDS", "1", "a"));
        clock.advanceMillis(1_000);
        assertHash("k", Map.of("a", "1", "b", "2"));
        assertEquals(array(-2L), exec("HPERSIST", "nokey", "FIELDS", "1", "a"));
        assertEquals(packedHash(), encoding("k"));
    }

    // ------------------------------------------------------------------ HSETEX, HGETEX, HGETDEL

    @Test
    void hsetex_setsValuesAndTheirExpiry() {
        assertEquals(integer(1), exec("HSETEX", "k", "PX", "1000", "FIELDS", "2", "a", "1", "b", "2"));
        assertEquals(array(1_000L, 1_000L), exec("HPTTL", "k", "FIELDS", "2", "a", "b"));
        assertEquals(integer(1), exec("HSETEX", "k", "EX", "5", "FIELDS", "1", "c", "3"));
        assertEquals(array(5L), exec("HTTL", "k", "FIELDS", "1", "c"));
        assertEquals(integer(1), exec("HSETEX", "k", "KEEPTTL", "FIELDS", "2", "a", "10", "d", "4"));
        assertEquals(array(1_000L, -1L), exec("HPTTL", "k", "FIELDS", "2", "a", "d"));
        assertEquals(integer(1), exec("HSETEX", "k", "FIELDS", "1", "b", "20"));
        assertEquals(array(-1L), exec("HPTTL", "k", "FIELDS", "1", "b"), "HSETEX without KEEPTTL discards the expiry");
        long at = now() + 7_777;
        assertEquals(integer(1), exec("HSETEX", "k", "PXAT", Long.toString(at), "FIELDS", "1", "d", "40"));
        assertEquals(at, hpexpiretime("k", "d"));
        assertHash("k", Map.of("a", "10", "b", "20", "c", "3", "d", "40"));
        clock.advanceMillis(1_001);
        assertHash("k", Map.of("b", "20", "c", "3", "d", "40"));
    }

    @Test
    void hsetex_fnxAndFxx_areAllOrNothing() {
        hset("k", "a", "1");
        assertEquals(integer(0), exec("HSETEX", "k", "FNX", "PX", "100", "FIELDS", "2", "new", "x", "a", "y"));
        assertEquals(integer(0), exec("HSETEX", "k", "FXX", "FIELDS", "2", "a", "y", "new", "x"));
        assertHash("k", Map.of("a", "1"));
        assertEquals(array(-1L), exec("HTTL", "k", "FIELDS", "1", "a"));
        assertEquals(integer(1), exec("HSETEX", "k", "FXX", "PX", "100", "FIELDS", "1", "a", "y"));
        assertEquals(integer(1), exec("HSETEX", "k", "FNX", "FIELDS", "1", "new", "x"));
        assertHash("k", Map.of("a", "y", "new", "x"));
        assertEquals(array(100L, -1L), exec("HPTTL", "k", "FIELDS", "2", "a", "new"));
        assertEquals(integer(0), exec("HSETEX", "nokey", "FXX", "FIELDS", "1", "a", "1"));
        assertNoKey("nokey");
        assertEquals(integer(1), exec("HSETEX", "nokey", "FNX", "PX", "50", "FIELDS", "1", "a", "1"));
        assertEquals(array(50L), exec("HPTTL", "nokey", "FIELDS", "1", "a"));
    }

    @Test
    void hsetex_pastTime_deletesTheFields() {
        hset("k", "a", "1", "b", "2");
        assertEquals(integer(1), exec("HSETEX", "k", "PXAT", "1", "FIELDS", "1", "a", "new"));
        assertHash("k", Map.of("b", "2"));
        assertEquals(integer(1), exec("HSETEX", "k", "EXAT", "1", "FIELDS", "2", "b", "new", "c", "3"));
        assertNoKey("k");
        assertEquals(integer(1), exec("HSETEX", "nokey", "PXAT", "1", "FIELDS", "1", "a", "1"));
        assertNoKey("nokey");
    }

    @Test
    void hgetex_readsAndSetsOrRemovesTheExpiry() {
        hset("k", "a", "1", "b", "2");
        assertEquals(array("1", "2", null), exec("HGETEX", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(array(-1L, -1L), exec("HTTL", "k", "FIELDS", "2", "a", "b"));
        assertEquals(array("1", null), exec("HGETEX", "k", "PX", "300", "FIELDS", "2", "a", "c"));
        assertEquals(array(300L, -1L, -2L), exec("HPTTL", "k", "FIELDS", "3", "a", "b", "c"));
        assertEquals(packedExpiringHash(), encoding("k"));
        assertEquals(array("1"), exec("HGETEX", "k", "EX", "9", "FIELDS", "1", "a"));
        assertEquals(array(9_000L), exec("HPTTL", "k", "FIELDS", "1", "a"));
        assertEquals(array("1", "2"), exec("HGETEX", "k", "PERSIST", "FIELDS", "2", "a", "b"));
        assertEquals(array(-1L, -1L), exec("HTTL", "k", "FIELDS", "2", "a", "b"));
        assertEquals(packedHash(), encoding("k"));
        assertEquals(array("2"), exec("HGETEX", "k", "PXAT", "1", "FIELDS", "1", "b"));
        assertHash("k", Map.of("a", "1"));
        assertEquals(array("1"), exec("HGETEX", "k", "PXAT", Long.toString(now()), "FIELDS", "1", "a"));
        assertNoKey("k");
    }

    @Test
    void hgetdel_returnsAndDeletes() {
        hset("k", "a", "1", "b", "2", "c", "3");
        hpexpire("k", 10_000, "b");
        assertEquals(array("2", null, "1"), exec("HGETDEL", "k", "FIELDS", "3", "b", "x", "a"));
        assertHash("k", Map.of("c", "3"));
        assertEquals(packedHash(), encoding("k"));
        assertEquals(array(null, null), exec("HGETDEL", "nokey", "FIELDS", "2", "a", "b"));
        assertEquals(array("3", null), exec("HGETDEL", "k", "FIELDS", "2", "c", "c"));
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes());
    }

    // ------------------------------------------------------------------ which writers keep the expiry

    @Test
    void hincrbyAndHincrbyfloat_keepTheExpiry() {
        hset("k", "n", "1", "f", "1.5");
        hpexpire("k", 5_000, "n", "f");
        assertEquals(integer(3), exec("HINCRBY", "k", "n", "2"));
        assertEquals(bulk("2"), exec("HINCRBYFLOAT", "k", "f", "0.5"));
        assertEquals(array(5_000L, 5_000L), exec("HPTTL", "k", "FIELDS", "2", "n", "f"));
        clock.advanceMillis(5_001);
        assertEquals(integer(0), exec("HLEN", "k"));
        assertNoKey("k");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HSET k a 2", "HMSET k a 2", "KEEL.HGETSET k a 2", "KEEL.HREPLACE k a 2", "KEEL.HCAS k a 1 2",
        "HSETEX k FIELDS 1 a 2"})
    void overwritingWriters_clearTheExpiry(String line) {
        hset("k", "a", "1", "b", "x");
        hpexpire("k", 5_000, "a", "b");
        exec(line.split(" "));
        assertEquals(array(-1L, 5_000L), exec("HPTTL", "k", "FIELDS", "2", "a", "b"), line);
        assertEquals(bulk("2"), exec("HGET", "k", "a"));
    }

    @Test
    void hsetnxOnAnExistingField_keepsValueAndExpiry() {
        hset("k", "a", "1");
        hpexpire("k", 5_000, "a");
        assertEquals(integer(0), exec("HSETNX", "k", "a", "2"));
        assertEquals(array(5_000L), exec("HPTTL", "k", "FIELDS", "1", "a"));
        assertEquals(packedExpiringHash(), encoding("k"));
    }

    @Test
    void overwriteClearingTheLastExpiry_returnsToListpack() {
        hset("k", "a", "1", "b", "2");
        hpexpire("k", 5_000, "a");
        assertEquals(packedExpiringHash(), encoding("k"));
        hset("k", "a", "new");
        assertEquals(packedHash(), encoding("k"));
    }

    // ------------------------------------------------------------------ conversions keep expiries

    @Test
    void conversions_listpackToListpackexToHashtableAndBack_keepEveryExpiryExactly() {
        int max = Math.max(thresholds.hashMaxPackedEntries(), 2);
        hset("k", numberedFields("f", max / 2));
        assertEquals(packedHash(), encoding("k"));
        for (int i = 0; i < max / 2; i += 2) {
            hpexpire("k", 60_000 + i, "f" + i);
        }
        assertEquals(packedExpiringHash(), encoding("k"));
        Map<String, Long> packed = expiries("k");

        Map<String, String> more = numberedFields("g", max - max / 2 + 1);
        hset("k", more);
        assertEquals("hashtable", encoding("k"));
        Map<String, Long> table = expiries("k");
        for (Map.Entry<String, Long> expiry : packed.entrySet()) {
            assertEquals(expiry.getValue(), table.get(expiry.getKey()), "expiry of " + expiry.getKey() + " through the conversion to a table");
        }
        hpexpire("k", 70_000, "g0");
        table = expiries("k");

        for (String field : more.keySet()) {
            exec("HDEL", "k", field);
        }
        assertEquals(packedExpiringHash(), encoding("k"));
        Map<String, Long> packedAgain = expiries("k");
        table.keySet().retainAll(packedAgain.keySet());
        assertEquals(table, packedAgain, "expiries through the conversion back");

        for (String field : packed.keySet()) {
            exec("HPERSIST", "k", "FIELDS", "1", field);
        }
        assertEquals(packedHash(), encoding("k"), "HPERSIST of the last expiry drops the expiry slots at once");
        clock.advanceMillis(100_000);
        assertHash("k", numberedFields("f", max / 2));
    }

    @Test
    void conversionByALongValue_keepsEveryExpiry() {
        hset("k", "a", "1", "b", "2", "c", "3");
        hpexpire("k", 1_000, "a");
        hpexpire("k", 2_000, "b");
        Map<String, Long> before = expiries("k");
        hset("k", "c", "L".repeat(thresholds.hashMaxPackedValue() + 1));
        assertEquals("hashtable", encoding("k"));
        assertEquals(before, expiries("k"));
        clock.advanceMillis(1_001);
        assertEquals(array(-2L, 1_000L - 1, -1L), exec("HPTTL", "k", "FIELDS", "3", "a", "b", "c"));
    }

    @Test
    void hpersistInATable_keepsTheTableUntilARemovalMakesItPacked() {
        int fields = Math.max(thresholds.hashMaxPackedEntries(), 1) + 1;
        hset("k", numberedFields("f", fields));
        hpexpire("k", 1_000, "f0");
        assertEquals("hashtable", encoding("k"));
        assertEquals(array(1L), exec("HPERSIST", "k", "FIELDS", "1", "f0"));
        assertEquals("hashtable", encoding("k"));
        for (int i = fields - 1; i > Math.max(1, thresholds.hashMaxPackedEntries() / 2); i--) {
            exec("HDEL", "k", "f" + i);
        }
        exec("HDEL", "k", "f1");
        assertEquals(packedHash(), encoding("k"), "no field has an expiry, so listpack, not listpackex");
    }

    // ------------------------------------------------------------------ COPY and RENAME

    @Test
    void copy_hashWithFieldExpiry_copiesEveryExpiryIndependently() {
        Map<String, String> fields = numberedFields("f", 2 * Math.max(thresholds.hashMaxPackedEntries(), 3));
        hset("src", fields);
        hpexpire("src", 1_000, "f0");
        hpexpire("src", 2_000, "f1");
        String encoding = encoding("src");
        Map<String, Long> expiries = expiries("src");
        assertEquals(integer(1), exec("COPY", "src", "dst"));
        assertEquals(encoding, encoding("dst"));
        assertEquals(expiries, expiries("dst"));
        assertEquals(array(1L), exec("HPERSIST", "src", "FIELDS", "1", "f0"));
        assertEquals(array(1_000L), exec("HPTTL", "dst", "FIELDS", "1", "f0"));
        clock.advanceMillis(1_001);
        Map<String, String> left = new HashMap<>(fields);
        left.remove("f0");
        assertHash("dst", left);
        assertHash("src", fields);
        clock.advanceMillis(1_000);
        left.remove("f1");
        assertHash("dst", left);
    }

    @Test
    void copy_smallHashWithExpiry_keepsListpackex() {
        hset("src", "a", "1", "b", "2");
        hpexpire("src", 500, "a");
        exec("PEXPIRE", "src", "10000");
        assertEquals(integer(1), exec("COPY", "src", "dst"));
        assertEquals(packedExpiringHash(), encoding("dst"));
        assertEquals(integer(10_000), exec("PTTL", "dst"));
        clock.advanceMillis(501);
        assertHash("dst", Map.of("b", "2"));
        assertEquals(packedHash(), encoding("dst"));
    }

    @Test
    void rename_hashWithFieldExpiry_movesEveryExpiry() {
        hset("src", numberedFields("f", 3 * Math.max(thresholds.hashMaxPackedEntries(), 2)));
        hpexpire("src", 1_000, "f0", "f1");
        Map<String, Long> expiries = expiries("src");
        String encoding = encoding("src");
        assertEquals(Reply.OK, exec("RENAME", "src", "dst"));
        assertNoKey("src");
        assertEquals(encoding, encoding("dst"));
        assertEquals(expiries, expiries("dst"));
        clock.advanceMillis(1_001);
        assertEquals(array(-2L, -2L, -1L), exec("HTTL", "dst", "FIELDS", "3", "f0", "f1", "f2"));
    }

    // ------------------------------------------------------------------ what expiry metadata costs

    /**
     * A packed hash carries no 8-byte expiry slots until a field gets a time to live; the slots
     * come with the first one and go, block and all, with the last.
     */
    @Test
    void packedHash_hasExpirySlotsOnlyWhileAFieldHasATimeToLive() {
        if (!hashesPack()) {
            return;
        }
        int n = Math.min(thresholds.hashMaxPackedEntries(), 100);
        Map<String, String> fields = new LinkedHashMap<>();
        long entries = 0;
        for (int i = 0; i < n; i++) {
            fields.put("f" + i, "1");
            entries += PackedFieldsDescriptor.entryLength(("f" + i).length(), 1, false);
        }
        long start = store.memoryStats().usedBytes();
        hset("k", fields);
        long plain = store.memoryStats().usedBytes();
        String first = fields.keySet().iterator().next();
        hpexpire("k", 10_000, first);
        assertEquals("listpackex", encoding("k"));
        long withSlots = store.memoryStats().usedBytes();
        long slotBlock = OffHeapMemory.sizeFor(Math.max(32, PackedFieldsDescriptor.HEADER_LENGTH + entries + 8L * n));
        long plainBlock = OffHeapMemory.sizeFor(Math.max(32, PackedFieldsDescriptor.HEADER_LENGTH + entries));
        assertTrue(plain < withSlots, "a plain listpack (" + (plain - start) + " bytes) is smaller than a listpackex ("
                + (withSlots - start) + ")");
        assertEquals(array(1L), exec("HPERSIST", "k", "FIELDS", "1", first));
        assertEquals("listpack", encoding("k"));
        long persisted = store.memoryStats().usedBytes();
        assertEquals(slotBlock - plainBlock, withSlots - persisted, "the expiry slots, 8 bytes a field, and nothing else");
        assertTrue(persisted <= plain, "after HPERSIST of the last expiry the hash is as small as before");
    }

    /** In a hash table only the entries of fields with a time to live carry an expiry slot. */
    @Test
    void tableHash_payForExpiryOnlyInTheEntriesThatHaveOne() {
        int n = Math.max(thresholds.hashMaxPackedEntries(), 8) * 2;
        hset("k", numberedFields("field-", n));
        assertEquals("hashtable", encoding("k"));
        long before = store.memoryStats().usedBytes();
        hpexpire("k", 10_000, "field-7");
        long after = store.memoryStats().usedBytes();
        long growth = OffHeapMemory.sizeFor(FieldEntryDescriptor.entryLength("field-7".length(), "v7".length(), true))
                - OffHeapMemory.sizeFor(FieldEntryDescriptor.entryLength("field-7".length(), "v7".length(), false));
        assertEquals(growth, after - before, "one entry gained an expiry slot; the other " + (n - 1) + " did not change");
        hpexpire("k", 20_000, "field-7");
        assertEquals(after, store.memoryStats().usedBytes(), "a second expiry reuses the slot");
    }

    @Test
    void emptyingAHashWithExpiries_anyWay_freesEveryByte() {
        List<String[]> emptiers = List.of(
                new String[] {"DEL", "k"},
                new String[] {"UNLINK", "k"},
                new String[] {"HDEL", "k", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"},
                new String[] {"HPEXPIRE", "k", "0", "FIELDS", "10", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"},
                new String[] {"SET", "k", "string"},
                new String[] {"EXPIRE", "k", "0"});
        for (String[] emptier : emptiers) {
            hset("k", numberedFields("f", 10));
            hpexpire("k", 1_000, "f1", "f3");
            exec(emptier);
            exec("DEL", "k");
            assertNoKey("k");
            assertEquals(baselineBytes(), store.memoryStats().usedBytes(), String.join(" ", emptier));
        }
    }
}
