package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link ZSetFootprint} on 20,000 members: every store measured, figures in a plausible
 * range. Not the measurement itself (run the program for that), and nothing about the heap: with
 * this little data, GC noise would decide.
 */
class ZSetFootprintTest {
    private static final int MEMBERS = 20_000;

    private static void assertPlausible(String what, long bytes) {
        double perMember = (double) bytes / MEMBERS;
        assertTrue(perMember >= 16 && perMember <= 1000, what + ": " + perMember + " bytes per member");
    }

    @Test
    void measure_smallSortedSet_givesPlausibleBytesPerMember() throws Exception {
        ZSetFootprint.Report report = new ZSetFootprint(MEMBERS).measure(RedisServer.executable() != null);
        assertEquals(MEMBERS, report.members());
        assertPlausible("Keel", report.keel().usedDelta());
        assertTrue(report.keel().reservedDelta() >= 0);
        if (report.redis() != null) {
            assertPlausible("Redis", report.redis().used());
            assertEquals("skiplist", report.redis().encoding());
        }
        assertPlausible("skip list", report.skipListHeap());
    }
}
