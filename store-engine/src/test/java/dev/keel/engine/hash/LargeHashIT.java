package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 200,000-field hash through incremental rehash: growth to 400,000 fields with a full HSCAN
 * running across the resizes, shrinking by HDEL of nearly everything (table halvings, then back
 * to listpack), random picks reaching every field, and every byte back at the end.
 */
class LargeHashIT {
    private static final int FIELDS = 200_000;
    private static final int BATCH = 100;

    private Store store;
    private long baseline;

    @BeforeEach
    void open() {
        store = Keel.builder().thresholds(Thresholds.defaults()).clock(new ManualClock()).activeExpiry(false).open();
        baseline = store.memoryStats().usedBytes();
    }

    @AfterEach
    void close() {
        try {
            assertNull(((OffHeapStore) store).verifyIntegrity());
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        } finally {
            store.close();
        }
    }

    private static String field(int i) {
        return "field:" + i;
    }

    private static String value(int i) {
        return "value-" + Integer.toHexString(i * 31);
    }

    private void hsetRange(int from, int to) {
        List<String> argv = new ArrayList<>(2 + 2 * BATCH);
        for (int start = from; start < to; start += BATCH) {
            argv.clear();
            argv.add("HSET");
            argv.add("big");
            for (int i = start; i < Math.min(to, start + BATCH); i++) {
                argv.add(field(i));
                argv.add(value(i));
            }
            assertEquals(Reply.integer((argv.size() - 2) / 2), store.execute(argv.toArray(new String[0])));
        }
    }

    private void hdelRange(int from, int to) {
        List<String> argv = new ArrayList<>(2 + BATCH);
        for (int start = from; start < to; start += BATCH) {
            argv.clear();
            argv.add("HDEL");
            argv.add("big");
            for (int i = start; i < Math.min(to, start + BATCH); i++) {
                argv.add(field(i));
            }
            assertEquals(Reply.integer(argv.size() - 2), store.execute(argv.toArray(new String[0])));
        }
    }

    private static int indexOf(String field) {
        return Integer.parseInt(field.substring("field:".length()));
    }

    /** One HSCAN step; marks the fields seen (checking their values); returns the next cursor. */
    private long hscan(long cursor, int count, BitSet seen) {
        List<Reply> parts = ((Reply.Array) store.execute("HSCAN", "big", Long.toString(cursor), "COUNT", Integer.toString(count))).items();
        List<Reply> items = ((Reply.Array) parts.get(1)).items();
        for (int i = 0; i < items.size(); i += 2) {
            int index = indexOf(((Reply.Bulk) items.get(i)).utf8());
            assertEquals(value(index), ((Reply.Bulk) items.get(i + 1)).utf8());
            seen.set(index);
        }
        return Long.parseUnsignedLong(((Reply.Bulk) parts.get(0)).utf8());
    }

    @Test
    void growthWithAScanAcrossResizes_thenShrinkByHdel_keepsEveryField() {
        hsetRange(0, FIELDS);
        assertEquals(Reply.integer(FIELDS), store.execute("HLEN", "big"));
        assertEquals(Reply.bulk("hashtable"), store.execute("OBJECT", "ENCODING", "big"));
        long loaded = store.memoryStats().usedBytes();

        // A full scan while the hash doubles: every field present throughout comes back.
        BitSet seen = new BitSet();
        long cursor = 0;
        int next = FIELDS;
        do {
            cursor = hscan(cursor, 500, seen);
            if (next < 2 * FIELDS) {
                hsetRange(next, next + 1_000);
                next += 1_000;
            }
        } while (cursor != 0);
        assertTrue(next >= 2 * FIELDS - 1_000, "the scan outlasted the growth: " + next);
        int firstMissed = seen.nextClearBit(0);
        assertTrue(firstMissed >= FIELDS, "field " + firstMissed + " never returned by the scan");
        assertNull(((OffHeapStore) store).verifyIntegrity());
        hsetRange(next, 2 * FIELDS);
        assertEquals(Reply.integer(2L * FIELDS), store.execute("HLEN", "big"));

        // A full scan while the hash shrinks to 1,000 fields: the kept ones come back.
        seen.clear();
        cursor = 0;
        int deleteFrom = 1_000;
        do {
            cursor = hscan(cursor, 200, seen);
            if (deleteFrom < 2 * FIELDS) {
                int to = Math.min(2 * FIELDS, deleteFrom + 4_000);
                hdelRange(deleteFrom, to);
                deleteFrom = to;
            }
        } while (cursor != 0);
        hdelRange(deleteFrom, 2 * FIELDS);
        int keptMissed = seen.nextClearBit(0);
        assertTrue(keptMissed >= 1_000, "kept field " + keptMissed + " never returned by the scan");
        assertEquals(Reply.integer(1_000), store.execute("HLEN", "big"));
        long shrunk = store.memoryStats().usedBytes();
        assertTrue(shrunk - baseline < (loaded - baseline) / 50,
                "1,000 fields use " + (shrunk - baseline) + " bytes; 200,000 used " + (loaded - baseline));

        hdelRange(50, 1_000);
        assertEquals(Reply.bulk("listpack"), store.execute("OBJECT", "ENCODING", "big"));
        for (int i = 0; i < 50; i++) {
            assertEquals(Reply.bulk(value(i)), store.execute("HGET", "big", field(i)));
        }
        hdelRange(0, 50);
        assertEquals(Reply.integer(0), store.execute("EXISTS", "big"));
        assertEquals(baseline, store.memoryStats().usedBytes(), "every byte of the hash freed");
    }

    @Test
    void hrandfield_overAHugeHash_reachesEveryFieldAndRepeatsNoneForAPositiveCount() {
        hsetRange(0, FIELDS);
        BitSet seen = new BitSet();
        long picks = 0;
        while (seen.cardinality() < FIELDS && picks < 40_000_000L) {
            for (Reply item : ((Reply.Array) store.execute("HRANDFIELD", "big", "-200000")).items()) {
                seen.set(indexOf(((Reply.Bulk) item).utf8()));
            }
            picks += 200_000;
        }
        assertEquals(FIELDS, seen.cardinality(), "fields picked after " + picks + " picks");

        for (int count : new int[] {1_000, 60_000, 70_000}) {
            BitSet distinct = new BitSet();
            List<Reply> items = ((Reply.Array) store.execute("HRANDFIELD", "big", Integer.toString(count), "WITHVALUES")).items();
            assertEquals(2 * count, items.size());
            for (int i = 0; i < items.size(); i += 2) {
                int index = indexOf(((Reply.Bulk) items.get(i)).utf8());
                assertTrue(!distinct.get(index), "repeated " + index + " for count " + count);
                distinct.set(index);
                assertEquals(value(index), ((Reply.Bulk) items.get(i + 1)).utf8());
            }
        }
    }
}
