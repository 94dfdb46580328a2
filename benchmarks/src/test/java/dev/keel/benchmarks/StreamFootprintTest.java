package dev.keel.benchmarks;

import static dev.keel.benchmarks.FootprintAssertions.assertPlausible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link StreamFootprint} on 20,000 entries: every store measured, figures in a plausible
 * range. Not the measurement itself (run the program for that), and nothing about the heap: with
 * this little data, GC noise would decide.
 */
class StreamFootprintTest {
    private static final int ENTRIES = 20_000;

    @Test
    void measure_smallStream_givesPlausibleBytesPerEntry() throws Exception {
        StreamFootprint.Report report = new StreamFootprint(ENTRIES).measure(RedisServer.executable() != null);
        assertEquals(ENTRIES, report.entries());
        assertPlausible("Keel", report.keel().usedDelta(), ENTRIES);
        assertTrue(report.keel().reservedDelta() >= 0);
        assertEquals("stream", report.keel().encoding());
        if (report.redis() != null) {
            assertPlausible("Redis", report.redis().used(), ENTRIES);
            assertEquals("stream", report.redis().encoding());
        }
        assertPlausible("skip list", report.skipListHeap(), ENTRIES);
    }
}
