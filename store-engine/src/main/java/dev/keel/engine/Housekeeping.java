package dev.keel.engine;

import dev.keel.engine.keyspace.Keyspace;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The store's background thread: ten times a second it removes expired keys (Redis's active
 * expiry) and advances resizes that no command is advancing (Redis's active rehashing).
 *
 * <pre>
 * Design
 *   Each pass sweeps a slice of every stripe that holds keys with a time to live, and sweeps the
 *   same stripe again while more than a quarter of the keys it met had expired, within a budget of
 *   25 ms a pass (a quarter of the period, as Redis bounds its cycle). A stripe busy with a
 *   command is skipped until the next pass (tryLock), so the thread never makes a command wait
 *   longer than one slice.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use; start and stop once.
 */
final class Housekeeping implements Runnable {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final Keyspace keyspace;
    private final InstantSource clock;
    private final boolean activeExpiry;
    private final Thread thread;
    private volatile boolean stopped;

    Housekeeping(Keyspace keyspace, InstantSource clock, boolean activeExpiry) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.activeExpiry = activeExpiry;
        this.thread = Thread.ofPlatform().daemon().name("keel-housekeeping").unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for its current pass to end. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (stopped) {
                return;
            }
            long now = activeExpiry ? clock.millis() : Long.MIN_VALUE;
            keyspace.housekeeping(now, System.nanoTime() + BUDGET_NANOS);
        }
    }
}
