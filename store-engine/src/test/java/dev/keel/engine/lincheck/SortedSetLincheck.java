package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.ScoredValue;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** Lincheck: ZADD, ZINCRBY, ZPOPMIN and ZRANK on a sorted set are linearizable. */
final class SortedSetLincheck {

    /** The store's sorted-set commands, as Lincheck's operations. */
    @Param(name = "member", gen = IntGen.class, conf = "0:1")
    @Param(name = "score", gen = IntGen.class, conf = "1:3")
    public static class SortedSets {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        static final String KEY = "zset";

        static String member(int member) {
            return "m" + member;
        }

        @Operation
        public long zadd(@Param(name = "score") int score, @Param(name = "member") int member) {
            return redis.zadd(KEY, score, member(member));
        }

        @Operation
        public double zincrby(@Param(name = "score") int increment, @Param(name = "member") int member) {
            return redis.zincrby(KEY, increment, member(member));
        }

        /** Returns "member=score", or null for an empty set. */
        @Operation
        public String zpopmin() {
            ScoredValue<String> popped = redis.zpopmin(KEY);
            return popped == null ? null : popped.value() + "=" + popped.score();
        }

        @Operation
        public Long zrank(@Param(name = "member") int member) {
            return redis.zrank(KEY, member(member));
        }
    }

    /** ZINCRBY as two commands: ZSCORE, then ZADD of the sum. */
    public static class ZincrbyAsZscoreThenZadd extends SortedSets {
        @Override
        @Operation
        public double zincrby(@Param(name = "score") int increment, @Param(name = "member") int member) {
            Double score = redis.zscore(KEY, member(member));
            double sum = (score == null ? 0 : score) + increment;
            redis.zadd(KEY, sum, member(member));
            return sum;
        }
    }

    /** The sequential specification: a member to score map, ordered by score then member as Redis orders them. */
    public static class Model {
        private static final Comparator<Map.Entry<String, Double>> ORDER =
                Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey());
        private final Map<String, Double> set = new HashMap<>();

        public long zadd(int score, int member) {
            return set.put(SortedSets.member(member), (double) score) == null ? 1 : 0;
        }

        public double zincrby(int increment, int member) {
            return set.merge(SortedSets.member(member), (double) increment, Double::sum);
        }

        public String zpopmin() {
            Map.Entry<String, Double> first = set.entrySet().stream().min(ORDER).map(Map.Entry::copyOf).orElse(null);
            if (first == null) {
                return null;
            }
            set.remove(first.getKey());
            return first.getKey() + "=" + first.getValue();
        }

        public Long zrank(int member) {
            Double score = set.get(SortedSets.member(member));
            if (score == null) {
                return null;
            }
            Map.Entry<String, Double> self = Map.entry(SortedSets.member(member), score);
            return set.entrySet().stream().filter(other -> ORDER.compare(other, self) < 0).count();
        }
    }
}
