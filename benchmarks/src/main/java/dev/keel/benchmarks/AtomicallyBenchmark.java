package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a transaction costs beside the single commands it is made of, on one Keel store: a
 * counter increment and a transfer between two counters (DECRBY one, INCRBY the other), each run
 *
 * <ul>
 *   <li>as plain commands ({@code single}: one INCR; {@code transferAsTwoCommands}: two, not atomic);
 *   <li>in {@code store.atomically} over its declared keys;
 *   <li>in {@code store.atomically} over the whole store;
 *   <li>as MULTI, the commands, EXEC through {@code execute} (the transfer only).
 * </ul>
 *
 * Each thread works on counters of its own (16 pairs), so the figures are the cost of the
 * machinery, not of contention.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AtomicallyBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar AtomicallyBenchmark -t 2
 * </pre>
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class AtomicallyBenchmark {
    private static final int PAIRS = 16;

    /** The store, shared by the threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        Store store;

        @Setup
        public void open() {
            store = Keel.inMemory();
        }

        @TearDown
        public void close() {
            store.close();
        }
    }

    /** A thread's own counters. */
    @State(Scope.Thread)
    public static class Counters {
        String[] from = new String[PAIRS];
        String[] to = new String[PAIRS];
        List<List<String>> declared = new java.util.ArrayList<>();
        int next;
        Commands<String, String> redis;
        Store store;

        @Setup
        public void create(Shared shared) {
            store = shared.store;
            redis = store.commands();
            String thread = Long.toString(Thread.currentThread().threadId());
            for (int i = 0; i < PAIRS; i++) {
                from[i] = "account:" + thread + ":" + i + ":a";
                to[i] = "account:" + thread + ":" + i + ":b";
                redis.set(from[i], "1000000000");
                redis.set(to[i], "0");
                declared.add(List.of(from[i], to[i]));
            }
        }

        int pair() {
            int i = next;
            next = (i + 1) & (PAIRS - 1);
            return i;
        }
    }

    @Benchmark
    public long single(Counters c) {
        return c.redis.incr(c.to[c.pair()]);
    }

    @Benchmark
    public long singleInAtomically(Counters c) {
        int i = c.pair();
        String key = c.to[i];
        return c.store.atomically(c.declared.get(i).subList(1, 2), tx -> tx.incr(key));
    }

    @Benchmark
    public long transferAsTwoCommands(Counters c) {
        int i = c.pair();
        c.redis.decrby(c.from[i], 1);
        return c.redis.incrby(c.to[i], 1);
    }

    @Benchmark
    public long transferInAtomically(Counters c) {
        int i = c.pair();
        String from = c.from[i];
        String to = c.to[i];
        return c.store.atomically(c.declared.get(i), tx -> {
            tx.decrby(from, 1);
            return tx.incrby(to, 1);
        });
    }

    @Benchmark
    public long transferInAtomicallyWholeStore(Counters c) {
        int i = c.pair();
        String from = c.from[i];
        String to = c.to[i];
        return c.store.atomically(tx -> {
            tx.decrby(from, 1);
            return tx.incrby(to, 1);
        });
    }

    @Benchmark
    public Reply transferInMultiExec(Counters c) {
        int i = c.pair();
        c.store.execute("MULTI");
        c.store.execute("DECRBY", c.from[i], "1");
        c.store.execute("INCRBY", c.to[i], "1");
        return c.store.execute("EXEC");
    }
}
