package dev.keel.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.engine.OffHeapStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A stream of a million entries {@code f1} -> 8 bytes, {@code f2} -> 16 bytes, the shape issue 7
 * measures: fewer off-heap bytes per entry than Redis 7.0's 41, a Java heap that does not grow
 * with it, XRANGE pages of 100 that walk it whole in order, exact trimming, deletions, and every
 * byte back after DEL.
 */
class LargeStreamIT {
    private static final int ENTRIES = 1_000_000;

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }

    private static String id(Reply entry) {
        return ((Reply.Bulk) ((Reply.Array) entry).items().get(0)).utf8();
    }

    @Test
    void millionEntries_fitInFewerBytesThanRedis_heapStaysFlat_pagesWalkItInOrder() {
        try (Store store = Keel.builder().activeExpiry(false).open()) {
            long usedAtStart = store.memoryStats().usedBytes();
            long heapAtStart = heapAfterGc();
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < ENTRIES; i++) {
                String f1 = Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 8);
                String f2 = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
                store.execute("XADD", "events", (1_700_000_000_000L + i / 3) + "-" + (i % 3), "f1", f1, "f2", f2);
            }
            assertEquals(Reply.integer(ENTRIES), store.execute("XLEN", "events"));
            long perEntry = (store.memoryStats().usedBytes() - usedAtStart) / ENTRIES;
            assertTrue(perEntry < 41, "off-heap bytes per entry " + perEntry + " should beat Redis 7.0's 41");
            long heapGrowth = heapAfterGc() - heapAtStart;
            assertTrue(heapGrowth < 16L << 20, "heap grew by " + heapGrowth + " bytes with a million entries");

            String from = "-";
            int seen = 0;
            String previous = null;
            while (true) {
                List<Reply> page = ((Reply.Array) store.execute("XRANGE", "events", from, "+", "COUNT", "100")).items();
                if (page.isEmpty()) {
                    break;
                }
                for (Reply entry : page) {
                    String id = id(entry);
                    assertTrue(previous == null || !previous.equals(id), "an entry returned twice");
                    previous = id;
                    seen++;
                }
                from = "(" + previous;
            }
            assertEquals(ENTRIES, seen, "the pages cover the stream");

            assertEquals(Reply.integer(ENTRIES / 2), store.execute("XTRIM", "events", "MAXLEN", "=", Integer.toString(ENTRIES / 2)));
            assertEquals(Reply.integer(ENTRIES / 2), store.execute("XLEN", "events"));
            List<Reply> first = ((Reply.Array) store.execute("XRANGE", "events", "-", "+", "COUNT", "1")).items();
            String firstId = id(first.get(0));
            assertEquals(Reply.integer(1), store.execute("XDEL", "events", firstId));
            assertEquals(Reply.integer(ENTRIES / 2 - 1), store.execute("XLEN", "events"));
            assertNull(((OffHeapStore) store).verifyIntegrity());
            assertEquals(Reply.integer(1), store.execute("DEL", "events"));
            assertEquals(usedAtStart, store.memoryStats().usedBytes(), "memory after DEL");
        }
    }
}
