package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH through {@code execute}, with Redis's semantics: each calling
 * thread is a connection of its own, its commands after MULTI answer QUEUED and run at EXEC, a
 * queued command Redis refuses at once aborts the transaction (EXECABORT), one failing at run time
 * does not undo the others, and a watched key changed by anyone (expiry included) makes EXEC
 * answer nil. The expectations are what redis-server answers.
 */
class TransactionContractTest extends ContractTest {
    private static final Reply OK = status("OK");
    private static final Reply QUEUED = status("QUEUED");
    private static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    /** Runs one command line on another thread, a client of its own, and returns its reply. */
    private Reply elsewhere(String... argv) throws Exception {
        return CompletableFuture.supplyAsync(() -> store.execute(argv), runnable -> Thread.ofPlatform().start(runnable))
                .get(30, TimeUnit.SECONDS);
    }

    private static Reply replies(Reply... items) {
        return Reply.array(List.of(items));
    }

    @Test
    void exec_runsTheQueuedCommands_andAnswersTheirReplies() {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "v");
        assertReply(QUEUED, "INCR", "n");
        assertReply(QUEUED, "GET", "k");
        assertReply(QUEUED, "LPUSH", "l", "a", "b");
        assertReply(QUEUED, "PING");
        assertReply(replies(OK, integer(1), bulk("v"), integer(2), status("PONG")), "EXEC");
        assertReply(bulk("v"), "GET", "k");
    }

    @Test
    void queuedUnknownCommand_abortsExec_andChangesNothing() {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "a", "1");
        assertError("ERR unknown command 'FOO', with args beginning with: ", "FOO");
        assertError(EXECABORT, "EXEC");
        assertReply(Reply.NIL, "GET", "a");
        assertError("ERR EXEC without MULTI", "EXEC");
    }

    @Test
    void queuedArityError_abortsExec() {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "a", "1");
        assertError("ERR wrong number of arguments for 'set' command", "SET", "b");
        assertError(EXECABORT, "EXEC");
        assertReply(integer(0), "EXISTS", "a", "b");
    }

    @Test
    void runTimeError_doesNotUndoTheOthers() {
        assertReply(OK, "SET", "s", "x");
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "INCR", "s");
        assertReply(QUEUED, "SET", "t", "1");
        assertReply(QUEUED, "LPUSH", "s", "wrong");
        assertReply(replies(Reply.error(NOT_INTEGER), OK, Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value")),
                "EXEC");
        assertReply(bulk("1"), "GET", "t");
        assertReply(bulk("x"), "GET", "s");
    }

    @Test
    void discard_dropsTheQueue() {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "v");
        assertReply(OK, "DISCARD");
        assertReply(Reply.NIL, "GET", "k");
        assertError("ERR EXEC without MULTI", "EXEC");
    }

    @Test
    void nestedMulti_isAnError_andTheTransactionGoesOn() {
        assertReply(OK, "MULTI");
        assertError("ERR MULTI calls can not be nested", "MULTI");
        assertReply(QUEUED, "SET", "k", "1");
        assertReply(replies(OK), "EXEC");
        assertReply(bulk("1"), "GET", "k");
    }

    @Test
    void execAndDiscardWithoutMulti_areErrors() {
        assertError("ERR EXEC without MULTI", "EXEC");
        assertError("ERR DISCARD without MULTI", "DISCARD");
        assertReply(OK, "UNWATCH");
        assertError("ERR wrong number of arguments for 'watch' command", "WATCH");
        assertError("ERR wrong number of arguments for 'discard' command", "DISCARD", "x");
        assertError("ERR wrong number of arguments for 'multi' command", "MULTI", "x");
    }

    @Test
    void execWithArguments_answersExecabort_andEndsTheTransaction() {
        String abort = "EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command";
        assertError(abort, "EXEC", "x");
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "v");
        assertError(abort, "EXEC", "x");
        assertError("ERR EXEC without MULTI", "EXEC");
        assertReply(Reply.NIL, "GET", "k");
    }

    @Test
    void emptyTransaction_answersAnEmptyArray() {
        assertReply(OK, "MULTI");
        assertReply(replies(), "EXEC");
    }

    @Test
    void eachThreadIsAConnectionOfItsOwn() throws Exception {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "mine");
        assertEquals(OK, elsewhere("SET", "k", "theirs"));
        assertEquals(bulk("theirs"), elsewhere("GET", "k"));
        assertReply(replies(OK), "EXEC");
        assertReply(bulk("mine"), "GET", "k");
    }

    @Test
    void watch_keyChangedByAnotherThread_execAnswersNil() throws Exception {
        assertReply(OK, "SET", "k", "1");
        assertReply(OK, "WATCH", "k");
        assertEquals(OK, elsewhere("SET", "k", "2"));
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "mine");
        assertReply(Reply.NIL, "EXEC");
        assertReply(bulk("2"), "GET", "k");
        // EXEC ended the watch: the next transaction runs.
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "mine");
        assertReply(replies(OK), "EXEC");
    }

    @Test
    void watch_keyDeletedByAnotherThread_execAnswersNil() throws Exception {
        assertReply(integer(1), "SADD", "set", "a");
        assertReply(OK, "WATCH", "set");
        assertEquals(integer(1), elsewhere("DEL", "set"));
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SADD", "set", "b");
        assertReply(Reply.NIL, "EXEC");
        assertReply(integer(0), "EXISTS", "set");
    }

    @Test
    void watch_missingKeyCreatedByAnotherThread_execAnswersNil() throws Exception {
        assertReply(OK, "WATCH", "fresh");
        assertEquals(integer(1), elsewhere("RPUSH", "fresh", "x"));
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "DEL", "fresh");
        assertReply(Reply.NIL, "EXEC");
        assertReply(integer(1), "LLEN", "fresh");
    }

    @Test
    void watch_keyThatExpiresBeforeExec_execAnswersNil() throws Exception {
        assertReply(OK, "SET", "k", "v", "PX", "300");
        assertReply(OK, "WATCH", "k");
        Reply ttl = exec("PTTL", "k");
        Assumptions.assumeTrue(ttl instanceof Reply.Int left && left.value() > 0, "the key expired before WATCH on a slow machine");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!elsewhere("EXISTS", "k").equals(integer(0)) && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "new");
        assertReply(Reply.NIL, "EXEC");
        assertReply(Reply.NIL, "GET", "k");
    }

    @Test
    void watch_keyChangedByTheSameThread_execAnswersNil() {
        assertReply(OK, "SET", "k", "1");
        assertReply(OK, "WATCH", "k");
        assertReply(integer(2), "INCR", "k");
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "INCR", "k");
        assertReply(Reply.NIL, "EXEC");
        assertReply(bulk("2"), "GET", "k");
    }

    @Test
    void unwatch_forgetsTheWatchedKeys() throws Exception {
        assertReply(OK, "WATCH", "k");
        assertEquals(OK, elsewhere("SET", "k", "theirs"));
        assertReply(OK, "UNWATCH");
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "mine");
        assertReply(replies(OK), "EXEC");
        assertReply(bulk("mine"), "GET", "k");
    }

    @Test
    void discard_forgetsTheWatchedKeys() throws Exception {
        assertReply(OK, "WATCH", "k");
        assertEquals(OK, elsewhere("SET", "k", "theirs"));
        assertReply(OK, "MULTI");
        assertReply(OK, "DISCARD");
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SET", "k", "mine");
        assertReply(replies(OK), "EXEC");
    }

    @Test
    void watchInsideMulti_isAnError_andTheTransactionGoesOn() {
        assertReply(OK, "MULTI");
        assertError("ERR WATCH inside MULTI is not allowed", "WATCH", "k");
        assertReply(QUEUED, "SET", "k", "1");
        assertReply(replies(OK), "EXEC");
    }

    @Test
    void touchedButUnchangedKeys_doNotAbort() throws Exception {
        assertReply(integer(1), "SADD", "set", "a");
        assertReply(OK, "WATCH", "set", "missing", "list");
        assertEquals(integer(0), elsewhere("SADD", "set", "a"));
        assertEquals(integer(0), elsewhere("DEL", "missing"));
        assertEquals(integer(0), elsewhere("SREM", "set", "nothere"));
        assertEquals(integer(0), elsewhere("LPUSHX", "list", "x"));
        assertEquals(integer(0), elsewhere("EXPIRE", "missing", "100"));
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "SADD", "set", "b");
        assertReply(replies(integer(1)), "EXEC");
    }

    @Test
    void blockingCommandInsideMulti_runsWithoutBlocking() {
        assertReply(OK, "MULTI");
        assertReply(QUEUED, "BLPOP", "nolist", "0");
        assertReply(QUEUED, "RPUSH", "list", "x");
        assertReply(QUEUED, "BLPOP", "list", "0");
        assertReply(replies(Reply.NIL, integer(1), array("list", "x")), "EXEC");
    }

    @Test
    void publishInsideMulti_goesOutAtExec() throws Exception {
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        var subscription = store.subscribe((channel, message) -> received.add(message), "tx-news");
        try {
            assertReply(OK, "MULTI");
            assertReply(QUEUED, "PUBLISH", "tx-news", "queued");
            assertTrue(received.isEmpty());
            assertReply(replies(integer(1)), "EXEC");
            assertEquals("queued", received.poll(30, TimeUnit.SECONDS));
            assertReply(OK, "MULTI");
            assertReply(QUEUED, "PUBLISH", "tx-news", "discarded");
            assertReply(OK, "DISCARD");
            assertReply(integer(1), "PUBLISH", "tx-news", "after");
            assertEquals("after", received.poll(30, TimeUnit.SECONDS));
        } finally {
            subscription.close();
        }
    }
}
