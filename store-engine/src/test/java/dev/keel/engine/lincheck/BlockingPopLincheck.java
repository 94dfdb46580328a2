package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.KeyValue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: BLPOP against LPUSH on one list is linearizable.
 *
 * <p>Stress runs random scenarios with a BLPOP timeout of 1 ms: one that times out answers nil,
 * which a sequential order explains by placing it while the list was empty; one that is served
 * takes the head at some instant of its wait. Lincheck's model checker cannot run a timeout: it
 * makes {@code System.nanoTime()} stand still and returns from {@code parkNanos} at once, so a
 * timed BLPOP never times out there and it reports the execution as hung. Model checking
 * therefore runs BLPOPs that wait as long as it takes, in fixed scenarios that push at least as
 * many elements as they pop, so every BLPOP is served: it explores the interleavings of blocking
 * and being served, and a BLPOP that is never served shows as a hung execution.
 */
final class BlockingPopLincheck {
    private static final String KEY = "queue";

    /** LPUSH, and BLPOP with a timeout of 1 ms, on one list, as Lincheck's operations. */
    @Param(name = "value", gen = IntGen.class, conf = "1:9")
    public static class BlockingPops {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        /** Short, so that the BLPOPs no LPUSH serves cost little; what a served one returns does not depend on it. */
        Duration timeout() {
            return Duration.ofMillis(1);
        }

        @Operation
        public long lpush(@Param(name = "value") int value) {
            return redis.lpush(KEY, Integer.toString(value));
        }

        @Operation
        public String blpop() throws InterruptedException {
            KeyValue<String, String> popped = redis.blpop(timeout(), KEY);
            return popped == null ? null : popped.value();
        }
    }

    /** BLPOP waiting until it is served. */
    public static class UntimedBlockingPops extends BlockingPops {
        @Override
        Duration timeout() {
            return Duration.ZERO;
        }
    }

    /** BLPOP as a client might poll: LINDEX 0 for the head, then LPOP, waiting with BLPOP only if the list is empty. */
    public static class BlpopAsLindexThenLpop extends UntimedBlockingPops {
        @Override
        @Operation
        public String blpop() throws InterruptedException {
            String head = redis.lindex(KEY, 0);
            if (head != null) {
                redis.lpop(KEY);
                return head;
            }
            return super.blpop();
        }
    }

    /** The sequential specification: a deque, its head first; a pop from an empty one times out. */
    public static class Model {
        private final Deque<String> list = new ArrayDeque<>();

        public long lpush(int value) {
            list.addFirst(Integer.toString(value));
            return list.size();
        }

        public String blpop() {
            return list.pollFirst();
        }
    }

    /**
     * Scenarios whose every BLPOP some LPUSH serves: a pop waiting for a push, two pops for two
     * pushes on one thread, two waiting pops on two threads served in turn, and pops racing
     * for elements there already.
     */
    static List<ExecutionScenario> servedScenarios() {
        return List.of(
                new ExecutionScenario(List.of(), List.of(List.of(blpop()), List.of(lpush(1))), List.of(), null),
                new ExecutionScenario(List.of(), List.of(List.of(blpop(), blpop()), List.of(lpush(1), lpush(2))), List.of(), null),
                new ExecutionScenario(List.of(),
                        List.of(List.of(blpop()), List.of(blpop()), List.of(lpush(1), lpush(2))), List.of(), null),
                new ExecutionScenario(List.of(lpush(1)), List.of(List.of(blpop(), lpush(3)), List.of(lpush(2), blpop())),
                        List.of(blpop()), null),
                new ExecutionScenario(List.of(lpush(1), lpush(2)), List.of(List.of(blpop()), List.of(blpop())), List.of(), null));
    }

    private static Actor lpush(int value) {
        return new Actor(operation("lpush", int.class), List.of(value));
    }

    private static Actor blpop() {
        return new Actor(operation("blpop"), List.of());
    }

    private static java.lang.reflect.Method operation(String name, Class<?>... parameters) {
        try {
            return BlockingPops.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
