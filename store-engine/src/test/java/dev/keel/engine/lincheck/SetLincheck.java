package dev.keel.engine.lincheck;

import dev.keel.Commands;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: SADD, SREM, SMOVE, SPOP, SCARD and SUNION on two sets are linearizable. The first
 * set starts with both members, so that SMOVE and SPOP have something to take from the start.
 *
 * <p>SPOP takes a random member, which no sequential model can predict; here it pops with a
 * count as large as the members there can be, which Redis defines as taking the whole set.
 */
final class SetLincheck {
    /** Members are m0 and m1: a count of 2 pops every member a set can hold. */
    private static final int MEMBERS = 2;

    /** The store's set commands, as Lincheck's operations. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "member", gen = IntGen.class, conf = "0:1")
    public static class Sets {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        public Sets() {
            redis.sadd(key(0), member(0), member(1));
        }

        static String key(int key) {
            return "set" + key;
        }

        static String member(int member) {
            return "m" + member;
        }

        @Operation
        public long sadd(@Param(name = "key") int key, @Param(name = "member") int member) {
            return redis.sadd(key(key), member(member));
        }

        @Operation
        public long srem(@Param(name = "key") int key, @Param(name = "member") int member) {
            return redis.srem(key(key), member(member));
        }

        @Operation
        public boolean smove(@Param(name = "key") int from, @Param(name = "key") int to, @Param(name = "member") int member) {
            return redis.smove(key(from), key(to), member(member));
        }

        @Operation
        public List<String> spop(@Param(name = "key") int key) {
            return List.copyOf(new TreeSet<>(redis.spop(key(key), MEMBERS)));
        }

        @Operation
        public long scard(@Param(name = "key") int key) {
            return redis.scard(key(key));
        }

        /** Both sets' members together: a member on its way between them must be in one or the other. */
        @Operation
        public List<String> sunion() {
            return List.copyOf(new TreeSet<>(redis.sunion(key(0), key(1))));
        }
    }

    /** SMOVE as two commands: SREM from the source, then SADD to the destination. */
    public static class SmoveAsSremThenSadd extends Sets {
        @Override
        @Operation
        public boolean smove(@Param(name = "key") int from, @Param(name = "key") int to, @Param(name = "member") int member) {
            if (redis.srem(key(from), member(member)) == 0) {
                return false;
            }
            redis.sadd(key(to), member(member));
            return true;
        }
    }

    /** The sequential specification: each set a TreeSet of member numbers. */
    public static class Model {
        private final Map<Integer, Set<String>> sets = new HashMap<>();

        public Model() {
            set(0).addAll(List.of(Sets.member(0), Sets.member(1)));
        }

        private Set<String> set(int key) {
            return sets.computeIfAbsent(key, k -> new TreeSet<>());
        }

        public long sadd(int key, int member) {
            return set(key).add(Sets.member(member)) ? 1 : 0;
        }

        public long srem(int key, int member) {
            return set(key).remove(Sets.member(member)) ? 1 : 0;
        }

        public boolean smove(int from, int to, int member) {
            if (!set(from).remove(Sets.member(member))) {
                return false;
            }
            set(to).add(Sets.member(member));
            return true;
        }

        public List<String> spop(int key) {
            List<String> all = List.copyOf(set(key));
            set(key).clear();
            return all;
        }

        public long scard(int key) {
            return set(key).size();
        }

        public List<String> sunion() {
            Set<String> union = new TreeSet<>(set(0));
            union.addAll(set(1));
            return List.copyOf(union);
        }
    }
}
