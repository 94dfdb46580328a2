package dev.keel.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures one cell of {@link Comparison}: one workload on one peer with N threads, each thread
 * calling its own {@link Op} through the workload's own {@link OpLoop} copy.
 *
 * <pre>
 * warmup     every thread runs its op, untimed, for the warmup time
 * windows    then {@code windows} windows of the window time each: the ops of all threads over
 *            the time from the start of the window to the end of its slowest thread, one
 *            throughput figure per window (the cell's figure is their median); the bytes every
 *            thread of the JVM allocated over those windows, per op (what JMH's GC profiler
 *            reports as gc.alloc.rate.norm, from the same HotSpot counter)
 * latency    then every call timed with System.nanoTime() into an HdrHistogram per thread, for
 *            the latency time, merged: p50, p99, p99.9 per op. Timing each call costs some 20-40
 *            ns, so latency is measured apart from throughput, which is not slowed by it
 * </pre>
 *
 * Threads run their ops in chunks that grow while a chunk takes under 0.1 ms and shrink when one
 * takes over 1 ms, and check for the end of a phase between chunks, so a phase overruns its time by
 * about a millisecond whatever the op costs; the overrun is counted (ops over actual time).
 *
 * <p><b>Thread safety:</b> {@link #measure} is called by one thread at a time.
 */
final class Measurement {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int MAX_CHUNK = 1 << 14;

    /**
     * How long each phase lasts.
     *
     * @param warmupMillis untimed warmup before the windows
     * @param windows how many throughput windows
     * @param windowMillis the length of one window
     * @param latencyMillis the length of the latency phase
     */
    record Settings(long warmupMillis, int windows, long windowMillis, long latencyMillis) {
        Settings {
            if (windows < 1 || windowMillis < 1 || latencyMillis < 1 || warmupMillis < 0) {
                throw new IllegalArgumentException("bad settings " + warmupMillis + "/" + windows + "/" + windowMillis + "/" + latencyMillis);
            }
        }
    }

    /**
     * What one cell measured.
     *
     * @param rates ops/s of each window, in order
     * @param allocatedPerOp bytes allocated by all threads of the JVM over the windows, per op
     * @param latency nanoseconds per op, every timed call
     */
    record Cell(double[] rates, double allocatedPerOp, Histogram latency) {
        /** The median of the window rates. */
        double median() {
            return Comparison.median(rates);
        }
    }

    private Measurement() {
    }

    /**
     * Runs {@code ops} (one per thread, each call counting as {@code weight} ops) through
     * {@code loop} for the phases of {@code settings}.
     *
     * @throws IllegalStateException if an op throws (its exception as the cause)
     */
    static Cell measure(List<Op> ops, int weight, Loop loop, Settings settings) throws InterruptedException {
        Phaser phaser = new Phaser(ops.size() + 1);
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < ops.size(); t++) {
            Worker worker = new Worker(ops.get(t), weight, loop, phaser, settings.windows());
            workers.add(worker);
            Thread thread = new Thread(worker, "comparison-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        Coordinator coordinator = new Coordinator(phaser, workers);
        coordinator.phase(settings.warmupMillis());
        double[] rates = new double[settings.windows()];
        long allocated = 0;
        long ops0 = 0;
        for (int w = 0; w < settings.windows(); w++) {
            long bytesBefore = THREADS.getTotalThreadAllocatedBytes();
            long nanos = coordinator.phase(settings.windowMillis());
            allocated += THREADS.getTotalThreadAllocatedBytes() - bytesBefore;
            long done = 0;
            for (Worker worker : workers) {
                done += worker.windowOps[w];
            }
            ops0 += done;
            rates[w] = done * 1e9 / nanos;
        }
        coordinator.phase(settings.latencyMillis());
        Histogram latency = new Histogram(3);
        for (Worker worker : workers) {
            latency.add(worker.histogram);
        }
        return new Cell(rates, ops0 == 0 ? Double.NaN : (double) allocated / ops0, latency);
    }

    /** Runs the phases: releases the workers, sleeps, stops them and waits for them. */
    private static final class Coordinator {
        private final Phaser phaser;
        private final List<Worker> workers;

        Coordinator(Phaser phaser, List<Worker> workers) {
            this.phaser = phaser;
            this.workers = workers;
        }

        /** Runs one phase of {@code millis}; returns its length from the release to the last worker's end, in ns. */
        long phase(long millis) throws InterruptedException {
            for (Worker worker : workers) {
                worker.stop = false;
            }
            phaser.arriveAndAwaitAdvance();
            long start = System.nanoTime();
            if (millis > 0) {
                TimeUnit.MILLISECONDS.sleep(millis);
            }
            for (Worker worker : workers) {
                worker.stop = true;
            }
            phaser.arriveAndAwaitAdvance();
            long nanos = System.nanoTime() - start;
            for (Worker worker : workers) {
                if (worker.failure != null) {
                    phaser.forceTermination();
                    throw new IllegalStateException("an op failed: " + worker.failure, worker.failure);
                }
            }
            return nanos;
        }
    }

    /** One thread: warmup, the windows, the latency phase, each between two phaser advances. */
    private static final class Worker implements Runnable {
        private final Op op;
        private final int weight;
        private final Loop loop;
        private final Phaser phaser;
        final long[] windowOps;
        final Histogram histogram = new Histogram(3);
        volatile boolean stop;
        volatile Throwable failure;
        private long next;
        private int chunk = 1;
        long sink;

        Worker(Op op, int weight, Loop loop, Phaser phaser, int windows) {
            this.op = op;
            this.weight = weight;
            this.loop = loop;
            this.phaser = phaser;
            this.windowOps = new long[windows];
        }

        @Override
        public void run() {
            try {
                phaser.arriveAndAwaitAdvance();
                spin(false);
                phaser.arriveAndAwaitAdvance();
                for (int w = 0; w < windowOps.length; w++) {
                    phaser.arriveAndAwaitAdvance();
                    windowOps[w] = spin(false);
                    phaser.arriveAndAwaitAdvance();
                }
                phaser.arriveAndAwaitAdvance();
                spin(true);
                phaser.arriveAndAwaitAdvance();
            } catch (Throwable e) {
                failure = e;
                Arrays.fill(windowOps, 0);
                // Let the coordinator pass this phase's end and see the failure.
                phaser.arriveAndDeregister();
            }
        }

        /** Runs chunks until stopped; returns the ops run. */
        private long spin(boolean timed) {
            long ops = 0;
            while (!stop) {
                long start = System.nanoTime();
                sink += timed ? loop.timed(op, next, chunk, histogram, weight) : loop.run(op, next, chunk);
                long nanos = System.nanoTime() - start;
                next += chunk;
                ops += (long) chunk * weight;
                if (nanos < 100_000 && chunk < MAX_CHUNK) {
                    chunk <<= 1;
                } else if (nanos > 1_000_000 && chunk > 1) {
                    chunk >>= 1;
                }
            }
            return ops;
        }
    }
}
