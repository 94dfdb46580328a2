package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.KeelInterruptedException;
import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import dev.keel.ScoredValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking command and everything else on ONE store object, from several threads: the push
 * that serves a waiting pop goes through the same store, other commands are not held up while a
 * pop waits, an interrupted taker takes nothing (the next push stays for the next taker), and
 * closing the store ends a wait. Against the real server this is what running every waiting
 * command on a connection of its own buys; a store sending everything over one connection stalls
 * or deadlocks here.
 *
 * <p>No test asserts timing: "not held up" is shown by the other command finishing while the pop
 * is still waiting, and then serving it.
 */
@Timeout(60)
class BlockingOnOneStoreContractTest extends ContractTest {
    private static final long PATIENCE_SECONDS = 20;

    /** The thread of the current test's blocking call, interrupted and joined after the test. */
    private Thread taker;
    /** Whether the taker's interrupt flag was set when its call returned or threw. */
    private volatile boolean interruptSetAfterCall;

    @AfterEach
    void stopTaker() throws InterruptedException {
        if (taker != null && taker.isAlive()) {
            taker.interrupt();
            taker.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
    }

    // ------------------------------------------------------------------ served through the same store

    @Test
    void listTake_emptyList_servedByAPushThroughTheSameStore() throws Exception {
        CompletableFuture<String> taken = startTaker(() -> store.list("q").take());
        awaitBlocked(taken);
        assertEquals(1, redis.rpush("q", "job"));
        assertEquals("job", taken.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, redis.exists("q"), "the taker removed it");
    }

    @Test
    void blmove_emptySource_servedByAPushThroughTheSameStore() throws Exception {
        CompletableFuture<String> moved = startTaker(() -> redis.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT,
                Duration.ZERO));
        awaitBlocked(moved);
        redis.lpush("src", "a");
        assertEquals("a", moved.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of("a"), redis.lrange("dst", 0, -1));
    }

    @Test
    void sortedSetTakeFirst_emptySet_servedByAnAddThroughTheSameStore() throws Exception {
        CompletableFuture<ScoredValue<String>> taken = startTaker(() -> store.sortedSet("q").takeFirst());
        awaitBlocked(taken);
        assertTrue(store.sortedSet("q").add("job", 7));
        assertEquals(new ScoredValue<>("job", 7), taken.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, redis.exists("q"), "the taker removed it");
    }

    @Test
    void bzmpop_emptySets_servedByAnAddThroughTheSameStore() throws Exception {
        CompletableFuture<Reply> popped = startTaker(() -> store.execute("BZMPOP", "0", "2", "a", "b", "MAX", "COUNT", "2"));
        awaitBlocked(popped);
        redis.zadd("b", Map.of("x", 1.0, "y", 2.0, "z", 3.0));
        assertEquals(Reply.array(List.of(bulk("b"), Reply.array(List.of(array("z", "3"), array("y", "2"))))),
                popped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void xreadBlock_emptyStream_servedByAnAddThroughTheSameStore() throws Exception {
        knownKeelDivergence("streams are not in the engine yet");
        CompletableFuture<Reply> read = startTaker(() -> store.execute("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        awaitBlocked(read);
        assertReply(bulk("1-1"), "XADD", "s", "1-1", "f", "v");
        assertEquals(Reply.array(List.of(Reply.array(List.of(bulk("s"),
                Reply.array(List.of(Reply.array(List.of(bulk("1-1"), array("f", "v"))))))))),
                read.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    // ------------------------------------------------------------------ other commands meanwhile

    @Test
    void blpopWaiting_otherCommandsOnTheSameStore_completeWhileItWaits() throws Exception {
        CompletableFuture<KeyValue<String, String>> popped = startTaker(() -> redis.blpop(Duration.ofSeconds(2), "q"));
        awaitBlocked(popped);
        assertEquals("OK", redis.set("k", "v"));
        assertEquals("v", redis.get("k"));
        assertEquals(1, redis.zadd("z", Map.of("m", 1.0)));
        assertEquals(1, redis.rpush("other", "x"));
        assertFalse(popped.isDone(), "the pop still waits: the other commands did not wait for it");
        redis.rpush("q", "job");
        assertEquals(new KeyValue<>("q", "job"), popped.get(PATIENCE_SECONDS, TimeUnit.SECONDS),
                "the push reached the pop before its timeout");
    }

    @Test
    void bzpopminWaiting_otherCommandsOnTheSameStore_completeWhileItWaits() throws Exception {
        CompletableFuture<KeyValue<String, ScoredValue<String>>> popped =
                startTaker(() -> redis.bzpopmin(Duration.ofSeconds(2), "z"));
        awaitBlocked(popped);
        assertEquals(1, redis.rpush("l", "x"));
        assertEquals(List.of("x"), redis.lrange("l", 0, -1));
        assertFalse(popped.isDone(), "the pop still waits: the other commands did not wait for it");
        redis.zadd("z", Map.of("m", 2.5));
        assertEquals(new KeyValue<>("z", new ScoredValue<>("m", 2.5)), popped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void twoTakersOnOneStore_eachServedByItsOwnPush() throws Exception {
        CompletableFuture<String> first = startTaker(() -> store.list("a").take());
        awaitBlocked(first);
        Thread firstThread = taker;
        CompletableFuture<String> second = startTaker(() -> store.list("b").take());
        awaitBlocked(second, 2);
        redis.rpush("b", "for b");
        assertEquals("for b", second.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        redis.rpush("a", "for a");
        assertEquals("for a", first.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        firstThread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
    }

    // ------------------------------------------------------------------ interrupts

    @Test
    void listTake_interrupted_throwsInterruptedException_nextPushStaysForTheNextTaker() throws Exception {
        interruptWhileBlocked(startTaker(() -> store.list("q").take()), InterruptedException.class);
        assertFalse(interruptSetAfterCall, "InterruptedException clears the interrupt status");
        redis.rpush("q", "job");
        assertEquals(List.of("job"), redis.lrange("q", 0, -1), "the interrupted taker took nothing, then or later");
        assertEquals("job", store.list("q").take(), "the next taker gets it");
    }

    @Test
    void sortedSetTakeFirst_interrupted_throwsInterruptedException_nextAddStaysForTheNextTaker() throws Exception {
        interruptWhileBlocked(startTaker(() -> store.sortedSet("q").takeFirst()), InterruptedException.class);
        store.sortedSet("q").add("job", 1);
        assertEquals(List.of(new ScoredValue<>("job", 1)), store.sortedSet("q").rangeByRank(0, -1),
                "the interrupted taker took nothing, then or later");
        assertEquals(new ScoredValue<>("job", 1), store.sortedSet("q").takeFirst(), "the next taker gets it");
    }

    @Test
    void executeBlpop_interrupted_throwsKeelInterruptedExceptionWithTheFlagSet() throws Exception {
        interruptWhileBlocked(startTaker(() -> store.execute("BLPOP", "q", "0")), KeelInterruptedException.class);
        assertTrue(interruptSetAfterCall, "the interrupt status is set again");
        redis.rpush("q", "job");
        assertReply(array("q", "job"), "BLPOP", "q", "0");
    }

    @Test
    void interruptedBeforeTheCall_dataPresent_answersItWithTheFlagKept() throws Exception {
        redis.rpush("q", "job");
        CompletableFuture<Reply> popped = startTaker(() -> {
            Thread.currentThread().interrupt();
            return store.execute("BLPOP", "q", "0");
        });
        assertEquals(array("q", "job"), popped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        taker.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertTrue(interruptSetAfterCall, "the interrupt is kept for the caller");
        assertEquals(0, redis.exists("q"));
    }

    @Test
    void interruptRacingAPush_theElementIsTakenOnceOrLeft() throws Exception {
        for (int i = 0; i < 200; i++) {
            String key = "q" + i;
            CompletableFuture<Reply> popped = startTaker(() -> store.execute("BLPOP", key, "0"));
            if (i % 2 == 0) {
                taker.interrupt();
                redis.rpush(key, "e");
            } else {
                redis.rpush(key, "e");
                taker.interrupt();
            }
            try {
                assertEquals(array(key, "e"), popped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
                assertEquals(0, redis.exists(key), "taken once");
            } catch (ExecutionException e) {
                assertInstanceOf(KeelInterruptedException.class, e.getCause());
                assertEquals(List.of("e"), redis.lrange(key, 0, -1), "an interrupted taker took nothing");
            }
            taker.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
    }

    // ------------------------------------------------------------------ close

    @Test
    void close_whileATakerWaits_itThrowsTheStoreIsClosed() throws Exception {
        closeWhileBlocked(startTaker(() -> store.list("q").take()));
        assertThrows(IllegalStateException.class, () -> store.list("q").take());
    }

    @Test
    void close_whileATimedPopWaits_itThrowsTheStoreIsClosed() throws Exception {
        closeWhileBlocked(startTaker(() -> redis.bzpopmax(Duration.ofSeconds(PATIENCE_SECONDS), "z")));
    }

    @Test
    void timedPop_runsOut_returnsNilAndTheStoreServesTheNextOne() throws Exception {
        assertNull(redis.blpop(Duration.ofMillis(50), "q"));
        CompletableFuture<String> taken = startTaker(() -> store.list("q").take());
        awaitBlocked(taken);
        redis.rpush("q", "job");
        assertEquals("job", taken.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    // ------------------------------------------------------------------ helpers

    /** Interrupts the taker once {@code call} blocks, and asserts that the call throws {@code thrown}. */
    private void interruptWhileBlocked(CompletableFuture<?> call, Class<? extends Exception> thrown) throws Exception {
        awaitBlocked(call);
        taker.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(thrown, e.getCause());
        taker.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
    }

    /** Closes the store once {@code call} blocks, and asserts that the call throws as the engine's waiters do. */
    private void closeWhileBlocked(CompletableFuture<?> call) throws Exception {
        awaitBlocked(call);
        store.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals("the store is closed", assertInstanceOf(IllegalStateException.class, e.getCause()).getMessage());
    }

    /** Runs {@code call} on a new thread, the test's taker. */
    private <T> CompletableFuture<T> startTaker(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        taker = Thread.ofPlatform().name("blocking-taker").daemon(true).start(() -> {
            try {
                T value = call.call();
                interruptSetAfterCall = Thread.currentThread().isInterrupted();
                result.complete(value);
            } catch (Throwable e) {
                interruptSetAfterCall = Thread.currentThread().isInterrupted();
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Waits until the taker is blocked: its thread waits and, on the real server, the server counts
     * a blocked client. Asking the server goes through the store under test, so this also shows
     * that the store answers while a command waits.
     */
    private void awaitBlocked(CompletableFuture<?> call) throws InterruptedException {
        awaitBlocked(call, 1);
    }

    /** As {@link #awaitBlocked(CompletableFuture)}, with {@code clients} blocked clients on the real server. */
    private void awaitBlocked(CompletableFuture<?> call, int clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!blocked(taker, clients)) {
            if (call.isDone()) {
                fail("the call did not wait: " + call);
            }
            if (System.nanoTime() > deadline) {
                fail("the call did not block: " + taker.getState());
            }
            Thread.sleep(1);
        }
    }

    private boolean blocked(Thread thread, int clients) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        if (!target.redis()) {
            return true;
        }
        Reply info = store.execute("INFO", "clients");
        if (!(info instanceof Reply.Bulk text)) {
            return false;
        }
        for (String line : text.utf8().split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Integer.parseInt(line.substring("blocked_clients:".length()).trim()) >= clients;
            }
        }
        return false;
    }
}
