package dev.keel.engine.command;

import dev.keel.Reply;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread parked in a blocking command (BLPOP, BLMOVE, ...), waiting for a key to be served.
 *
 * <pre>
 * States
 *   WAITING  -> SERVING   a pushing thread, holding every lock of the waiter's command, runs it
 *   SERVING  -> DONE      ... and hands over the reply (or what the command threw, if it
 *                         failed otherwise than with a Redis error: the waiter's thread rethrows it)
 *   SERVING  -> WAITING   ... or finds nothing to take after all
 *   WAITING  -> CANCELLED the waiter's own timeout, interrupt, or the store's close
 * Only the CAS out of WAITING decides between serving and cancelling, so a value is either
 * delivered to exactly one waiter or stays in the list.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class Waiter {
    static final int WAITING = 0;
    static final int SERVING = 1;
    static final int DONE = 2;
    static final int CANCELLED = 3;

    final Thread thread = Thread.currentThread();
    final CommandSpec spec;
    final byte[][] argv;
    final long[] hashes;
    /** The argument indexes of the keys whose pushes can serve this waiter. */
    final int[] watched;
    /** The stripes of every key of the command, ascending, to lock when serving it. */
    final int[] stripes;
    private final long timeoutMillis;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private volatile Reply reply;
    private volatile Throwable failure;
    private volatile boolean storeClosed;
    private final AtomicBoolean recheck = new AtomicBoolean();

    Waiter(CommandSpec spec, byte[][] argv, long[] hashes, int[] watched, int[] stripes, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.spec = spec;
        this.argv = argv;
        this.hashes = hashes;
        this.watched = watched;
        this.stripes = stripes;
    }

    /** Returns whether the command waits independently of the others on its keys (see CommandSpec.INDEPENDENT_WAIT). */
    boolean independent() {
        return spec.has(CommandSpec.INDEPENDENT_WAIT);
    }

    /** Returns how long to wait, in milliseconds; 0 waits forever. */
    long timeoutMillis() {
        return timeoutMillis;
    }

    int state() {
        return state.get();
    }

    boolean claim() {
        return state.compareAndSet(WAITING, SERVING);
    }

    void release() {
        state.set(WAITING);
    }

    boolean cancel() {
        return state.compareAndSet(WAITING, CANCELLED);
    }

    void complete(Reply result) {
        reply = result;
        state.set(DONE);
        LockSupport.unpark(thread);
    }

    /** Hands over what the command threw when it was run for this waiter, instead of a reply. */
    void fail(Throwable thrown) {
        failure = thrown;
        state.set(DONE);
        LockSupport.unpark(thread);
    }

    /** Returns what the command threw when it was served, or null if it answered. */
    Throwable failure() {
        return failure;
    }

    void closeStore() {
        storeClosed = true;
        if (cancel()) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Asks the waiting thread to run its command once more itself: what it waits on may have gone
     * without a push to tell it (a stream deleted by expiry, overwritten or flushed).
     */
    void requestRecheck() {
        recheck.set(true);
        LockSupport.unpark(thread);
    }

    /** Returns whether a re-check was asked for since the last call, and clears the request. */
    boolean takeRecheck() {
        return recheck.get() && recheck.getAndSet(false);
    }

    boolean storeClosed() {
        return storeClosed;
    }

    Reply reply() {
        return reply;
    }
}
