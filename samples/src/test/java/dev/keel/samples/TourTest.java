package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import org.junit.jupiter.api.Test;

class TourTest {

    @Test
    void tour_printsWhatEachSampleDid() throws InterruptedException {
        Printed printed = new Printed();
        Tour.run(printed.out);
        String out = printed.text();
        assertTrue(out.contains("3 logged in"), out);
        assertTrue(out.contains("its token resolves to null; 2 sessions left"), out);
        assertTrue(out.contains("rate limiter: 5 of 8 requests allowed"), out);
        assertTrue(out.contains("reopened from its log, 2 jobs waiting: [resize:2, mail:3]"), out);
        assertTrue(out.contains("session cache: 20000 reads"), out);
        assertTrue(out.contains("job queue: after 200 ms the reaper moved [password-reset:5] back to pending"), out);
        assertTrue(out.contains("leaderboard: 10 players; linus won 400 points and is now number 2"), out);
        assertTrue(out.contains("event log: after 100 ms mailer-1 claimed 2 with XAUTOCLAIM"), out);
    }

    @Test
    void runByName_knownOrUnknownName_runsThatSampleAloneOrNothing() throws InterruptedException {
        Printed leaderboard = new Printed();
        Printed unknown = new Printed();
        assertTrue(Tour.run("leaderboard", leaderboard.out));
        assertFalse(Tour.run("rate-limiter-in-atomically", unknown.out));
        assertTrue(leaderboard.text().startsWith("leaderboard: 10 players"), leaderboard.text());
        assertFalse(leaderboard.text().contains("Keel tour"), leaderboard.text());
        assertEquals("", unknown.text());
    }

    @Test
    void stops_everyNameIsUnique() {
        assertEquals(Tour.STOPS.size(), Tour.STOPS.stream().map(Tour.Stop::name).distinct().count());
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
