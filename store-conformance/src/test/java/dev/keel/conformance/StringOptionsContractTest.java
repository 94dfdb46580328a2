package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.GetExArgs;
import dev.keel.Reply;
import dev.keel.SetArgs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SET with its options (EX, PX, EXAT, PXAT, NX, XX, KEEPTTL, GET) and GETEX. */
class StringOptionsContractTest extends ContractTest {
    private static final String SET_EXPIRE = "ERR invalid expire time in 'set' command";
    private static final String GETEX_EXPIRE = "ERR invalid expire time in 'getex' command";

    // ------------------------------------------------------------------ expiry options

    @Test
    void set_ex_setsTtlInSeconds() {
        assertEquals("OK", redis.set("k", "v", SetArgs.ex(1000)));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertReply(Reply.OK, "SET", "j", "v", "EX", "1000");
        assertBetween(999, 1000, redis.ttl("j"), "TTL");
    }

    @Test
    void set_px_setsTtlInMilliseconds() {
        assertReply(Reply.OK, "SET", "k", "v", "PX", "1000000");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertEquals("OK", redis.set("j", "v", SetArgs.px(1_500_000)));
        assertBetween(1_490_000, 1_500_000, redis.pttl("j"), "PTTL");
        assertBetween(1499, 1500, redis.ttl("j"), "TTL");
    }

    @Test
    void set_exDuration_sendsMilliseconds() {
        redis.set("k", "v", SetArgs.ex(Duration.ofMillis(1_000_500)));
        assertBetween(990_000, 1_000_500, redis.pttl("k"), "PTTL");
    }

    @Test
    void set_exat_expiresAtThatSecond() {
        assertEquals("OK", redis.set("k", "v", SetArgs.exat(FUTURE_SECONDS)));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        assertReply(Reply.OK, "SET", "j", "v", "EXAT", Long.toString(FUTURE_SECONDS + 1));
        assertReply(integer(FUTURE_SECONDS + 1), "EXPIRETIME", "j");
    }

    @Test
    void set_pxat_expiresAtThatMillisecond() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS + 1_234));
        assertEquals(FUTURE_MILLIS + 1_234, redis.pexpiretime("k"));
        redis.set("j", "v", SetArgs.exat(Instant.ofEpochMilli(FUTURE_MILLIS + 77)));
        assertEquals(FUTURE_MILLIS + 77, redis.pexpiretime("j"));
        assertReply(Reply.OK, "SET", "i", "v", "PXAT", Long.toString(FUTURE_MILLIS + 1));
        assertReply(integer(FUTURE_MILLIS + 1), "PEXPIRETIME", "i");
    }

    @Test
    void set_exatInThePast_repliesOkButKeyIsGone() {
        redis.set("k", "old");
        assertReply(Reply.OK, "SET", "k", "v", "EXAT", "1");
        assertNull(redis.get("k"));
        assertEquals(0, redis.exists("k"));
        assertEquals(-2, redis.ttl("k"));
        assertEquals("OK", redis.set("j", "v", SetArgs.pxat(1)));
        assertNull(redis.get("j"));
    }

    @Test
    void set_pxatInThePastWithGet_returnsOldValueAndKeyIsGone() {
        redis.set("x", "1");
        assertReply(bulk("1"), "SET", "x", "2", "PXAT", "1", "GET");
        assertEquals(0, redis.exists("x"));
        assertNull(redis.setGet("x", "3", SetArgs.exat(1)));
        assertEquals(0, redis.exists("x"));
    }

    @Test
    void set_pxatLongMax_isAccepted() {
        assertReply(Reply.OK, "SET", "k", "v", "PXAT", "9223372036854775807");
        assertEquals(Long.MAX_VALUE, redis.pexpiretime("k"));
        assertEquals(9223372036854776L, redis.expiretime("k"));
        long pttl = redis.pttl("k");
        assertBetween(Long.MAX_VALUE - System.currentTimeMillis() - 60_000, Long.MAX_VALUE - System.currentTimeMillis() + 60_000, pttl, "PTTL");
    }

    @Test
    void set_withoutExpiryOption_clearsExistingTtl() {
        redis.set("k", "v", SetArgs.ex(1000));
        redis.set("k", "w", SetArgs.xx());
        assertEquals(-1, redis.ttl("k"));
        redis.set("k", "v", SetArgs.ex(1000));
        redis.set("k", "w", SetArgs.none());
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void set_zeroOrNegativeExpiry_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v");
        for (String unit : new String[] {"EX", "PX", "EXAT", "PXAT"}) {
            assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", unit, "0");
            assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", unit, "-1");
            assertRefusedUnchanged(SET_EXPIRE, "SET", "missing", "w", unit, "-9223372036854775808");
        }
        assertThrowsRedis(SET_EXPIRE, () -> redis.set("k", "w", SetArgs.ex(0)));
        assertThrowsRedis(SET_EXPIRE, () -> redis.set("k", "w", SetArgs.pxat(-1)));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void set_expiryOverflow_returnsInvalidExpire() {
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "v", "EX", "9223372036854775");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "v", "EX", "9223372036854776");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "v", "PX", "9223372036854775807");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "v", "EXAT", "9223372036854776");
    }

    @Test
    void set_expiryNotAnInteger_returnsNotIntegerError() {
        redis.set("k", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "EX", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "PX", "1.5");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "EX", " 10");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "EXAT", "");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "PXAT", "9223372036854775808");
    }

    @Test
    void set_sameExpiryOptionTwice_lastOneWins() {
        assertReply(Reply.OK, "SET", "k", "v", "EX", "10", "EX", "1000");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(Reply.OK, "SET", "k", "v", "PX", "10", "px", "1000000");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertReply(Reply.OK, "SET", "k", "v", "EXAT", "1", "EXAT", Long.toString(FUTURE_SECONDS));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
    }

    @Test
    void set_sameExpiryOptionTwice_onlyLastAmountIsParsed() {
        assertReply(Reply.OK, "SET", "k", "v", "EX", "abc", "EX", "1000");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "EX", "10", "EX", "abc");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", "PX", "10", "PX", "0");
    }

    @Test
    void set_expiryAmountSpelledLikeAnOption_isTakenAsTheAmount() {
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "v", "EX", "GET");
        assertReply(Reply.OK, "SET", "k", "v", "EX", "GET", "EX", "1000");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(Reply.OK, "SET", "k", "w", "PX", "NX", "PX", "1000000");
        assertEquals("w", redis.get("k"));
    }

    @Test
    void set_twoDifferentExpiryOptions_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PX", "100", "EX", "20");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "EXAT", "20");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PXAT", "10", "PX", "20");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EXAT", "10", "PXAT", "20");
        assertThrowsRedis(SYNTAX, () -> redis.set("k", "v", SetArgs.ex(10).withPx(100)));
    }

    @Test
    void set_expiryOptionWithoutAmount_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PXAT");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "PX");
    }

    @Test
    void set_syntaxErrorAndBadAmount_reportsSyntaxFirst() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "abc", "NX", "XX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "0", "foo");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PX", "-1", "KEEPTTL");
    }

    @Test
    void set_unknownOption_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "foo");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PERSIST");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "NXX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "10");
    }

    @Test
    void set_optionsInAnyCase_areAccepted() {
        assertReply(Reply.OK, "SET", "k", "v", "ex", "1000", "nx");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(Reply.OK, "set", "k", "w", "Px", "1000000", "xX");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertReply(bulk("w"), "SET", "k", "x", "get", "KeepTtl");
        assertReply(Reply.OK, "SET", "k", "y", "pXaT", Long.toString(FUTURE_MILLIS));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    // ------------------------------------------------------------------ NX and XX

    @Test
    void set_nxOnMissingKey_setsAndReturnsOk() {
        assertEquals("OK", redis.set("k", "v", SetArgs.nx()));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void set_nxOnExistingKey_returnsNilAndChangesNothing() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertNull(redis.set("k", "w", SetArgs.nx()));
        assertReply(Reply.NIL, "SET", "k", "w", "NX", "EX", "5");
        assertReply(Reply.NIL, "SET", "k", "", "NX");
        assertEquals("v", redis.get("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void set_nxOnKeyExpiredInThePast_sets() {
        redis.set("k", "v", SetArgs.exat(1));
        assertEquals("OK", redis.set("k", "w", SetArgs.nx()));
        assertEquals("w", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void set_xxOnMissingKey_returnsNilAndCreatesNothing() {
        assertNull(redis.set("k", "v", SetArgs.xx()));
        assertReply(Reply.NIL, "SET", "k", "v", "XX", "EX", "1000");
        assertEquals(0, redis.exists("k"));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void set_xxOnExistingKey_sets() {
        redis.set("k", "v");
        assertEquals("OK", redis.set("k", "w", SetArgs.xx().withEx(1000)));
        assertEquals("w", redis.get("k"));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
    }

    @Test
    void set_nxAndXx_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "NX", "XX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "XX", "NX");
        assertThrowsRedis(SYNTAX, () -> redis.set("k", "v", SetArgs.nx().ifPresent()));
    }

    @Test
    void set_repeatedFlags_areAccepted() {
        assertReply(Reply.OK, "SET", "k", "v", "NX", "NX");
        assertReply(Reply.OK, "SET", "k", "w", "XX", "XX");
        assertReply(Reply.OK, "SET", "k", "x", "KEEPTTL", "KEEPTTL");
        assertReply(bulk("x"), "SET", "k", "y", "GET", "GET");
        assertEquals("y", redis.get("k"));
    }

    @Test
    void setArgs_chainedOptions_areSentAsOneCommandLine() {
        assertEquals("OK", redis.set("k", "v", SetArgs.exat(FUTURE_SECONDS).ifAbsent()));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
        assertNull(redis.set("k", "w", SetArgs.px(1000).ifAbsent()));
        assertEquals("OK", redis.set("k", "w", SetArgs.xx().withPxat(FUTURE_MILLIS + 1)));
        assertEquals(FUTURE_MILLIS + 1, redis.pexpiretime("k"));
        assertEquals("OK", redis.set("k", "x", SetArgs.keepttl().ifPresent()));
        assertEquals(FUTURE_MILLIS + 1, redis.pexpiretime("k"));
        assertEquals("x", redis.setGet("k", "y", SetArgs.nx().withExat(FUTURE_SECONDS)));
        assertEquals("x", redis.get("k"));
        assertNull(redis.set("j", "v", SetArgs.none().withExat(FUTURE_SECONDS).ifPresent()));
        assertEquals(0, redis.exists("j"));
    }

    // ------------------------------------------------------------------ KEEPTTL

    @Test
    void set_keepttl_keepsExistingExpiry() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS + 5));
        assertEquals("OK", redis.set("k", "w", SetArgs.keepttl()));
        assertEquals("w", redis.get("k"));
        assertEquals(FUTURE_MILLIS + 5, redis.pexpiretime("k"));
        redis.set("j", "v", SetArgs.ex(1000));
        long expiry = redis.pexpiretime("j");
        assertReply(Reply.OK, "SET", "j", "w", "KEEPTTL", "XX");
        assertEquals(expiry, redis.pexpiretime("j"));
    }

    @Test
    void set_keepttlOnKeyWithoutTtl_staysPersistent() {
        redis.set("k", "v");
        redis.set("k", "w", SetArgs.keepttl());
        assertEquals(-1, redis.ttl("k"));
        redis.set("m", "v", SetArgs.keepttl());
        assertEquals(-1, redis.ttl("m"));
        assertEquals("v", redis.get("m"));
    }

    @Test
    void set_keepttlWithExpiryOption_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "KEEPTTL");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "KEEPTTL", "EX", "10");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "KEEPTTL", "PXAT", "10");
        assertThrowsRedis(SYNTAX, () -> redis.set("k", "v", SetArgs.keepttl().withEx(10)));
    }

    // ------------------------------------------------------------------ GET

    @Test
    void setGet_missingKey_returnsNilAndSets() {
        assertNull(redis.setGet("k", "v"));
        assertEquals("v", redis.get("k"));
        assertReply(Reply.NIL, "SET", "j", "v", "GET");
        assertEquals("v", redis.get("j"));
    }

    @Test
    void setGet_existingKey_returnsOldValueAndClearsTtl() {
        redis.set("k", "old", SetArgs.ex(1000));
        assertEquals("old", redis.setGet("k", "new"));
        assertEquals("new", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
        redis.set("e", "");
        assertReply(bulk(""), "SET", "e", "x", "GET");
    }

    @Test
    void setGet_nxOnExistingKey_returnsOldValueAndDoesNotSet() {
        redis.set("k", "v");
        assertEquals("v", redis.setGet("k", "w", SetArgs.nx()));
        assertReply(bulk("v"), "SET", "k", "w", "NX", "GET");
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setGet_nxOnMissingKey_returnsNilAndSets() {
        assertReply(Reply.NIL, "SET", "k", "v", "GET", "NX");
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setGet_xxOnMissingKey_returnsNilAndDoesNotSet() {
        assertNull(redis.setGet("k", "v", SetArgs.xx()));
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void setGet_xxOnExistingKey_returnsOldValueAndSets() {
        redis.set("k", "v");
        assertEquals("v", redis.setGet("k", "w", SetArgs.xx()));
        assertEquals("w", redis.get("k"));
    }

    @Test
    void setGet_withKeepttl_keepsExpiryAndReturnsOld() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(bulk("v"), "SET", "k", "w", "GET", "KEEPTTL");
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        assertEquals("w", redis.setGet("k", "x", SetArgs.keepttl()));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void setGet_withExpiry_setsExpiryAndReturnsOld() {
        redis.set("k", "v");
        assertEquals("v", redis.setGet("k", "w", SetArgs.exat(FUTURE_SECONDS)));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
    }

    @Test
    void setGet_badExpiry_returnsErrorBeforeReadingOrWriting() {
        redis.set("k", "v");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", "GET", "EX", "0");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "w", "GET", "NX", "XX");
    }

    // ------------------------------------------------------------------ GETEX

    @Test
    void getex_noOption_returnsValueAndKeepsExpiry() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(bulk("v"), "GETEX", "k");
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
        redis.set("p", "");
        assertReply(bulk(""), "GETEX", "p");
        assertEquals(-1, redis.ttl("p"));
    }

    @Test
    void getex_missingKey_returnsNil() {
        assertNull(redis.getex("missing", GetExArgs.ex(10)));
        assertReply(Reply.NIL, "GETEX", "missing");
        assertReply(Reply.NIL, "GETEX", "missing", "PERSIST");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void getex_ex_setsTtl() {
        redis.set("k", "v");
        assertEquals("v", redis.getex("k", GetExArgs.ex(1000)));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(bulk("v"), "GETEX", "k", "EX", "2000");
        assertBetween(1999, 2000, redis.ttl("k"), "TTL");
    }

    @Test
    void getex_pxAndDuration_setTtlInMilliseconds() {
        redis.set("k", "v");
        redis.getex("k", GetExArgs.px(1_500_000));
        assertBetween(1_490_000, 1_500_000, redis.pttl("k"), "PTTL");
        redis.getex("k", GetExArgs.ex(Duration.ofMillis(700_000)));
        assertBetween(690_000, 700_000, redis.pttl("k"), "PTTL");
    }

    @Test
    void getex_exatAndPxat_setAbsoluteExpiry() {
        redis.set("k", "v");
        redis.getex("k", GetExArgs.exat(FUTURE_SECONDS));
        assertEquals(FUTURE_SECONDS, redis.expiretime("k"));
        redis.getex("k", GetExArgs.pxat(FUTURE_MILLIS + 777));
        assertEquals(FUTURE_MILLIS + 777, redis.pexpiretime("k"));
        redis.getex("k", GetExArgs.exat(Instant.ofEpochMilli(FUTURE_MILLIS + 888)));
        assertEquals(FUTURE_MILLIS + 888, redis.pexpiretime("k"));
        assertReply(bulk("v"), "GETEX", "k", "EXAT", Long.toString(FUTURE_SECONDS + 9));
        assertEquals((FUTURE_SECONDS + 9) * 1000, redis.pexpiretime("k"));
    }

    @Test
    void getex_persist_removesTtl() {
        redis.set("k", "v", SetArgs.ex(1000));
        assertEquals("v", redis.getex("k", GetExArgs.persist()));
        assertEquals(-1, redis.ttl("k"));
        assertReply(bulk("v"), "GETEX", "k", "PERSIST", "PERSIST");
        assertReply(bulk("v"), "GETEX", "k", "persist");
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void getex_pxatInThePast_returnsValueAndDeletesKey() {
        redis.set("k", "v");
        assertReply(bulk("v"), "GETEX", "k", "PXAT", "1");
        assertEquals(0, redis.exists("k"));
        assertEquals(0, redis.dbsize());
        redis.set("j", "w");
        assertEquals("w", redis.getex("j", GetExArgs.exat(1)));
        assertNull(redis.get("j"));
    }

    @Test
    void getex_sameOptionTwice_lastOneWins() {
        redis.set("k", "v");
        assertReply(bulk("v"), "GETEX", "k", "EX", "10", "EX", "1000");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(bulk("v"), "GETEX", "k", "PXAT", "1", "pxat", Long.toString(FUTURE_MILLIS));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void getex_zeroOrOverflowingExpiry_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EX", "0");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "PX", "-1");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EXAT", "0");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "PXAT", "-5");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EX", "5", "EX", "0");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "PX", "9223372036854775807");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EX", "9223372036854775");
        assertThrowsRedis(GETEX_EXPIRE, () -> redis.getex("k", GetExArgs.ex(0)));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void getex_notAnInteger_returnsNotIntegerError() {
        redis.set("k", "v");
        assertRefusedUnchanged(NOT_INTEGER, "GETEX", "k", "EX", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "GETEX", "k", "EX", "10", "EX", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "GETEX", "k", "PXAT", "1.5");
    }

    @Test
    void getex_missingKeyWithBadAmount_returnsNilAsRedisChecksTheKeyFirst() {
        assertReply(Reply.NIL, "GETEX", "missing", "EX", "0");
        assertReply(Reply.NIL, "GETEX", "missing", "EX", "abc");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void getex_incompatibleOrUnknownOptions_returnsSyntaxError() {
        redis.set("k", "v");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "PERSIST", "EX", "10");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "EX", "10", "PERSIST");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "EXAT", "10", "PX", "5");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "NX");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "KEEPTTL");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "GET");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "EX");
        assertRefusedUnchanged(SYNTAX, "GETEX", "missing", "FOO");
        assertRefusedUnchanged(SYNTAX, "GETEX", "k", "FOO", "EX", "abc");
    }
}
