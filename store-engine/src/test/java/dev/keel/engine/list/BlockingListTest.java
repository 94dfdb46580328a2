package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Keel;
import dev.keel.KeelException;
import dev.keel.KeelInterruptedException;
import dev.keel.KeelList;
import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.engine.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocking list commands: when they wait, whom a push serves and in which order, what a
 * timeout, an interrupt or closing the store does to a waiter. Deterministic: a test waits until
 * a thread is parked inside the store (its state and stack say so) before it pushes, and a push
 * serves its waiters before it returns, so no assertion depends on timing. The concurrency stress
 * run ({@link BlockingListStress}) checks counts only, never times; a longer one is in
 * BlockingListStressIT.
 */
@Timeout(60)
class BlockingListTest extends AbstractListTest {
    private static final long PATIENCE_SECONDS = 20;
    private static final Duration FOREVER = Duration.ZERO;

    /** A thread running one blocking call, and what it answered or threw. */
    private record Blocked<T>(Thread thread, CompletableFuture<T> result) {

        T answer() throws Exception {
            try {
                return result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " did not answer", e);
            }
        }

        Throwable failure() throws Exception {
            try {
                T value = result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError(thread.getName() + " answered " + value + " instead of failing");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        boolean answered() {
            return result.isDone();
        }
    }

    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
    }

    /** Runs {@code call} on a new thread. */
    private <T> Blocked<T> start(String name, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return new Blocked<>(thread, result);
    }

    /** Runs {@code call} on a new thread and returns once that thread is parked in a blocking command. */
    private <T> Blocked<T> startBlocked(String name, Callable<T> call) throws Exception {
        Blocked<T> blocked = start(name, call);
        awaitParked(blocked);
        return blocked;
    }

    /** Waits until the thread of {@code blocked} is parked waiting in the store. */
    static void awaitParked(Blocked<?> blocked) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!parkedInStore(blocked.thread())) {
            if (blocked.answered()) {
                fail(blocked.thread().getName() + " did not block: " + describe(blocked.result()));
            }
            if (System.nanoTime() > deadline) {
                fail(blocked.thread().getName() + " did not park: " + blocked.thread().getState());
            }
            Thread.sleep(1);
        }
    }

    private static String describe(CompletableFuture<?> result) {
        try {
            return "answered " + result.join();
        } catch (RuntimeException e) {
            return "threw " + e.getCause();
        }
    }

    /** Whether {@code thread} waits in a blocking command, not merely for a lock. */
    static boolean parkedInStore(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith(".CommandDispatcher") && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    private static Reply keyAndValue(String key, String value) {
        return Reply.array(List.of(bulk(key), bulk(value)));
    }

    // ------------------------------------------------------------------ answering at once

    @Test
    void blpop_dataPresent_returnsAtOnce() throws Exception {
        rpush("k", "a", "b", "c");
        assertEquals(new KeyValue<>("k", "a"), redis.blpop(FOREVER, "k"));
        assertEquals(new KeyValue<>("k", "c"), redis.brpop(Duration.ofSeconds(1), "k"));
        assertReply(keyAndValue("k", "b"), "BLPOP", "k", "0");
        assertNoKey("k");
    }

    @Test
    void blpop_severalKeys_takesFromTheFirstKeyWithData() throws Exception {
        rpush("b", "b1", "b2");
        rpush("c", "c1");
        assertEquals(new KeyValue<>("b", "b1"), redis.blpop(FOREVER, "a", "b", "c"));
        assertEquals(new KeyValue<>("b", "b2"), redis.brpop(FOREVER, "a", "b", "c"));
        assertReply(keyAndValue("c", "c1"), "BRPOP", "a", "b", "c", "0");
    }

    @Test
    void blmoveAndBlmpop_dataPresent_answerAtOnce() throws Exception {
        rpush("src", "1", "2", "3", "4");
        assertEquals("1", redis.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT, FOREVER));
        assertEquals("4", redis.brpoplpush("src", "dst", FOREVER));
        assertEquals(new KeyValue<>("src", List.of("2", "3")), redis.blmpop(FOREVER, ListDirection.LEFT, 5, "none", "src"));
        assertList("dst", "4", "1");
        assertReply(Reply.array(List.of(bulk("dst"), array("1"))), "BLMPOP", "0", "1", "dst", "RIGHT");
    }

    // ------------------------------------------------------------------ waiting and being served

    @Test
    void blpop_emptyList_blocksUntilAPush() throws Exception {
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.blpop(FOREVER, "q"));
        assertFalse(waiter.answered());
        assertReply(integer(1), "RPUSH", "q", "job");
        assertEquals(new KeyValue<>("q", "job"), waiter.answer());
        assertNoKey("q");
    }

    @Test
    void blpop_threeWaitersOnOneKey_areServedInArrivalOrder() throws Exception {
        Blocked<KeyValue<String, String>> first = startBlocked("first", () -> redis.blpop(FOREVER, "q"));
        Blocked<KeyValue<String, String>> second = startBlocked("second", () -> redis.brpop(FOREVER, "q"));
        Blocked<Reply> third = startBlocked("third", () -> store.execute("BLPOP", "q", "0"));
        rpush("q", "one");
        assertEquals(new KeyValue<>("q", "one"), first.answer());
        assertFalse(second.answered());
        assertFalse(third.answered());
        rpush("q", "two");
        assertEquals(new KeyValue<>("q", "two"), second.answer());
        assertFalse(third.answered());
        rpush("q", "three");
        assertEquals(keyAndValue("q", "three"), third.answer());
        assertNoKey("q");
    }

    @Test
    void rpush_twoElements_servesExactlyTwoOfThreeWaiters() throws Exception {
        Blocked<KeyValue<String, String>> first = startBlocked("first", () -> redis.blpop(FOREVER, "q"));
        Blocked<KeyValue<String, String>> second = startBlocked("second", () -> redis.blpop(FOREVER, "q"));
        Blocked<KeyValue<String, String>> third = startBlocked("third", () -> redis.blpop(FOREVER, "q"));
        assertReply(integer(2), "RPUSH", "q", "x", "y");
        assertEquals(new KeyValue<>("q", "x"), first.answer());
        assertEquals(new KeyValue<>("q", "y"), second.answer());
        assertFalse(third.answered());
        assertTrue(parkedInStore(third.thread()));
        assertNoKey("q");
        rpush("q", "z");
        assertEquals(new KeyValue<>("q", "z"), third.answer());
    }

    @Test
    void lpush_servesABrpopWaiterFromTheTail() throws Exception {
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.brpop(FOREVER, "q"));
        assertReply(integer(3), "LPUSH", "q", "a", "b", "c");
        assertEquals(new KeyValue<>("q", "a"), waiter.answer());
        assertList("q", "c", "b");
    }

    @Test
    void blpop_waitingOnSeveralKeys_isServedByAPushToAnyOfThem() throws Exception {
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.blpop(FOREVER, "a", "b", "c"));
        rpush("c", "c1", "c2");
        assertEquals(new KeyValue<>("c", "c1"), waiter.answer());
        assertList("c", "c2");
    }

    @Test
    void blpop_sameKeyTwice_isServedOnce() throws Exception {
        Blocked<Reply> waiter = startBlocked("waiter", () -> store.execute("BLPOP", "q", "q", "0"));
        rpush("q", "a", "b");
        assertEquals(keyAndValue("q", "a"), waiter.answer());
        assertList("q", "b");
        Blocked<Reply> again = startBlocked("again", () -> store.execute("BLPOP", "r", "r", "0"));
        rpush("r", "c");
        assertEquals(keyAndValue("r", "c"), again.answer());
    }

    @Test
    void pushToAnotherKey_leavesTheWaiterWaiting() throws Exception {
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.blpop(FOREVER, "q"));
        rpush("other", "x");
        assertList("other", "x");
        assertFalse(waiter.answered());
        rpush("q", "y");
        assertEquals(new KeyValue<>("q", "y"), waiter.answer());
    }

    @Test
    void blmove_intoAListAnotherThreadWaitsOn_servesBothInAChain() throws Exception {
        Blocked<KeyValue<String, String>> consumer = startBlocked("consumer", () -> redis.blpop(FOREVER, "done"));
        Blocked<String> mover = startBlocked("mover",
                () -> redis.blmove("todo", "done", ListDirection.LEFT, ListDirection.RIGHT, FOREVER));
        Blocked<String> secondMover = startBlocked("second mover", () -> redis.brpoplpush("done", "archive", FOREVER));
        rpush("todo", "task");
        assertEquals("task", mover.answer());
        assertEquals(new KeyValue<>("done", "task"), consumer.answer());
        assertFalse(secondMover.answered());
        assertNoKey("todo");
        assertNoKey("done");
        rpush("todo", "second task");
        assertReply(bulk("second task"), "LMOVE", "todo", "done", "LEFT", "LEFT");
        assertEquals("second task", secondMover.answer());
        assertList("archive", "second task");
    }

    @Test
    void blmove_sameSourceAndDestination_rotatesWhatArrives() throws Exception {
        Blocked<String> waiter = startBlocked("waiter", () -> redis.blmove("q", "q", ListDirection.RIGHT, ListDirection.LEFT, FOREVER));
        rpush("q", "a", "b");
        assertEquals("b", waiter.answer());
        assertList("q", "b", "a");
    }

    @Test
    void blmpop_withCount_takesUpToCountFromThePushedKey() throws Exception {
        Blocked<KeyValue<String, List<String>>> waiter = startBlocked("waiter",
                () -> redis.blmpop(FOREVER, ListDirection.LEFT, 2, "a", "b"));
        rpush("b", "x", "y", "z");
        assertEquals(new KeyValue<>("b", List.of("x", "y")), waiter.answer());
        assertList("b", "z");
        Blocked<Reply> right = startBlocked("right", () -> store.execute("BLMPOP", "0", "1", "c", "RIGHT", "COUNT", "10"));
        rpush("c", "1", "2", "3");
        assertEquals(Reply.array(List.of(bulk("c"), array("3", "2", "1"))), right.answer());
        assertNoKey("c");
    }

    @Test
    void listCreatedByLmoveRenameOrCopy_servesTheWaiter() throws Exception {
        Blocked<KeyValue<String, String>> first = startBlocked("first", () -> redis.blpop(FOREVER, "q"));
        rpush("src", "moved");
        assertReply(bulk("moved"), "LMOVE", "src", "q", "LEFT", "LEFT");
        assertEquals(new KeyValue<>("q", "moved"), first.answer());

        Blocked<KeyValue<String, String>> second = startBlocked("second", () -> redis.blpop(FOREVER, "q"));
        rpush("src", "renamed");
        assertReply(Reply.OK, "RENAME", "src", "q");
        assertEquals(new KeyValue<>("q", "renamed"), second.answer());

        Blocked<KeyValue<String, String>> third = startBlocked("third", () -> redis.blpop(FOREVER, "q"));
        rpush("src", "copied");
        assertReply(integer(1), "COPY", "src", "q");
        assertEquals(new KeyValue<>("q", "copied"), third.answer());
        assertList("src", "copied");
        assertNoKey("q");
    }

    @Test
    void keyViewTake_blocksUntilOffer() throws Exception {
        KeelList<String> jobs = store.list("jobs");
        Blocked<String> worker = startBlocked("worker", jobs::take);
        jobs.offer("resize:42");
        assertEquals("resize:42", worker.answer());
        assertTrue(jobs.isEmpty());
    }

    // ------------------------------------------------------------------ the type changing while waiting

    @Test
    void blmove_destinationTurnedStringWhileWaiting_answersWrongTypeAndKeepsTheElement() throws Exception {
        Blocked<Reply> mover = startBlocked("mover", () -> store.execute("BLMOVE", "src", "dst", "LEFT", "LEFT", "0"));
        Blocked<Reply> popper = startBlocked("popper", () -> store.execute("BLPOP", "src", "0"));
        exec("SET", "dst", "string");
        rpush("src", "x");
        assertEquals(Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value"), mover.answer());
        assertEquals(keyAndValue("src", "x"), popper.answer());
        assertReply(bulk("string"), "GET", "dst");
    }

    @Test
    void blpop_earlierWatchedKeyTurnedStringWhileWaiting_isServedFromThePushedKey() throws Exception {
        Blocked<Reply> waiter = startBlocked("waiter", () -> store.execute("BLPOP", "a", "b", "0"));
        exec("SET", "a", "string");
        rpush("b", "v");
        assertEquals(keyAndValue("b", "v"), waiter.answer());
        assertNoKey("b");
        assertReply(bulk("string"), "GET", "a");
    }

    @Test
    void blmpop_earlierWatchedKeyTurnedStringWhileWaiting_isServedFromThePushedKey() throws Exception {
        Blocked<Reply> waiter = startBlocked("waiter", () -> store.execute("BLMPOP", "0", "2", "a", "b", "LEFT", "COUNT", "2"));
        exec("SET", "a", "string");
        rpush("b", "v", "w", "x");
        assertEquals(Reply.array(List.of(bulk("b"), array("v", "w"))), waiter.answer());
        assertList("b", "x");
    }

    // ------------------------------------------------------------------ timeouts

    @Test
    void timeout_noPush_returnsNullTypedAndNilUntyped() throws Exception {
        Duration brief = Duration.ofMillis(20);
        assertNull(redis.blpop(brief, "q"));
        assertNull(redis.brpop(brief, "q", "r"));
        assertNull(redis.blmove("q", "dst", ListDirection.LEFT, ListDirection.LEFT, brief));
        assertNull(redis.brpoplpush("q", "dst", brief));
        assertNull(redis.blmpop(brief, ListDirection.RIGHT, 3, "q", "r"));
        assertReply(Reply.NIL, "BLPOP", "q", "0.02");
        assertReply(Reply.NIL, "BRPOP", "q", "r", "0.01");
        assertReply(Reply.NIL, "BLMOVE", "q", "dst", "RIGHT", "LEFT", "0.01");
        assertReply(Reply.NIL, "BRPOPLPUSH", "q", "dst", "0.01");
        assertReply(Reply.NIL, "BLMPOP", "0.01", "1", "q", "LEFT");
        assertNoKey("dst");
    }

    @Test
    void timedOutWaiter_isNotServedLater() throws Exception {
        assertNull(redis.blpop(Duration.ofMillis(10), "q"));
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.blpop(FOREVER, "q"));
        rpush("q", "x");
        assertEquals(new KeyValue<>("q", "x"), waiter.answer());
        rpush("q", "y");
        assertList("q", "y");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc", "", "nan", "1s", " 1", "0x", "1e"})
    void timeout_notANumber_isRefused(String timeout) {
        String message = "ERR timeout is not a float or out of range";
        assertError(message, "BLPOP", "q", timeout);
        assertError(message, "BRPOP", "q", "r", timeout);
        assertError(message, "BLMOVE", "q", "d", "LEFT", "RIGHT", timeout);
        assertError(message, "BRPOPLPUSH", "q", "d", timeout);
        assertError(message, "BLMPOP", timeout, "1", "q", "LEFT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1", "-0.5", "-inf", "inf", "1e400", "9223372036854776"})
    void timeout_negativeOrOutOfRange_isNegative(String timeout) {
        String message = "ERR timeout is negative";
        rpush("full", "stays");
        assertError(message, "BLPOP", "full", timeout);
        assertError(message, "BRPOP", "full", timeout);
        assertError(message, "BLMOVE", "full", "d", "LEFT", "RIGHT", timeout);
        assertError(message, "BRPOPLPUSH", "full", "d", timeout);
        assertError(message, "BLMPOP", timeout, "1", "full", "LEFT");
        assertList("full", "stays");
    }

    @Test
    void timeout_typedNegativeDuration_isRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> redis.blpop(Duration.ofSeconds(-1), "q"));
    }

    // ------------------------------------------------------------------ interrupts

    @Test
    void interrupt_whileWaitingTyped_throwsInterruptedExceptionAndTakesNothing() throws Exception {
        Blocked<KeyValue<String, String>> waiter = startBlocked("waiter", () -> redis.blpop(FOREVER, "q"));
        waiter.thread().interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        rpush("q", "after");
        assertList("q", "after");
    }

    @Test
    void interrupt_whileWaitingUntyped_throwsKeelInterruptedAndKeepsTheInterruptStatus() throws Exception {
        Blocked<Boolean> waiter = startBlocked("waiter", () -> {
            try {
                store.execute("BLMOVE", "q", "d", "LEFT", "LEFT", "0");
                return false;
            } catch (KeelInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        waiter.thread().interrupt();
        assertTrue(waiter.answer(), "interrupt status set again");
        rpush("q", "after");
        assertList("q", "after");
        assertNoKey("d");
    }

    @Test
    void interrupt_beforeTheCallWithNothingToTake_throwsWithoutWaiting() throws Exception {
        Blocked<Throwable> caller = start("caller", () -> {
            Thread.currentThread().interrupt();
            try {
                redis.blpop(FOREVER, "q");
                return null;
            } catch (InterruptedException e) {
                return e;
            }
        });
        assertInstanceOf(InterruptedException.class, caller.answer());
        rpush("q", "x");
        assertList("q", "x");
    }

    @Test
    void interrupt_oneOfThreeWaiters_theOthersAreServedInOrder() throws Exception {
        Blocked<KeyValue<String, String>> first = startBlocked("first", () -> redis.blpop(FOREVER, "q"));
        Blocked<KeyValue<String, String>> second = startBlocked("second", () -> redis.blpop(FOREVER, "q"));
        Blocked<KeyValue<String, String>> third = startBlocked("third", () -> redis.blpop(FOREVER, "q"));
        second.thread().interrupt();
        assertInstanceOf(InterruptedException.class, second.failure());
        rpush("q", "x", "y", "z");
        assertEquals(new KeyValue<>("q", "x"), first.answer());
        assertEquals(new KeyValue<>("q", "y"), third.answer());
        assertList("q", "z");
    }

    // ------------------------------------------------------------------ many threads

    @ParameterizedTest(name = "{0} stripes")
    @ValueSource(ints = {1, 64})
    void producersAndBlockedConsumers_deliverEveryItemExactlyOnce(int stripes) throws Exception {
        try (Store stressed = Keel.builder().thresholds(thresholds).stripes(stripes).clock(new ManualClock()).activeExpiry(false).open()) {
            BlockingListStress.run(stressed, new BlockingListStress.Settings(3, 1_500, 2, 3, true));
        }
    }

    // ------------------------------------------------------------------ closing

    @Test
    void close_wakesEveryWaiterWithIllegalState() throws Exception {
        Blocked<KeyValue<String, String>> popper = startBlocked("popper", () -> redis.blpop(FOREVER, "q"));
        Blocked<String> mover = startBlocked("mover", () -> redis.blmove("q", "d", ListDirection.LEFT, ListDirection.LEFT, FOREVER));
        Blocked<Reply> untyped = startBlocked("untyped", () -> store.execute("BLMPOP", "100", "1", "r", "LEFT"));
        store.close();
        assertInstanceOf(IllegalStateException.class, popper.failure());
        assertInstanceOf(IllegalStateException.class, mover.failure());
        assertInstanceOf(IllegalStateException.class, untyped.failure());
        assertThrows(IllegalStateException.class, () -> store.execute("BLPOP", "q", "0"));
    }

    @Test
    void wrongTypeWhileServed_isAKeelExceptionForTheTypedCall() throws Exception {
        Blocked<String> mover = startBlocked("mover", () -> redis.blmove("src", "dst", ListDirection.LEFT, ListDirection.LEFT, FOREVER));
        exec("SET", "dst", "string");
        rpush("src", "x");
        assertInstanceOf(KeelException.class, mover.failure());
        assertList("src", "x");
    }
}
