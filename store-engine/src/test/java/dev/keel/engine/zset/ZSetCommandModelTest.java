package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random sorted set commands on a few keys against a model (score and member order kept in a
 * TreeSet), every reply compared, under each encoding regime: sets grow and shrink across the
 * packed limits many times while ranks, ranges, counts, pops and range removals go on. The
 * fixture then checks every tree's invariants and that FLUSHALL frees every byte.
 */
class ZSetCommandModelTest extends AbstractZSetTest {
    private static final String[] KEYS = {"z1", "z2", "z3"};

    private record Entry(double score, String member) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byScore = Double.compare(score == 0 ? 0.0 : score, other.score == 0 ? 0.0 : other.score);
            return byScore != 0 ? byScore : member.compareTo(other.member);
        }
    }

    private final Map<String, TreeSet<Entry>> model = new HashMap<>();
    private final Map<String, Map<String, Double>> scores = new HashMap<>();

    private TreeSet<Entry> set(String key) {
        return model.computeIfAbsent(key, k -> new TreeSet<>());
    }

    private Map<String, Double> scoresOf(String key) {
        return scores.computeIfAbsent(key, k -> new HashMap<>());
    }

    private void put(String key, String member, double score) {
        Double old = scoresOf(key).put(member, score);
        if (old != null) {
            set(key).remove(new Entry(old, member));
        }
        set(key).add(new Entry(score, member));
    }

    private boolean remove(String key, String member) {
        Double old = scoresOf(key).remove(member);
        if (old != null) {
            set(key).remove(new Entry(old, member));
        }
        return old != null;
    }

    /** Scores are quarters, so Redis's reply form is Java's (or an integer's). */
    private static String format(double score) {
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        if (score == Math.rint(score)) {
            return Long.toString((long) score);
        }
        return Double.toString(score);
    }

    private static Reply withScores(List<Entry> entries, boolean scores) {
        List<Reply> items = new ArrayList<>();
        for (Entry entry : entries) {
            items.add(Reply.bulk(entry.member()));
            if (scores) {
                items.add(Reply.bulk(format(entry.score())));
            }
        }
        return Reply.array(items);
    }

    @Test
    void randomCommands_matchTheModel() {
        SplittableRandom random = new SplittableRandom(42);
        int universe = Math.max(maxEntries(), 8) * 2;
        for (int step = 0; step < 12_000; step++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            String member = "m" + random.nextInt(universe);
            double score = random.nextInt(9) == 0 ? (random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                    : random.nextInt(400) / 4.0 - 50;
            List<Entry> list = new ArrayList<>(set(key));
            String what = "step " + step + " on " + key;
            switch (random.nextInt(14)) {
                case 0, 1, 2 -> {
                    boolean added = !scoresOf(key).containsKey(member);
                    assertEquals(integer(added ? 1 : 0), exec("ZADD", key, format(score), member), what);
                    put(key, member, score);
                }
                case 3 -> {
                    double delta = random.nextInt(20) / 4.0 - 2;
                    Double old = scoresOf(key).get(member);
                    double next = (old == null ? 0 : old) + delta;
                    if (Double.isNaN(next)) {
                        assertEquals("ERR resulting score is not a number (NaN)",
                                ((Reply.Error) exec("ZINCRBY", key, format(delta), member)).message(), what);
                    } else {
                        assertEquals(bulk(format(next)), exec("ZINCRBY", key, format(delta), member), what);
                        put(key, member, next);
                    }
                }
                case 4, 5 -> assertEquals(integer(remove(key, member) ? 1 : 0), exec("ZREM", key, member), what);
                case 6 -> {
                    int rank = list.indexOf(new Entry(scoresOf(key).getOrDefault(member, 0.0), member));
                    Reply expected = scoresOf(key).containsKey(member) ? integer(rank) : Reply.NIL;
                    assertEquals(expected, exec("ZRANK", key, member), what);
                    Reply reverse = scoresOf(key).containsKey(member) ? integer(list.size() - 1 - rank) : Reply.NIL;
                    assertEquals(reverse, exec("ZREVRANK", key, member), what);
                    assertEquals(scoresOf(key).containsKey(member) ? bulk(format(scoresOf(key).get(member))) : Reply.NIL,
                            exec("ZSCORE", key, member), what);
                }
                case 7 -> {
                    int start = random.nextInt(universe + 4) - 4;
                    int stop = random.nextInt(universe + 4) - 4;
                    assertEquals(withScores(byRank(list, start, stop), true),
                            exec("ZRANGE", key, Integer.toString(start), Integer.toString(stop), "WITHSCORES"), what);
                }
                case 8 -> {
                    double min = random.nextInt(400) / 4.0 - 50;
                    double max = min + random.nextInt(100) / 4.0;
                    int offset = random.nextInt(5);
                    int count = random.nextInt(12) - 1;
                    List<Entry> inRange = list.stream().filter(e -> e.score() > min && e.score() <= max).toList();
                    List<Entry> page = page(inRange, offset, count);
                    assertEquals(withScores(page, true), exec("ZRANGEBYSCORE", key, "(" + format(min), format(max),
                            "WITHSCORES", "LIMIT", Integer.toString(offset), Integer.toString(count)), what);
                    List<Entry> reversed = new ArrayList<>(inRange);
                    Collections.reverse(reversed);
                    assertEquals(withScores(page(reversed, offset, count), false), exec("ZREVRANGEBYSCORE", key, format(max),
                            "(" + format(min), "LIMIT", Integer.toString(offset), Integer.toString(count)), what);
                    assertEquals(integer(inRange.size()), exec("ZCOUNT", key, "(" + format(min), format(max)), what);
                }
                case 9 -> {
                    double min = random.nextInt(400) / 4.0 - 50;
                    double max = min + random.nextInt(20) / 4.0;
                    List<Entry> gone = list.stream().filter(e -> e.score() >= min && e.score() <= max).toList();
                    assertEquals(integer(gone.size()), exec("ZREMRANGEBYSCORE", key, format(min), format(max)), what);
                    gone.forEach(e -> remove(key, e.member()));
                }
                case 10 -> {
                    int start = random.nextInt(6);
                    int stop = start + random.nextInt(4);
                    List<Entry> gone = byRank(list, start, stop);
                    assertEquals(integer(gone.size()), exec("ZREMRANGEBYRANK", key, Integer.toString(start), Integer.toString(stop)), what);
                    gone.forEach(e -> remove(key, e.member()));
                }
                case 11 -> {
                    boolean max = random.nextBoolean();
                    int count = random.nextInt(4);
                    List<Entry> ordered = new ArrayList<>(list);
                    if (max) {
                        Collections.reverse(ordered);
                    }
                    List<Entry> popped = ordered.subList(0, Math.min(count, ordered.size()));
                    assertEquals(withScores(popped, true), exec(max ? "ZPOPMAX" : "ZPOPMIN", key, Integer.toString(count)), what);
                    new ArrayList<>(popped).forEach(e -> remove(key, e.member()));
                }
                case 12 -> {
                    assertEquals(integer(list.size()), exec("ZCARD", key), what);
                    assertEquals(withScores(list, false), exec("ZRANGE", key, "0", "-1"), what);
                }
                default -> {
                    String other = KEYS[random.nextInt(KEYS.length)];
                    Map<String, Double> union = new HashMap<>(scoresOf(key));
                    scoresOf(other).forEach((m, s) -> union.merge(m, s, (a, b) -> Math.max(a, b)));
                    assertEquals(integer(union.size()), exec("ZUNIONSTORE", "dest", "2", key, other, "AGGREGATE", "MAX"), what);
                    model.remove("dest");
                    scores.remove("dest");
                    union.forEach((m, s) -> put("dest", m, s));
                    assertEquals(withScores(new ArrayList<>(set("dest")), true), exec("ZRANGE", "dest", "0", "-1", "WITHSCORES"), what);
                }
            }
        }
    }

    private static List<Entry> byRank(List<Entry> list, int start, int stop) {
        int size = list.size();
        int from = start < 0 ? Math.max(0, size + start) : start;
        int to = stop < 0 ? size + stop : Math.min(stop, size - 1);
        return from > to || from >= size ? List.of() : list.subList(from, to + 1);
    }

    private static List<Entry> page(List<Entry> entries, int offset, int count) {
        if (offset >= entries.size()) {
            return List.of();
        }
        int end = count < 0 ? entries.size() : Math.min(entries.size(), offset + count);
        return entries.subList(offset, end);
    }
}
