package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TourTest {

    @Test
    void tour_printsWhatEachSampleDid() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("3 logged in"), out);
        assertTrue(out.contains("its token resolves to null; 2 sessions left"), out);
        assertTrue(out.contains("rate limiter: 5 of 8 requests allowed"), out);
        assertTrue(out.contains("reopened from its log, 2 jobs waiting: [resize:2, mail:3]"), out);
    }

    @Test
    void rateLimiter_allowsTheLimitPerWindowAndPerClient() {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            for (int i = 0; i < RequestCounters.LIMIT; i++) {
                assertTrue(RequestCounters.allow(redis, "a", 60));
            }
            assertFalse(RequestCounters.allow(redis, "a", 60));
            assertTrue(RequestCounters.allow(redis, "b", 60), "another client has its own budget");
            assertTrue(RequestCounters.allow(redis, "a", 120), "a new window starts afresh");
            assertTrue(redis.ttl("rate:a:60") > 0, "the window expires by itself");
        }
    }
}
