package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.MemoryStats;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A million keys in and out: off-heap memory comes back, and the Java heap never grows with them. */
class MemoryFootprintIT {
    private static final int KEYS = 1_000_000;

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }

    @Test
    void millionKeys_setThenDeleted_memoryReturnsAndHeapStaysFlat() throws InterruptedException {
        try (Store store = Keel.builder().activeExpiry(false).open()) {
            Commands<byte[], byte[]> redis = store.commands(Codec.bytes());
            byte[] value = new byte[100];
            Arrays.fill(value, (byte) 'v');
            long usedAtStart = store.memoryStats().usedBytes();
            long heapAtStart = heapAfterGc();

            byte[][] argv = new byte[5][];
            argv[0] = "SET".getBytes(StandardCharsets.US_ASCII);
            argv[2] = value;
            argv[3] = "EX".getBytes(StandardCharsets.US_ASCII);
            argv[4] = "3600".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < KEYS; i++) {
                argv[1] = ("session:" + i).getBytes(StandardCharsets.US_ASCII);
                store.execute(argv);
            }
            assertEquals(KEYS, redis.dbsize());
            MemoryStats loaded = store.memoryStats();
            long heapLoaded = heapAfterGc();
            long perKey = (loaded.usedBytes() - usedAtStart) / KEYS;
            assertTrue(perKey < 224, "off-heap bytes per key " + perKey + " should beat Redis 7.0's 224");
            assertTrue(heapLoaded - heapAtStart < 16L << 20,
                    "heap grew by " + (heapLoaded - heapAtStart) + " bytes with a million keys");

            for (int i = 0; i < KEYS; i++) {
                redis.del(("session:" + i).getBytes(StandardCharsets.US_ASCII));
            }
            assertEquals(0, redis.dbsize());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.memoryStats().usedBytes() > usedAtStart + 4096 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            MemoryStats emptied = store.memoryStats();
            assertTrue(emptied.usedBytes() <= usedAtStart + 4096,
                    "used " + emptied.usedBytes() + " bytes after deleting everything; started at " + usedAtStart);
            assertTrue(emptied.reservedBytes() <= loaded.reservedBytes(), "deletes reserve nothing new");

            for (int i = 0; i < KEYS / 10; i++) {
                argv[1] = ("again:" + i).getBytes(StandardCharsets.US_ASCII);
                store.execute(argv);
            }
            assertEquals(emptied.reservedBytes(), store.memoryStats().reservedBytes(),
                    "freed memory is reused before more is reserved");
        }
    }
}
