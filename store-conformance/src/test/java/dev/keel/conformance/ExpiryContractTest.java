package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.ExpireCondition;
import dev.keel.SetArgs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX, XX, GT, LT; TTL, PTTL, EXPIRETIME, PEXPIRETIME;
 * PERSIST; and which other commands keep a key's expiry.
 *
 * <p>Relative expiries are checked within a range; conditions that compare two expiries use
 * absolute ones ({@link #FUTURE_MILLIS}), so that the comparison does not depend on how much time
 * passed between two commands.
 */
class ExpiryContractTest extends ContractTest {

    private static String invalidExpire(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }

    // ------------------------------------------------------------------ EXPIRE and kin

    @Test
    void expire_existingKey_setsTtlAndReturnsOne() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 1000));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        long now = System.currentTimeMillis();
        assertBetween(now / 1000 + 990, now / 1000 + 1001, redis.expiretime("k"), "EXPIRETIME");
        assertBetween(now + 990_000, now + 1_000_000, redis.pexpiretime("k"), "PEXPIRETIME");
        assertReply(integer(1), "EXPIRE", "k", "2000");
        assertBetween(1999, 2000, redis.ttl("k"), "TTL");
    }

    @Test
    void expire_missingKey_returnsZero() {
        assertFalse(redis.expire("missing", 1000));
        assertReply(integer(0), "PEXPIRE", "missing", "100");
        assertReply(integer(0), "EXPIREAT", "missing", "1");
        assertReply(integer(0), "PEXPIREAT", "missing", "9223372036854775807");
        assertReply(integer(0), "EXPIRE", "missing", "-1");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void expire_keyExpiredInThePast_returnsZero() {
        redis.set("k", "v", SetArgs.exat(1));
        assertFalse(redis.expire("k", 1000));
        assertEquals(-2, redis.ttl("k"));
    }

    @Test
    void pexpire_andDuration_setMilliseconds() {
        redis.set("k", "v");
        assertTrue(redis.pexpire("k", 1_500_000));
        assertBetween(1_490_000, 1_500_000, redis.pttl("k"), "PTTL");
        assertTrue(redis.expire("k", Duration.ofMillis(2_250_000)));
        assertBetween(2_240_000, 2_250_000, redis.pttl("k"), "PTTL");
        assertReply(integer(1), "PEXPIRE", "k", "1000000");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
    }

    @Test
    void expireat_andPexpireat_setAbsoluteExpiry() {
        redis.set("k", "v");
        assertTrue(redis.expireat("k", FUTURE_SECONDS));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        assertTrue(redis.pexpireat("k", FUTURE_MILLIS + 1_234));
        assertEquals(FUTURE_MILLIS + 1_234, redis.pexpiretime("k"));
        assertTrue(redis.expireat("k", Instant.ofEpochMilli(FUTURE_MILLIS + 4_321)));
        assertEquals(FUTURE_MILLIS + 4_321, redis.pexpiretime("k"));
        assertReply(integer(1), "EXPIREAT", "k", Long.toString(FUTURE_SECONDS + 1));
        assertReply(integer(FUTURE_SECONDS + 1), "EXPIRETIME", "k");
        assertReply(integer(1), "PEXPIREAT", "k", Long.toString(FUTURE_MILLIS + 7));
        assertReply(integer(FUTURE_MILLIS + 7), "PEXPIRETIME", "k");
    }

    @Test
    void expireat_futureInstant_countsDownTheTtl() {
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        redis.set("k", "v");
        redis.expireat("k", inAnHour);
        assertBetween(3590, 3600, redis.ttl("k"), "TTL");
    }

    @Test
    void expire_zeroOrNegative_deletesKeyAndReturnsOne() {
        redis.set("a", "v");
        redis.set("b", "v");
        redis.set("c", "v");
        redis.set("d", "v");
        redis.set("e", "v");
        assertTrue(redis.expire("a", 0));
        assertTrue(redis.expire("b", -5));
        assertTrue(redis.pexpire("c", -1));
        assertTrue(redis.expireat("d", 1));
        assertReply(integer(1), "PEXPIREAT", "e", "0");
        assertEquals(0, redis.exists("a", "b", "c", "d", "e"));
        assertNull(redis.get("a"));
        assertEquals(-2, redis.ttl("e"));
    }

    @Test
    void pexpireat_now_deletesKey() {
        redis.set("k", "v");
        assertTrue(redis.pexpireat("k", System.currentTimeMillis()));
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void pexpireat_longMax_isAccepted() {
        redis.set("k", "v");
        assertTrue(redis.pexpireat("k", Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, redis.pexpiretime("k"));
        assertEquals(9223372036854776L, redis.expiretime("k"));
        long now = System.currentTimeMillis();
        assertBetween(Long.MAX_VALUE - now - 60_000, Long.MAX_VALUE - now + 60_000, redis.pttl("k"), "PTTL");
        assertBetween((Long.MAX_VALUE - now) / 1000 - 60, (Long.MAX_VALUE - now) / 1000 + 60, redis.ttl("k"), "TTL");
    }

    @Test
    void expire_overflowingAmounts_returnInvalidExpireTime() {
        redis.set("k", "v");
        assertRefusedUnchanged(invalidExpire("expire"), "EXPIRE", "k", "9223372036854776");
        assertRefusedUnchanged(invalidExpire("expire"), "EXPIRE", "k", "-9223372036854776");
        assertRefusedUnchanged(invalidExpire("expire"), "EXPIRE", "k", "9223372036854775");
        assertRefusedUnchanged(invalidExpire("pexpire"), "PEXPIRE", "k", "9223372036854775807");
        assertRefusedUnchanged(invalidExpire("expireat"), "EXPIREAT", "k", "9223372036854775807");
        assertRefusedUnchanged(invalidExpire("expireat"), "EXPIREAT", "k", "-9223372036854775808");
        assertRefusedUnchanged(invalidExpire("expire"), "EXPIRE", "missing", "9223372036854776");
        assertThrowsRedis(invalidExpire("pexpire"), () -> redis.pexpire("k", Long.MAX_VALUE));
        assertThrowsRedis(invalidExpire("expire"), () -> redis.expire("k", Long.MAX_VALUE));
    }

    @Test
    void expire_hugeNegativeAmount_deletesKey() {
        redis.set("k", "v");
        assertReply(integer(1), "EXPIRE", "k", "-9223372036854775");
        assertEquals(0, redis.exists("k"));
        redis.set("k", "v");
        assertReply(integer(1), "PEXPIRE", "k", "-9223372036854775808");
        assertEquals(0, redis.exists("k"));
        redis.set("k", "v");
        assertReply(integer(1), "PEXPIREAT", "k", "-9223372036854775808");
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void expire_notAnInteger_returnsNotInteger() {
        redis.set("k", "v");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "1.5");
        assertRefusedUnchanged(NOT_INTEGER, "PEXPIREAT", "k", "+100");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIRE", "k", "");
        assertRefusedUnchanged(NOT_INTEGER, "PEXPIRE", "k", "9223372036854775808");
        assertRefusedUnchanged(NOT_INTEGER, "EXPIREAT", "missing", "x");
    }

    @Test
    void expire_unsupportedOption_returnsUnsupportedOptionBeforeParsingAmount() {
        redis.set("k", "v");
        assertRefusedUnchanged("ERR Unsupported option foo", "EXPIRE", "k", "10", "foo");
        assertRefusedUnchanged("ERR Unsupported option foo", "EXPIRE", "k", "abc", "foo");
        assertRefusedUnchanged("ERR Unsupported option KEEPTTL", "PEXPIRE", "k", "10", "KEEPTTL");
        assertRefusedUnchanged("ERR Unsupported option bar", "EXPIREAT", "k", "10", "NX", "bar");
        assertRefusedUnchanged("ERR Unsupported option foo", "PEXPIREAT", "missing", "10", "foo");
    }

    @Test
    void expire_incompatibleOptions_returnTheirErrors() {
        redis.set("k", "v");
        String nxWithOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "10", "NX", "XX");
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "10", "nx", "gt");
        assertRefusedUnchanged(nxWithOthers, "PEXPIRE", "k", "10", "LT", "NX");
        assertRefusedUnchanged("ERR GT and LT options at the same time are not compatible", "EXPIRE", "k", "10", "GT", "LT");
        assertRefusedUnchanged("ERR GT and LT options at the same time are not compatible", "EXPIREAT", "k", "10", "XX", "LT", "GT");
        assertRefusedUnchanged(nxWithOthers, "EXPIRE", "k", "abc", "NX", "XX");
    }

    @Test
    void expire_xxWithGtAndRepeats_areAccepted() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(1), "PEXPIREAT", "k", Long.toString(FUTURE_MILLIS + 10), "XX", "GT");
        assertReply(integer(1), "PEXPIREAT", "k", Long.toString(FUTURE_MILLIS + 20), "XX", "XX");
        assertReply(integer(1), "PEXPIREAT", "k", Long.toString(FUTURE_MILLIS + 5), "LT", "LT", "XX");
        assertEquals(FUTURE_MILLIS + 5, redis.pexpiretime("k"));
    }

    // ------------------------------------------------------------------ NX, XX, GT, LT

    @Test
    void expire_nx_setsOnlyWithoutTtl() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 1000, ExpireCondition.NX));
        assertFalse(redis.expire("k", 5000, ExpireCondition.NX));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(integer(0), "EXPIREAT", "k", Long.toString(FUTURE_SECONDS), "NX");
    }

    @Test
    void expire_xx_setsOnlyWithTtl() {
        redis.set("k", "v");
        assertFalse(redis.expire("k", 1000, ExpireCondition.XX));
        assertEquals(-1, redis.ttl("k"));
        redis.expire("k", 5000);
        assertTrue(redis.expire("k", 1000, ExpireCondition.XX));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
    }

    @Test
    void expire_gt_neverSetsOnPersistentKey() {
        redis.set("k", "v");
        assertFalse(redis.expire("k", 1000, ExpireCondition.GT));
        assertFalse(redis.pexpireat("k", Long.MAX_VALUE, ExpireCondition.GT));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void expire_gt_setsOnlyWhenLater() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertFalse(redis.pexpireat("k", FUTURE_MILLIS - 1, ExpireCondition.GT));
        assertFalse(redis.pexpireat("k", FUTURE_MILLIS, ExpireCondition.GT));
        assertFalse(redis.expire("k", 1000, ExpireCondition.GT));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        assertTrue(redis.pexpireat("k", FUTURE_MILLIS + 1, ExpireCondition.GT));
        assertEquals(FUTURE_MILLIS + 1, redis.pexpiretime("k"));
        assertTrue(redis.expireat("k", FUTURE_SECONDS + 1, ExpireCondition.GT));
        assertEquals(FUTURE_SECONDS + 1, redis.expiretime("k"));
    }

    @Test
    void expire_lt_alwaysSetsOnPersistentKey() {
        redis.set("k", "v");
        assertTrue(redis.expire("k", 1000, ExpireCondition.LT));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        redis.set("j", "v");
        assertTrue(redis.pexpireat("j", FUTURE_MILLIS, ExpireCondition.LT));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("j"));
    }

    @Test
    void expire_lt_setsOnlyWhenEarlier() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertFalse(redis.pexpireat("k", FUTURE_MILLIS + 1, ExpireCondition.LT));
        assertFalse(redis.pexpireat("k", FUTURE_MILLIS, ExpireCondition.LT));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        assertTrue(redis.pexpireat("k", FUTURE_MILLIS - 1, ExpireCondition.LT));
        assertEquals(FUTURE_MILLIS - 1, redis.pexpiretime("k"));
        assertTrue(redis.expire("k", 1000, ExpireCondition.LT));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
    }

    @Test
    void expire_conditionsOnMissingKey_returnZero() {
        for (ExpireCondition condition : ExpireCondition.values()) {
            assertFalse(redis.expire("missing", 1000, condition), condition.name());
            assertFalse(redis.pexpire("missing", 1000, condition), condition.name());
            assertFalse(redis.expireat("missing", FUTURE_SECONDS, condition), condition.name());
            assertFalse(redis.pexpireat("missing", FUTURE_MILLIS, condition), condition.name());
        }
        assertEquals(0, redis.dbsize());
    }

    @Test
    void expire_negativeWithGtOrLt_deletesOnlyWhenConditionHolds() {
        redis.set("k", "v");
        assertReply(integer(0), "EXPIRE", "k", "-5", "GT");
        assertReply(integer(0), "EXPIRE", "k", "-5", "XX");
        assertEquals(1, redis.exists("k"));
        assertReply(integer(1), "EXPIRE", "k", "-5", "LT");
        assertEquals(0, redis.exists("k"));
        redis.set("j", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(0), "PEXPIREAT", "j", "1", "GT");
        assertReply(integer(0), "PEXPIREAT", "j", "1", "NX");
        assertEquals(1, redis.exists("j"));
        assertReply(integer(1), "PEXPIREAT", "j", "1", "XX");
        assertEquals(0, redis.exists("j"));
    }

    @Test
    void expire_conditionsInAnyCase_areAccepted() {
        redis.set("k", "v");
        assertReply(integer(1), "expire", "k", "1000", "nx");
        assertReply(integer(1), "Expire", "k", "2000", "Gt");
        assertReply(integer(1), "PEXPIREAT", "k", Long.toString(FUTURE_MILLIS), "xX");
        assertReply(integer(1), "pexpireat", "k", Long.toString(FUTURE_MILLIS - 1), "lt");
    }

    // ------------------------------------------------------------------ TTL, PTTL, EXPIRETIME, PEXPIRETIME

    @Test
    void ttl_missingKey_returnsMinusTwo() {
        assertEquals(-2, redis.ttl("missing"));
        assertEquals(-2, redis.pttl("missing"));
        assertEquals(-2, redis.expiretime("missing"));
        assertEquals(-2, redis.pexpiretime("missing"));
        assertReply(integer(-2), "TTL", "missing");
        assertReply(integer(-2), "PEXPIRETIME", "missing");
    }

    @Test
    void ttl_keyExpiredInThePast_returnsMinusTwo() {
        redis.set("k", "v", SetArgs.pxat(1));
        assertEquals(-2, redis.ttl("k"));
        assertEquals(-2, redis.pttl("k"));
        assertEquals(-2, redis.expiretime("k"));
        assertEquals(-2, redis.pexpiretime("k"));
    }

    @Test
    void ttl_persistentKey_returnsMinusOne() {
        redis.set("k", "v");
        assertReply(integer(-1), "TTL", "k");
        assertReply(integer(-1), "PTTL", "k");
        assertReply(integer(-1), "EXPIRETIME", "k");
        assertReply(integer(-1), "PEXPIRETIME", "k");
        assertEquals(-1, redis.ttl("k"));
        assertEquals(-1, redis.pexpiretime("k"));
    }

    @Test
    void expiretime_partialSeconds_roundsToNearest() {
        redis.set("a", "v", SetArgs.pxat(FUTURE_MILLIS + 499));
        redis.set("b", "v", SetArgs.pxat(FUTURE_MILLIS + 500));
        redis.set("c", "v", SetArgs.pxat(FUTURE_MILLIS + 999));
        assertEquals(FUTURE_SECONDS, redis.expiretime("a"));
        assertEquals(FUTURE_SECONDS + 1, redis.expiretime("b"));
        assertEquals(FUTURE_SECONDS + 1, redis.expiretime("c"));
        assertEquals(FUTURE_MILLIS + 499, redis.pexpiretime("a"));
    }

    @Test
    void ttl_farFutureExpiry_countsDownFromThatInstant() {
        redis.set("k", "v", SetArgs.exat(FUTURE_SECONDS));
        long now = System.currentTimeMillis();
        assertBetween(FUTURE_MILLIS - now - 60_000, FUTURE_MILLIS - now, redis.pttl("k"), "PTTL");
        assertBetween((FUTURE_MILLIS - now) / 1000 - 60, (FUTURE_MILLIS - now) / 1000 + 1, redis.ttl("k"), "TTL");
    }

    // ------------------------------------------------------------------ PERSIST

    @Test
    void persist_keyWithTtl_removesItAndReturnsOne() {
        redis.set("k", "v", SetArgs.ex(1000));
        assertTrue(redis.persist("k"));
        assertEquals(-1, redis.ttl("k"));
        assertEquals(-1, redis.pexpiretime("k"));
        assertEquals("v", redis.get("k"));
        redis.set("j", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(1), "PERSIST", "j");
        assertEquals(-1, redis.pttl("j"));
    }

    @Test
    void persist_persistentOrMissingKey_returnsZero() {
        redis.set("k", "v");
        assertFalse(redis.persist("k"));
        assertReply(integer(0), "PERSIST", "missing");
        assertEquals(0, redis.exists("missing"));
    }

    @Test
    void persist_keyExpiredInThePast_returnsZero() {
        redis.set("k", "v", SetArgs.exat(1));
        assertFalse(redis.persist("k"));
        assertEquals(0, redis.exists("k"));
    }

    // ------------------------------------------------------------------ expiry across other commands

    @Test
    void expirySurvivesIncrAppendSetrangeIncrbyfloatRenameCopy() {
        redis.set("n", "1", SetArgs.pxat(FUTURE_MILLIS + 42));
        redis.incr("n");
        redis.decrby("n", 2);
        redis.append("n", "0");
        redis.setrange("n", 0, "3");
        redis.incrbyfloat("n", "0.5");
        redis.rename("n", "m");
        redis.copy("m", "c");
        redis.setGet("c", "x", SetArgs.keepttl());
        assertEquals(FUTURE_MILLIS + 42, redis.pexpiretime("m"));
        assertEquals(FUTURE_MILLIS + 42, redis.pexpiretime("c"));
        assertEquals("30.5", redis.get("m"));
    }

    @Test
    void expiryIsClearedBySetGetsetMsetAndSetex() {
        redis.set("a", "1", SetArgs.pxat(FUTURE_MILLIS));
        redis.set("a", "x");
        assertEquals(-1, redis.ttl("a"));
        redis.expireat("a", FUTURE_SECONDS);
        redis.getset("a", "y");
        assertEquals(-1, redis.ttl("a"));
        redis.expireat("a", FUTURE_SECONDS);
        exec("MSET", "a", "z");
        assertEquals(-1, redis.ttl("a"));
        redis.expireat("a", FUTURE_SECONDS);
        redis.setex("a", 1000, "w");
        assertBetween(999, 1000, redis.ttl("a"), "TTL");
    }

    @Test
    void expiry_binaryKey_appliesToThatKey() {
        byte[] key = {'t', 0, (byte) 0xFF};
        binary.set(key, bytes("v"));
        assertTrue(binary.pexpireat(key, FUTURE_MILLIS));
        assertEquals(FUTURE_MILLIS, binary.pexpiretime(key));
        assertEquals(-2, redis.pexpiretime("t"));
        assertTrue(binary.persist(key));
        assertEquals(-1, binary.ttl(key));
    }

    @Test
    void manyKeys_someExpiredInThePast_onlyLiveKeysRemain() {
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0) {
                redis.set("k" + i, "v", SetArgs.pxat(1 + i));
            } else {
                redis.set("k" + i, "v", SetArgs.pxat(FUTURE_MILLIS + i));
            }
        }
        int alive = 0;
        for (int i = 0; i < 100; i++) {
            if (redis.get("k" + i) != null) {
                alive++;
                assertEquals(1, i % 2, "k" + i);
                assertEquals(FUTURE_MILLIS + i, redis.pexpiretime("k" + i));
            }
        }
        assertEquals(50, alive);
        assertEquals(50, redis.keys("*").size());
    }
}
