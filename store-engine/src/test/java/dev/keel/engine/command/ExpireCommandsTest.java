package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.ExpireCondition;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX, XX, GT, LT; TTL, PTTL, EXPIRETIME, PEXPIRETIME; PERSIST. */
class ExpireCommandsTest extends AbstractCommandTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    // ------------------------------------------------------------------ EXPIRE and kin

    @Test
    void expire_existingKey_setsTtlAndReturnsOne() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 10));
        assertEquals(10, redis.ttl("k"));
        assertEquals(10_000, redis.pttl("k"));
        assertEquals(now() / 1000 + 10, redis.expiretime("k"));
        assertEquals(now() + 10_000, redis.pexpiretime("k"));
    }

    @Test
    void expire_missingKey_returnsZero() {
        assertFalse(redis.expire("missing", 10));
        assertReply(integer(0), "PEXPIRE", "missing", "100");
        assertReply(integer(0), "EXPIREAT", "missing", "1");
        assertReply(integer(0), "PEXPIREAT", "missing", "9223372036854775807");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void expire_afterTtl_keyVanishesAtThatMillisecond() {
        redis.set("k", "v");
        redis.expire("k", 2);
        clock.advanceMillis(1_999);
        assertEquals("v", redis.get("k"));
        assertEquals(1, redis.pttl("k"));
        clock.advanceMillis(2);
        assertNull(redis.get("k"));
        assertEquals(-2, redis.ttl("k"));
        assertEquals(-2, redis.pttl("k"));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void pexpire_andDuration_setMilliseconds() {
        redis.set("k", "v");
        assertTrue(redis.pexpire("k", 1_500));
        assertEquals(1_500, redis.pttl("k"));
        assertTrue(redis.expire("k", Duration.ofMillis(2_250)));
        assertEquals(2_250, redis.pttl("k"));
    }

    @Test
    void expireat_andPexpireat_setAbsoluteExpiry() {
        redis.set("k", "v");
        long seconds = now() / 1000 + 100;
        assertTrue(redis.expireat("k", seconds));
        assertEquals(seconds, redis.expiretime("k"));
        assertTrue(redis.pexpireat("k", now() + 1_234));
        assertEquals(now() + 1_234, redis.pexpiretime("k"));
        assertTrue(redis.expireat("k", Instant.ofEpochMilli(now() + 4_321)));
        assertEquals(4_321, redis.pttl("k"));
    }

    @Test
    void expire_zeroOrNegative_deletesKeyAndReturnsOne() {
        redis.set("a", "v");
        redis.set("b", "v");
        redis.set("c", "v");
        redis.set("d", "v");
        assertTrue(redis.expire("a", 0));
        assertTrue(redis.expire("b", -5));
        assertTrue(redis.pexpire("c", -1));
        assertTrue(redis.expireat("d", 1));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void pexpireat_now_deletesKey() {
        redis.set("k", "v");
        assertTrue(redis.pexpireat("k", now()));
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void pexpireat_longMax_isAccepted() {
        redis.set("k", "v");
        assertTrue(redis.pexpireat("k", Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, redis.pexpiretime("k"));
        assertEquals(9223372036854776L, redis.expiretime("k"));
        assertEquals(Long.MAX_VALUE - now(), redis.pttl("k"));
        assertEquals((Long.MAX_VALUE - now()) / 1000 + 1, redis.ttl("k"));
    }

    @Test
    void expire_overflowingAmounts_returnInvalidExpireTime() {
        redis.set("k", "v");
        assertRefusedUnchanged("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854776");
        assertRefusedUnchanged("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "-9223372036854776");
        assertRefusedUnchanged("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854775");
        assertRefusedUnchanged("ERR invalid expire time in 'pexpire' command", "PEXPIRE", "k", "9223372036854775807");
        assertRefusedUnchanged("ERR invalid expire time in 'expireat' command", "EXPIREAT", "k", "9223372036854775807");
        assertRefusedUnchanged("ERR invalid expire time in 'expire' command", "EXPIRE", "missing", "9223372036854776");
        assertThrowsKeel("ERR invalid expire time in 'pexpire' command", () -> redis.pexpire("k", Long.MAX_VALUE));
    }

    @Test
    void expire_hugeNegativeAmount_deletesKey() {
        redis.set("k", "v");
        assertReply(integer(1), "EXPIRE", "k", "-9223372036854775");
        assertEquals(0, redis.exists("k"));
        redis.set("k", "v");
        assertReply(integer(1), "PEXPIRE", "k", "-9223372036854775808");
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void expire_notAnInteger_returnsNotInteger() {
        redis.set("k", "v");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "1.5");
        assertRefusedUnchanged(NOT_INTEGER, "PEXPIREAT", "k", "+100");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "");
    }

    @Test
    void expire_unsupportedOption_returnsUnsupportedOptionBeforeParsingAmount() {
        redis.set("k", "v");
        assertRefusedUnchanged("ERR Unsupported option foo", "EXPIRE", "k", "10", "foo");
        assertRefusedUnchanged("ERR Unsupported option foo", "EXPIRE", "k", "abc", "foo");
        assertRefusedUnchanged("ERR Unsupported option KEEPTTL", "PEXPIRE", "k", "10", "KEEPTTL");
    }

    @Test
    void expire_incompatibleOptions_returnTheirErrors() {
        redis.set("k", "v");
        String nxWithOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "10", "NX", "XX");
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "10", "nx", "gt");
        assertRefusedUnchanged(nxWithOthers, "PEXPIRE", "k", "10", "LT", "NX");
        assertRefusedUnchanged("ERR GT and LT options at the same time are not compatible", "EXPIRE", "k", "10", "GT", "LT");
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "abc", "NX", "XX");
    }

    @Test
    void expire_xxWithGtAndRepeats_areAccepted() {
        redis.set("k", "v", SetArgs.ex(10));
        assertReply(integer(1), "EXPIRE", "k", "20", "XX", "GT");
        assertReply(integer(1), "EXPIRE", "k", "30", "XX", "XX");
        assertEquals(30, redis.ttl("k"));
    }

    @Test
    void expire_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'expire' command", "EXPIRE", "k");
        assertError("ERR wrong number of arguments for 'pexpireat' command", "PEXPIREAT", "k");
    }

    // ------------------------------------------------------------------ NX, XX, GT, LT

    @Test
    void expire_nx_setsOnlyWithoutTtl() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 10, ExpireCondition.NX));
        assertFalse(redis.expire("k", 50, ExpireCondition.NX));
        assertEquals(10, redis.ttl("k"));
    }

    @Test
    void expire_xx_setsOnlyWithTtl() {
        redis.set("k", "v");
        assertFalse(redis.expire("k", 10, ExpireCondition.XX));
        assertEquals(-1, redis.ttl("k"));
        redis.expire("k", 100);
        assertTrue(redis.expire("k", 50, ExpireCondition.XX));
        assertEquals(50, redis.ttl("k"));
    }

    @Test
    void expire_gt_neverSetsOnPersistentKey() {
        redis.set("k", "v");
        assertFalse(redis.expire("k", 100, ExpireCondition.GT));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void expire_gt_setsOnlyWhenLater() {
        redis.set("k", "v", SetArgs.ex(100));
        assertFalse(redis.expire("k", 50, ExpireCondition.GT));
        assertFalse(redis.expire("k", 100, ExpireCondition.GT));
        assertTrue(redis.expire("k", 200, ExpireCondition.GT));
        assertEquals(200, redis.ttl("k"));
    }

    @Test
    void expire_lt_alwaysSetsOnPersistentKey() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 100, ExpireCondition.LT));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void expire_lt_setsOnlyWhenEarlier() {
        redis.set("k", "v", SetArgs.ex(100));
        assertFalse(redis.expire("k", 200, ExpireCondition.LT));
        assertFalse(redis.expire("k", 100, ExpireCondition.LT));
        assertTrue(redis.expire("k", 50, ExpireCondition.LT));
        assertEquals(50, redis.ttl("k"));
    }

    @Test
    void expire_conditionsOnMissingKey_returnZero() {
        for (ExpireCondition condition : ExpireCondition.values()) {
            assertFalse(redis.expire("missing", 10, condition), condition.name());
        }
    }

    @Test
    void expire_negativeWithGtOrLt_deletesOnlyWhenConditionHolds() {
        redis.set("k", "v");
        assertReply(integer(0), "EXPIRE", "k", "-5", "GT");
        assertEquals(1, redis.exists("k"));
        assertReply(integer(1), "EXPIRE", "k", "-5", "LT");
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void pexpire_conditionsAtMillisecondPrecision_compareAbsoluteTimes() {
        redis.set("k", "v", SetArgs.px(1_000));
        assertFalse(redis.pexpire("k", 1_000, ExpireCondition.GT));
        assertTrue(redis.pexpire("k", 1_001, ExpireCondition.GT));
        assertFalse(redis.pexpireat("k", now() + 1_001, ExpireCondition.LT));
        assertTrue(redis.pexpireat("k", now() + 1_000, ExpireCondition.LT));
        assertEquals(1_000, redis.pttl("k"));
        assertTrue(redis.expireat("k", now() / 1000 + 5, ExpireCondition.XX));
        assertEquals(5_000, redis.pttl("k"));
    }

    @Test
    void expire_conditionsInAnyCase_areAccepted() {
        redis.set("k", "v");
        assertReply(integer(1), "expire", "k", "10", "nx");
        assertReply(integer(1), "Expire", "k", "20", "Gt");
    }

    // ------------------------------------------------------------------ TTL, PTTL, EXPIRETIME, PEXPIRETIME

    @Test
    void ttl_missingKey_returnsMinusTwo() {
        assertEquals(-2, redis.ttl("missing"));
        assertEquals(-2, redis.pttl("missing"));
        assertEquals(-2, redis.expiretime("missing"));
        assertEquals(-2, redis.pexpiretime("missing"));
    }

    @Test
    void ttl_persistentKey_returnsMinusOne() {
        redis.set("k", "v");
        assertReply(integer(-1), "TTL", "k");
        assertReply(integer(-1), "PTTL", "k");
        assertReply(integer(-1), "EXPIRETIME", "k");
        assertReply(integer(-1), "PEXPIRETIME", "k");
    }

    @Test
    void ttl_partialSeconds_roundsToNearest() {
        redis.set("k", "v", SetArgs.px(10_000));
        clock.advanceMillis(499);
        assertEquals(9_501, redis.pttl("k"));
        assertEquals(10, redis.ttl("k"));
        clock.advanceMillis(1);
        assertEquals(9_500, redis.pttl("k"));
        assertEquals(10, redis.ttl("k"));
        clock.advanceMillis(1);
        assertEquals(9, redis.ttl("k"));
        redis.set("s", "v", SetArgs.px(400));
        assertEquals(0, redis.ttl("s"));
        redis.set("s", "v", SetArgs.px(500));
        assertEquals(1, redis.ttl("s"));
    }

    @Test
    void expiretime_partialSeconds_roundsToNearest() {
        long base = now();
        redis.set("a", "v", SetArgs.pxat(base + 1_499));
        redis.set("b", "v", SetArgs.pxat(base + 1_500));
        assertEquals(base / 1000 + 1, redis.expiretime("a"));
        assertEquals(base / 1000 + 2, redis.expiretime("b"));
        assertEquals(base + 1_499, redis.pexpiretime("a"));
    }

    @Test
    void expiretime_doesNotChangeAsTimePasses() {
        redis.set("k", "v", SetArgs.ex(100));
        long at = redis.pexpiretime("k");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(at, redis.pexpiretime("k"));
        assertEquals(40, redis.ttl("k"));
    }

    @Test
    void ttl_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'ttl' command", "TTL", "a", "b");
        assertError("ERR wrong number of arguments for 'pttl' command", "PTTL");
        assertError("ERR wrong number of arguments for 'expiretime' command", "EXPIRETIME");
        assertError("ERR wrong number of arguments for 'pexpiretime' command", "PEXPIRETIME", "a", "b");
    }

    @Test
    void pttl_atExactExpiryMillisecond_returnsZero() {
        redis.set("k", "v", SetArgs.px(100));
        clock.advanceMillis(100);
        assertEquals(0, redis.pttl("k"));
        assertEquals("v", redis.get("k"));
    }

    // ------------------------------------------------------------------ PERSIST

    @Test
    void persist_keyWithTtl_removesItAndReturnsOne() {
        redis.set("k", "v", SetArgs.ex(10));
        assertTrue(redis.persist("k"));
        assertEquals(-1, redis.ttl("k"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void persist_persistentOrMissingKey_returnsZero() {
        redis.set("k", "v");
        assertFalse(redis.persist("k"));
        assertReply(integer(0), "PERSIST", "missing");
    }

    @Test
    void persist_expiredKey_returnsZero() {
        redis.set("k", "v", SetArgs.px(10));
        clock.advanceMillis(11);
        assertFalse(redis.persist("k"));
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void persist_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'persist' command", "PERSIST");
    }

    // ------------------------------------------------------------------ TTL across other commands

    @Test
    void ttlSurvivesRenameCopyAppendSetrangeIncr_butNotSetGetsetMset() {
        redis.set("n", "1", SetArgs.ex(100));
        redis.incr("n");
        redis.append("n", "0");
        redis.setrange("n", 0, "3");
        redis.incrbyfloat("n", "0.5");
        redis.rename("n", "m");
        redis.copy("m", "c");
        assertEquals(100, redis.ttl("m"));
        assertEquals(100, redis.ttl("c"));
        redis.set("m", "x");
        assertEquals(-1, redis.ttl("m"));
        redis.expire("c", 100);
        redis.getset("c", "y");
        assertEquals(-1, redis.ttl("c"));
        redis.expire("c", 100);
        exec("MSET", "c", "z");
        assertEquals(-1, redis.ttl("c"));
    }

    @Test
    void manyKeysWithTtl_expireIndependently() {
        for (int i = 1; i <= 100; i++) {
            redis.set("k" + i, "v", SetArgs.px(i * 10L));
        }
        clock.advanceMillis(505);
        int alive = 0;
        for (int i = 1; i <= 100; i++) {
            if (redis.get("k" + i) != null) {
                alive++;
                assertTrue(i > 50, "k" + i);
            }
        }
        assertEquals(50, alive);
        assertEquals(50, redis.dbsize());
        assertEquals(50, redis.keys("*").size());
    }
}
