package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Store;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    @Test
    void run_zipfReadsOverTheMemoryLimit_evictAndServeMostFromTheCache() {
        Printed printed = new Printed();
        SessionCache.Outcome outcome = SessionCache.run(printed.out);
        String out = printed.text();
        assertEquals(SessionCache.READS, outcome.hits() + outcome.loads());
        assertTrue(outcome.loads() > outcome.cached(), "sessions were evicted: " + outcome);
        assertTrue(outcome.cached() < SessionCache.USERS / 2, outcome.toString());
        // uniform reads would hit about cached / USERS of the time
        assertTrue(outcome.hitRate() > 2.0 * outcome.cached() / SessionCache.USERS, outcome.toString());
        assertTrue(outcome.memory().usedBytes() <= SessionCache.MEMORY_LIMIT + 1024, "over the limit by at most one command: " + outcome);
        assertTrue(out.contains(String.format("%d loaded from the database", outcome.loads())), out);
        assertTrue(out.contains("of a 65536-byte limit (allkeys-lru), each with a ttl of 1800 s"), out);
    }

    @Test
    void read_missThenHit_loadsFromTheDatabaseOnceAndSetsTheTtl() {
        try (Store store = Keel.inMemory()) {
            SessionCache.Database database = new SessionCache.Database();
            Map<String, String> loaded = SessionCache.read(store, database, 7);
            Map<String, String> cached = SessionCache.read(store, database, 7);
            assertEquals(1, database.loads);
            assertEquals(loaded, cached);
            assertEquals("user-7", store.hash("session:7").get("user"));
            assertTrue(store.commands().ttl("session:7") > 1790, "ttl " + store.commands().ttl("session:7"));
        }
    }

    @Test
    void zipf_drawsLowUsersMostOften() {
        int[] users = SessionCache.zipf(1_000, 10_000, new Random(1));
        long first = Arrays.stream(users).filter(u -> u == 0).count();
        long tenth = Arrays.stream(users).filter(u -> u == 9).count();
        assertTrue(Arrays.stream(users).allMatch(u -> u >= 0 && u < 1_000));
        assertTrue(first > 5 * tenth, first + " draws of user 0, " + tenth + " of user 9");
    }
}
