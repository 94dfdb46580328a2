package dev.keel.engine.command;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The threads blocked on each key, in arrival order, as Redis keeps its blocked clients.
 *
 * <pre>
 * Concurrency
 *   The queues of a stripe's keys are guarded by that stripe's lock: a waiter joins them while its
 *   command still holds its locks, and a push looks at them under the same lock, so no push can
 *   slip between a waiter's last look at its lists and its registration. The heap objects here
 *   are per waiting thread, never per key or element stored.
 * </pre>
 *
 * <p><b>Thread safety:</b> every method but {@link #closeAll()} needs the stripe lock of the keys
 * it names.
 */
final class BlockedClients {
    private final List<Map<ByteBuffer, ArrayDeque<Waiter>>> stripes;
    private final int[] waiting;
    /** Per stripe, how many of the waiters are of commands that wait independently (CommandSpec.INDEPENDENT_WAIT). */
    private final int[] independent;

    BlockedClients(int stripeCount) {
        stripes = new ArrayList<>(stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            stripes.add(new HashMap<>());
        }
        waiting = new int[stripeCount];
        independent = new int[stripeCount];
    }

    /** Returns whether any thread waits on a key of {@code stripe}. Caller holds the stripe lock. */
    boolean anyWaiting(int stripe) {
        return waiting[stripe] > 0;
    }

    /** Adds {@code waiter} at the end of the queue of {@code key}. Caller holds the stripe lock. */
    void add(int stripe, byte[] key, Waiter waiter) {
        stripes.get(stripe).computeIfAbsent(ByteBuffer.wrap(key), k -> new ArrayDeque<>()).addLast(waiter);
        waiting[stripe]++;
        if (waiter.independent()) {
            independent[stripe]++;
        }
    }

    /** Removes {@code waiter} from the queue of {@code key}. Caller holds the stripe lock. */
    void remove(int stripe, byte[] key, Waiter waiter) {
        Map<ByteBuffer, ArrayDeque<Waiter>> queues = stripes.get(stripe);
        ByteBuffer name = ByteBuffer.wrap(key);
        ArrayDeque<Waiter> queue = queues.get(name);
        if (queue != null && queue.remove(waiter)) {
            waiting[stripe]--;
            if (waiter.independent()) {
                independent[stripe]--;
            }
            if (queue.isEmpty()) {
                queues.remove(name);
            }
        }
    }

    /** Returns the first waiter on {@code key} still waiting, or null. Caller holds the stripe lock. */
    Waiter first(int stripe, byte[] key) {
        ArrayDeque<Waiter> queue = stripes.get(stripe).get(ByteBuffer.wrap(key));
        if (queue == null) {
            return null;
        }
        for (Waiter waiter : queue) {
            if (waiter.state() == Waiter.WAITING) {
                return waiter;
            }
        }
        return null;
    }

    /**
     * Returns the waiters on {@code key} still waiting, in arrival order, if any of the stripe's
     * waiters waits independently (see {@link CommandSpec#INDEPENDENT_WAIT}); else none, since a
     * push that left one waiter with nothing has nothing for those behind it. Caller holds the
     * stripe lock.
     */
    List<Waiter> waitingBehind(int stripe, byte[] key) {
        ArrayDeque<Waiter> queue = independent[stripe] == 0 ? null : stripes.get(stripe).get(ByteBuffer.wrap(key));
        if (queue == null) {
            return List.of();
        }
        List<Waiter> waiters = new ArrayList<>(queue.size());
        for (Waiter waiter : queue) {
            if (waiter.state() == Waiter.WAITING) {
                waiters.add(waiter);
            }
        }
        return waiters;
    }

    /** Returns whether any thread waits on {@code key}. Caller holds the stripe lock. */
    boolean hasWaiters(int stripe, byte[] key) {
        return waiting[stripe] > 0 && stripes.get(stripe).containsKey(ByteBuffer.wrap(key));
    }

    /** Wakes every waiter with the news that the store closed. Called with every stripe locked. */
    void closeAll() {
        for (Map<ByteBuffer, ArrayDeque<Waiter>> queues : stripes) {
            for (ArrayDeque<Waiter> queue : queues.values()) {
                for (Waiter waiter : queue) {
                    waiter.closeStore();
                }
            }
        }
    }
}
