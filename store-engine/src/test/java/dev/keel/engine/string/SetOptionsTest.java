package dev.keel.engine.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.GetExArgs;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SET with its options (EX, PX, EXAT, PXAT, NX, XX, KEEPTTL, GET) and GETEX. */
class SetOptionsTest extends AbstractCommandTest {
    private static final String SYNTAX = "ERR syntax error";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String SET_EXPIRE = "ERR invalid expire time in 'set' command";
    private static final String GETEX_EXPIRE = "ERR invalid expire time in 'getex' command";

    // ------------------------------------------------------------------ expiry options

    @Test
    void set_ex_setsTtlInSeconds() {
        assertEquals("OK", redis.set("k", "v", SetArgs.ex(10)));
        assertEquals(10, redis.ttl("k"));
        assertEquals(now() + 10_000, redis.pexpiretime("k"));
    }

    @Test
    void set_px_setsTtlInMilliseconds() {
        assertReply(Reply.OK, "SET", "k", "v", "PX", "1500");
        assertEquals(1_500, redis.pttl("k"));
        clock.advanceMillis(1_499);
        assertEquals("v", redis.get("k"));
        clock.advanceMillis(2);
        assertNull(redis.get("k"));
    }

    @Test
    void set_exDuration_sendsMilliseconds() {
        redis.set("k", "v", SetArgs.ex(Duration.ofMillis(2_500)));
        assertEquals(2_500, redis.pttl("k"));
    }

    @Test
    void set_exat_expiresAtThatSecond() {
        long at = now() / 1000 + 20;
        assertEquals("OK", redis.set("k", "v", SetArgs.exat(at)));
        assertEquals(at, redis.expiretime("k"));
        assertEquals(at * 1000, redis.pexpiretime("k"));
    }

    @Test
    void set_pxat_expiresAtThatMillisecond() {
        long at = now() + 1_234;
        redis.set("k", "v", SetArgs.pxat(at));
        assertEquals(at, redis.pexpiretime("k"));
        redis.set("j", "v", SetArgs.exat(Instant.ofEpochMilli(at)));
        assertEquals(at, redis.pexpiretime("j"));
    }

    @Test
    void set_exatInThePast_repliesOkButKeyIsGone() {
        redis.set("k", "old");
        assertReply(Reply.OK, "SET", "k", "v", "EXAT", "1");
        assertNull(redis.get("k"));
        assertEquals(0, redis.exists("k"));
        assertEquals(-2, redis.ttl("k"));
    }

    @Test
    void set_pxatInThePastWithGet_returnsOldValueAndKeyIsGone() {
        redis.set("x", "1");
        assertReply(bulk("1"), "SET", "x", "2", "PXAT", "1", "GET");
        assertEquals(0, redis.exists("x"));
    }

    @Test
    void set_pxatFarFuture_acceptsLongMax() {
        assertReply(Reply.OK, "SET", "k", "v", "PXAT", "9223372036854775807");
        assertEquals(Long.MAX_VALUE, redis.pexpiretime("k"));
        assertEquals(9223372036854776L, redis.expiretime("k"));
        assertEquals(Long.MAX_VALUE - now(), redis.pttl("k"));
    }

    @Test
    void set_withoutExpiryOption_clearsExistingTtl() {
        redis.set("k", "v", SetArgs.ex(100));
        redis.set("k", "w", SetArgs.xx());
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void set_zeroOrNegativeExpiry_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v");
        for (String unit : new String[] {"EX", "PX", "EXAT", "PXAT"}) {
            assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", unit, "0");
            assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", unit, "-1");
        }
        assertThrowsKeel(SET_EXPIRE, () -> redis.set("k", "w", SetArgs.ex(0)));
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
    }

    @Test
    void set_sameExpiryOptionTwice_lastOneWins() {
        assertReply(Reply.OK, "SET", "k", "v", "EX", "10", "EX", "20");
        assertEquals(20, redis.ttl("k"));
        assertReply(Reply.OK, "SET", "k", "v", "PX", "10", "px", "20000");
        assertEquals(20_000, redis.pttl("k"));
        assertReply(Reply.OK, "SET", "k", "v", "EXAT", "1", "EXAT", Long.toString(now() / 1000 + 30));
        assertEquals(30, redis.ttl("k"));
    }

    @Test
    void set_sameExpiryOptionTwice_onlyLastAmountIsParsed() {
        assertReply(Reply.OK, "SET", "k", "v", "EX", "abc", "EX", "10");
        assertEquals(10, redis.ttl("k"));
        assertRefusedUnchanged(NOT_INTEGER, "SET", "k", "w", "EX", "10", "EX", "abc");
    }

    @Test
    void set_twoDifferentExpiryOptions_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PX", "100", "EX", "20");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "EXAT", "20");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PXAT", "10", "PX", "20");
        assertThrowsKeel(SYNTAX, () -> redis.set("k", "v", SetArgs.ex(10).withPx(100)));
    }

    @Test
    void set_expiryOptionWithoutAmount_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "PX");
    }

    @Test
    void set_syntaxErrorAndBadAmount_reportsSyntaxFirst() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "abc", "NX", "XX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "0", "foo");
    }

    @Test
    void set_unknownOption_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "foo");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "PERSIST");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "NXX");
    }

    @Test
    void set_optionsInAnyCase_areAccepted() {
        assertReply(Reply.OK, "SET", "k", "v", "ex", "10", "nx");
        assertEquals(10, redis.ttl("k"));
        assertReply(Reply.OK, "set", "k", "w", "Px", "5000", "xX");
        assertEquals(5_000, redis.pttl("k"));
    }

    // ------------------------------------------------------------------ NX and XX

    @Test
    void set_nxOnMissingKey_setsAndReturnsOk() {
        assertEquals("OK", redis.set("k", "v", SetArgs.nx()));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void set_nxOnExistingKey_returnsNil() {
        redis.set("k", "v", SetArgs.ex(100));
        assertNull(redis.set("k", "w", SetArgs.nx()));
        assertReply(Reply.NIL, "SET", "k", "w", "NX", "EX", "5");
        assertEquals("v", redis.get("k"));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void set_nxOnExpiredKey_sets() {
        redis.set("k", "v", SetArgs.px(10));
        clock.advanceMillis(11);
        assertEquals("OK", redis.set("k", "w", SetArgs.nx()));
        assertEquals("w", redis.get("k"));
    }

    @Test
    void set_xxOnMissingKey_returnsNilAndCreatesNothing() {
        assertNull(redis.set("k", "v", SetArgs.xx()));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void set_xxOnExistingKey_sets() {
        redis.set("k", "v");
        assertEquals("OK", redis.set("k", "w", SetArgs.xx().withEx(10)));
        assertEquals("w", redis.get("k"));
        assertEquals(10, redis.ttl("k"));
    }

    @Test
    void set_nxAndXx_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "NX", "XX");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "XX", "NX");
        assertThrowsKeel(SYNTAX, () -> redis.set("k", "v", SetArgs.nx().ifPresent()));
    }

    @Test
    void set_repeatedFlags_areAccepted() {
        assertReply(Reply.OK, "SET", "k", "v", "NX", "NX");
        assertReply(Reply.OK, "SET", "k", "w", "XX", "XX");
        assertReply(Reply.OK, "SET", "k", "x", "KEEPTTL", "KEEPTTL");
        assertReply(bulk("x"), "SET", "k", "y", "GET", "GET");
        assertEquals("y", redis.get("k"));
    }

    // ------------------------------------------------------------------ KEEPTTL

    @Test
    void set_keepttl_keepsExistingTtl() {
        redis.set("k", "v", SetArgs.ex(100));
        clock.advance(Duration.ofSeconds(30));
        assertEquals("OK", redis.set("k", "w", SetArgs.keepttl()));
        assertEquals("w", redis.get("k"));
        assertEquals(70, redis.ttl("k"));
    }

    @Test
    void set_keepttlOnKeyWithoutTtl_staysPersistent() {
        redis.set("k", "v");
        redis.set("k", "w", SetArgs.keepttl());
        assertEquals(-1, redis.ttl("k"));
        redis.set("m", "v", SetArgs.keepttl());
        assertEquals(-1, redis.ttl("m"));
    }

    @Test
    void set_keepttlWithExpiryOption_returnsSyntaxError() {
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "EX", "10", "KEEPTTL");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "KEEPTTL", "EX", "10");
        assertRefusedUnchanged(SYNTAX, "SET", "k", "v", "KEEPTTL", "PXAT", "10");
    }

    // ------------------------------------------------------------------ GET

    @Test
    void setGet_missingKey_returnsNilAndSets() {
        assertNull(redis.setGet("k", "v"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setGet_existingKey_returnsOldValue() {
        redis.set("k", "old", SetArgs.ex(50));
        assertEquals("old", redis.setGet("k", "new"));
        assertEquals("new", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void setGet_nxOnExistingKey_returnsOldValueAndDoesNotSet() {
        redis.set("k", "v");
        assertEquals("v", redis.setGet("k", "w", SetArgs.nx()));
        assertReply(bulk("v"), "SET", "k", "w", "NX", "GET");
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setGet_xxOnMissingKey_returnsNilAndDoesNotSet() {
        assertNull(redis.setGet("k", "v", SetArgs.xx()));
        assertEquals(0, redis.exists("k"));
    }

    @Test
    void setGet_withKeepttl_keepsTtlAndReturnsOld() {
        redis.set("k", "v", SetArgs.ex(40));
        assertReply(bulk("v"), "SET", "k", "w", "GET", "KEEPTTL");
        assertEquals(40, redis.ttl("k"));
    }

    @Test
    void setGet_badExpiry_returnsErrorBeforeReadingOrWriting() {
        redis.set("k", "v");
        assertRefusedUnchanged(SET_EXPIRE, "SET", "k", "w", "GET", "EX", "0");
    }

    // ------------------------------------------------------------------ GETEX

    @Test
    void getex_noOption_returnsValueAndKeepsTtl() {
        redis.set("k", "v", SetArgs.ex(100));
        assertReply(bulk("v"), "GETEX", "k");
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void getex_missingKey_returnsNil() {
        assertNull(redis.getex("missing", GetExArgs.ex(10)));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void getex_ex_setsTtl() {
        redis.set("k", "v");
        assertEquals("v", redis.getex("k", GetExArgs.ex(10)));
        assertEquals(10, redis.ttl("k"));
    }

    @Test
    void getex_pxAndDuration_setTtlInMilliseconds() {
        redis.set("k", "v");
        redis.getex("k", GetExArgs.px(1_500));
        assertEquals(1_500, redis.pttl("k"));
        redis.getex("k", GetExArgs.ex(Duration.ofMillis(700)));
        assertEquals(700, redis.pttl("k"));
    }

    @Test
    void getex_exatAndPxat_setAbsoluteExpiry() {
        redis.set("k", "v");
        long seconds = now() / 1000 + 50;
        redis.getex("k", GetExArgs.exat(seconds));
        assertEquals(seconds, redis.expiretime("k"));
        redis.getex("k", GetExArgs.pxat(now() + 777));
        assertEquals(now() + 777, redis.pexpiretime("k"));
        redis.getex("k", GetExArgs.exat(Instant.ofEpochMilli(now() + 888)));
        assertEquals(now() + 888, redis.pexpiretime("k"));
    }

    @Test
    void getex_persist_removesTtl() {
        redis.set("k", "v", SetArgs.ex(100));
        assertEquals("v", redis.getex("k", GetExArgs.persist()));
        assertEquals(-1, redis.ttl("k"));
        assertReply(bulk("v"), "GETEX", "k", "PERSIST", "PERSIST");
    }

    @Test
    void getex_pxatInThePast_returnsValueAndDeletesKey() {
        redis.set("k", "v");
        assertReply(bulk("v"), "GETEX", "k", "PXAT", "1");
        assertEquals(0, redis.exists("k"));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void getex_sameOptionTwice_lastOneWins() {
        redis.set("k", "v");
        assertReply(bulk("v"), "GETEX", "k", "EX", "10", "EX", "20");
        assertEquals(20, redis.ttl("k"));
    }

    @Test
    void getex_zeroOrOverflowingExpiry_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v", SetArgs.ex(100));
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EX", "0");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "PX", "-1");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "EX", "5", "EX", "0");
        assertRefusedUnchanged(GETEX_EXPIRE, "GETEX", "k", "PX", "9223372036854775807");
        assertThrowsKeel(GETEX_EXPIRE, () -> redis.getex("k", GetExArgs.ex(0)));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void getex_notAnInteger_returnsNotIntegerError() {
        redis.set("k", "v");
        assertRefusedUnchanged(NOT_INTEGER, "GETEX", "k", "EX", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "GETEX", "k", "EX", "10", "EX", "abc");
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

    @Test
    void getex_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'getex' command", "GETEX");
    }
}
