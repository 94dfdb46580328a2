package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Reply;
import dev.keel.Store;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking call (a take, an XREAD BLOCK, ...) run on a thread of its own, for a test to serve
 * or interrupt it from the test's thread. {@link #awaitBlocked()} returns once the call waits:
 * its thread is parked and, on the real server, the server counts a blocked client. Closing it
 * interrupts a call still waiting and joins its thread.
 *
 * <p><b>Thread safety:</b> driven by one test thread.
 *
 * @param <T> what the call answers
 */
final class BlockedCall<T> implements AutoCloseable {
    static final long PATIENCE_SECONDS = 20;

    private final Store store;
    private final boolean redis;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean interruptCleared;

    private BlockedCall(Store store, boolean redis, Callable<T> call) {
        this.store = store;
        this.redis = redis;
        this.thread = Thread.ofPlatform().name("blocked-call").daemon(true).start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                interruptCleared = !Thread.currentThread().isInterrupted();
            }
        });
    }

    /** Starts {@code call}; {@code store} is asked, against the real server ({@code redis}), whether a client is blocked. */
    static <T> BlockedCall<T> start(Store store, boolean redis, Callable<T> call) {
        return new BlockedCall<>(store, redis, call);
    }

    /** Waits until the call is blocked; fails the test if it answered at once or never blocks. */
    BlockedCall<T> awaitBlocked() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!blocked()) {
            if (result.isDone()) {
                fail("the call did not wait: " + result);
            }
            if (System.nanoTime() > deadline) {
                fail("the call did not block: " + thread.getState());
            }
            Thread.sleep(1);
        }
        return this;
    }

    private boolean blocked() {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        if (!redis) {
            return true;
        }
        return store.execute("INFO", "clients") instanceof Reply.Bulk text && !text.utf8().contains("blocked_clients:0");
    }

    /** Returns what the call answered, waiting for it. */
    T get() throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Interrupts the call's thread. */
    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the call's thread to end; returns whether its interrupt status was clear when the call returned or threw. */
    boolean joinInterruptCleared() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        return interruptCleared;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
