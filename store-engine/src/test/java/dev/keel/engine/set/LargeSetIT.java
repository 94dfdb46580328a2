package dev.keel.engine.set;

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
 * A 200,000-member set through incremental rehash: an SSCAN across its growth, SREM of nearly
 * everything, SPOP of every member exactly once while the table shrinks under the picks,
 * SRANDMEMBER reaching every member, the algebra at this size, and every byte back at the end.
 */
class LargeSetIT {
    private static final int MEMBERS = 200_000;
    private static final int BATCH = 200;

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

    private static String member(int i) {
        return "member:" + i;
    }

    private static int indexOf(Reply member) {
        return Integer.parseInt(((Reply.Bulk) member).utf8().substring("member:".length()));
    }

    private void range(String command, String key, int from, int to, int step) {
        List<String> argv = new ArrayList<>();
        for (int start = from; start < to; start += BATCH * step) {
            argv.clear();
            argv.add(command);
            argv.add(key);
            for (int i = start; i < Math.min(to, start + BATCH * step); i += step) {
                argv.add(member(i));
            }
            assertEquals(Reply.integer(argv.size() - 2), store.execute(argv.toArray(new String[0])), command);
        }
    }

    @Test
    void growthWithAScan_thenSremOfNearlyEverything_keepsEveryMember() {
        range("SADD", "big", 0, MEMBERS, 1);
        assertEquals(Reply.bulk("hashtable"), store.execute("OBJECT", "ENCODING", "big"));
        BitSet seen = new BitSet();
        long cursor = 0;
        int next = MEMBERS;
        do {
            List<Reply> parts = ((Reply.Array) store.execute("SSCAN", "big", Long.toString(cursor), "COUNT", "500")).items();
            ((Reply.Array) parts.get(1)).items().forEach(member -> seen.set(indexOf(member)));
            cursor = Long.parseUnsignedLong(((Reply.Bulk) parts.get(0)).utf8());
            if (next < 2 * MEMBERS) {
                range("SADD", "big", next, next + 1_000, 1);
                next += 1_000;
            }
        } while (cursor != 0);
        int missed = seen.nextClearBit(0);
        assertTrue(missed >= MEMBERS, "member " + missed + " never returned by the scan");
        range("SADD", "big", next, 2 * MEMBERS, 1);
        assertEquals(Reply.integer(2L * MEMBERS), store.execute("SCARD", "big"));

        range("SREM", "big", 40, 2 * MEMBERS, 1);
        assertEquals(Reply.bulk("listpack"), store.execute("OBJECT", "ENCODING", "big"));
        assertEquals(Reply.integer(40), store.execute("SCARD", "big"));
        range("SREM", "big", 0, 40, 1);
        assertEquals(baseline, store.memoryStats().usedBytes(), "every byte of the set freed");
    }

    @Test
    void spopInBatches_takesEveryMemberExactlyOnce() {
        range("SADD", "big", 0, MEMBERS, 1);
        BitSet popped = new BitSet();
        int total = 0;
        int count = 1;
        while (total < MEMBERS) {
            List<Reply> batch = ((Reply.Array) store.execute("SPOP", "big", Integer.toString(count))).items();
            assertEquals(Math.min(count, MEMBERS - total), batch.size());
            for (Reply member : batch) {
                int index = indexOf(member);
                assertTrue(!popped.get(index), "popped twice: " + index);
                popped.set(index);
            }
            total += batch.size();
            count = Math.min(count * 2, 5_000);
        }
        assertEquals(MEMBERS, popped.cardinality());
        assertEquals(Reply.integer(0), store.execute("EXISTS", "big"));
        assertEquals(baseline, store.memoryStats().usedBytes());
    }

    @Test
    void srandmember_overAHugeSet_reachesEveryMember() {
        range("SADD", "big", 0, MEMBERS, 1);
        BitSet seen = new BitSet();
        long picks = 0;
        while (seen.cardinality() < MEMBERS && picks < 40_000_000L) {
            ((Reply.Array) store.execute("SRANDMEMBER", "big", "-200000")).items().forEach(member -> seen.set(indexOf(member)));
            picks += 200_000;
        }
        assertEquals(MEMBERS, seen.cardinality(), "members picked after " + picks + " picks");
        BitSet distinct = new BitSet();
        for (Reply member : ((Reply.Array) store.execute("SRANDMEMBER", "big", "50000")).items()) {
            assertTrue(!distinct.get(indexOf(member)), "repeated for a positive count");
            distinct.set(indexOf(member));
        }
        assertEquals(50_000, distinct.cardinality());
    }

    @Test
    void algebra_atThisSize_matchesArithmetic() {
        range("SADD", "even", 0, MEMBERS, 2);
        range("SADD", "third", 0, MEMBERS, 3);
        assertEquals(Reply.integer((MEMBERS + 5) / 6), store.execute("SINTERSTORE", "sixth", "even", "third"));
        assertEquals(Reply.integer(MEMBERS / 2 + (MEMBERS + 2) / 3 - (MEMBERS + 5) / 6), store.execute("SUNIONSTORE", "u", "even", "third"));
        assertEquals(Reply.integer(MEMBERS / 2 - (MEMBERS + 5) / 6), store.execute("SDIFFSTORE", "d", "even", "third"));
        assertEquals(Reply.integer((MEMBERS + 5) / 6), store.execute("SINTERCARD", "3", "u", "even", "third"));
        assertEquals(Reply.integer(MEMBERS / 2), store.execute("SINTERCARD", "2", "even", "even"));
        assertEquals(Reply.integer(0), store.execute("SINTERSTORE", "even", "even", "d", "sixth"));
    }
}
