package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the footprint programs' tests check of each figure they measure. */
final class FootprintAssertions {

    private FootprintAssertions() {
    }

    /**
     * Asserts that {@code bytes} for {@code items} items (fields, members, entries) is a plausible
     * 16 to 1,000 bytes per item: measured, not zero or absurd; nothing finer, as the tests load
     * too little for GC noise not to decide.
     */
    static void assertPlausible(String what, long bytes, int items) {
        double perItem = (double) bytes / items;
        assertTrue(perItem >= 16 && perItem <= 1000, what + ": " + perItem + " bytes per item");
    }
}
