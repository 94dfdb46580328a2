package dev.keel.samples;

import dev.keel.Store;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sliding-window rate limiter: each client may make {@link #LIMIT} requests in any
 * {@link #WINDOW_MILLIS} window. A client's requests are the members of a sorted set, scored by
 * their time; one {@code atomically} block drops those that left the window, counts the rest,
 * and admits the new one only if there is room, so concurrent requests can never overshoot the
 * limit (the check and the add are one atomic unit, as a Lua script would make them on Redis).
 */
public final class RateLimiter {
    static final int LIMIT = 5;
    static final long WINDOW_MILLIS = 60_000;

    private RateLimiter() {
    }

    /** Returns whether {@code client} may make the request {@code requestId} at {@code nowMillis}; records it if so. */
    static boolean allow(Store store, String client, String requestId, long nowMillis) {
        String key = "ratelimit:" + client;
        return store.atomically(List.of(key), tx -> {
            tx.zremrangebyscore(key, dev.keel.ScoreRange.atMost(nowMillis - WINDOW_MILLIS));
            if (tx.zcard(key) >= LIMIT) {
                return false;
            }
            tx.zadd(key, nowMillis, requestId);
            tx.pexpire(key, WINDOW_MILLIS);
            return true;
        });
    }

    /**
     * Sends 8 requests, one a second, then one more after the first left the window; then 40
     * requests at once from 8 threads for another client, and prints what was let through.
     */
    public static void run(Store store, PrintStream out) throws InterruptedException {
        long start = System.currentTimeMillis();
        int allowed = 0;
        for (int i = 0; i < 8; i++) {
            if (allow(store, "client-7", "request-" + i, start + i * 1_000L)) {
                allowed++;
            }
        }
        boolean later = allow(store, "client-7", "request-8", start + WINDOW_MILLIS + 500);
        out.printf("sliding-window rate limiter (atomically): %d of 8 requests allowed in %d s (limit %d a minute); one a minute later: %s%n",
                allowed, 8, LIMIT, later ? "allowed" : "refused");
        out.printf("sliding-window rate limiter (atomically): 40 requests at once from 8 threads: %d allowed%n", burst(store, "client-9", 8, 5));
    }

    /** Sends {@code perThread} requests from each of {@code threads} threads at once; returns how many were allowed. */
    static int burst(Store store, String client, int threads, int perThread) throws InterruptedException {
        long now = System.currentTimeMillis();
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        ok += allow(store, client, "thread-" + thread + "-" + i, now) ? 1 : 0;
                    }
                    return ok;
                }));
            }
        }
        int allowed = 0;
        for (Future<Integer> result : results) {
            try {
                allowed += result.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return allowed;
    }
}
