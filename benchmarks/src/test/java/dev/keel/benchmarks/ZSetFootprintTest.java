package dev.keel.benchmarks;

import static dev.keel.benchmarks.FootprintAssertions.assertPlausible;
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

    @Test
    void measure_smallSortedSet_givesPlausibleBytesPerMember() throws Exception {
        ZSetFootprint.Report report = new ZSetFootprint(MEMBERS).measure(RedisServer.executable() != null);
        assertEquals(MEMBERS, report.members());
        assertPlausible("Keel", report.keel().usedDelta(), MEMBERS);
        assertTrue(report.keel().reservedDelta() >= 0);
        if (report.redis() != null) {
            assertPlausible("Redis", report.redis().used(), MEMBERS);
            assertEquals("skiplist", report.redis().encoding());
        }
        assertPlausible("skip list", report.skipListHeap(), MEMBERS);
    }
}
