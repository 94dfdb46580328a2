package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * HSCAN and HRANDFIELD over every encoding: a full HSCAN iteration returns every field present
 * for the whole iteration at least once, while the table grows or shrinks between calls; random
 * picks return present fields only, distinct ones for a positive count, and every field
 * eventually, at sane frequencies.
 */
class HashRandomAndScanTest extends AbstractFieldMapTest {

    /** One HSCAN call: the next cursor, and the fields and values it returned. */
    private long hscan(String key, long cursor, int count, Map<String, String> seen) {
        Reply reply = exec("HSCAN", key, Long.toString(cursor), "COUNT", Integer.toString(count));
        List<Reply> parts = assertInstanceOf(Reply.Array.class, reply).items();
        List<Reply> items = ((Reply.Array) parts.get(1)).items();
        for (int i = 0; i < items.size(); i += 2) {
            seen.put(((Reply.Bulk) items.get(i)).utf8(), ((Reply.Bulk) items.get(i + 1)).utf8());
        }
        return Long.parseUnsignedLong(((Reply.Bulk) parts.get(0)).utf8());
    }

    @Test
    void hscan_smallHash_returnsEverythingInOneCall() {
        hset("k", "a", "1", "b", "2", "c", "3");
        Map<String, String> seen = new HashMap<>();
        assertEquals(0, hscan("k", 0, 10, seen));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), seen);
    }

    @Test
    void hscan_fullIterationWhileGrowing_returnsEveryFieldPresentThroughout() {
        Map<String, String> initial = numberedFields("f", 2_000);
        hset("k", initial);
        Map<String, String> seen = new HashMap<>();
        Map<String, String> everPresent = new HashMap<>(initial);
        long cursor = 0;
        int calls = 0;
        int added = 0;
        do {
            cursor = hscan("k", cursor, 50, seen);
            Map<String, String> more = numberedFields("g" + calls + "-", 40);
            hset("k", more);
            everPresent.putAll(more);
            added += more.size();
            assertTrue(++calls < 10_000, "the iteration ends");
        } while (cursor != 0);
        assertTrue(added > 2_000, "the table at least doubled during the scan: " + added + " fields added");
        for (Map.Entry<String, String> field : initial.entrySet()) {
            assertEquals(field.getValue(), seen.get(field.getKey()), "field " + field.getKey() + " present throughout");
        }
        for (Map.Entry<String, String> field : seen.entrySet()) {
            assertEquals(everPresent.get(field.getKey()), field.getValue(), "returned field " + field.getKey());
        }
    }

    @Test
    void hscan_fullIterationWhileShrinking_returnsEveryFieldPresentThroughout() {
        Map<String, String> all = numberedFields("f", 3_000);
        hset("k", all);
        Set<String> kept = new HashSet<>();
        List<String> doomed = new ArrayList<>();
        for (String field : all.keySet()) {
            if (kept.size() < 100 && field.hashCode() % 7 == 0) {
                kept.add(field);
            } else {
                doomed.add(field);
            }
        }
        Map<String, String> seen = new HashMap<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = hscan("k", cursor, 20, seen);
            for (int i = 0; i < 60 && !doomed.isEmpty(); i++) {
                exec("HDEL", "k", doomed.remove(doomed.size() - 1));
            }
            assertTrue(++calls < 10_000, "the iteration ends");
        } while (cursor != 0);
        assertTrue(doomed.size() < all.size() / 2, "the table shrank a lot during the scan; " + doomed.size() + " left to delete");
        for (String field : kept) {
            assertEquals(all.get(field), seen.get(field), "field " + field + " present throughout");
        }
        assertEquals(integer(kept.size() + doomed.size()), exec("HLEN", "k"));
    }

    @Test
    void hscan_matchAndNovalues_filterWhatTheyShould() {
        Map<String, String> fields = numberedFields("f", 300);
        fields.putAll(numberedFields("other", 300));
        hset("k", fields);
        Set<String> names = new HashSet<>();
        long cursor = 0;
        do {
            Reply reply = exec("HSCAN", "k", Long.toString(cursor), "MATCH", "f1*", "COUNT", "30", "NOVALUES");
            List<Reply> parts = ((Reply.Array) reply).items();
            for (Reply item : ((Reply.Array) parts.get(1)).items()) {
                names.add(((Reply.Bulk) item).utf8());
            }
            cursor = Long.parseLong(((Reply.Bulk) parts.get(0)).utf8());
        } while (cursor != 0);
        Set<String> expected = new HashSet<>();
        for (String field : fields.keySet()) {
            if (field.startsWith("f1")) {
                expected.add(field);
            }
        }
        assertEquals(expected, names);
    }

    // ------------------------------------------------------------------ HRANDFIELD

    private List<String> strings(Reply reply) {
        List<String> items = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, reply).items()) {
            items.add(((Reply.Bulk) item).utf8());
        }
        return items;
    }

    @Test
    void hrandfield_positiveCount_returnsDistinctPresentFields() {
        for (int size : new int[] {1, 3, 100, 2_000}) {
            exec("DEL", "k");
            Map<String, String> fields = numberedFields("f", size);
            hset("k", fields);
            for (int count : new int[] {1, 2, size / 3, size / 3 + 1, size - 1, size, size + 5}) {
                if (count <= 0) {
                    continue;
                }
                List<String> picked = strings(exec("HRANDFIELD", "k", Integer.toString(count)));
                assertEquals(Math.min(count, size), picked.size(), "count " + count + " of " + size);
                assertEquals(picked.size(), new HashSet<>(picked).size(), "distinct for count " + count);
                assertTrue(fields.keySet().containsAll(picked));
                List<String> pairs = strings(exec("HRANDFIELD", "k", Integer.toString(count), "WITHVALUES"));
                for (int i = 0; i < pairs.size(); i += 2) {
                    assertEquals(fields.get(pairs.get(i)), pairs.get(i + 1), "value of " + pairs.get(i));
                }
            }
        }
    }

    @Test
    void hrandfield_negativeCount_picksEveryFieldAtSaneFrequencies() {
        for (int size : new int[] {3, 2_000}) {
            exec("DEL", "k");
            Map<String, String> fields = numberedFields("f", size);
            hset("k", fields);
            Map<String, Integer> counts = new HashMap<>();
            int picks = 0;
            while (picks < 100 * size) {
                List<String> picked = strings(exec("HRANDFIELD", "k", "-5000"));
                assertEquals(5_000, picked.size());
                for (String field : picked) {
                    assertNotNull(fields.get(field), field);
                    counts.merge(field, 1, Integer::sum);
                }
                picks += picked.size();
            }
            assertEquals(fields.keySet(), counts.keySet(), "every field picked at least once");
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            double mean = (double) picks / size;
            assertTrue(max < 4 * mean, "the most picked field came " + max + " times, the mean is " + mean);
        }
    }

    @Test
    void hrandfield_singleField_isAPresentField() {
        hset("k", numberedFields("f", 500));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000 && seen.size() < 500; i++) {
            seen.add(((Reply.Bulk) exec("HRANDFIELD", "k")).utf8());
        }
        assertEquals(numberedFields("f", 500).keySet(), seen, "every field eventually");
        assertEquals(Reply.NIL, exec("HRANDFIELD", "nokey"));
    }
}
