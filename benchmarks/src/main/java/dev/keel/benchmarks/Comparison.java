package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one-run comparison: every workload of the benchmarks on one side (one JVM per side, started
 * by {@code benchmarks/run.sh}), each side's datasets loaded once and measured for memory, then
 * every workload run with 1, 2 (and the number of cores) threads: throughput windows, allocation
 * per op, latency percentiles. Rows go to a tab-separated file that {@link ComparisonReport} turns
 * into the tables of {@code RESULTS.md}.
 *
 * <pre>
 * sides      keel       Keel in this JVM, store.commands() (String keys and values)
 *            heap       the on-heap JDK baselines: ConcurrentHashMap&lt;String, byte[]&gt; (strings),
 *                       LinkedBlockingDeque per key (lists), a ConcurrentHashMap per hash (hashes),
 *                       ConcurrentSkipListMap + ConcurrentHashMap (sorted sets), a skip list of
 *                       entries with groups (streams), a ConcurrentHashMap of sessions
 *            chronicle  Chronicle Map (off-heap), for the hash workloads
 *            redis      redis-server 7 started here on 127.0.0.1 (one per type), through Lettuce:
 *                       mode sync, one command at a time on one shared connection (what an
 *                       embedded call replaces); mode pipelined, batches of --depth (100) ops on
 *                       each of --connections (2) connections of each thread, flushed together,
 *                       then every reply awaited (Redis's best case)
 * datasets   strings    --elements (1,000,000) keys session:N, 100-byte values
 *            lists      one list of --elements 16-byte elements (memory only); each thread's queue
 *                       queue:T of 100 elements (LPUSH+RPOP)
 *            hashes     one hash of --elements fields field:N, 16-byte values value:NNNNNNNNNN
 *            zsets      one sorted set of --elements members member:N, random scores in [0, 1)
 *            streams    one stream of --elements entries f1 -> 8 letters, f2 -> 16 letters
 *            sessions   --sessions (100,000) hashes session:N of 5 fields (about 240 bytes), TTL 1800 s
 * workloads  get, set             GET / SET of a key drawn from Zipf (s = 0.99) over the strings
 *            lpush+rpop           LPUSH then RPOP on the thread's own queue (one op = the pair)
 *            hget, hset           HGET / HSET of a field drawn from Zipf over the big hash
 *            zrank, zrangebyscore ZRANK of a uniform member; ZRANGEBYSCORE min +inf LIMIT 0 10
 *            zadd                 ZADD of a uniform member with a new random score
 *            xrange               XRANGE from a random entry's ID, COUNT 100
 *            xreadgroup+xack      XREADGROUP COUNT 1 of the group, then XACK of it (one op = the pair)
 *            xadd                 XADD MAXLEN ~ --elements * f1 v1 f2 v2
 *            session              HGETALL + HSET of one field + EXPIRE of a session drawn from
 *                                 Zipf (s = 0.99) over the sessions (one op = the three)
 * </pre>
 *
 * Memory per type: the change of Keel's off-heap used bytes ({@code memoryStats().usedBytes()}),
 * Redis's {@code used_memory}, the Java heap used after GC (heap side) or Chronicle Map's
 * {@code offHeapMemoryUsed()} across that type's load, each element a fresh object (so the heap
 * side pays for its own keys and values). On every side, the Java heap used after GC before the
 * datasets are loaded and after (for Keel: flat).
 *
 * <pre>
 * java -Xms4g -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow [Chronicle's flags] \
 *     -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.Comparison --side keel --out rows.tsv \
 *     [--threads 1,2] [--elements N] [--sessions N] [--warmup-ms N] [--windows N] [--window-ms N] [--latency-ms N]
 *     [--fork N] [--workloads get,set,...] [--depth 100] [--connections 2]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program; {@link Measurement} drives the workload threads.
 */
public final class Comparison {
    /** The sides. */
    static final String KEEL = "keel";
    static final String HEAP = "heap";
    static final String CHRONICLE = "chronicle";
    static final String REDIS = "redis";
    static final List<String> SIDES = List.of(KEEL, HEAP, CHRONICLE, REDIS);

    /** The modes: how a side is called. */
    static final String EMBEDDED = "embedded";
    static final String SYNC = "sync";
    static final String PIPELINED = "pipelined";

    /** The workloads, in the order they run. */
    static final List<String> WORKLOADS = List.of("get", "set", "lpush+rpop", "hget", "hset", "zrank", "zrangebyscore", "zadd",
            "xrange", "xreadgroup+xack", "xadd", "session");
    /** The datasets, in the order they load. */
    static final List<String> TYPES = List.of("strings", "lists", "hashes", "zsets", "streams", "sessions");

    static final String LIST = "list";
    static final String HASH = "hash";
    static final String ZSET = "zset";
    static final String STREAM = "stream";
    static final String GROUP = "workers";
    static final int QUEUE_BACKLOG = 100;
    static final long SESSION_TTL = 1800;
    private static final int WALK = 1 << 20;
    private static final int MASK = WALK - 1;
    private static final int LOAD_CHUNK = 10_000;
    private static final int STARTS = 1 << 16;
    private static final int ADD_POOL = 1 << 14;
    private static final StreamId ZERO = new StreamId(0, 0);

    /**
     * What to run.
     *
     * @param side keel, heap, chronicle or redis
     * @param threads the thread counts, each workload run with each
     * @param elements the size of each type's dataset
     * @param sessions the number of sessions of the mixed workload
     * @param settings the phases of each measurement
     * @param fork which run of this side this is (rows are tagged with it)
     * @param out the file rows are appended to
     * @param workloads the workloads to run (all by default)
     * @param depth pipelined: ops per batch on each connection
     * @param connections pipelined: connections per thread
     */
    record Options(String side, List<Integer> threads, int elements, int sessions, Measurement.Settings settings, int fork,
                   Path out, Set<String> workloads, int depth, int connections) {
        Options {
            if (!SIDES.contains(side)) {
                throw new IllegalArgumentException("unknown side '" + side + "', expected one of " + SIDES);
            }
            if (!WORKLOADS.containsAll(workloads)) {
                throw new IllegalArgumentException("unknown workload in " + workloads + ", expected some of " + WORKLOADS);
            }
            if (elements < 1000 || sessions < 100 || depth < 1 || connections < 1 || threads.isEmpty()) {
                throw new IllegalArgumentException("elements >= 1000, sessions >= 100, depth, connections and threads >= 1");
            }
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final Data data;

    private Comparison(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
        this.data = new Data(options.elements(), options.sessions(), options.threads().stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    /** Runs one side; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String side = null;
        List<Integer> threads = List.of(1, 2);
        int elements = 1_000_000;
        int sessions = 100_000;
        long warmup = 2000;
        int windows = 8;
        long window = 250;
        long latency = 500;
        int fork = 1;
        Path out = null;
        Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
        int depth = 100;
        int connections = 2;
        try {
            for (int a = 0; a < args.length; a++) {
                switch (args[a]) {
                    case "--side" -> side = args[++a];
                    case "--threads" -> threads = Arrays.stream(args[++a].split(",")).map(Integer::valueOf).distinct().toList();
                    case "--elements" -> elements = Integer.parseInt(args[++a]);
                    case "--sessions" -> sessions = Integer.parseInt(args[++a]);
                    case "--warmup-ms" -> warmup = Long.parseLong(args[++a]);
                    case "--windows" -> windows = Integer.parseInt(args[++a]);
                    case "--window-ms" -> window = Long.parseLong(args[++a]);
                    case "--latency-ms" -> latency = Long.parseLong(args[++a]);
                    case "--fork" -> fork = Integer.parseInt(args[++a]);
                    case "--out" -> out = Path.of(args[++a]);
                    case "--workloads" -> workloads = new LinkedHashSet<>(Arrays.asList(args[++a].split(",")));
                    case "--depth" -> depth = Integer.parseInt(args[++a]);
                    case "--connections" -> connections = Integer.parseInt(args[++a]);
                    default -> throw new IllegalArgumentException("unknown option " + args[a]);
                }
            }
            if (side == null || out == null) {
                throw new IllegalArgumentException("--side and --out are required");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Comparison --side keel|heap|chronicle|redis --out FILE [--threads 1,2] [--elements N] [--sessions N] "
                    + "[--warmup-ms N] [--windows N] [--window-ms N] [--latency-ms N] [--fork N] [--workloads a,b] [--depth N] [--connections N]");
            System.exit(2);
            return;
        }
        run(new Options(side, threads, elements, sessions, new Measurement.Settings(warmup, windows, window, latency), fork, out,
                workloads, depth, connections));
    }

    /** Runs {@code options}, appending rows to its file. */
    static void run(Options options) throws IOException, InterruptedException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            new Comparison(options, out).run();
        }
    }

    private void run() throws InterruptedException {
        String side = options.side();
        long started = System.nanoTime();
        row("info", side, options.fork(), "jvm", Runtime.version() + " " + System.getProperty("java.vm.name") + " ("
                + System.getProperty("java.vendor") + "), max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, "
                + ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName());
        long heapWithout = heapUsedAfterGc();
        try (Side peers = Side.open(side, data)) {
            if (peers.redisVersion != null) {
                row("info", side, options.fork(), "redis", peers.redisVersion);
                row("info", side, options.fork(), "lettuce", lettuceVersion());
            }
            for (String type : TYPES) {
                Typed<?> typed = peers.typed(type);
                if (typed == null) {
                    continue;
                }
                long before = typed.absolute() ? 0 : typed.memory().getAsLong();
                long start = System.nanoTime();
                long count = peers.load(type);
                long seconds = System.nanoTime() - start;
                long after = typed.memory().getAsLong();
                row("memory", side, options.fork(), type, count, after - before, String.format(Locale.ROOT, "%.2f", seconds / 1e9));
                System.out.printf(Locale.ROOT, "%s %s: %,d loaded in %.2f s, %.1f bytes each%n", side, type, count, seconds / 1e9,
                        (double) (after - before) / count);
            }
            long heapWith = heapUsedAfterGc();
            row("heap", side, options.fork(), heapWithout, heapWith);
            System.out.printf(Locale.ROOT, "%s: Java heap used after GC %.1f MiB without the data, %.1f MiB with it%n",
                    side, heapWithout / Footprints.MIB, heapWith / Footprints.MIB);
            peers.prepare();
            Map<String, Loop> loops = new HashMap<>();
            for (String workload : WORKLOADS) {
                if (!options.workloads().contains(workload)) {
                    continue;
                }
                for (String mode : peers.modes()) {
                    if (!peers.runs(workload)) {
                        continue;
                    }
                    Loop loop = loops.computeIfAbsent(workload + "/" + mode, k -> OpLoop.copy());
                    for (int threads : options.threads()) {
                        List<Op> ops = new ArrayList<>();
                        for (int t = 0; t < threads; t++) {
                            ops.add(mode.equals(PIPELINED) ? peers.pipelined(workload, t, options.depth(), options.connections())
                                    : peers.op(workload, t));
                        }
                        int weight = mode.equals(PIPELINED) ? options.depth() * options.connections() : 1;
                        Measurement.Cell cell = Measurement.measure(ops, weight, loop, options.settings());
                        StringBuilder rates = new StringBuilder();
                        for (double rate : cell.rates()) {
                            rates.append(rates.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.1f", rate));
                        }
                        row("ops", side, options.fork(), mode, workload, threads, rates,
                                String.format(Locale.ROOT, "%.1f", cell.allocatedPerOp()), cell.latency().getValueAtPercentile(50),
                                cell.latency().getValueAtPercentile(99), cell.latency().getValueAtPercentile(99.9),
                                cell.latency().getMaxValue(), cell.latency().getTotalCount());
                        double[] sorted = cell.rates().clone();
                        Arrays.sort(sorted);
                        System.out.printf(Locale.ROOT, "%s %-9s %-15s t=%d %,14.0f ops/s (windows %,.0f..%,.0f) %7.1f B/op  p50 %s p99 %s p99.9 %s%n",
                                side, mode, workload, threads, cell.median(), sorted[0], sorted[sorted.length - 1], cell.allocatedPerOp(),
                                micros(cell.latency().getValueAtPercentile(50)), micros(cell.latency().getValueAtPercentile(99)),
                                micros(cell.latency().getValueAtPercentile(99.9)));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: done in %.1f s%n", side, (System.nanoTime() - started) / 1e9);
    }

    /** Lettuce's version, from the Maven metadata the shaded jar keeps. */
    private static String lettuceVersion() {
        try (var in = Comparison.class.getResourceAsStream("/META-INF/maven/io.lettuce/lettuce-core/pom.properties")) {
            if (in == null) {
                return "?";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2fus", nanos / 1e3);
    }

    /** Appends one tab-separated row. */
    private void row(Object... fields) {
        StringBuilder line = new StringBuilder();
        for (Object field : fields) {
            line.append(line.isEmpty() ? "" : "\t").append(String.valueOf(field).replace('\t', ' '));
        }
        out.println(line);
        out.flush();
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Returns the Java heap in use after two full collections. */
    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(30);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapProbe() {
        try {
            return heapUsedAfterGc();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LongSupplier redisMemory(LoopbackRedis<?> redis) {
        return () -> {
            try {
                return redis.server().memory().used();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    // ------------------------------------------------------------------ the data every side shares

    /**
     * The names, values and per-thread walks every side uses: made in each JVM from fixed seeds,
     * so every side runs the same keys in the same order.
     */
    static final class Data {
        final int elements;
        final int sessions;
        final String[] keys;
        final String[] fields;
        final String[] members;
        final String[] queueElements = new String[1024];
        final byte[][] stringValues = new byte[16][];
        final byte[][] hashValues = new byte[16][];
        final String[] stamps = new String[16];
        final int[][] stringWalks;
        final int[][] fieldWalks;
        final int[][] memberWalks;
        final int[][] sessionWalks;
        final int[][] startWalks;
        final double[][] scores;
        final List<List<Map<String, String>>> addPools = new ArrayList<>();
        StreamId[] starts;

        Data(int elements, int sessions, int maxThreads) {
            this.elements = elements;
            this.sessions = Math.min(sessions, elements);
            keys = HashBenchmark.names("session:", elements);
            fields = HashBenchmark.names("field:", elements);
            members = HashBenchmark.names("member:", elements);
            for (int i = 0; i < queueElements.length; i++) {
                queueElements[i] = ListBenchmark.element(i);
            }
            for (int i = 0; i < 16; i++) {
                stringValues[i] = StringBenchmark.value(i, 100);
                hashValues[i] = hashValue(elements + i);
                stamps[i] = Long.toString(1_767_225_600_000L + i * 1_000_003L);
            }
            KeyDistribution zipf = KeyDistribution.of(KeyDistribution.ZIPF, elements);
            KeyDistribution uniform = KeyDistribution.of(KeyDistribution.UNIFORM, elements);
            KeyDistribution sessionZipf = KeyDistribution.of(KeyDistribution.ZIPF, this.sessions);
            KeyDistribution startsUniform = KeyDistribution.of(KeyDistribution.UNIFORM, STARTS);
            stringWalks = new int[maxThreads][];
            fieldWalks = new int[maxThreads][];
            memberWalks = new int[maxThreads][];
            sessionWalks = new int[maxThreads][];
            startWalks = new int[maxThreads][];
            scores = new double[maxThreads][];
            for (int t = 0; t < maxThreads; t++) {
                stringWalks[t] = zipf.sample(WALK, new SplittableRandom(100 + t));
                fieldWalks[t] = zipf.sample(WALK, new SplittableRandom(200 + t));
                memberWalks[t] = uniform.sample(WALK, new SplittableRandom(300 + t));
                sessionWalks[t] = sessionZipf.sample(WALK, new SplittableRandom(400 + t));
                startWalks[t] = startsUniform.sample(WALK, new SplittableRandom(500 + t));
                scores[t] = ZSetBenchmark.scores(WALK, new SplittableRandom(600 + t));
                Supplier<Map<String, String>> entries = StreamBenchmark.entries(new SplittableRandom(700 + t));
                List<Map<String, String>> pool = new ArrayList<>(ADD_POOL);
                for (int i = 0; i < ADD_POOL; i++) {
                    pool.add(entries.get());
                }
                addPools.add(pool);
            }
        }

        /** The 16-byte value of field {@code n}: {@code value:} and ten digits (not a number, so no store keeps it as one). */
        static byte[] hashValue(int n) {
            return String.format(Locale.ROOT, "value:%010d", n).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * A side's store of one type and how to read the memory it uses: a figure whose change across
     * the load is the dataset's, or (absolute) one that is the dataset's as it stands (Chronicle
     * Map, which reserves its memory when created).
     */
    record Typed<P>(P peer, LongSupplier memory, boolean absolute) {
        Typed(P peer, LongSupplier memory) {
            this(peer, memory, false);
        }
    }

    // ------------------------------------------------------------------ a side

    /** The stores of one side, a store per type (null where the side has none), and their workloads. */
    static final class Side implements AutoCloseable {
        private final String name;
        private final Data data;
        final String redisVersion;
        private final Typed<StorePeer> strings;
        private final Typed<ListPeer> lists;
        private final Typed<HashPeer> hashes;
        private final Typed<ZSetPeer> zsets;
        private final Typed<StreamPeer> streams;
        private final Typed<SessionStore> sessions;
        private final Map<String, LoopbackRedis<?>> servers = new HashMap<>();
        private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        private final Map<String, List<StatefulRedisConnection<String, String>>> pipelines = new HashMap<>();

        private Side(String name, Data data, String redisVersion, Typed<StorePeer> strings, Typed<ListPeer> lists, Typed<HashPeer> hashes,
                     Typed<ZSetPeer> zsets, Typed<StreamPeer> streams, Typed<SessionStore> sessions) {
            this.name = name;
            this.data = data;
            this.redisVersion = redisVersion;
            this.strings = strings;
            this.lists = lists;
            this.hashes = hashes;
            this.zsets = zsets;
            this.streams = streams;
            this.sessions = sessions;
        }

        /** Opens side {@code name}'s stores (for Redis: starts a server per type). */
        static Side open(String name, Data data) {
            HashPeer.Layout layout = new HashPeer.Layout(1, data.elements, HASH, data.fields[data.elements - 1], 16);
            return switch (name) {
                case KEEL -> {
                    KeelPeer keel = KeelPeer.utf8();
                    KeelListPeer list = new KeelListPeer();
                    KeelHashPeer hash = new KeelHashPeer();
                    KeelZSetPeer zset = new KeelZSetPeer();
                    KeelStreamPeer stream = new KeelStreamPeer();
                    SessionStore.Keel session = SessionStore.keel();
                    yield new Side(name, data, null, new Typed<>(keel, () -> keel.store.memoryStats().usedBytes()),
                            new Typed<>(list, () -> list.store().memoryStats().usedBytes()),
                            new Typed<>(hash, () -> hash.store().memoryStats().usedBytes()),
                            new Typed<>(zset, () -> zset.store().memoryStats().usedBytes()),
                            new Typed<>(stream, () -> stream.store().memoryStats().usedBytes()),
                            new Typed<>(session, () -> session.store().memoryStats().usedBytes()));
                }
                case HEAP -> new Side(name, data, null, new Typed<>(new ConcurrentMapPeer(), Comparison::heapProbe),
                        new Typed<>(DequeListPeer.linkedBlocking(), Comparison::heapProbe),
                        new Typed<>(HashPeer.open(HashPeer.CHM, layout), Comparison::heapProbe),
                        new Typed<>(new SkipListZSetPeer(), Comparison::heapProbe),
                        new Typed<>(new SkipListStreamPeer(), Comparison::heapProbe),
                        new Typed<>(SessionStore.heap(), Comparison::heapProbe));
                case CHRONICLE -> {
                    ChronicleHashPeer chronicle = ChronicleHashPeer.open(layout);
                    yield new Side(name, data, null, null, null, new Typed<>(chronicle, chronicle::offHeapBytes, true), null, null, null);
                }
                case REDIS -> {
                    RedisPeer string = RedisPeer.start();
                    RedisListPeer list = RedisListPeer.start();
                    RedisHashPeer hash = RedisHashPeer.start();
                    RedisZSetPeer zset = RedisZSetPeer.start();
                    RedisStreamPeer stream = RedisStreamPeer.start();
                    SessionStore.Redis session = SessionStore.redis();
                    String version;
                    try {
                        version = string.loopback().server().version();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Side side = new Side(name, data, version, new Typed<>(string, redisMemory(string.loopback())),
                            new Typed<>(list, redisMemory(list.loopback())), new Typed<>(hash, redisMemory(hash.loopback())),
                            new Typed<>(zset, redisMemory(zset.loopback())), new Typed<>(stream, redisMemory(stream.loopback())),
                            new Typed<>(session, redisMemory(session.loopback())));
                    side.servers.putAll(Map.of("strings", string.loopback(), "lists", list.loopback(), "hashes", hash.loopback(),
                            "zsets", zset.loopback(), "streams", stream.loopback(), "sessions", session.loopback()));
                    yield side;
                }
                default -> throw new IllegalArgumentException("unknown side " + name);
            };
        }

        /** The side's store of {@code type}, or null. */
        Typed<?> typed(String type) {
            return switch (type) {
                case "strings" -> strings;
                case "lists" -> lists;
                case "hashes" -> hashes;
                case "zsets" -> zsets;
                case "streams" -> streams;
                case "sessions" -> sessions;
                default -> throw new IllegalArgumentException(type);
            };
        }

        /** How this side is called: embedded, or Redis sync and pipelined. */
        List<String> modes() {
            return name.equals(REDIS) ? List.of(SYNC, PIPELINED) : List.of(EMBEDDED);
        }

        /** Whether this side has the store {@code workload} runs on. */
        boolean runs(String workload) {
            return typed(typeOf(workload)) != null;
        }

        static String typeOf(String workload) {
            return switch (workload) {
                case "get", "set" -> "strings";
                case "lpush+rpop" -> "lists";
                case "hget", "hset" -> "hashes";
                case "zrank", "zrangebyscore", "zadd" -> "zsets";
                case "xrange", "xreadgroup+xack", "xadd" -> "streams";
                case "session" -> "sessions";
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
        }

        /** Loads {@code type}'s dataset, each element a fresh object; returns how many elements. */
        long load(String type) {
            int n = data.elements;
            switch (type) {
                case "strings" -> {
                    StorePeer peer = strings.peer();
                    for (int from = 0; from < n; from += LOAD_CHUNK) {
                        int to = Math.min(n, from + LOAD_CHUNK);
                        String[] keys = new String[to - from];
                        Object[] values = new Object[to - from];
                        for (int i = from; i < to; i++) {
                            keys[i - from] = "session:" + i;
                            values[i - from] = peer.valueOf(StringBenchmark.value(i, 100));
                        }
                        peer.load(keys, values);
                    }
                    check(peer.get(data.keys[n - 1]) != null, "lost " + data.keys[n - 1]);
                }
                case "lists" -> {
                    ListPeer peer = lists.peer();
                    for (int from = 0; from < n; from += LOAD_CHUNK) {
                        int to = Math.min(n, from + LOAD_CHUNK);
                        String[] elements = new String[to - from];
                        for (int i = from; i < to; i++) {
                            elements[i - from] = ListBenchmark.element(i);
                        }
                        peer.load(LIST, elements, 1000);
                    }
                    check(peer.llen(LIST) == n, "holds " + peer.llen(LIST) + " elements");
                }
                case "hashes" -> {
                    HashPeer peer = hashes.peer();
                    for (int from = 0; from < n; from += LOAD_CHUNK) {
                        int to = Math.min(n, from + LOAD_CHUNK);
                        String[] fields = new String[to - from];
                        Object[] values = new Object[to - from];
                        for (int i = from; i < to; i++) {
                            fields[i - from] = "field:" + i;
                            values[i - from] = peer.valueOf(Data.hashValue(i));
                        }
                        peer.load(new String[] {HASH}, fields, values);
                    }
                    check(peer.hget(HASH, data.fields[n - 1]) != null, "lost " + data.fields[n - 1]);
                }
                case "zsets" -> {
                    ZSetPeer peer = zsets.peer();
                    SplittableRandom random = new SplittableRandom(ZSetBenchmark.FILL_SEED);
                    for (int from = 0; from < n; from += LOAD_CHUNK) {
                        int to = Math.min(n, from + LOAD_CHUNK);
                        String[] members = new String[to - from];
                        for (int i = from; i < to; i++) {
                            members[i - from] = "member:" + i;
                        }
                        peer.load(ZSET, members, ZSetBenchmark.scores(to - from, random));
                    }
                    check(peer.zcard(ZSET) == n, "holds " + peer.zcard(ZSET) + " members");
                }
                case "streams" -> {
                    StreamPeer peer = streams.peer();
                    StreamId[] ids = peer.load(STREAM, n, StreamBenchmark.entries(new SplittableRandom(StreamBenchmark.FILL_SEED)));
                    check(peer.xlen(STREAM) == n, "holds " + peer.xlen(STREAM) + " entries");
                    SplittableRandom random = new SplittableRandom(800);
                    StreamId[] starts = new StreamId[STARTS];
                    for (int i = 0; i < STARTS; i++) {
                        starts[i] = ids[random.nextInt(Math.max(1, n - 100))];
                    }
                    data.starts = starts;
                }
                case "sessions" -> {
                    SessionStore peer = sessions.peer();
                    for (int i = 0; i < data.sessions; i++) {
                        peer.load("session:" + i, SessionWorkload.load(i), SESSION_TTL);
                    }
                    peer.loaded();
                    check(peer.hgetall(data.keys[data.sessions - 1]).size() == SessionWorkload.FIELDS.length, "lost a session");
                    return data.sessions;
                }
                default -> throw new IllegalArgumentException(type);
            }
            return n;
        }

        private void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException(name + " " + what + " after loading");
            }
        }

        /** After the memory is measured: fills each thread's queue and creates the stream's group. */
        void prepare() {
            if (lists != null) {
                for (int t = 0; t < data.stringWalks.length; t++) {
                    String[] backlog = Arrays.copyOf(data.queueElements, QUEUE_BACKLOG);
                    lists.peer().load(queue(t), backlog, QUEUE_BACKLOG);
                }
            }
            if (streams != null) {
                streams.peer().xgroupCreate(STREAM, GROUP, ZERO);
            }
        }

        private static String queue(int thread) {
            return "queue:" + thread;
        }

        /** Thread {@code t}'s op of {@code workload}, one command (or pair, or three) per call. */
        Op op(String workload, int t) {
            int[] keyWalk = data.stringWalks[t];
            int[] fieldWalk = data.fieldWalks[t];
            int[] memberWalk = data.memberWalks[t];
            double[] scores = data.scores[t];
            String[] keys = data.keys;
            return switch (workload) {
                case "get" -> {
                    StorePeer peer = strings.peer();
                    yield i -> peer.get(keys[keyWalk[(int) i & MASK]]) == null ? 0 : 1;
                }
                case "set" -> {
                    StorePeer peer = strings.peer();
                    Object[] values = new Object[16];
                    for (int v = 0; v < 16; v++) {
                        values[v] = peer.valueOf(data.stringValues[v]);
                    }
                    yield i -> {
                        peer.set(keys[keyWalk[(int) i & MASK]], values[(int) i & 15]);
                        return 1;
                    };
                }
                case "lpush+rpop" -> {
                    ListPeer peer = lists.peer();
                    String queue = queue(t);
                    String[] elements = data.queueElements;
                    yield i -> {
                        peer.lpush(queue, elements[(int) i & 1023]);
                        return peer.rpop(queue) == null ? 0 : 1;
                    };
                }
                case "hget" -> {
                    HashPeer peer = hashes.peer();
                    String[] fields = data.fields;
                    yield i -> peer.hget(HASH, fields[fieldWalk[(int) i & MASK]]) == null ? 0 : 1;
                }
                case "hset" -> {
                    HashPeer peer = hashes.peer();
                    String[] fields = data.fields;
                    Object[] values = new Object[16];
                    for (int v = 0; v < 16; v++) {
                        values[v] = peer.valueOf(data.hashValues[v]);
                    }
                    yield i -> peer.hset(HASH, fields[fieldWalk[(int) i & MASK]], values[(int) i & 15]);
                }
                case "zrank" -> {
                    ZSetPeer peer = zsets.peer();
                    String[] members = data.members;
                    yield i -> {
                        Long rank = peer.zrank(ZSET, members[memberWalk[(int) i & MASK]]);
                        return rank == null ? -1 : rank;
                    };
                }
                case "zrangebyscore" -> {
                    ZSetPeer peer = zsets.peer();
                    yield i -> peer.zrangeByScoreLimit(ZSET, scores[(int) i & MASK], Double.POSITIVE_INFINITY, 0, 10).size();
                }
                case "zadd" -> {
                    ZSetPeer peer = zsets.peer();
                    String[] members = data.members;
                    yield i -> peer.zadd(ZSET, scores[(int) i & MASK], members[memberWalk[(int) i & MASK]]);
                }
                case "xrange" -> {
                    StreamPeer peer = streams.peer();
                    StreamId[] starts = data.starts;
                    int[] startWalk = data.startWalks[t];
                    yield i -> peer.xrange(STREAM, starts[startWalk[(int) i & MASK]], 100).size();
                }
                case "xreadgroup+xack" -> {
                    StreamPeer peer = streams.peer();
                    String consumer = "consumer-" + t;
                    yield i -> {
                        List<StreamEntry<String, String>> read = peer.xreadgroup(STREAM, GROUP, consumer, 1);
                        if (read.isEmpty()) {
                            peer.xgroupSetid(STREAM, GROUP, ZERO);
                            read = peer.xreadgroup(STREAM, GROUP, consumer, 1);
                        }
                        return peer.xack(STREAM, GROUP, read.getFirst().id());
                    };
                }
                case "xadd" -> {
                    StreamPeer peer = streams.peer();
                    List<Map<String, String>> pool = data.addPools.get(t);
                    long cap = data.elements;
                    yield i -> peer.xaddCapped(STREAM, cap, pool.get((int) i & (ADD_POOL - 1))).seq();
                }
                case "session" -> {
                    SessionStore peer = sessions.peer();
                    int[] walk = data.sessionWalks[t];
                    String[] stamps = data.stamps;
                    yield i -> {
                        String key = keys[walk[(int) i & MASK]];
                        Map<String, String> session = peer.hgetall(key);
                        peer.hset(key, "seen", stamps[(int) i & 15]);
                        peer.expire(key, SESSION_TTL);
                        return session.size();
                    };
                }
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
        }

        /**
         * Redis's thread {@code t}'s pipelined op of {@code workload}: one call sends {@code depth}
         * ops on each of {@code count} connections of the thread's own (with auto-flush off), flushes
         * each, then waits for every reply; it counts as {@code depth * count} ops.
         */
        Op pipelined(String workload, int t, int depth, int count) {
            String type = typeOf(workload);
            List<StatefulRedisConnection<String, String>> own = pipelines.computeIfAbsent(type + "/" + t, k -> {
                List<StatefulRedisConnection<String, String>> opened = new ArrayList<>();
                for (int c = 0; c < count; c++) {
                    StatefulRedisConnection<String, String> connection = servers.get(type).connect(StringCodec.UTF8);
                    connection.setAutoFlushCommands(false);
                    connections.add(connection);
                    opened.add(connection);
                }
                return opened;
            });
            @SuppressWarnings("unchecked")
            RedisAsyncCommands<String, String>[] async = own.stream().map(StatefulRedisConnection::async).toArray(RedisAsyncCommands[]::new);
            int[] keyWalk = data.stringWalks[t];
            int[] fieldWalk = data.fieldWalks[t];
            int[] memberWalk = data.memberWalks[t];
            double[] scores = data.scores[t];
            String[] keys = data.keys;
            if (workload.equals("xreadgroup+xack")) {
                return readAndAck(own, async, depth, "pconsumer-" + t);
            }
            Issuer issuer = switch (workload) {
                case "get" -> (a, i, out, n) -> {
                    out[n] = a.get(keys[keyWalk[(int) i & MASK]]);
                    return n + 1;
                };
                case "set" -> {
                    String[] values = new String[16];
                    for (int v = 0; v < 16; v++) {
                        values[v] = new String(data.stringValues[v], StandardCharsets.US_ASCII);
                    }
                    yield (a, i, out, n) -> {
                        out[n] = a.set(keys[keyWalk[(int) i & MASK]], values[(int) i & 15]);
                        return n + 1;
                    };
                }
                case "lpush+rpop" -> {
                    String queue = queue(t);
                    String[] elements = data.queueElements;
                    yield (a, i, out, n) -> {
                        out[n] = a.lpush(queue, elements[(int) i & 1023]);
                        out[n + 1] = a.rpop(queue);
                        return n + 2;
                    };
                }
                case "hget" -> {
                    String[] fields = data.fields;
                    yield (a, i, out, n) -> {
                        out[n] = a.hget(HASH, fields[fieldWalk[(int) i & MASK]]);
                        return n + 1;
                    };
                }
                case "hset" -> {
                    String[] fields = data.fields;
                    String[] values = new String[16];
                    for (int v = 0; v < 16; v++) {
                        values[v] = new String(data.hashValues[v], StandardCharsets.US_ASCII);
                    }
                    yield (a, i, out, n) -> {
                        out[n] = a.hset(HASH, fields[fieldWalk[(int) i & MASK]], values[(int) i & 15]);
                        return n + 1;
                    };
                }
                case "zrank" -> {
                    String[] members = data.members;
                    yield (a, i, out, n) -> {
                        out[n] = a.zrank(ZSET, members[memberWalk[(int) i & MASK]]);
                        return n + 1;
                    };
                }
                case "zrangebyscore" -> {
                    Limit limit = Limit.create(0, 10);
                    yield (a, i, out, n) -> {
                        out[n] = a.zrangebyscore(ZSET, Range.create(scores[(int) i & MASK], Double.POSITIVE_INFINITY), limit);
                        return n + 1;
                    };
                }
                case "zadd" -> {
                    String[] members = data.members;
                    yield (a, i, out, n) -> {
                        out[n] = a.zadd(ZSET, scores[(int) i & MASK], members[memberWalk[(int) i & MASK]]);
                        return n + 1;
                    };
                }
                case "xrange" -> {
                    StreamId[] starts = data.starts;
                    int[] startWalk = data.startWalks[t];
                    Limit limit = Limit.from(100);
                    yield (a, i, out, n) -> {
                        Range<String> range = Range.from(Range.Boundary.including(starts[startWalk[(int) i & MASK]].toString()),
                                Range.Boundary.unbounded());
                        out[n] = a.xrange(STREAM, range, limit);
                        return n + 1;
                    };
                }
                case "xadd" -> {
                    List<Map<String, String>> pool = data.addPools.get(t);
                    XAddArgs capped = XAddArgs.Builder.maxlen(data.elements).approximateTrimming();
                    yield (a, i, out, n) -> {
                        out[n] = a.xadd(STREAM, capped, pool.get((int) i & (ADD_POOL - 1)));
                        return n + 1;
                    };
                }
                case "session" -> {
                    int[] walk = data.sessionWalks[t];
                    String[] stamps = data.stamps;
                    yield (a, i, out, n) -> {
                        String key = keys[walk[(int) i & MASK]];
                        out[n] = a.hgetall(key);
                        out[n + 1] = a.hset(key, "seen", stamps[(int) i & 15]);
                        out[n + 2] = a.expire(key, SESSION_TTL);
                        return n + 3;
                    };
                }
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            RedisFuture<?>[] futures = new RedisFuture<?>[own.size() * depth * 3];
            int perCall = depth * own.size();
            return i -> {
                int n = 0;
                long base = i * perCall;
                for (int c = 0; c < async.length; c++) {
                    for (int k = 0; k < depth; k++) {
                        n = issuer.issue(async[c], base + (long) c * depth + k, futures, n);
                    }
                    own.get(c).flushCommands();
                }
                long sink = 0;
                for (int f = 0; f < n; f++) {
                    sink += await(futures[f]) == null ? 0 : 1;
                    futures[f] = null;
                }
                return sink;
            };
        }

        /** XREADGROUP COUNT 1 pipelined {@code depth} times per connection, then XACK of what they read, pipelined too. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private Op readAndAck(List<StatefulRedisConnection<String, String>> own, RedisAsyncCommands<String, String>[] async, int depth,
                              String consumerPrefix) {
            XReadArgs count = XReadArgs.Builder.count(1);
            XReadArgs.StreamOffset<String> next = XReadArgs.StreamOffset.lastConsumed(STREAM);
            Consumer<String>[] consumers = new Consumer[own.size()];
            for (int c = 0; c < consumers.length; c++) {
                consumers[c] = Consumer.from(GROUP, consumerPrefix + "-" + c);
            }
            @SuppressWarnings("unchecked")
            RedisFuture<List<StreamMessage<String, String>>>[] reads = new RedisFuture[own.size() * depth];
            RedisFuture<?>[] acks = new RedisFuture<?>[own.size() * depth];
            return i -> {
                for (int c = 0; c < async.length; c++) {
                    for (int k = 0; k < depth; k++) {
                        reads[c * depth + k] = async[c].xreadgroup(consumers[c], count, next);
                    }
                    own.get(c).flushCommands();
                }
                boolean exhausted = false;
                int n = 0;
                for (int c = 0; c < async.length; c++) {
                    for (int k = 0; k < depth; k++) {
                        List<StreamMessage<String, String>> read = await(reads[c * depth + k]);
                        if (read == null || read.isEmpty()) {
                            exhausted = true;
                        } else {
                            acks[n++] = async[c].xack(STREAM, GROUP, read.getFirst().getId());
                        }
                    }
                    own.get(c).flushCommands();
                }
                long sink = 0;
                for (int f = 0; f < n; f++) {
                    sink += (Long) await(acks[f]);
                }
                if (exhausted) {
                    async[0].xgroupSetid(XReadArgs.StreamOffset.from(STREAM, ZERO.toString()), GROUP);
                    own.getFirst().flushCommands();
                }
                return sink;
            };
        }

        private static <T> T await(RedisFuture<T> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Redis answered an error: " + e.getCause(), e.getCause());
            }
        }

        @Override
        public void close() {
            for (StatefulRedisConnection<String, String> connection : connections) {
                connection.close();
            }
            for (Typed<?> typed : Arrays.asList(strings, lists, hashes, zsets, streams, sessions)) {
                if (typed != null && typed.peer() instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        System.err.println(name + ": closing " + typed.peer().getClass().getSimpleName() + " failed: " + e);
                    }
                }
            }
        }
    }

    /** Sends one op's commands of a pipelined batch through {@code async}: puts their futures in {@code out} from {@code n}, returns the next free index. */
    @FunctionalInterface
    interface Issuer {
        int issue(RedisAsyncCommands<String, String> async, long i, RedisFuture<?>[] out, int n);
    }
}
