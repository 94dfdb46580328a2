package dev.keel.benchmarks;

import static dev.keel.benchmarks.FootprintAssertions.assertPlausible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link HashFootprint} on 20,000 fields and members: every store measured, figures in a
 * plausible range. Not the measurement itself (run the program for that), and nothing about the
 * heap: with this little data, GC noise would decide.
 */
class HashFootprintTest {
    private static final int ENTRIES = 20_000;

    @Test
    void measure_smallHashAndSet_givesPlausibleBytesPerEntry() throws Exception {
        HashFootprint.Report report = new HashFootprint(ENTRIES).measure(RedisServer.executable() != null);
        assertEquals(ENTRIES, report.entries());
        assertPlausible("Keel hash", report.keel().hashUsed(), ENTRIES);
        assertPlausible("Keel set", report.keel().setUsed(), ENTRIES);
        assertTrue(report.keel().hashReserved() >= 0 && report.keel().setReserved() >= 0);
        if (report.redis() != null) {
            assertPlausible("Redis hash", report.redis().hashUsed(), ENTRIES);
            assertPlausible("Redis set", report.redis().setUsed(), ENTRIES);
            assertEquals("hashtable", report.redis().hashEncoding());
        }
        assertNull(report.chronicleProblem());
        assertPlausible("Chronicle Map", report.chronicleBytes(), ENTRIES);
        assertPlausible("ConcurrentHashMap", report.mapHeap(), ENTRIES);
        assertPlausible("newKeySet", report.keySetHeap(), ENTRIES);
    }

    @Test
    void names_areAsDocumented() {
        assertEquals("field:7", HashFootprint.field(7));
        assertEquals("value:0000000007", HashFootprint.value(7));
        assertEquals(HashBenchmark.VALUE_SIZE, HashFootprint.value(999_999).length());
        assertEquals("member:7", HashFootprint.member(7));
    }
}
