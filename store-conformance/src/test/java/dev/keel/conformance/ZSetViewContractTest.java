package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Codec;
import dev.keel.Keel;
import dev.keel.KeelSortedSet;
import dev.keel.Reply;
import dev.keel.ScoreRange;
import dev.keel.ScoredValue;
import dev.keel.Store;
import dev.keel.WrongTypeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link KeelSortedSet} view, {@code store.sortedSet(key)}: what each method sends and does to
 * the sorted set, and its blocking takes, on every target.
 *
 * <p>A taker that waits is given a store of its own on the real server, which these tests
 * predate; since store-redis runs blocking commands on connections of their own, the taker and
 * the adder may also share one store (see {@link BlockingOnOneStoreContractTest}). On Keel they
 * share the store.
 */
@Timeout(60)
class ZSetViewContractTest extends ContractTest {
    private static final long PATIENCE_SECONDS = 20;

    private static ScoredValue<String> sv(String member, double score) {
        return new ScoredValue<>(member, score);
    }

    @Test
    void add_answersWhetherNew_scoreRankRevRank() {
        KeelSortedSet<String> board = store.sortedSet("board");
        assertTrue(board.add("ada", 120));
        assertFalse(board.add("ada", 100), "an update is not new");
        assertTrue(board.add("bob", 150.5));
        assertEquals("zset", redis.type("board"));
        assertEquals(100.0, board.score("ada"));
        assertNull(board.score("eve"));
        assertEquals(0L, board.rank("ada"));
        assertEquals(0L, board.revRank("bob"));
        assertEquals(1L, board.revRank("ada"));
        assertNull(board.rank("eve"));
        assertNull(board.revRank("eve"));
        assertEquals(2, board.size());
        assertEquals(0, store.sortedSet("missing").size());
    }

    @Test
    void addIfGreater_raisesOnly_answersWhetherChanged() {
        KeelSortedSet<String> board = store.sortedSet("board");
        assertTrue(board.addIfGreater("ada", 10), "a new member is added");
        assertFalse(board.addIfGreater("ada", 5), "a lower score changes nothing");
        assertFalse(board.addIfGreater("ada", 10), "an equal score changes nothing");
        assertEquals(10.0, board.score("ada"));
        assertTrue(board.addIfGreater("ada", 12.5));
        assertEquals(12.5, board.score("ada"));
    }

    @Test
    void incrementScore_isZincrby() {
        KeelSortedSet<String> board = store.sortedSet("board");
        assertEquals(1.5, board.incrementScore("ada", 1.5), "a new member starts at 0");
        assertEquals(-0.5, board.incrementScore("ada", -2));
        assertEquals(-0.5, redis.zscore("board", "ada"));
    }

    @Test
    void remove_andClear_emptiedSetIsNoKey() {
        KeelSortedSet<String> board = store.sortedSet("board");
        board.add("a", 1);
        board.add("b", 2);
        assertTrue(board.remove("a"));
        assertFalse(board.remove("a"));
        board.clear();
        assertEquals(0, redis.exists("board"));
        assertEquals(0, board.size());
        board.clear();
        assertEquals(0, redis.exists("board"), "clearing a missing set creates nothing");
    }

    @Test
    void ranges_byRankAndByScore_withScores() {
        KeelSortedSet<String> board = store.sortedSet("board");
        board.add("a", 1);
        board.add("b", 2);
        board.add("c", 3);
        board.add("d", Double.POSITIVE_INFINITY);
        assertEquals(List.of(sv("a", 1), sv("b", 2), sv("c", 3), sv("d", Double.POSITIVE_INFINITY)), board.rangeByRank(0, -1));
        assertEquals(List.of(sv("c", 3), sv("d", Double.POSITIVE_INFINITY)), board.rangeByRank(-2, -1));
        assertEquals(List.of(sv("b", 2), sv("c", 3)), board.rangeByScore(ScoreRange.open(1, Double.POSITIVE_INFINITY)));
        assertEquals(List.of(sv("c", 3)), board.rangeByScore(ScoreRange.greaterThan(1), 1, 1));
        assertEquals(List.of(sv("b", 2), sv("c", 3), sv("d", Double.POSITIVE_INFINITY)), board.rangeByScore(ScoreRange.all(), 1, -1));
        assertEquals(List.of(), store.sortedSet("missing").rangeByRank(0, -1));
    }

    @Test
    void polls_lowestAndHighest_nullWhenEmpty() {
        KeelSortedSet<String> queue = store.sortedSet("q");
        assertNull(queue.pollFirst());
        assertNull(queue.pollLast());
        queue.add("low", -1);
        queue.add("mid", 0);
        queue.add("high", 1);
        assertEquals(sv("low", -1), queue.pollFirst());
        assertEquals(sv("high", 1), queue.pollLast());
        assertEquals(sv("mid", 0), queue.pollFirst());
        assertEquals(0, redis.exists("q"));
    }

    @Test
    void blockingMethods_dataPresent_answerAtOnce() throws InterruptedException {
        KeelSortedSet<String> queue = store.sortedSet("q");
        for (int i = 1; i <= 6; i++) {
            queue.add("m" + i, i);
        }
        assertEquals(sv("m1", 1), queue.takeFirst());
        assertEquals(sv("m6", 6), queue.takeLast());
        assertEquals(sv("m2", 2), queue.pollFirst(Duration.ofSeconds(1)));
        assertEquals(sv("m5", 5), queue.pollLast(Duration.ofDays(365_000)));
        assertEquals(sv("m3", 3), queue.pollFirst(Duration.ZERO));
        assertEquals(sv("m4", 4), queue.pollLast(Duration.ofSeconds(-5)));
        assertEquals(0, redis.exists("q"));
    }

    @Test
    void timedPolls_emptySet_returnNullAfterTheTimeout() throws InterruptedException {
        KeelSortedSet<String> queue = store.sortedSet("q");
        assertNull(queue.pollFirst(Duration.ZERO), "a zero timeout does not wait");
        assertNull(queue.pollLast(Duration.ofSeconds(-1)));
        assertNull(queue.pollFirst(Duration.ofMillis(20)));
        assertNull(queue.pollLast(Duration.ofNanos(1)), "under a millisecond waits one, not forever");
        assertEquals(0, redis.exists("q"));
    }

    @Test
    void takeFirst_emptySet_servedByAConcurrentAdd() throws Exception {
        try (Waiter waiter = new Waiter()) {
            KeelSortedSet<String> waiting = waiter.store.sortedSet("q");
            CompletableFuture<ScoredValue<String>> taken = waiter.start(waiting::takeFirst);
            waiter.awaitBlocked(taken);
            KeelSortedSet<String> queue = store.sortedSet("q");
            assertTrue(queue.add("job", 7));
            assertEquals(sv("job", 7), taken.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, redis.exists("q"), "the taker removed it");
            CompletableFuture<ScoredValue<String>> last = waiter.start(() -> waiting.pollLast(Duration.ofSeconds(PATIENCE_SECONDS)));
            waiter.awaitBlocked(last);
            redis.zadd("q", java.util.Map.of("a", 1.0, "z", 26.0));
            assertEquals(sv("z", 26), last.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of(sv("a", 1)), queue.rangeByRank(0, -1));
        }
    }

    @Test
    void takeFirst_interrupted_throwsInterruptedExceptionAndTakesNothing() throws Exception {
        try (Waiter waiter = new Waiter()) {
            KeelSortedSet<String> waiting = waiter.store.sortedSet("q");
            CompletableFuture<ScoredValue<String>> taken = waiter.start(waiting::takeFirst);
            waiter.awaitBlocked(taken);
            waiter.thread.interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> taken.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
            waiter.thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertTrue(waiter.interruptCleared, "the thread's interrupt status is cleared, as InterruptedException's contract says");
            store.sortedSet("q").add("job", 1);
            assertEquals(List.of(sv("job", 1)), store.sortedSet("q").rangeByRank(0, -1), "the interrupted taker took nothing");
        }
    }

    @Test
    void otherType_refusedWithWrongType_unchanged() {
        redis.set("k", "v");
        KeelSortedSet<String> board = store.sortedSet("k");
        assertThrows(WrongTypeException.class, () -> board.add("a", 1));
        assertThrows(WrongTypeException.class, () -> board.score("a"));
        assertThrows(WrongTypeException.class, board::size);
        assertThrows(WrongTypeException.class, board::pollFirst);
        assertThrows(WrongTypeException.class, board::clear);
        assertThrows(WrongTypeException.class, board::takeFirst);
        assertEquals("v", redis.get("k"));
    }

    @Test
    void expire_ttl_persist_ofTheSortedSet() {
        KeelSortedSet<String> board = store.sortedSet("board");
        assertFalse(board.expire(Duration.ofSeconds(1000)));
        assertNull(board.ttl());
        board.add("a", 1);
        assertTrue(board.expire(Duration.ofSeconds(1000)));
        Duration ttl = board.ttl();
        assertNotNull(ttl);
        assertBetween(990_000, 1_000_000, ttl.toMillis(), "sorted set TTL");
        assertTrue(board.persist());
        assertNull(board.ttl());
    }

    @Test
    void binaryView_membersAreBytes() {
        KeelSortedSet<byte[]> board = store.sortedSet(bytes("board"), Codec.bytes());
        assertTrue(board.add(new byte[] {0, (byte) 0xff}, 2));
        assertFalse(board.add(new byte[] {0, (byte) 0xff}, 3), "ZADD compares bytes");
        assertEquals(3.0, board.score(new byte[] {0, (byte) 0xff}));
        assertEquals(1, board.size());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, board.pollFirst().value());
    }

    /**
     * A thread taking from a sorted set and, against the real server, the connection it waits on.
     * Closing it interrupts a thread still waiting and closes that connection.
     */
    private final class Waiter implements AutoCloseable {
        final Store store;
        Thread thread;
        volatile boolean interruptCleared;

        Waiter() {
            this.store = target.redis() ? Keel.redis(RedisServer.shared().uri()) : ZSetViewContractTest.this.store;
        }

        <T> CompletableFuture<T> start(Callable<T> call) {
            CompletableFuture<T> result = new CompletableFuture<>();
            thread = Thread.ofPlatform().name("zset-taker").daemon(true).start(() -> {
                try {
                    result.complete(call.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    interruptCleared = !Thread.currentThread().isInterrupted();
                }
            });
            return result;
        }

        /** Waits until the taker is blocked: its thread waits and, on the real server, the server counts a blocked client. */
        void awaitBlocked(CompletableFuture<?> taken) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (!blocked()) {
                if (taken.isDone()) {
                    fail("the taker did not wait: " + taken);
                }
                if (System.nanoTime() > deadline) {
                    fail("the taker did not block: " + thread.getState());
                }
                Thread.sleep(1);
            }
        }

        private boolean blocked() {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
            if (!target.redis()) {
                return true;
            }
            Reply info = ZSetViewContractTest.this.store.execute("INFO", "clients");
            return info instanceof Reply.Bulk text && !text.utf8().contains("blocked_clients:0");
        }

        @Override
        public void close() {
            if (thread != null && thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (store != ZSetViewContractTest.this.store) {
                store.close();
            }
        }
    }
}
