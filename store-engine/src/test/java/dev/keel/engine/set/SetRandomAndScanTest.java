package dev.keel.engine.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.engine.hash.AbstractFieldMapTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPOP, SRANDMEMBER and SSCAN over every encoding: SPOP takes every member exactly once,
 * SRANDMEMBER returns distinct members for a positive count and every member eventually at sane
 * frequencies for a negative one, and a full SSCAN iteration returns every member present for
 * the whole iteration while the table grows.
 */
class SetRandomAndScanTest extends AbstractFieldMapTest {

    private static List<String> strings(Reply reply) {
        List<String> items = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, reply, () -> "reply " + reply).items()) {
            items.add(((Reply.Bulk) item).utf8());
        }
        return items;
    }

    @Test
    void spop_oneAtATime_takesEveryMemberExactlyOnce() {
        Set<String> members = new HashSet<>(List.of(numbered("m", 1_500)));
        sadd("k", members.toArray(new String[0]));
        Set<String> popped = new HashSet<>();
        for (int i = 0; i < 1_500; i++) {
            Reply reply = i % 2 == 0 ? exec("SPOP", "k") : Reply.bulk(strings(exec("SPOP", "k", "1")).get(0));
            String member = assertInstanceOf(Reply.Bulk.class, reply).utf8();
            assertTrue(popped.add(member), "popped twice: " + member);
        }
        assertEquals(members, popped);
        assertNoKey("k");
        assertEquals(Reply.NIL, exec("SPOP", "k"));
        assertEquals(baselineBytes(), store.memoryStats().usedBytes());
    }

    @Test
    void spop_withCounts_takesDistinctMembersAndLeavesTheRest() {
        Set<String> members = new HashSet<>(List.of(numbered("m", 2_000)));
        sadd("k", members.toArray(new String[0]));
        Set<String> popped = new HashSet<>();
        int[] counts = {1, 5, 40, 300, 1_000};
        for (int count : counts) {
            List<String> batch = strings(exec("SPOP", "k", Integer.toString(count)));
            assertEquals(count, batch.size());
            for (String member : batch) {
                assertTrue(members.contains(member) && popped.add(member), "popped " + member);
            }
        }
        Set<String> left = new HashSet<>(members);
        left.removeAll(popped);
        assertSet("k", left);
    }

    @Test
    void srandmember_positiveCount_returnsDistinctMembers() {
        for (int size : new int[] {1, 4, 100, 3_000}) {
            exec("DEL", "k");
            Set<String> members = new HashSet<>(List.of(numbered("m", size)));
            sadd("k", members.toArray(new String[0]));
            for (int count : new int[] {1, 2, size / 3, size / 3 + 1, size - 1, size, size * 2}) {
                if (count <= 0) {
                    continue;
                }
                List<String> picked = strings(exec("SRANDMEMBER", "k", Integer.toString(count)));
                assertEquals(Math.min(count, size), picked.size(), "count " + count + " of " + size);
                assertEquals(picked.size(), new HashSet<>(picked).size(), "distinct for count " + count);
                assertTrue(members.containsAll(picked));
            }
            assertEquals(integer(size), exec("SCARD", "k"), "SRANDMEMBER changes nothing");
        }
    }

    @Test
    void srandmember_negativeCount_picksEveryMemberAtSaneFrequencies() {
        for (int size : new int[] {3, 2_500}) {
            exec("DEL", "k");
            Set<String> members = new HashSet<>(List.of(numbered("m", size)));
            sadd("k", members.toArray(new String[0]));
            Map<String, Integer> counts = new HashMap<>();
            int picks = 0;
            while (picks < 100 * size) {
                List<String> picked = strings(exec("SRANDMEMBER", "k", "-5000"));
                assertEquals(5_000, picked.size());
                picked.forEach(member -> counts.merge(member, 1, Integer::sum));
                picks += picked.size();
            }
            assertEquals(members, counts.keySet(), "every member picked at least once");
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            double mean = (double) picks / size;
            assertTrue(max < 4 * mean, "the most picked member came " + max + " times, the mean is " + mean);
        }
    }

    @Test
    void sscan_fullIterationWhileGrowing_returnsEveryMemberPresentThroughout() {
        String[] initial = numbered("m", 2_000);
        sadd("k", initial);
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            List<Reply> parts = ((Reply.Array) exec("SSCAN", "k", Long.toString(cursor), "COUNT", "40")).items();
            seen.addAll(strings(parts.get(1)));
            cursor = Long.parseLong(((Reply.Bulk) parts.get(0)).utf8());
            sadd("k", numbered("n" + calls + "-", 50));
            assertTrue(++calls < 10_000);
        } while (cursor != 0);
        assertTrue(seen.containsAll(List.of(initial)), "every member present throughout was returned");
    }
}
