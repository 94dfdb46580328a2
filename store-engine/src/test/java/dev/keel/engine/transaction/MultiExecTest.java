package dev.keel.engine.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keel.Reply;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH through {@code execute}, each thread its own connection; the
 * replies and error texts are Redis 7.0.15's. (The same behaviour is checked against a real
 * Redis in store-conformance; these are the cases that need Keel's clock or several threads.)
 */
class MultiExecTest extends AbstractCommandTest {
    private static final Reply QUEUED = new Reply.Status("QUEUED");

    private Reply run(String... argv) {
        return store.execute(argv);
    }

    private Reply onAnotherThread(String... argv) {
        return CompletableFuture.supplyAsync(() -> store.execute(argv)).join();
    }

    @Test
    void queuedCommandsRunAtExec_inOrder_withTheirErrorsInPlace() {
        assertEquals(Reply.OK, run("MULTI"));
        assertEquals(QUEUED, run("SET", "k", "v"));
        assertEquals(QUEUED, run("LPUSH", "k", "x"));
        assertEquals(QUEUED, run("APPEND", "k", "w"));
        assertEquals(Reply.integer(0), onAnotherThread("EXISTS", "k"), "nothing ran before EXEC");
        assertEquals(new Reply.Array(List.of(Reply.OK,
                Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value"), Reply.integer(2))), run("EXEC"));
        assertEquals(new Reply.Bulk("vw".getBytes()), run("GET", "k"));
    }

    @Test
    void aRefusedQueuedCommandAbortsTheExec() {
        run("MULTI");
        assertEquals(Reply.error("ERR wrong number of arguments for 'set' command"), run("SET", "k"));
        assertEquals(QUEUED, run("SET", "k", "v"));
        assertEquals(Reply.error("EXECABORT Transaction discarded because of previous errors."), run("EXEC"));
        assertEquals(Reply.NIL, run("GET", "k"));
        assertEquals(Reply.error("ERR EXEC without MULTI"), run("EXEC"));
    }

    @Test
    void sessionErrors() {
        assertEquals(Reply.error("ERR DISCARD without MULTI"), run("DISCARD"));
        assertEquals(Reply.error("ERR wrong number of arguments for 'watch' command"), run("WATCH"));
        run("MULTI");
        assertEquals(Reply.error("ERR MULTI calls can not be nested"), run("MULTI"));
        assertEquals(Reply.error("ERR WATCH inside MULTI is not allowed"), run("WATCH", "k"));
        assertEquals(QUEUED, run("UNWATCH"));
        assertEquals(QUEUED, run("BLPOP", "empty", "0"));
        assertEquals(new Reply.Array(List.of(Reply.OK, Reply.NIL)), run("EXEC"), "a blocking command takes what is there");
    }

    @Test
    void discardDropsTheQueue() {
        run("MULTI");
        run("SET", "k", "v");
        assertEquals(Reply.OK, run("DISCARD"));
        assertEquals(Reply.NIL, run("GET", "k"));
    }

    @Test
    void eachThreadIsItsOwnConnection() {
        run("MULTI");
        assertEquals(Reply.OK, onAnotherThread("SET", "k", "other thread"), "another thread is not queued");
        run("GET", "k");
        assertEquals(new Reply.Array(List.of(new Reply.Bulk("other thread".getBytes()))), run("EXEC"));
    }

    @Test
    void aWatchedKeyWrittenByAnotherThreadAbortsTheExec() {
        run("SET", "k", "1");
        run("WATCH", "k");
        onAnotherThread("INCR", "k");
        run("MULTI");
        run("SET", "k", "mine");
        assertSame(Reply.NIL, run("EXEC"));
        assertEquals(new Reply.Bulk("2".getBytes()), run("GET", "k"));
        run("MULTI");
        run("SET", "k", "mine");
        assertEquals(new Reply.Array(List.of(Reply.OK)), run("EXEC"), "EXEC unwatches, aborted or not");
    }

    @Test
    void aWatchedKeyThatExpiresAbortsTheExec_andOneThatWasMissingDoesNot() {
        run("SET", "k", "v", "PX", "100");
        run("WATCH", "k", "missing");
        clock.advance(Duration.ofMillis(101));
        run("MULTI");
        run("PING");
        assertSame(Reply.NIL, run("EXEC"));
        run("WATCH", "missing");
        clock.advance(Duration.ofSeconds(1));
        run("MULTI");
        run("PING");
        assertEquals(new Reply.Array(List.of(new Reply.Status("PONG"))), run("EXEC"));
    }

    @Test
    void aWriteThatChangesNothingDoesNotAbort_andUnwatchForgets() {
        run("SADD", "s", "a");
        run("WATCH", "s", "gone");
        onAnotherThread("SADD", "s", "a");
        onAnotherThread("DEL", "gone");
        run("MULTI");
        run("SCARD", "s");
        assertEquals(new Reply.Array(List.of(Reply.integer(1))), run("EXEC"));
        run("WATCH", "s");
        run("UNWATCH");
        onAnotherThread("SADD", "s", "b");
        run("MULTI");
        run("SCARD", "s");
        assertEquals(new Reply.Array(List.of(Reply.integer(2))), run("EXEC"));
    }

    @Test
    void flushallAbortsTheWatchersOfKeysItRemoves() {
        run("SET", "k", "v");
        run("WATCH", "k");
        onAnotherThread("FLUSHALL");
        run("MULTI");
        run("PING");
        assertSame(Reply.NIL, run("EXEC"));
    }

    @Test
    void execIsAtomicAgainstOtherThreads() throws Exception {
        run("SET", "a", "0");
        run("SET", "b", "0");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2_000; i++) {
                store.execute("MULTI");
                store.execute("INCR", "a");
                store.execute("INCR", "b");
                store.execute("EXEC");
            }
        });
        while (!writer.isDone()) {
            run("MULTI");
            run("GET", "a");
            run("GET", "b");
            Reply.Array both = (Reply.Array) run("EXEC");
            assertEquals(both.items().get(0), both.items().get(1), "both increments or neither");
        }
        writer.get(60, TimeUnit.SECONDS);
    }
}
