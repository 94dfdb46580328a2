package dev.keel.engine.lincheck;

import dev.keel.Commands;
import java.util.HashMap;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** Lincheck: SET, GET, INCR, APPEND and GETDEL on two keys are linearizable. */
final class StringLincheck {

    /** The store's string commands, as Lincheck's operations. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class Strings {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        static String key(int key) {
            return "s" + key;
        }

        @Operation
        public String set(@Param(name = "key") int key, @Param(name = "value") int value) {
            return redis.set(key(key), Integer.toString(value));
        }

        @Operation
        public String get(@Param(name = "key") int key) {
            return redis.get(key(key));
        }

        @Operation
        public long incr(@Param(name = "key") int key) {
            return redis.incr(key(key));
        }

        @Operation
        public long append(@Param(name = "key") int key, @Param(name = "value") int value) {
            return redis.append(key(key), Integer.toString(value));
        }

        @Operation
        public String getdel(@Param(name = "key") int key) {
            return redis.getdel(key(key));
        }
    }

    /** INCR as a client without INCR would write it: GET, then SET of the value plus one. */
    public static class IncrAsGetThenSet extends Strings {
        @Override
        @Operation
        public long incr(@Param(name = "key") int key) {
            String value = redis.get(key(key));
            long next = (value == null ? 0 : Long.parseLong(value)) + 1;
            redis.set(key(key), Long.toString(next));
            return next;
        }
    }

    /** The sequential specification: strings in a HashMap, digits only, so INCR always parses. */
    public static class Model {
        final Map<Integer, String> values = new HashMap<>();

        public String set(int key, int value) {
            values.put(key, Integer.toString(value));
            return "OK";
        }

        public String get(int key) {
            return values.get(key);
        }

        public long incr(int key) {
            long next = Long.parseLong(values.getOrDefault(key, "0")) + 1;
            values.put(key, Long.toString(next));
            return next;
        }

        public long append(int key, int value) {
            return values.merge(key, Integer.toString(value), String::concat).length();
        }

        public String getdel(int key) {
            return values.remove(key);
        }
    }
}
