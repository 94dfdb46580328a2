package dev.keel.benchmarks;

/**
 * One operation of a {@link Comparison} workload, bound to one thread's data: {@code run(i)} does
 * the {@code i}-th operation of that thread's walk (for a pipelined peer, the {@code i}-th batch)
 * and returns something derived from the reply, which the caller sums so the work cannot be
 * dropped.
 *
 * <p><b>Thread safety:</b> each instance is called by one thread.
 */
@FunctionalInterface
interface Op {
    /** Runs operation {@code i} and returns a number derived from its reply. */
    long run(long i);
}
