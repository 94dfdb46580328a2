package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LMOVE, RPOPLPUSH and LMPOP: the commands that take from one list and give to another. */
class ListMoveContractTest extends ListContractBase {

    // ------------------------------------------------------------------ LMOVE

    @Test
    void lmove_everyDirection_movesOneElement() {
        redis.rpush("src", "a", "b", "c", "d");
        redis.rpush("dst", "m");
        assertEquals("a", redis.lmove("src", "dst", ListDirection.LEFT, ListDirection.LEFT));
        assertEquals("d", redis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.RIGHT));
        assertReply(bulk("b"), "LMOVE", "src", "dst", "LEFT", "RIGHT");
        assertReply(bulk("c"), "LMOVE", "src", "dst", "right", "left");
        assertNoKey("src");
        assertList("dst", "c", "a", "m", "d", "b");
    }

    @Test
    void lmove_missingDestination_createsIt() {
        redis.rpush("src", "a", "b");
        redis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT);
        assertList("src", "a");
        assertList("dst", "b");
        assertEquals(-1, redis.ttl("dst"));
    }

    @Test
    void lmove_sameKey_rotatesTheList() {
        redis.rpush("l", "a", "b", "c");
        assertEquals("a", redis.lmove("l", "l", ListDirection.LEFT, ListDirection.RIGHT));
        assertList("l", "b", "c", "a");
        assertReply(bulk("a"), "LMOVE", "l", "l", "RIGHT", "LEFT");
        assertList("l", "a", "b", "c");
        assertReply(bulk("a"), "LMOVE", "l", "l", "LEFT", "LEFT");
        assertList("l", "a", "b", "c");
    }

    @Test
    void lmove_sameKeyWithOneElement_keepsTheKey() {
        redis.rpush("l", "only");
        redis.pexpireat("l", FUTURE_MILLIS);
        assertEquals("only", redis.lmove("l", "l", ListDirection.LEFT, ListDirection.RIGHT));
        assertList("l", "only");
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("l"));
    }

    @Test
    void lmove_missingSource_returnsNilAndCreatesNothing() {
        redis.set("s", "v");
        assertNull(redis.lmove("missing", "dst", ListDirection.LEFT, ListDirection.LEFT));
        assertReply(Reply.NIL, "LMOVE", "missing", "dst", "RIGHT", "LEFT");
        assertReplyUnchanged(Reply.NIL, "LMOVE", "missing", "s", "LEFT", "LEFT");
        assertNoKey("dst");
    }

    @Test
    void lmove_stringSourceOrDestination_wrongTypeAndNothingMoves() {
        redis.set("s", "v");
        redis.rpush("l", "a", "b");
        assertListRefusedUnchanged(WRONGTYPE, "LMOVE", "s", "l", "LEFT", "LEFT");
        assertListRefusedUnchanged(WRONGTYPE, "LMOVE", "l", "s", "LEFT", "LEFT");
        assertListRefusedUnchanged(WRONGTYPE, "LMOVE", "s", "missing", "LEFT", "LEFT");
        assertThrows(WrongTypeException.class, () -> redis.lmove("l", "s", ListDirection.RIGHT, ListDirection.LEFT));
        assertList("l", "a", "b");
    }

    @Test
    void lmove_badDirection_syntaxErrorBeforeTheKeysAreRead() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(SYNTAX, "LMOVE", "l", "dst", "UP", "LEFT");
        assertListRefusedUnchanged(SYNTAX, "LMOVE", "l", "dst", "LEFT", "DOWN");
        assertListRefusedUnchanged(SYNTAX, "LMOVE", "s", "l", "UP", "LEFT");
        assertListRefusedUnchanged(SYNTAX, "LMOVE", "missing", "l", "L", "R");
        assertError("ERR wrong number of arguments for 'lmove' command", "LMOVE", "l", "dst", "LEFT");
    }

    @Test
    void lmove_lastElement_removesTheSource() {
        redis.rpush("src", "a");
        redis.rpush("dst", "b");
        redis.lmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT);
        assertNoKey("src");
        assertList("dst", "b", "a");
    }

    @Test
    void lmove_betweenLongLists_keepsBothInOrder() {
        String[] source = numbered("s", 1000);
        String[] destination = numbered("d", 1000);
        redis.rpush("src", source);
        redis.rpush("dst", destination);
        for (int i = 0; i < 500; i++) {
            redis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT);
        }
        assertEquals(List.of(source).subList(0, 500), redis.lrange("src", 0, -1));
        assertEquals(List.of(source).subList(500, 1000), redis.lrange("dst", 0, 499));
        assertEquals(List.of(destination), redis.lrange("dst", 500, -1));
    }

    // ------------------------------------------------------------------ RPOPLPUSH

    @Test
    void rpoplpush_twoLists_movesTailToHead() {
        redis.rpush("src", "a", "b", "c");
        redis.rpush("dst", "x");
        assertEquals("c", redis.rpoplpush("src", "dst"));
        assertReply(bulk("b"), "RPOPLPUSH", "src", "dst");
        assertList("src", "a");
        assertList("dst", "b", "c", "x");
    }

    @Test
    void rpoplpush_sameKey_rotatesTheTailToTheHead() {
        redis.rpush("l", "a", "b", "c");
        assertEquals("c", redis.rpoplpush("l", "l"));
        assertList("l", "c", "a", "b");
    }

    @Test
    void rpoplpush_missingSource_returnsNil() {
        redis.set("s", "v");
        assertNull(redis.rpoplpush("missing", "dst"));
        assertReplyUnchanged(Reply.NIL, "RPOPLPUSH", "missing", "s");
        assertNoKey("dst");
    }

    @Test
    void rpoplpush_stringSourceOrDestination_wrongType() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(WRONGTYPE, "RPOPLPUSH", "s", "l");
        assertListRefusedUnchanged(WRONGTYPE, "RPOPLPUSH", "l", "s");
        assertThrows(WrongTypeException.class, () -> redis.rpoplpush("l", "s"));
        assertError("ERR wrong number of arguments for 'rpoplpush' command", "RPOPLPUSH", "l");
    }

    // ------------------------------------------------------------------ LMPOP

    @Test
    void lmpop_firstNonEmptyKey_popsFromIt() {
        redis.rpush("b", "b1", "b2", "b3");
        redis.rpush("c", "c1");
        assertEquals(new KeyValue<>("b", List.of("b1")), redis.lmpop(ListDirection.LEFT, 1, "a", "b", "c"));
        assertReply(keyAndElements("b", "b3"), "LMPOP", "3", "a", "b", "c", "RIGHT");
        assertReply(keyAndElements("b", "b2"), "LMPOP", "2", "b", "c", "left");
        assertReply(keyAndElements("c", "c1"), "LMPOP", "2", "b", "c", "LEFT");
        assertNoKey("b");
        assertNoKey("c");
    }

    @Test
    void lmpop_count_popsUpToCountFromOneKeyOnly() {
        redis.rpush("a", "a1", "a2");
        redis.rpush("b", "b1", "b2");
        assertReply(keyAndElements("a", "a2", "a1"), "LMPOP", "2", "a", "b", "RIGHT", "COUNT", "5");
        assertNoKey("a");
        assertEquals(new KeyValue<>("b", List.of("b1", "b2")), redis.lmpop(ListDirection.LEFT, 10, "a", "b"));
        assertNoKey("b");
    }

    @Test
    void lmpop_everyKeyMissing_returnsNil() {
        assertNull(redis.lmpop(ListDirection.LEFT, 1, "a", "b"));
        assertReply(Reply.NIL, "LMPOP", "1", "a", "RIGHT", "COUNT", "3");
    }

    @Test
    void lmpop_stringBeforeTheFirstList_wrongType() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        assertListRefusedUnchanged(WRONGTYPE, "LMPOP", "2", "s", "l", "LEFT");
        assertListRefusedUnchanged(WRONGTYPE, "LMPOP", "2", "missing", "s", "LEFT");
        assertReply(keyAndElements("l", "a"), "LMPOP", "2", "l", "s", "LEFT");
        assertThrows(WrongTypeException.class, () -> redis.lmpop(ListDirection.LEFT, 1, "s"));
    }

    @Test
    void lmpop_badNumkeys_refused() {
        redis.rpush("l", "a");
        String numkeys = "ERR numkeys should be greater than 0";
        assertListRefusedUnchanged(numkeys, "LMPOP", "0", "l", "LEFT");
        assertListRefusedUnchanged(numkeys, "LMPOP", "-1", "l", "LEFT");
        assertListRefusedUnchanged(numkeys, "LMPOP", "abc", "l", "LEFT");
        assertListRefusedUnchanged(numkeys, "LMPOP", "1.5", "l", "LEFT");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "2", "l", "LEFT");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "9223372036854775807", "l", "LEFT");
    }

    @Test
    void lmpop_badDirectionOrCount_refused() {
        redis.rpush("l", "a");
        String count = "ERR count should be greater than 0";
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "1", "l", "UP");
        assertListRefusedUnchanged(count, "LMPOP", "1", "l", "LEFT", "COUNT", "0");
        assertListRefusedUnchanged(count, "LMPOP", "1", "l", "LEFT", "COUNT", "-1");
        assertListRefusedUnchanged(count, "LMPOP", "1", "l", "LEFT", "COUNT", "abc");
        assertListRefusedUnchanged(count, "LMPOP", "1", "l", "LEFT", "COUNT", "9223372036854775808");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "1", "l", "LEFT", "COUNT");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "2");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "1", "l", "LEFT", "FOO", "1");
        assertListRefusedUnchanged(SYNTAX, "LMPOP", "1", "l", "LEFT", "COUNT", "1", "extra");
        assertThrowsRedis(count, () -> redis.lmpop(ListDirection.LEFT, 0, "l"));
    }

    @Test
    void lmpop_tooFewArguments_wrongNumberOfArguments() {
        assertError("ERR wrong number of arguments for 'lmpop' command", "LMPOP", "1", "l");
        assertError("ERR wrong number of arguments for 'lmpop' command", "LMPOP", "1");
    }
}
