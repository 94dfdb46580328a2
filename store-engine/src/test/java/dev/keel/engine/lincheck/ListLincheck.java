package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.ListDirection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** Lincheck: LPUSH, RPOP, LMOVE and LLEN on two lists are linearizable. */
final class ListLincheck {

    /** The store's list commands, as Lincheck's operations: two lists used as queues. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class Lists {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        static String key(int key) {
            return "l" + key;
        }

        @Operation
        public long lpush(@Param(name = "key") int key, @Param(name = "value") int value) {
            return redis.lpush(key(key), Integer.toString(value));
        }

        @Operation
        public String rpop(@Param(name = "key") int key) {
            return redis.rpop(key(key));
        }

        @Operation
        public String lmove(@Param(name = "key") int from, @Param(name = "key") int to) {
            return redis.lmove(key(from), key(to), ListDirection.RIGHT, ListDirection.LEFT);
        }

        @Operation
        public long llen(@Param(name = "key") int key) {
            return redis.llen(key(key));
        }
    }

    /** LMOVE as two commands: RPOP from the source, then LPUSH onto the destination. */
    public static class LmoveAsRpopThenLpush extends Lists {
        @Override
        @Operation
        public String lmove(@Param(name = "key") int from, @Param(name = "key") int to) {
            String element = redis.rpop(key(from));
            if (element != null) {
                redis.lpush(key(to), element);
            }
            return element;
        }
    }

    /** The sequential specification: each list a deque, its head first. */
    public static class Model {
        private final Map<Integer, Deque<String>> lists = new HashMap<>();

        private Deque<String> list(int key) {
            return lists.computeIfAbsent(key, k -> new ArrayDeque<>());
        }

        public long lpush(int key, int value) {
            list(key).addFirst(Integer.toString(value));
            return list(key).size();
        }

        public String rpop(int key) {
            return list(key).pollLast();
        }

        public String lmove(int from, int to) {
            String element = list(from).pollLast();
            if (element != null) {
                list(to).addFirst(element);
            }
            return element;
        }

        public long llen(int key) {
            return list(key).size();
        }
    }
}
