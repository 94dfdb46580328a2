package dev.keel.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * What a copy of {@link OpLoop} does, called through this interface: the loops that drive an
 * {@link Op} in {@link Measurement}.
 *
 * <p><b>Thread safety:</b> implementations are stateless.
 */
public interface Loop {
    /** Runs {@code op} for {@code count} operations from {@code from}; returns the sum of their results. */
    long run(Op op, long from, int count);

    /**
     * Runs {@code op} like {@link #run}, timing each call with {@code System.nanoTime()} into
     * {@code histogram}, each call counting as {@code weight} operations (a pipelined batch).
     */
    long timed(Op op, long from, int count, Histogram histogram, int weight);
}
