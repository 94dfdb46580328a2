package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.SetArgs;
import dev.keel.engine.ManualClock;
import java.util.HashMap;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: SET, SET PX, EXPIRE, TTL and EXISTS on two keys are linearizable with the store's
 * clock moving on meanwhile. The clock is one of the shared objects: a tick moves it a whole
 * second, as one of the operations, so the model knows the time of every command. The store's
 * background expiry runs as usual.
 */
final class ExpiryLincheck {
    private static final long SECOND = 1_000;

    /** The store's expiry commands and a tick of its clock, as Lincheck's operations. */
    @Param(name = "key", gen = IntGen.class, conf = "0:1")
    @Param(name = "seconds", gen = IntGen.class, conf = "1:2")
    public static class Expiry {
        private final LincheckStores.Opened opened = LincheckStores.open();
        final ManualClock clock = opened.clock();
        final Commands<String, String> redis = opened.store().commands();

        static String key(int key) {
            return "k" + key;
        }

        @Operation
        public String set(@Param(name = "key") int key) {
            return redis.set(key(key), "v");
        }

        @Operation
        public String setPx(@Param(name = "key") int key, @Param(name = "seconds") int seconds) {
            return redis.set(key(key), "v", SetArgs.px(seconds * SECOND));
        }

        @Operation
        public boolean expire(@Param(name = "key") int key, @Param(name = "seconds") int seconds) {
            return redis.expire(key(key), seconds);
        }

        @Operation
        public long ttl(@Param(name = "key") int key) {
            return redis.ttl(key(key));
        }

        @Operation
        public long exists(@Param(name = "key") int key) {
            return redis.exists(key(key));
        }

        @Operation
        public void tick() {
            clock.advanceMillis(SECOND);
        }
    }

    /** SET PX as two commands: SET, then PEXPIRE. */
    public static class SetPxAsSetThenPexpire extends Expiry {
        @Override
        @Operation
        public String setPx(@Param(name = "key") int key, @Param(name = "seconds") int seconds) {
            String reply = redis.set(key(key), "v");
            redis.pexpire(key(key), seconds * SECOND);
            return reply;
        }
    }

    /**
     * The sequential specification: each key's expiry instant on a clock of its own, 0 for none.
     * As in Redis, a key lives through its expiry millisecond and is gone after it.
     */
    public static class Model {
        private static final long NO_EXPIRY = 0;
        private final Map<Integer, Long> expireAt = new HashMap<>();
        private long now;

        private boolean live(int key) {
            Long at = expireAt.get(key);
            if (at != null && at != NO_EXPIRY && at < now) {
                expireAt.remove(key);
            }
            return expireAt.containsKey(key);
        }

        public String set(int key) {
            expireAt.put(key, NO_EXPIRY);
            return "OK";
        }

        public String setPx(int key, int seconds) {
            expireAt.put(key, now + seconds * SECOND);
            return "OK";
        }

        public boolean expire(int key, int seconds) {
            if (!live(key)) {
                return false;
            }
            expireAt.put(key, now + seconds * SECOND);
            return true;
        }

        public long ttl(int key) {
            if (!live(key)) {
                return -2;
            }
            long at = expireAt.get(key);
            return at == NO_EXPIRY ? -1 : (at - now) / SECOND;
        }

        public long exists(int key) {
            return live(key) ? 1 : 0;
        }

        public void tick() {
            now += SECOND;
        }
    }
}
