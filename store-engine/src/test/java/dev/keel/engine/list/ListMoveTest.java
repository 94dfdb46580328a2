package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LMOVE, RPOPLPUSH and LMPOP, which take from one list and may create another. The expected
 * replies were taken from a real Redis 7.0.15.
 */
class ListMoveTest extends AbstractListTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    // ------------------------------------------------------------------ LMOVE, RPOPLPUSH

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "LEFT, LEFT, a, 'a,x,y', 'b,c'",
        "LEFT, RIGHT, a, 'x,y,a', 'b,c'",
        "RIGHT, LEFT, c, 'c,x,y', 'a,b'",
        "RIGHT, RIGHT, c, 'x,y,c', 'a,b'"})
    void lmove_eachDirection_takesFromOneEndAndPushesToTheOther(String from, String to, String moved, String target, String source) {
        rpush("src", "a", "b", "c");
        rpush("dst", "x", "y");
        assertReply(bulk(moved), "LMOVE", "src", "dst", from, to);
        assertList("dst", target.split(","));
        assertList("src", source.split(","));
    }

    @Test
    void lmove_directionsInAnyCase_areAccepted() {
        rpush("src", "a", "b");
        assertReply(bulk("b"), "LMOVE", "src", "dst", "right", "Left");
        assertList("dst", "b");
    }

    @Test
    void lmove_missingDestination_createsIt() {
        rpush("src", "a", "b");
        assertEquals("b", redis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT));
        assertList("dst", "b");
        assertList("src", "a");
    }

    @Test
    void lmove_lastElement_removesTheSource() {
        rpush("src", "only");
        assertReply(bulk("only"), "LMOVE", "src", "dst", "LEFT", "RIGHT");
        assertNoKey("src");
        assertList("dst", "only");
    }

    @Test
    void lmove_missingSource_isNilAndCreatesNothingEvenIfTheDestinationIsNotAList() {
        assertReply(Reply.NIL, "LMOVE", "src", "dst", "LEFT", "LEFT");
        assertNoKey("dst");
        exec("SET", "dst", "string");
        assertReply(Reply.NIL, "LMOVE", "src", "dst", "LEFT", "LEFT");
        assertReply(Reply.NIL, "RPOPLPUSH", "src", "dst");
        assertNull(redis.rpoplpush("src", "dst"));
        assertReply(bulk("string"), "GET", "dst");
    }

    @Test
    void lmove_destinationNotAList_isWrongTypeAndLeavesTheSourceUntouched() {
        rpush("src", "a", "b");
        exec("SET", "dst", "string");
        assertRefusedUnchanged(WRONGTYPE, "LMOVE", "src", "dst", "LEFT", "RIGHT");
        assertRefusedUnchanged(WRONGTYPE, "RPOPLPUSH", "src", "dst");
        rpush("one", "x");
        assertRefusedUnchanged(WRONGTYPE, "LMOVE", "one", "dst", "RIGHT", "LEFT");
        assertList("one", "x");
    }

    @Test
    void lmove_sourceNotAList_isWrongType() {
        exec("SET", "src", "string");
        rpush("dst", "x");
        assertRefusedUnchanged(WRONGTYPE, "LMOVE", "src", "dst", "LEFT", "RIGHT");
        assertRefusedUnchanged(WRONGTYPE, "RPOPLPUSH", "src", "src");
    }

    @Test
    void lmove_badDirection_isASyntaxErrorEvenWithoutTheSource() {
        assertError("ERR syntax error", "LMOVE", "src", "dst", "UP", "LEFT");
        rpush("src", "a");
        assertError("ERR syntax error", "LMOVE", "src", "dst", "LEFT", "DOWN");
        exec("SET", "str", "v");
        assertError("ERR syntax error", "LMOVE", "str", "dst", "LEFT", "DOWN");
        assertList("src", "a");
        assertNoKey("dst");
    }

    @Test
    void lmove_sameKeyOppositeEnds_rotatesTheList() {
        rpush("k", "a", "b", "c");
        assertReply(bulk("a"), "LMOVE", "k", "k", "LEFT", "RIGHT");
        assertList("k", "b", "c", "a");
        assertReply(bulk("a"), "LMOVE", "k", "k", "RIGHT", "LEFT");
        assertList("k", "a", "b", "c");
        assertReply(bulk("c"), "RPOPLPUSH", "k", "k");
        assertList("k", "c", "a", "b");
    }

    @Test
    void lmove_sameKeySameEnd_leavesTheListAsItWas() {
        rpush("k", "a", "b", "c");
        assertReply(bulk("a"), "LMOVE", "k", "k", "LEFT", "LEFT");
        assertReply(bulk("c"), "LMOVE", "k", "k", "RIGHT", "RIGHT");
        assertList("k", "a", "b", "c");
    }

    @Test
    void lmove_sameKeyWithOneElement_keepsIt() {
        rpush("k", "only");
        assertReply(bulk("only"), "LMOVE", "k", "k", "LEFT", "RIGHT");
        assertReply(bulk("only"), "RPOPLPUSH", "k", "k");
        assertList("k", "only");
    }

    @Test
    void lmove_rotatingALongListFully_restoresIt() {
        String[] elements = numbered("rotation-element-", 300);
        rpush("k", elements);
        for (int i = 0; i < elements.length; i++) {
            assertReply(bulk(elements[elements.length - 1 - i]), "RPOPLPUSH", "k", "k");
        }
        assertList("k", elements);
    }

    @Test
    void rpoplpush_takesTheTailAndPushesTheHead() {
        rpush("src", "a", "b", "c");
        rpush("dst", "x");
        assertReply(bulk("c"), "RPOPLPUSH", "src", "dst");
        assertList("dst", "c", "x");
        assertList("src", "a", "b");
        assertError("ERR wrong number of arguments for 'rpoplpush' command", "RPOPLPUSH", "src");
    }

    @Test
    void lmove_drainingAListIntoAnother_movesEveryElementOnce() {
        String[] elements = numbered("m", 250);
        rpush("src", elements);
        for (String element : elements) {
            assertReply(bulk(element), "LMOVE", "src", "dst", "LEFT", "RIGHT");
        }
        assertNoKey("src");
        assertList("dst", elements);
    }

    // ------------------------------------------------------------------ LMPOP

    @Test
    void lmpop_popsFromTheFirstNonEmptyKey() {
        rpush("b", "b1", "b2", "b3");
        rpush("c", "c1");
        assertReply(Reply.array(List.of(bulk("b"), array("b1"))), "LMPOP", "3", "a", "b", "c", "LEFT");
        assertReply(Reply.array(List.of(bulk("b"), array("b3", "b2"))), "LMPOP", "3", "a", "b", "c", "RIGHT", "COUNT", "5");
        assertNoKey("b");
        assertReply(Reply.array(List.of(bulk("c"), array("c1"))), "LMPOP", "2", "b", "c", "left", "count", "1");
        assertReply(Reply.NIL, "LMPOP", "2", "b", "c", "LEFT");
    }

    @Test
    void lmpop_count_takesUpToCountFromThatEnd() {
        rpush("k", numbered("e", 6));
        assertEquals(new KeyValue<>("k", List.of("e0", "e1")), redis.lmpop(ListDirection.LEFT, 2, "k"));
        assertEquals(new KeyValue<>("k", List.of("e5", "e4", "e3")), redis.lmpop(ListDirection.RIGHT, 3, "k"));
        assertList("k", "e2");
        assertNull(redis.lmpop(ListDirection.LEFT, 1, "none", "other"));
    }

    @Test
    void lmpop_missingKeys_isNil() {
        assertReply(Reply.NIL, "LMPOP", "1", "k", "LEFT");
        assertReply(Reply.NIL, "LMPOP", "2", "k", "j", "RIGHT", "COUNT", "3");
    }

    @Test
    void lmpop_badNumkeys_isRefused() {
        rpush("k", "a");
        assertError("ERR numkeys should be greater than 0", "LMPOP", "0", "k", "LEFT");
        assertError("ERR numkeys should be greater than 0", "LMPOP", "-1", "k", "LEFT");
        assertError("ERR numkeys should be greater than 0", "LMPOP", "abc", "k", "LEFT");
        assertError("ERR syntax error", "LMPOP", "2", "k", "LEFT");
        assertError("ERR syntax error", "LMPOP", "5", "k", "LEFT");
        assertError("ERR syntax error", "LMPOP", "9223372036854775807", "k", "LEFT");
        assertError("ERR wrong number of arguments for 'lmpop' command", "LMPOP", "1", "k");
        assertList("k", "a");
    }

    @Test
    void lmpop_badDirectionOrOption_isASyntaxError() {
        rpush("k", "a");
        assertError("ERR syntax error", "LMPOP", "1", "k", "MIDDLE");
        assertError("ERR syntax error", "LMPOP", "1", "k", "LEFT", "COUNT");
        assertError("ERR syntax error", "LMPOP", "1", "k", "LEFT", "COUNT", "2", "COUNT", "3");
        assertError("ERR syntax error", "LMPOP", "1", "k", "LEFT", "LIMIT", "2");
        assertError("ERR syntax error", "LMPOP", "1", "k", "LEFT", "2");
        assertList("k", "a");
    }

    @Test
    void lmpop_badCount_isRefusedWhereItIsRead() {
        rpush("k", "a");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "k", "LEFT", "COUNT", "0");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "k", "LEFT", "COUNT", "-1");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "k", "LEFT", "COUNT", "abc");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "k", "LEFT", "COUNT", "0", "COUNT", "1");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "k", "LEFT", "COUNT", "abc", "extra");
        assertList("k", "a");
    }

    @Test
    void lmpop_keyNotAList_isWrongTypeUnlessAnEarlierKeyHasElements() {
        exec("SET", "s", "v");
        rpush("l", "a", "b");
        assertError(WRONGTYPE, "LMPOP", "1", "s", "LEFT");
        assertError(WRONGTYPE, "LMPOP", "2", "missing", "s", "LEFT");
        assertReply(Reply.array(List.of(bulk("l"), array("a"))), "LMPOP", "2", "l", "s", "LEFT");
        assertError(WRONGTYPE, "LMPOP", "2", "s", "l", "LEFT");
        assertList("l", "b");
    }
}
