package dev.keel.engine.lincheck;

import dev.keel.Commands;
import java.util.HashMap;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** Lincheck: HSET, HINCRBY, HDEL and HGET on the fields of a hash are linearizable. */
final class HashLincheck {

    /** The store's hash commands, as Lincheck's operations. */
    @Param(name = "field", gen = IntGen.class, conf = "0:1")
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class Hashes {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        static final String KEY = "hash";

        static String field(int field) {
            return "f" + field;
        }

        @Operation
        public long hset(@Param(name = "field") int field, @Param(name = "value") int value) {
            return redis.hset(KEY, field(field), Integer.toString(value));
        }

        @Operation
        public long hincrby(@Param(name = "field") int field, @Param(name = "value") int increment) {
            return redis.hincrby(KEY, field(field), increment);
        }

        @Operation
        public long hdel(@Param(name = "field") int field) {
            return redis.hdel(KEY, field(field));
        }

        @Operation
        public String hget(@Param(name = "field") int field) {
            return redis.hget(KEY, field(field));
        }
    }

    /** HINCRBY as two commands: HGET, then HSET of the sum. */
    public static class HincrbyAsHgetThenHset extends Hashes {
        @Override
        @Operation
        public long hincrby(@Param(name = "field") int field, @Param(name = "value") int increment) {
            String value = redis.hget(KEY, field(field));
            long sum = (value == null ? 0 : Long.parseLong(value)) + increment;
            redis.hset(KEY, field(field), Long.toString(sum));
            return sum;
        }
    }

    /** The sequential specification: a map of field numbers to numbers. */
    public static class Model {
        private final Map<Integer, Long> hash = new HashMap<>();

        public long hset(int field, int value) {
            return hash.put(field, (long) value) == null ? 1 : 0;
        }

        public long hincrby(int field, int increment) {
            return hash.merge(field, (long) increment, Long::sum);
        }

        public long hdel(int field) {
            return hash.remove(field) == null ? 0 : 1;
        }

        public String hget(int field) {
            Long value = hash.get(field);
            return value == null ? null : value.toString();
        }
    }
}
