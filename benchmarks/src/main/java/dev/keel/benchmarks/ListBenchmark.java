package dev.keel.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lists as a queue and as a sequence, with 16-byte String elements, run against Keel and its
 * peers through one facade ({@link ListPeer}) chosen by the {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys and elements (UTF-8);
 *   <li>{@code lbdeque}: a {@code LinkedBlockingDeque<String>} per key, on the heap;
 *   <li>{@code arraydeque}: an {@code ArrayDeque<String>} per key under a {@code ReentrantLock};
 *   <li>{@code redis}: a {@code redis-server} started by the benchmark, over loopback through
 *       Lettuce's synchronous API (needs {@code redis-server} on the PATH).
 * </ul>
 *
 * <pre>
 * lpushRpopOwnKey     one LPUSH then one RPOP (one op = the pair) on a list of this thread's own,
 *                     which holds {@code backlog} elements before and after the pair
 * lpushRpopSharedKey  the same on one list shared by all threads (with 1 thread: as the above)
 * lrange0to99         LRANGE key 0 99 on a list of {@code rangeLength} elements (100 elements back)
 * lindexMiddle        LINDEX key {@code indexLength / 2} on a list of {@code indexLength} elements;
 *                     the deques walk an iterator there, from the nearer end
 * </pre>
 *
 * Lists are filled before measuring; the read-only ones are not changed while measured. Pushed
 * elements cycle through 1,024 distinct 16-byte strings made before measuring.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ListBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar ListBenchmark -t 2
 * </pre>
 *
 * Without {@code redis-server}, leave Redis out: {@code -p store=keel,lbdeque,arraydeque}; or
 * {@code benchmarks/run.sh} ({@code --quick} for a short run), which also prints the ratios.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class ListBenchmark {
    /** The length of every element, in bytes: {@code element:} and eight digits. */
    static final int ELEMENT_SIZE = 16;
    private static final int DISTINCT_ELEMENTS = 1024;
    private static final int LOAD_BATCH = 1000;
    static final String SHARED_QUEUE = "queue:shared";
    static final String RANGE_LIST = "list:range";
    static final String INDEX_LIST = "list:index";

    /** The store under test. */
    @State(Scope.Benchmark)
    public static class Peer {
        /** Which store: keel, lbdeque, arraydeque or redis. */
        @Param({ListPeer.KEEL, ListPeer.LINKED_BLOCKING_DEQUE, ListPeer.LOCKED_ARRAY_DEQUE, ListPeer.REDIS})
        public String store;

        /** How many elements each queue holds between LPUSH and RPOP (0: the pair creates and deletes the key). */
        @Param("100")
        public int backlog;

        /** The length of the list LRANGE reads. */
        @Param("10000")
        public int rangeLength;

        /** The length of the list LINDEX reads in the middle of. */
        @Param("1000000")
        public int indexLength;

        ListPeer peer;
        String[] elements;
        final AtomicInteger threads = new AtomicInteger();

        /** Opens the store. */
        @Setup(Level.Trial)
        public void open() {
            elements = new String[DISTINCT_ELEMENTS];
            for (int i = 0; i < DISTINCT_ELEMENTS; i++) {
                elements[i] = element(i);
            }
            peer = ListPeer.open(store);
        }

        /** Closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            peer.close();
        }

        /** Fills {@code key} with {@code length} distinct elements and checks it. */
        void fill(String key, int length) {
            String[] values = new String[length];
            for (int i = 0; i < length; i++) {
                values[i] = element(i);
            }
            peer.load(key, values, LOAD_BATCH);
            if (peer.llen(key) != length) {
                throw new IllegalStateException(store + " holds " + peer.llen(key) + " elements at " + key + ", expected " + length);
            }
        }
    }

    /** One thread's walk through the elements it pushes. */
    @State(Scope.Thread)
    public static class Cursor {
        String[] elements;
        int position;

        /** Takes the elements to push. */
        @Setup(Level.Trial)
        public void take(Peer peer) {
            elements = peer.elements;
        }

        String next() {
            return elements[position++ & (DISTINCT_ELEMENTS - 1)];
        }
    }

    /** A queue of this thread's own, holding {@code backlog} elements. */
    @State(Scope.Thread)
    public static class OwnQueue {
        String key;

        /** Names and fills this thread's queue. */
        @Setup(Level.Trial)
        public void fill(Peer peer) {
            key = "queue:" + peer.threads.getAndIncrement();
            peer.fill(key, peer.backlog);
        }
    }

    /** The queue every thread shares, holding {@code backlog} elements. */
    @State(Scope.Benchmark)
    public static class SharedQueue {
        /** Fills the shared queue. */
        @Setup(Level.Trial)
        public void fill(Peer peer) {
            peer.fill(SHARED_QUEUE, peer.backlog);
        }
    }

    /** The list LRANGE reads. */
    @State(Scope.Benchmark)
    public static class RangeList {
        /** Fills it. */
        @Setup(Level.Trial)
        public void fill(Peer peer) {
            peer.fill(RANGE_LIST, peer.rangeLength);
        }
    }

    /** The list LINDEX reads, and the index it reads. */
    @State(Scope.Benchmark)
    public static class IndexList {
        long middle;

        /** Fills it and checks the middle element. */
        @Setup(Level.Trial)
        public void fill(Peer peer) {
            peer.fill(INDEX_LIST, peer.indexLength);
            middle = peer.indexLength / 2;
            if (!element((int) middle).equals(peer.peer.lindex(INDEX_LIST, middle))) {
                throw new IllegalStateException(peer.store + " answered the wrong element at " + middle);
            }
        }
    }

    /** Returns element {@code n}: {@code element:} and {@code n} in eight digits, 16 bytes. */
    static String element(int n) {
        return String.format(Locale.ROOT, "element:%08d", n);
    }

    /** LPUSH one element to this thread's own queue, then RPOP one. */
    @Benchmark
    public String lpushRpopOwnKey(Peer peer, OwnQueue queue, Cursor cursor) {
        peer.peer.lpush(queue.key, cursor.next());
        return peer.peer.rpop(queue.key);
    }

    /** LPUSH one element to the shared queue, then RPOP one. */
    @Benchmark
    public String lpushRpopSharedKey(Peer peer, SharedQueue queue, Cursor cursor) {
        peer.peer.lpush(SHARED_QUEUE, cursor.next());
        return peer.peer.rpop(SHARED_QUEUE);
    }

    /** LRANGE key 0 99 of a 10,000-element list. */
    @Benchmark
    public List<String> lrange0to99(Peer peer, RangeList list) {
        return peer.peer.lrange(RANGE_LIST, 0, 99);
    }

    /** LINDEX of the middle element of a 1,000,000-element list. */
    @Benchmark
    public String lindexMiddle(Peer peer, IndexList list) {
        return peer.peer.lindex(INDEX_LIST, list.middle);
    }
}
