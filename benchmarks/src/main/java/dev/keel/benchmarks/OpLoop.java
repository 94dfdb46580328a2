package dev.keel.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import org.HdrHistogram.Histogram;

/**
 * The loops that call an {@link Op}: untimed for throughput, timed one call at a time for latency.
 *
 * <p>Every workload gets its own copy of this class ({@link #copy()}, a hidden class defined from
 * these same bytes), so the JIT profiles the {@code op.run} call in each copy separately: it sees
 * one {@code Op} class there and inlines it, as JMH's generated code does for each benchmark,
 * instead of one shared loop seeing every workload's {@code Op} and calling them all through a
 * megamorphic call that inlines none.
 *
 * <p>It implements nothing but {@link Loop} and has no nested classes, so its bytes define a
 * hidden class as they are.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
public final class OpLoop implements Loop {

    /** A copy is made through the lookup, with this constructor. */
    public OpLoop() {
    }

    @Override
    public long run(Op op, long from, int count) {
        long sink = 0;
        for (int k = 0; k < count; k++) {
            sink += op.run(from + k);
        }
        return sink;
    }

    @Override
    public long timed(Op op, long from, int count, Histogram histogram, int weight) {
        long sink = 0;
        for (int k = 0; k < count; k++) {
            long start = System.nanoTime();
            sink += op.run(from + k);
            histogram.recordValueWithCount(Math.max(1, System.nanoTime() - start), weight);
        }
        return sink;
    }

    private static byte[] bytes;

    /** Returns a new copy of this class's loops, profiled apart from every other copy. */
    static synchronized Loop copy() {
        try {
            if (bytes == null) {
                try (InputStream in = OpLoop.class.getResourceAsStream("OpLoop.class")) {
                    if (in == null) {
                        throw new IllegalStateException("OpLoop.class not found on the class path");
                    }
                    bytes = in.readAllBytes();
                }
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (Loop) lookup.findConstructor(lookup.lookupClass(), java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot copy OpLoop", e);
        }
    }
}
