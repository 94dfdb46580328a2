package dev.keel.engine.stream;

import static dev.keel.engine.stream.ExpectedReplies.entry;
import static dev.keel.engine.stream.ExpectedReplies.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.KeelInterruptedException;
import dev.keel.Reply;
import dev.keel.engine.AbstractCommandTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * XREAD BLOCK and XREADGROUP BLOCK: reading at once when there is something, waiting otherwise,
 * served by XADD with what came after they blocked ($ resolved when they blocked), every waiter
 * tried even when one before it finds nothing, and XREADGROUP answering Redis's errors when its
 * stream or group goes while it waits. A push serves its waiters before it returns, so after it
 * a test can assert at once what each waiter got. Error texts were taken from Redis 7.0.15.
 */
@Timeout(60)
class StreamBlockingTest extends AbstractCommandTest {

    @Test
    void dataPresent_answersAtOnce() {
        exec("XADD", "s", "1-0", "f", "v");
        assertReply(read("s", entry("1-0", "f", "v")), "XREAD", "BLOCK", "0", "STREAMS", "s", "0");
        exec("XGROUP", "CREATE", "s", "g", "0");
        assertReply(read("s", entry("1-0", "f", "v")), "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        assertReply(read("s", entry("1-0", "f", "v")), "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", "0");
    }

    @Test
    void timeout_answersNil_andBadTimeoutsAreRefused() {
        assertReply(Reply.NIL, "XREAD", "BLOCK", "10", "STREAMS", "s", "$");
        assertError("ERR timeout is negative", "XREAD", "BLOCK", "-1", "STREAMS", "s", "$");
        assertError("ERR timeout is not an integer or out of range", "XREAD", "BLOCK", "0.5", "STREAMS", "s", "$");
        exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "s", ">");
        assertReply(Reply.array(List.of()), "XINFO", "CONSUMERS", "s", "g");
    }

    @Test
    void xreadDollar_servedWithWhatCameAfterItBlocked() throws Exception {
        exec("XADD", "s", "1-0", "f", "old");
        CompletableFuture<Reply> dollar = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "other", "s", "$", "$");
        CompletableFuture<Reply> fromZero = startBlocked("XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", "1-0");
        exec("XADD", "s", "2-0", "f", "new");
        assertEquals(read("s", entry("2-0", "f", "new")), answerOf(dollar));
        assertEquals(read("s", entry("2-0", "f", "new")), answerOf(fromZero));
    }

    @Test
    void xreadDollar_onAMissingKey_readsTheStreamAnXaddCreates() throws Exception {
        CompletableFuture<Reply> waiter = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        exec("SET", "other", "x");
        exec("XADD", "s", "5-0", "f", "v");
        assertEquals(read("s", entry("5-0", "f", "v")), answerOf(waiter));
    }

    @Test
    void xreadgroup_oneNewEntry_goesToOneConsumerOfTheGroup_andToEveryOtherGroup() throws Exception {
        exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        exec("XGROUP", "CREATE", "s", "h", "$");
        CompletableFuture<Reply> first = startBlocked("XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">");
        CompletableFuture<Reply> second = startBlocked("XREADGROUP", "GROUP", "g", "c2", "BLOCK", "0", "STREAMS", "s", ">");
        CompletableFuture<Reply> otherGroup = startBlocked("XREADGROUP", "GROUP", "h", "c1", "NOACK", "BLOCK", "0", "STREAMS", "s", ">");
        CompletableFuture<Reply> reader = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        exec("XADD", "s", "1-0", "f", "v");
        assertEquals(read("s", entry("1-0", "f", "v")), answerOf(first));
        assertEquals(read("s", entry("1-0", "f", "v")), answerOf(otherGroup));
        assertEquals(read("s", entry("1-0", "f", "v")), answerOf(reader));
        assertFalse(second.isDone(), "the group's entry went to c1");
        assertReply(Reply.array(List.of(integer(1), bulk("1-0"), bulk("1-0"), Reply.array(List.of(array("c1", "1"))))),
                "XPENDING", "s", "g");
        assertReply(Reply.array(List.of(integer(0), Reply.NIL, Reply.NIL, Reply.NIL)), "XPENDING", "s", "h");
        exec("XADD", "s", "2-0", "f", "w");
        assertEquals(read("s", entry("2-0", "f", "w")), answerOf(second));
    }

    @Test
    void xreadgroup_streamDeletedWhileWaiting_answersUnblocked_whileXreadWaitsOn() throws Exception {
        exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        CompletableFuture<Reply> reader = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        CompletableFuture<Reply> group = startBlocked("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        assertReply(integer(1), "DEL", "s");
        assertEquals(Reply.error("UNBLOCKED the stream key no longer exists"), answerOf(group));
        assertFalse(reader.isDone());
        exec("XADD", "s", "1-0", "f", "v");
        assertEquals(read("s", entry("1-0", "f", "v")), answerOf(reader));
    }

    @Test
    void xreadgroup_groupDestroyedWhileWaiting_answersNogroup() throws Exception {
        exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        exec("XGROUP", "CREATE", "s", "h", "$");
        CompletableFuture<Reply> destroyed = startBlocked("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        CompletableFuture<Reply> kept = startBlocked("XREADGROUP", "GROUP", "h", "c", "BLOCK", "0", "STREAMS", "s", ">");
        assertReply(integer(1), "XGROUP", "DESTROY", "s", "g");
        assertEquals(Reply.error("NOGROUP the consumer group this client was blocked on no longer exists"), answerOf(destroyed));
        assertFalse(kept.isDone());
        exec("XADD", "s", "1-0", "f", "v");
        assertEquals(read("s", entry("1-0", "f", "v")), answerOf(kept));
    }

    @Test
    void xreadgroup_streamReplacedByRename_answersUnblocked() throws Exception {
        exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        exec("SET", "str", "x");
        CompletableFuture<Reply> waiter = startBlocked("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        exec("RENAME", "str", "s");
        assertEquals(Reply.error("UNBLOCKED the stream key no longer exists"), answerOf(waiter));
    }

    @Test
    void xreadgroup_streamOverwrittenFlushedOrExpired_answersUnblocked() throws Exception {
        for (String[] gone : List.of(new String[] {"SET", "s", "x"}, new String[] {"FLUSHALL"}, new String[] {"EXISTS", "s"})) {
            exec("DEL", "s");
            exec("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            CompletableFuture<Reply> reader = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
            CompletableFuture<Reply> waiter = startBlocked("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
            if (gone[0].equals("EXISTS")) {
                // Lazy expiry: the read that finds the key expired removes it.
                exec("PEXPIRE", "s", "10");
                clock.advanceMillis(11);
            }
            exec(gone);
            assertEquals(Reply.error("UNBLOCKED the stream key no longer exists"), answerOf(waiter), String.join(" ", gone));
            exec("DEL", "s");
            exec("XADD", "s", "1-0", "f", "v");
            assertEquals(read("s", entry("1-0", "f", "v")), answerOf(reader), "XREAD waits on after " + String.join(" ", gone));
        }
    }

    @Test
    void xread_streamRenamedOntoTheKey_isRead() throws Exception {
        exec("XADD", "t", "3-0", "f", "v");
        CompletableFuture<Reply> waiter = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        exec("RENAME", "t", "s");
        assertEquals(read("s", entry("3-0", "f", "v")), answerOf(waiter));
    }

    @Test
    void interrupted_throwsAndLeavesNoWaiter() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                exec("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
                thrown.complete(null);
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        thread.interrupt();
        assertInstanceOf(KeelInterruptedException.class, thrown.get(20, TimeUnit.SECONDS));
        assertReply(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
    }

    @Test
    void closed_wakesWaitersWithIllegalState() throws Exception {
        CompletableFuture<Reply> waiter = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        store.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> answerOf(waiter));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
