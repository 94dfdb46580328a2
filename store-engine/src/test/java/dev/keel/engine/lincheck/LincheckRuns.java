package dev.keel.engine.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * How every Lincheck test of the engine runs, sized so that the whole Lincheck share of CI stays
 * near two minutes on two cores.
 *
 * <p>A test class names a subject, whose {@code @Operation} methods are store commands run on a
 * store from {@link LincheckStores#open()}, and a model, a plain on-heap class with the same
 * methods. Lincheck generates scenarios (a few operations alone, then two threads of operations
 * in parallel, then one more), runs them, and checks that every run's results could come from
 * some order of the operations one after the other on the model: linearizability. Model
 * checking runs the threads one at a time and switches between them where they synchronize
 * (locks, volatile and atomic accesses), exploring many interleavings of each scenario; stress
 * runs them truly in parallel, many times.
 *
 * <p><b>Thread safety:</b> not thread safe; JUnit runs these tests one at a time.
 */
final class LincheckRuns {
    /** Scenarios model-checked per test. */
    static final int MODEL_CHECKING_SCENARIOS = 6;
    /** Interleavings explored per scenario. */
    static final int INTERLEAVINGS = 20;
    /** Scenarios stressed per test. */
    static final int STRESS_SCENARIOS = 5;
    /** Runs of each stressed scenario. */
    static final int STRESS_RUNS = 100;
    /** Operations per thread in a model-checked scenario, and in a stressed one. */
    static final int MODEL_CHECKING_OPERATIONS = 2;
    static final int STRESS_OPERATIONS = 3;
    /**
     * A broken variant's search stops at the first failure, so it can afford more scenarios:
     * the few where both threads touch the same thing are what find it.
     */
    static final int BROKEN_SCENARIOS = 3 * MODEL_CHECKING_SCENARIOS;
    /**
     * Lincheck takes a loop that runs this many times for one that never ends, and reports the
     * execution as hung. Its default of 50 is shorter than the 200 spins of a stripe lock
     * (KeyTable.acquire) before it parks: a thread meeting a lock held by a thread switched out
     * would be reported as hung.
     */
    static final int LOOP_BOUND = 250;

    /**
     * Code that model checking runs without looking inside: the data types' own code, the memory
     * allocator and the keyspace notifications, which commands run under their stripes' locks,
     * and helpers that touch no shared state (the command table's lookup, argument parsing, key
     * hashing, UTF-8). Lincheck then neither switches threads inside them nor records their every
     * call, which cuts a check's time by half or more; it still switches wherever the dispatcher,
     * the keyspace and the waiters of blocking commands synchronize, which is where a command's
     * atomicity is made. The stress runs run all of it.
     *
     * <p>It also leaves these classes uninstrumented. Lincheck instruments the classes a check
     * runs and puts them back after it; every round trip of {@code notify.Before} through the
     * JVM's class redefinition doubles its constant pool, and after about six model-checking
     * runs the merge overflows ("Merged constant pool overflow" on the console) and every later
     * check takes ten times as long.
     */
    private static final List<String> UNANALYSED = List.of(
            "dev.keel.engine.memory.",
            "dev.keel.engine.string.",
            "dev.keel.engine.list.",
            "dev.keel.engine.hash.",
            "dev.keel.engine.set.",
            "dev.keel.engine.zset.",
            "dev.keel.engine.stream.",
            "dev.keel.engine.command.CommandTable",
            "dev.keel.engine.command.Arguments",
            "dev.keel.engine.keyspace.SipHash",
            "dev.keel.Utf8Codec",
            "dev.keel.engine.notify.");

    private LincheckRuns() {
    }

    /** Model-checks {@code subject} against {@code model} on stores of {@code stripes} stripes. */
    static void modelCheck(Class<?> subject, Class<?> model, int stripes) {
        run(modelChecking(model, MODEL_CHECKING_SCENARIOS), subject, stripes, false);
    }

    /** Model-checks {@code subject} against {@code model} in the given {@code scenarios} only. */
    static void modelCheck(Class<?> subject, Class<?> model, int stripes, List<ExecutionScenario> scenarios) {
        run(modelChecking(model, scenarios), subject, stripes, false);
    }

    /** Stresses {@code subject} against {@code model} on a store of {@code stripes} stripes. */
    static void stress(Class<?> subject, Class<?> model, int stripes) {
        run(stressing(model), subject, stripes, true);
    }

    /**
     * Model-checks {@code broken}, a deliberately non-atomic variant of a subject, and asserts
     * that Lincheck finds results that no sequential order explains: the check can fail.
     */
    static void assertModelCheckingCatches(Class<?> broken, Class<?> model, int stripes) {
        assertCaught(modelChecking(model, BROKEN_SCENARIOS), broken, stripes, false);
    }

    /** As {@link #assertModelCheckingCatches}, in the given {@code scenarios} only. */
    static void assertModelCheckingCatches(Class<?> broken, Class<?> model, int stripes, List<ExecutionScenario> scenarios) {
        assertCaught(modelChecking(model, scenarios), broken, stripes, false);
    }

    /** As {@link #assertModelCheckingCatches}, by stress. */
    static void assertStressCatches(Class<?> broken, Class<?> model, int stripes) {
        assertCaught(stressing(model), broken, stripes, true);
    }

    private static ModelCheckingOptions modelChecking(Class<?> model, int scenarios) {
        return new ModelCheckingOptions()
                .loopBound(LOOP_BOUND)
                .addGuarantee(forClasses(LincheckRuns::unanalysed).allMethods().ignore())
                .iterations(scenarios)
                .invocationsPerIteration(INTERLEAVINGS)
                .threads(2)
                .actorsPerThread(MODEL_CHECKING_OPERATIONS)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(model);
    }

    private static ModelCheckingOptions modelChecking(Class<?> model, List<ExecutionScenario> scenarios) {
        ModelCheckingOptions options = modelChecking(model, 0);
        scenarios.forEach(options::addCustomScenario);
        return options;
    }

    private static boolean unanalysed(String className) {
        return UNANALYSED.stream().anyMatch(className::startsWith);
    }

    /** Two threads: one per core on CI. */
    private static StressOptions stressing(Class<?> model) {
        return new StressOptions()
                .iterations(STRESS_SCENARIOS)
                .invocationsPerIteration(STRESS_RUNS)
                .threads(2)
                .actorsPerThread(STRESS_OPERATIONS)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(model);
    }

    /** Runs {@code options} on {@code subject}, with a store per instance, or one store {@code shared} by all. */
    private static void run(Options<?, ?> options, Class<?> subject, int stripes, boolean shared) {
        if (shared) {
            LincheckStores.reuse(stripes);
        } else {
            LincheckStores.fresh(stripes);
        }
        try {
            options.check(subject);
        } finally {
            LincheckStores.closeAll();
        }
    }

    private static void assertCaught(Options<?, ?> options, Class<?> broken, int stripes, boolean shared) {
        // Shrinking the failing scenario to its smallest form would rerun it many times: the test
        // needs only to know that Lincheck found one.
        options.minimizeFailedScenario(false);
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class, () -> run(options, broken, stripes, shared),
                broken.getSimpleName() + " passed, but it is not linearizable");
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
