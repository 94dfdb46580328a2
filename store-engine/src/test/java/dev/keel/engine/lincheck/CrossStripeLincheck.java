package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.KeelException;
import dev.keel.ListDirection;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: RENAME, SMOVE and LMOVE between two keys on different stripes are linearizable. A
 * store of two stripes, its two keys picked one on each ({@link LincheckStores.Opened#keys()}),
 * so every move takes both stripes' locks, in stripe order.
 */
final class CrossStripeLincheck {
    static final int STRIPES = 2;
    private static final String NO_SUCH_KEY = "ERR no such key";

    /** SET, GET, MGET and RENAME on two string keys. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class Renames {
        final Commands<String, String> redis;
        final List<String> keys;

        public Renames() {
            LincheckStores.Opened opened = LincheckStores.open();
            this.redis = opened.store().commands();
            this.keys = opened.keys();
        }

        @Operation
        public String set(@Param(name = "key") int key, @Param(name = "value") int value) {
            return redis.set(keys.get(key), Integer.toString(value));
        }

        @Operation
        public String get(@Param(name = "key") int key) {
            return redis.get(keys.get(key));
        }

        /** Both keys at one instant. */
        @Operation
        public List<String> mget() {
            return redis.mget(keys.get(0), keys.get(1));
        }

        /** Returns OK or the error's text. */
        @Operation
        public String rename(@Param(name = "key") int from, @Param(name = "key") int to) {
            try {
                return redis.rename(keys.get(from), keys.get(to));
            } catch (KeelException e) {
                return e.getMessage();
            }
        }
    }

    /** RENAME as three commands: GET the source, SET the destination, DEL the source. */
    public static class RenameAsGetSetDel extends Renames {
        @Override
        @Operation
        public String rename(@Param(name = "key") int from, @Param(name = "key") int to) {
            String value = redis.get(keys.get(from));
            if (value == null) {
                return NO_SUCH_KEY;
            }
            if (from != to) {
                redis.set(keys.get(to), value);
                redis.del(keys.get(from));
            }
            return "OK";
        }
    }

    /** The sequential specification of {@link Renames}: the strings' model, with MGET and RENAME. */
    public static class RenameModel extends StringLincheck.Model {
        public List<String> mget() {
            return Arrays.asList(values.get(0), values.get(1));
        }

        public String rename(int from, int to) {
            String value = values.remove(from);
            if (value == null) {
                return NO_SUCH_KEY;
            }
            values.put(to, value);
            return "OK";
        }
    }

    /** SADD, SMOVE, SCARD and SUNION on two sets; the first starts with both members. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "member", gen = IntGen.class, conf = "0:1")
    public static class SetMoves {
        final Commands<String, String> redis;
        final List<String> keys;

        public SetMoves() {
            LincheckStores.Opened opened = LincheckStores.open();
            this.redis = opened.store().commands();
            this.keys = opened.keys();
            redis.sadd(keys.get(0), "m0", "m1");
        }

        @Operation
        public long sadd(@Param(name = "key") int key, @Param(name = "member") int member) {
            return redis.sadd(keys.get(key), "m" + member);
        }

        @Operation
        public boolean smove(@Param(name = "key") int from, @Param(name = "key") int to, @Param(name = "member") int member) {
            return redis.smove(keys.get(from), keys.get(to), "m" + member);
        }

        @Operation
        public long scard(@Param(name = "key") int key) {
            return redis.scard(keys.get(key));
        }

        @Operation
        public List<String> sunion() {
            return List.copyOf(new TreeSet<>(redis.sunion(keys.get(0), keys.get(1))));
        }
    }

    /** The sequential specification of {@link SetMoves}. */
    public static class SetMoveModel {
        private final List<Set<String>> sets = List.of(new TreeSet<>(List.of("m0", "m1")), new TreeSet<>());

        public long sadd(int key, int member) {
            return sets.get(key).add("m" + member) ? 1 : 0;
        }

        public boolean smove(int from, int to, int member) {
            if (!sets.get(from).remove("m" + member)) {
                return false;
            }
            sets.get(to).add("m" + member);
            return true;
        }

        public long scard(int key) {
            return sets.get(key).size();
        }

        public List<String> sunion() {
            Set<String> union = new TreeSet<>(sets.get(0));
            union.addAll(sets.get(1));
            return List.copyOf(union);
        }
    }

    /** LPUSH, LMOVE, RPOP and LLEN on two lists; the first starts with two elements. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class ListMoves {
        final Commands<String, String> redis;
        final List<String> keys;

        public ListMoves() {
            LincheckStores.Opened opened = LincheckStores.open();
            this.redis = opened.store().commands();
            this.keys = opened.keys();
            redis.lpush(keys.get(0), "a", "b");
        }

        @Operation
        public long lpush(@Param(name = "key") int key, @Param(name = "value") int value) {
            return redis.lpush(keys.get(key), Integer.toString(value));
        }

        @Operation
        public String lmove(@Param(name = "key") int from, @Param(name = "key") int to) {
            return redis.lmove(keys.get(from), keys.get(to), ListDirection.RIGHT, ListDirection.LEFT);
        }

        @Operation
        public String rpop(@Param(name = "key") int key) {
            return redis.rpop(keys.get(key));
        }

        @Operation
        public long llen(@Param(name = "key") int key) {
            return redis.llen(keys.get(key));
        }
    }

    /** The sequential specification of {@link ListMoves}. */
    public static class ListMoveModel {
        private final List<Deque<String>> lists = List.of(new ArrayDeque<>(List.of("b", "a")), new ArrayDeque<>());

        public long lpush(int key, int value) {
            lists.get(key).addFirst(Integer.toString(value));
            return lists.get(key).size();
        }

        public String lmove(int from, int to) {
            String element = lists.get(from).pollLast();
            if (element != null) {
                lists.get(to).addFirst(element);
            }
            return element;
        }

        public String rpop(int key) {
            return lists.get(key).pollLast();
        }

        public long llen(int key) {
            return lists.get(key).size();
        }
    }
}
