package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Store;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void run_admitsTheLimit_thenSlides_andABurstNeverOvershoots() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Printed printed = new Printed();
            RateLimiter.run(store, printed.out);
            String out = printed.text();
            assertTrue(out.contains("sliding-window rate limiter (atomically): 5 of 8 requests allowed in 8 s (limit 5 a minute); one a minute later: allowed"), out);
            assertTrue(out.contains("40 requests at once from 8 threads: 5 allowed"), out);
            assertEquals(5, store.commands().zcard("ratelimit:client-9"));
        }
    }

    @Test
    void theWindowSlides_requestByRequest() {
        try (Store store = Keel.inMemory()) {
            long t = 1_000_000;
            for (int i = 0; i < RateLimiter.LIMIT; i++) {
                assertTrue(RateLimiter.allow(store, "c", "r" + i, t + i * 10_000L));
            }
            assertFalse(RateLimiter.allow(store, "c", "late", t + 59_999));
            assertTrue(RateLimiter.allow(store, "c", "first-gone", t + 60_000), "the first request left the window");
            assertFalse(RateLimiter.allow(store, "c", "no-room", t + 60_001));
            assertEquals(RateLimiter.LIMIT, store.commands().zcard("ratelimit:c"), "a refused request is not recorded");
        }
    }

    @Test
    void aBurstFromManyThreads_admitsExactlyTheLimit() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            for (int round = 0; round < 20; round++) {
                assertEquals(RateLimiter.LIMIT, RateLimiter.burst(store, "burst-" + round, 8, 10));
            }
        }
    }
}
