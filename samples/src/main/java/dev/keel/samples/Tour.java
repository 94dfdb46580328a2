package dev.keel.samples;

import dev.keel.Keel;
import dev.keel.Store;
import java.io.PrintStream;
import java.util.List;

/**
 * The main sample: opens an in-memory store and runs each sample in turn, printing what it did.
 *
 * <p>Run it with {@code bin/tour}, or one sample with {@code bin/tour <name>}, the names of
 * {@link #STOPS} ({@code bin/tour job-queue}).
 *
 * <p><b>Thread safety:</b> not thread safe: the samples use fixed keys.
 */
public final class Tour {

    /** A sample as the tour runs it: on the tour's store (or a store of its own), printing to {@code out}. */
    @FunctionalInterface
    interface Sample {
        void run(Store store, PrintStream out) throws InterruptedException;
    }

    /** A sample with its name for {@code bin/tour <name>}. */
    record Stop(String name, Sample sample) {
    }

    /** The samples, in tour order. */
    static final List<Stop> STOPS = List.of(
            new Stop("session-tokens", SessionTokens::run),
            new Stop("request-counters", RequestCounters::run),
            new Stop("rate-limiter", RateLimiter::run),
            new Stop("durable-queue", (store, out) -> DurableQueue.run(out)),
            new Stop("session-cache", (store, out) -> SessionCache.run(out)),
            new Stop("job-queue", JobQueue::run),
            new Stop("leaderboard", Leaderboard::run),
            new Stop("event-log", EventLog::run));

    private Tour() {
    }

    /** Runs the tour, or with one argument the sample of that name. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            run(System.out);
        } else if (args.length > 1 || !run(args[0], System.out)) {
            System.err.println("usage: bin/tour [" + String.join(" | ", STOPS.stream().map(Stop::name).toList()) + "]");
            System.exit(2);
        }
    }

    /** Runs the tour, printing to {@code out}. */
    public static void run(PrintStream out) throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            out.println("Keel tour: an in-memory store, data off-heap");
            for (Stop stop : STOPS) {
                stop.sample().run(store, out);
            }
            out.printf("off-heap: %d bytes used, %d reserved, %d keys%n",
                    store.memoryStats().usedBytes(), store.memoryStats().reservedBytes(), store.commands().dbsize());
        }
    }

    /** Runs the sample called {@code name} on a fresh in-memory store; false if there is none of that name. */
    static boolean run(String name, PrintStream out) throws InterruptedException {
        for (Stop stop : STOPS) {
            if (stop.name().equals(name)) {
                runAlone(stop.sample(), out);
                return true;
            }
        }
        return false;
    }

    /** Runs one sample on a fresh in-memory store: what each sample's {@code main} does. */
    static void runAlone(Sample sample, PrintStream out) throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            sample.run(store, out);
        }
    }
}
