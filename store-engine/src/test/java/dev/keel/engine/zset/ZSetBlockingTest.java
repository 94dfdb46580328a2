package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keel.Reply;
import dev.keel.engine.AbstractCommandTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP: answering at once, waiting, being served first come first served
 * by every command that adds members to the key, and not by a push of another type. A push serves
 * its waiters before it returns, so after it a test can assert at once what each waiter got.
 */
@Timeout(60)
class ZSetBlockingTest extends AbstractCommandTest {

    @Test
    void dataPresent_answersAtOnce_fromTheFirstNonEmptyKey() {
        exec("ZADD", "b", "1", "x", "2", "y", "3", "z");
        assertReply(array("b", "x", "1"), "BZPOPMIN", "a", "b", "0");
        assertReply(array("b", "z", "3"), "BZPOPMAX", "a", "b", "0");
        assertReply(Reply.array(List.of(bulk("b"), Reply.array(List.of(array("y", "2"))))), "BZMPOP", "0", "2", "a", "b", "MIN",
                "COUNT", "5");
        assertReply(integer(0), "EXISTS", "b");
    }

    @Test
    void errors_answerAtOnce() {
        exec("SET", "str", "x");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "BZPOPMIN", "missing", "str", "0");
        assertError("ERR timeout is not a float or out of range", "BZPOPMIN", "str", "abc");
        assertError("ERR timeout is negative", "BZPOPMAX", "str", "-1");
        assertError("ERR numkeys should be greater than 0", "BZMPOP", "abc", "0", "z", "MIN");
        assertError("ERR syntax error", "BZMPOP", "abc", "1", "z", "FOO");
        assertError("ERR timeout is not a float or out of range", "BZMPOP", "abc", "1", "z", "MIN");
    }

    @Test
    void timeout_answersNil() {
        assertReply(Reply.NIL, "BZPOPMIN", "none", "0.01");
        assertReply(Reply.NIL, "BZMPOP", "0.01", "1", "none", "MAX");
    }

    @Test
    void zadd_servesWaitersFirstComeFirstServed() throws Exception {
        CompletableFuture<Reply> first = startBlocked("BZPOPMIN", "q", "0");
        CompletableFuture<Reply> second = startBlocked("BZPOPMAX", "other", "q", "0");
        CompletableFuture<Reply> third = startBlocked("BZPOPMIN", "q", "0");
        assertReply(integer(2), "ZADD", "q", "1", "low", "2", "high");
        assertEquals(array("q", "low", "1"), answerOf(first));
        assertEquals(array("q", "high", "2"), answerOf(second));
        assertFalse(third.isDone());
        assertReply(bulk("1.5"), "ZINCRBY", "q", "1.5", "m");
        assertEquals(array("q", "m", "1.5"), answerOf(third));
        assertReply(integer(0), "EXISTS", "q");
    }

    @Test
    void storeCommands_serveTheirDestination() throws Exception {
        exec("ZADD", "src", "1", "a", "2", "b", "3", "c");
        CompletableFuture<Reply> union = startBlocked("BZMPOP", "0", "1", "u", "MAX", "COUNT", "2");
        assertReply(integer(3), "ZUNIONSTORE", "u", "1", "src");
        assertEquals(Reply.array(List.of(bulk("u"), Reply.array(List.of(array("c", "3"), array("b", "2"))))), answerOf(union));
        CompletableFuture<Reply> range = startBlocked("BZPOPMIN", "r", "0");
        assertReply(integer(1), "ZRANGESTORE", "r", "src", "1", "1");
        assertEquals(array("r", "b", "2"), answerOf(range));
        CompletableFuture<Reply> inter = startBlocked("BZPOPMAX", "i", "0");
        assertReply(integer(3), "ZINTERSTORE", "i", "2", "src", "src");
        assertEquals(array("i", "c", "6"), answerOf(inter));
        CompletableFuture<Reply> diff = startBlocked("BZPOPMAX", "d", "0");
        assertReply(integer(3), "ZDIFFSTORE", "d", "1", "src");
        assertEquals(array("d", "c", "3"), answerOf(diff));
    }

    @Test
    void pushOfAnotherType_leavesTheWaiterWaiting() throws Exception {
        CompletableFuture<Reply> waiter = startBlocked("BZPOPMAX", "k", "0");
        assertReply(integer(1), "LPUSH", "k", "x");
        assertFalse(waiter.isDone());
        exec("DEL", "k");
        assertReply(integer(1), "ZADD", "k", "7", "m");
        assertEquals(array("k", "m", "7"), answerOf(waiter));
    }
}
