package dev.keel.samples;

import dev.keel.Keel;
import dev.keel.Store;
import java.io.PrintStream;

/**
 * The main sample: opens an in-memory store and runs each sample in turn, printing what it did.
 *
 * <p>Run it with {@code bin/tour}.
 */
public final class Tour {
    private Tour() {
    }

    /** Runs the tour. */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the tour, printing to {@code out}. */
    public static void run(PrintStream out) {
        try (Store store = Keel.inMemory()) {
            out.println("Keel tour: an in-memory store, data off-heap");
            SessionTokens.run(store, out);
            RequestCounters.run(store, out);
            DurableQueue.run(out);
            out.printf("off-heap: %d bytes used, %d reserved, %d keys%n",
                    store.memoryStats().usedBytes(), store.memoryStats().reservedBytes(), store.commands().dbsize());
        }
    }
}
