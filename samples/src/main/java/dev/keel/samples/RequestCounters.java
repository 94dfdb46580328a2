package dev.keel.samples;

import dev.keel.Commands;
import dev.keel.Store;
import java.io.PrintStream;

/**
 * A fixed-window rate limiter on counters: each client may make 5 requests a minute; the first
 * request of a window creates the counter with a 60-second expiry.
 */
public final class RequestCounters {
    static final int LIMIT = 5;

    private RequestCounters() {
    }

    /** Returns whether {@code client} may make one more request in the current window. */
    static boolean allow(Commands<String, String> redis, String client, long windowStartSeconds) {
        String key = "rate:" + client + ":" + windowStartSeconds;
        long count = redis.incr(key);
        if (count == 1) {
            redis.expire(key, 60);
        }
        return count <= LIMIT;
    }

    /** Sends 8 requests for one client and prints how many were let through. */
    public static void run(Store store, PrintStream out) {
        Commands<String, String> redis = store.commands();
        long window = System.currentTimeMillis() / 60_000 * 60;
        int allowed = 0;
        for (int i = 0; i < 8; i++) {
            if (allow(redis, "client-7", window)) {
                allowed++;
            }
        }
        out.printf("rate limiter: %d of 8 requests allowed (limit %d a minute)%n", allowed, LIMIT);
    }
}
