package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sorted set of a million members {@code member:N} with random scores, the shape issue 6
 * measures: fewer off-heap bytes per member than Redis 7.0's 109, a Java heap that does not grow
 * with it, ranks and score pages that match a sorted copy, a ZSCAN that returns every member while
 * the set changes, and every byte back after ZREMRANGEBYRANK and DEL.
 */
class LargeZSetIT {
    private static final int MEMBERS = 1_000_000;
    private static final int BATCH = 200;

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
    void millionMembers_fitInFewerBytesThanRedis_heapStaysFlat_ranksAndPagesExact() {
        try (Store store = Keel.builder().activeExpiry(false).open()) {
            long usedAtStart = store.memoryStats().usedBytes();
            long heapAtStart = heapAfterGc();
            SplittableRandom random = new SplittableRandom(6);
            long[] scores = new long[MEMBERS];
            List<String> argv = new ArrayList<>(2 + 2 * BATCH);
            for (int start = 0; start < MEMBERS; start += BATCH) {
                argv.clear();
                argv.add("ZADD");
                argv.add("board");
                for (int i = start; i < start + BATCH; i++) {
                    scores[i] = random.nextLong(1_000_000_000L);
                    argv.add(Long.toString(scores[i]));
                    argv.add("member:" + i);
                }
                assertEquals(Reply.integer(BATCH), store.execute(argv.toArray(new String[0])));
            }
            long perMember = (store.memoryStats().usedBytes() - usedAtStart) / MEMBERS;
            assertTrue(perMember < 109, "off-heap bytes per member " + perMember + " should beat Redis 7.0's 109");
            long heapGrowth = heapAfterGc() - heapAtStart;
            assertTrue(heapGrowth < 16L << 20, "heap grew by " + heapGrowth + " bytes with a million members");

            Integer[] order = new Integer[MEMBERS];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Long.compare(scores[a], scores[b])
                    : ("member:" + a).compareTo("member:" + b));
            for (int rank = 0; rank < MEMBERS; rank += 9_973) {
                assertEquals(Reply.integer(rank), store.execute("ZRANK", "board", "member:" + order[rank]));
                assertEquals(Reply.integer(MEMBERS - 1 - rank), store.execute("ZREVRANK", "board", "member:" + order[rank]));
            }
            for (int rank = 0; rank < MEMBERS; rank += 99_991) {
                long min = scores[order[rank]];
                List<Reply> page = ((Reply.Array) store.execute("ZRANGE", "board", Long.toString(min), "+inf",
                        "BYSCORE", "LIMIT", "0", "10")).items();
                int first = rank;
                while (first > 0 && scores[order[first - 1]] == min) {
                    first--;
                }
                for (int i = 0; i < page.size(); i++) {
                    assertEquals(Reply.bulk("member:" + order[first + i]), page.get(i));
                }
                assertEquals(Reply.integer(MEMBERS - first), store.execute("ZCOUNT", "board", Long.toString(min), "+inf"));
            }

            BitSet seen = new BitSet();
            long cursor = 0;
            int added = 0;
            do {
                List<Reply> parts = ((Reply.Array) store.execute("ZSCAN", "board", Long.toString(cursor), "COUNT", "1000")).items();
                List<Reply> items = ((Reply.Array) parts.get(1)).items();
                for (int i = 0; i < items.size(); i += 2) {
                    String member = ((Reply.Bulk) items.get(i)).utf8();
                    if (member.startsWith("member:")) {
                        seen.set(Integer.parseInt(member.substring("member:".length())));
                    }
                }
                cursor = Long.parseUnsignedLong(((Reply.Bulk) parts.get(0)).utf8());
                if (added < 200_000) {
                    store.execute("ZADD", "board", "1", "extra:" + added++);
                }
            } while (cursor != 0);
            assertEquals(MEMBERS, seen.cardinality(), "every member present throughout comes back from ZSCAN");

            assertEquals(Reply.integer(MEMBERS / 2), store.execute("ZREMRANGEBYRANK", "board", "0", Integer.toString(MEMBERS / 2 - 1)));
            assertNull(((OffHeapStore) store).verifyIntegrity());
            assertEquals(Reply.integer(1), store.execute("DEL", "board"));
            assertEquals(usedAtStart, store.memoryStats().usedBytes(), "memory after DEL");
        }
    }
}
