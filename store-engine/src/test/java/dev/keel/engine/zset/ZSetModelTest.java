package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.memory.OffHeapMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sorted set structure against a model (a TreeSet of score and member, and a map of scores):
 * random adds, score changes, removals and range removals, checked after every step by rank,
 * score, range counts and walks, under limits that keep it packed, keep it a tree, and make it
 * cross between the two both ways. The tree's own invariants (order, counts, keys, fill, leaf
 * chain, member table) are checked by its verify() throughout, and all memory comes back when the
 * set is freed.
 */
class ZSetModelTest {
    private OffHeapMemory memory;
    private Keyspace keyspace;
    private long baseline;

    @BeforeEach
    void open() {
        memory = new OffHeapMemory();
        keyspace = new Keyspace(memory, 4, SipHash.random());
        baseline = memory.usedBytes();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    /** One member of the model: Redis's order is by score, then by member bytes (unsigned). */
    private record Scored(double score, byte[] member) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored other) {
            if (score < other.score) {
                return -1;
            }
            if (score > other.score) {
                return 1;
            }
            return Arrays.compareUnsigned(member, other.member);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scored that && Double.compare(score, that.score) == 0 && Arrays.equals(member, that.member);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(score) * 31 + Arrays.hashCode(member);
        }

        @Override
        public String toString() {
            return new String(member, StandardCharsets.ISO_8859_1) + "=" + score;
        }
    }

    private static final class Model {
        final TreeSet<Scored> order = new TreeSet<>();
        final Map<String, Double> scores = new HashMap<>();

        void put(byte[] member, double score) {
            Double old = scores.put(key(member), score);
            if (old != null) {
                order.remove(new Scored(old, member));
            }
            order.add(new Scored(score, member));
        }

        boolean remove(byte[] member) {
            Double old = scores.remove(key(member));
            if (old != null) {
                order.remove(new Scored(old, member));
            }
            return old != null;
        }

        List<Scored> list() {
            return new ArrayList<>(order);
        }

        static String key(byte[] member) {
            return new String(member, StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest(name = "limit {0} entries, {1} bytes, {2} members, seed {3}")
    @CsvSource({
            "128, 64, 60, 1",
            "0, 0, 300, 2",
            "0, 0, 5000, 3",
            "16, 8, 200, 4",
            "4, 4, 40, 5",
            "128, 64, 3000, 6",
            "0, 0, 20000, 7"})
    void randomOperations_matchTheModel(int maxEntries, int maxValue, int universe, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ZSet set = ZSet.empty(keyspace, maxEntries, maxValue);
        Model model = new Model();
        int steps = Math.max(4000, universe * 6);
        for (int step = 0; step < steps; step++) {
            byte[] member = member(random, universe);
            int op = random.nextInt(100);
            if (op < 55) {
                double score = score(random);
                double old = set.put(member, score);
                Double expected = model.scores.get(Model.key(member));
                assertEquals(expected == null ? Double.NaN : expected, old);
                model.put(member, score);
            } else if (op < 85) {
                assertEquals(model.remove(member), set.remove(member));
            } else if (op < 88 && set.size() > 0) {
                long from = random.nextLong(set.size());
                long count = random.nextLong(Math.min(20, set.size() - from) + 1);
                set.removeRange(from, count);
                List<Scored> list = model.list();
                for (long i = from; i < from + count; i++) {
                    model.remove(list.get((int) i).member());
                }
            } else {
                checkQueries(set, model, random);
            }
            if (step % 97 == 0 || universe < 100) {
                assertEquals(model.order.size(), set.size());
                assertVerified(set);
            }
        }
        checkEverything(set, model);
        set.discard();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    private void assertVerified(ZSet set) {
        if (set.root() != 0) {
            assertNull(ZSet.verify(keyspace, set.root(), set.encoding()));
        }
    }

    private static byte[] member(SplittableRandom random, int universe) {
        int n = random.nextInt(universe);
        String text = random.nextInt(50) == 0 ? "long-member-" + n + "-".repeat(n % 70) : "m" + n;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static double score(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> Double.NEGATIVE_INFINITY;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> random.nextInt(3);            // many ties: order by member
            case 3 -> random.nextBoolean() ? 0.0 : -0.0;
            default -> random.nextInt(2000) / 4.0 - 250;
        };
    }

    private static void checkQueries(ZSet set, Model model, SplittableRandom random) {
        List<Scored> list = model.list();
        double probe = score(random);
        long below = list.stream().filter(s -> s.score() < probe).count();
        long atMost = list.stream().filter(s -> s.score() <= probe).count();
        assertEquals(below, set.countBelow(probe, false), "countBelow " + probe);
        assertEquals(atMost, set.countBelow(probe, true), "countBelow orEqual " + probe);
        if (!list.isEmpty()) {
            int rank = random.nextInt(list.size());
            Scored at = list.get(rank);
            assertEquals(rank, set.rank(at.member()));
            assertEquals(at.score(), set.score(at.member()));
            int count = Math.min(list.size() - rank, 1 + random.nextInt(70));
            assertEquals(list.subList(rank, rank + count), walk(set, rank, count, false));
            int top = list.size() - 1 - random.nextInt(list.size());
            int down = Math.min(top + 1, 1 + random.nextInt(70));
            List<Scored> expected = new ArrayList<>(list.subList(top - down + 1, top + 1));
            java.util.Collections.reverse(expected);
            assertEquals(expected, walk(set, top, down, true));
        }
        byte[] absent = "absent".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, set.rank(absent));
        assertTrue(Double.isNaN(set.score(absent)));
    }

    private static void checkEverything(ZSet set, Model model) {
        List<Scored> list = model.list();
        assertEquals(list, walk(set, 0, list.size(), false));
        for (int rank = 0; rank < list.size(); rank++) {
            assertEquals(rank, set.rank(list.get(rank).member()));
        }
        List<Scored> scanned = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = set.scan(cursor, 10, (member, score) -> scanned.add(new Scored(score, member)));
        } while (cursor != 0);
        assertEquals(new TreeSet<>(list), new TreeSet<>(scanned));
        assertEquals(list.size(), scanned.size());
    }

    private static List<Scored> walk(ZSet set, long from, long count, boolean reverse) {
        List<Scored> seen = new ArrayList<>();
        set.visit(from, count, reverse, (member, score) -> seen.add(new Scored(score, member)));
        return seen;
    }

    @Test
    void membersAddedInScoreOrder_fillLeavesAndCountExactly() {
        ZSet set = ZSet.empty(keyspace, 0, 0);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            set.put(("member:" + i).getBytes(StandardCharsets.UTF_8), i);
        }
        assertVerified(set);
        assertEquals(n, set.size());
        assertEquals(n / 2, set.countBelow(n / 2, false));
        assertEquals(n / 2 + 1, set.countBelow(n / 2, true));
        assertEquals(54_321, set.rank("member:54321".getBytes(StandardCharsets.UTF_8)));
        set.removeRange(0, n / 2);
        assertVerified(set);
        assertEquals(0, set.rank(("member:" + n / 2).getBytes(StandardCharsets.UTF_8)));
        for (int i = n - 1; i >= n / 2; i -= 2) {
            set.remove(("member:" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertVerified(set);
        assertEquals(n / 4, set.size());
        set.discard();
        assertEquals(baseline, memory.usedBytes());
    }

    @Test
    void lexCounts_onEqualScores_followMemberBytes() {
        for (int limit : new int[] {0, 128}) {
            ZSet set = ZSet.empty(keyspace, limit, 64);
            String[] members = {"a", "b", "ba", "c", "\u00ff", ""};
            for (String member : members) {
                set.put(member.getBytes(StandardCharsets.UTF_8), 0);
            }
            assertEquals(1, set.countBelowLex("a".getBytes(StandardCharsets.UTF_8), false));
            assertEquals(2, set.countBelowLex("a".getBytes(StandardCharsets.UTF_8), true));
            assertEquals(4, set.countBelowLex("bb".getBytes(StandardCharsets.UTF_8), false));
            assertEquals(5, set.countBelowLex("c".getBytes(StandardCharsets.UTF_8), true));
            assertEquals(6, set.countBelowLex("\u00ff".getBytes(StandardCharsets.UTF_8), true));
            set.discard();
        }
        assertEquals(baseline, memory.usedBytes());
    }
}
