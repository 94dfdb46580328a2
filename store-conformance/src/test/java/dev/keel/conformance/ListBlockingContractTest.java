package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP on the paths that do not wait for another client:
 * data already there (answered at once, even with timeout 0), a short timeout that runs out on
 * empty keys (nil), and every refusal. Waiting for a push from another thread is tested in the
 * engine, not here. Redis checks blocked clients' timeouts about every 100 ms, so each timeout
 * that runs out costs that much against the real server.
 */
@Timeout(60)
class ListBlockingContractTest extends ListContractBase {
    private static final String NOT_A_FLOAT = "ERR timeout is not a float or out of range";
    private static final String NEGATIVE = "ERR timeout is negative";
    private static final Duration SHORT = Duration.ofMillis(10);

    // ------------------------------------------------------------------ BLPOP, BRPOP

    @Test
    void blpop_dataPresent_answersAtOnceFromTheFirstNonEmptyKey() throws InterruptedException {
        redis.rpush("b", "b1", "b2");
        redis.rpush("c", "c1");
        assertEquals(new KeyValue<>("b", "b1"), redis.blpop(Duration.ZERO, "a", "b", "c"));
        assertReply(keyAndElement("b", "b2"), "BLPOP", "a", "b", "c", "0");
        assertNoKey("b");
        assertReply(keyAndElement("c", "c1"), "BLPOP", "b", "c", "1");
        assertNoKey("c");
    }

    @Test
    void brpop_dataPresent_popsFromTheTail() throws InterruptedException {
        redis.rpush("l", "a", "b", "c");
        assertEquals(new KeyValue<>("l", "c"), redis.brpop(Duration.ZERO, "missing", "l"));
        assertReply(keyAndElement("l", "b"), "BRPOP", "l", "0.5");
        assertList("l", "a");
    }

    @Test
    void blpop_sameKeyTwice_popsOnce() {
        redis.rpush("l", "a", "b");
        assertReply(keyAndElement("l", "a"), "BLPOP", "l", "l", "0");
        assertList("l", "b");
    }

    @Test
    void blpop_emptyKeysShortTimeout_returnsNil() throws InterruptedException {
        assertNull(redis.blpop(SHORT, "a", "b"));
        assertNull(redis.brpop(SHORT, "a"));
        assertReply(Reply.NIL, "BLPOP", "a", "0.01");
        assertReply(Reply.NIL, "BRPOP", "a", "b", "0.01");
        assertNoKey("a");
    }

    @Test
    void blpop_timeoutUnderAMillisecond_roundsUpInsteadOfWaitingForever() throws InterruptedException {
        assertReply(Reply.NIL, "BLPOP", "a", "0.0001");
        assertReply(Reply.NIL, "BLPOP", "a", "1e-10");
        assertReply(Reply.NIL, "BRPOP", "a", "0x.01");
        assertNull(redis.blpop(Duration.ofNanos(1), "a"));
        assertNull(redis.brpop(Duration.ofNanos(999_999), "a"));
    }

    @Test
    void blpop_timeoutNotAFloat_refused() {
        redis.rpush("l", "a");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "abc");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", " 1");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BRPOP", "l", "1 ");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BRPOP", "l", "nan");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "1e");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "0x");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "1e5000");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLPOP", "l", "1e-5000");
    }

    @Test
    void blpop_negativeOrHugeTimeout_isNegative() {
        redis.rpush("l", "a");
        assertListRefusedUnchanged(NEGATIVE, "BLPOP", "l", "-1");
        assertListRefusedUnchanged(NEGATIVE, "BLPOP", "l", "-0.0011");
        assertListRefusedUnchanged(NEGATIVE, "BRPOP", "l", "inf");
        assertListRefusedUnchanged(NEGATIVE, "BRPOP", "l", "-inf");
        assertListRefusedUnchanged(NEGATIVE, "BLPOP", "l", "1e1000");
        assertListRefusedUnchanged(NEGATIVE, "BLPOP", "l", "9223372036854775807");
    }

    @Test
    void blpop_timeoutForms_acceptedAsRedisReadsThem() {
        redis.rpush("l", "a", "b", "c", "d", "e", "f");
        assertReply(keyAndElement("l", "a"), "BLPOP", "l", "+1");
        assertReply(keyAndElement("l", "b"), "BLPOP", "l", ".5");
        assertReply(keyAndElement("l", "c"), "BLPOP", "l", "1.");
        assertReply(keyAndElement("l", "d"), "BLPOP", "l", "1E1");
        assertReply(keyAndElement("l", "e"), "BLPOP", "l", "0x10");
        assertReply(keyAndElement("l", "f"), "BLPOP", "l", "-0");
    }

    @Test
    void blpop_stringKey_wrongTypeUnlessAnEarlierListHasData() throws InterruptedException {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(WRONGTYPE, "BLPOP", "s", "l", "0");
        assertListRefusedUnchanged(WRONGTYPE, "BRPOP", "missing", "s", "0.01");
        assertThrows(WrongTypeException.class, () -> redis.blpop(SHORT, "s"));
        assertReply(keyAndElement("l", "a"), "BLPOP", "l", "s", "0");
    }

    @Test
    void blpop_noKeyOrNoTimeout_wrongNumberOfArguments() {
        assertError("ERR wrong number of arguments for 'blpop' command", "BLPOP", "l");
        assertError("ERR wrong number of arguments for 'brpop' command", "BRPOP", "l");
    }

    // ------------------------------------------------------------------ BLMOVE, BRPOPLPUSH

    @Test
    void blmove_dataPresent_movesAtOnce() throws InterruptedException {
        redis.rpush("src", "a", "b", "c");
        assertEquals("a", redis.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT, Duration.ZERO));
        assertReply(bulk("c"), "BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
        assertList("src", "b");
        assertList("dst", "c", "a");
    }

    @Test
    void blmove_sameKey_rotates() {
        redis.rpush("l", "a", "b", "c");
        assertReply(bulk("c"), "BLMOVE", "l", "l", "RIGHT", "LEFT", "0");
        assertList("l", "c", "a", "b");
    }

    @Test
    void blmove_emptySourceShortTimeout_returnsNilAndCreatesNothing() throws InterruptedException {
        redis.set("s", "v");
        assertNull(redis.blmove("missing", "dst", ListDirection.LEFT, ListDirection.LEFT, SHORT));
        assertReply(Reply.NIL, "BLMOVE", "missing", "dst", "LEFT", "RIGHT", "0.01");
        assertReplyUnchanged(Reply.NIL, "BLMOVE", "missing", "s", "LEFT", "RIGHT", "0.01");
        assertNoKey("dst");
    }

    @Test
    void blmove_stringSourceOrDestination_wrongType() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(WRONGTYPE, "BLMOVE", "s", "l", "LEFT", "LEFT", "0");
        assertListRefusedUnchanged(WRONGTYPE, "BLMOVE", "l", "s", "LEFT", "LEFT", "0");
        assertThrows(WrongTypeException.class,
                () -> redis.blmove("l", "s", ListDirection.LEFT, ListDirection.LEFT, Duration.ZERO));
    }

    @Test
    void blmove_badDirection_syntaxErrorBeforeTheTimeoutIsRead() {
        redis.rpush("l", "a");
        assertListRefusedUnchanged(SYNTAX, "BLMOVE", "l", "dst", "UP", "LEFT", "abc");
        assertListRefusedUnchanged(SYNTAX, "BLMOVE", "l", "dst", "LEFT", "DOWN", "-1");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLMOVE", "l", "dst", "LEFT", "LEFT", "abc");
        assertListRefusedUnchanged(NEGATIVE, "BLMOVE", "l", "dst", "LEFT", "LEFT", "-1");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLMOVE", "s", "missing", "LEFT", "RIGHT", "x");
        assertError("ERR wrong number of arguments for 'blmove' command", "BLMOVE", "l", "dst", "LEFT", "LEFT");
    }

    @Test
    void brpoplpush_dataPresent_movesTailToHead() throws InterruptedException {
        redis.rpush("src", "a", "b");
        redis.rpush("dst", "x");
        assertEquals("b", redis.brpoplpush("src", "dst", Duration.ZERO));
        assertReply(bulk("a"), "BRPOPLPUSH", "src", "dst", "0");
        assertNoKey("src");
        assertList("dst", "a", "b", "x");
    }

    @Test
    void brpoplpush_emptySourceOrRefusals_answerAsRedis() throws InterruptedException {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertNull(redis.brpoplpush("missing", "dst", SHORT));
        assertReply(Reply.NIL, "BRPOPLPUSH", "missing", "s", "0.01");
        assertListRefusedUnchanged(WRONGTYPE, "BRPOPLPUSH", "s", "dst", "0");
        assertListRefusedUnchanged(WRONGTYPE, "BRPOPLPUSH", "l", "s", "0");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BRPOPLPUSH", "l", "dst", "abc");
        assertListRefusedUnchanged(NEGATIVE, "BRPOPLPUSH", "l", "dst", "-2");
        assertError("ERR wrong number of arguments for 'brpoplpush' command", "BRPOPLPUSH", "l", "dst");
        assertNoKey("dst");
    }

    // ------------------------------------------------------------------ BLMPOP

    @Test
    void blmpop_dataPresent_popsAtOnceFromTheFirstNonEmptyKey() throws InterruptedException {
        redis.rpush("b", "b1", "b2", "b3");
        assertEquals(new KeyValue<>("b", List.of("b1")), redis.blmpop(Duration.ZERO, ListDirection.LEFT, 1, "a", "b"));
        assertReply(keyAndElements("b", "b3", "b2"), "BLMPOP", "0", "2", "a", "b", "RIGHT", "COUNT", "5");
        assertNoKey("b");
    }

    @Test
    void blmpop_emptyKeysShortTimeout_returnsNil() throws InterruptedException {
        assertNull(redis.blmpop(SHORT, ListDirection.RIGHT, 2, "a", "b"));
        assertReply(Reply.NIL, "BLMPOP", "0.01", "1", "a", "LEFT");
    }

    @Test
    void blmpop_badArguments_refusedBeforeTheTimeoutIsRead() {
        redis.rpush("l", "a");
        assertListRefusedUnchanged("ERR numkeys should be greater than 0", "BLMPOP", "abc", "0", "l", "LEFT");
        assertListRefusedUnchanged(SYNTAX, "BLMPOP", "abc", "1", "l", "UP");
        assertListRefusedUnchanged(SYNTAX, "BLMPOP", "-1", "2", "l", "LEFT");
        assertListRefusedUnchanged("ERR count should be greater than 0", "BLMPOP", "abc", "1", "l", "LEFT", "COUNT", "0");
        assertListRefusedUnchanged(SYNTAX, "BLMPOP", "abc", "1", "l", "LEFT", "COUNT");
        assertListRefusedUnchanged(NOT_A_FLOAT, "BLMPOP", "abc", "1", "l", "LEFT");
        assertListRefusedUnchanged(NEGATIVE, "BLMPOP", "-1", "1", "l", "LEFT", "COUNT", "1");
        assertError("ERR wrong number of arguments for 'blmpop' command", "BLMPOP", "0", "1", "l");
    }

    @Test
    void blmpop_stringKey_wrongType() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(WRONGTYPE, "BLMPOP", "0", "2", "s", "l", "LEFT");
        assertListRefusedUnchanged(WRONGTYPE, "BLMPOP", "0.01", "2", "missing", "s", "LEFT");
        assertReply(keyAndElements("l", "a"), "BLMPOP", "0", "2", "l", "s", "LEFT");
    }
}
