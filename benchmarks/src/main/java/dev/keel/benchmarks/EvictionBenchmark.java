package dev.keel.benchmarks;

import dev.keel.EvictionPolicy;
import dev.keel.Thresholds;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

/**
 * How well Keel's maxmemory eviction keeps a session cache's hot sessions, beside Caffeine with
 * the same capacity in bytes: the hit rate of allkeys-lru, allkeys-lfu and allkeys-random on
 * Zipf-distributed requests, and the memory Keel really uses beside its limit.
 *
 * <pre>
 * Workload   SessionWorkload: --sessions possible sessions (session:&lt;id&gt;, a hash of five fields,
 *            240 bytes of names and values on average), requests drawn from Zipf with each exponent of
 *            --exponents (fixed seed; the same requests for every cache).
 * Loop       cache-aside, as the session-cache sample: read the session (Keel: HGETALL); on a miss
 *            load it from the fake database and cache it (Keel: HSET, then EXPIRE 1 hour, long
 *            enough that no session expires during a run). The sample renews the time to live on
 *            every read too (sliding sessions); here that would be one more command a hit and
 *            change no hit rate, as nothing expires. Every thousandth hit is checked against the
 *            database.
 * Run        a fresh cache per run: --warmup requests (fill the cache, warm the JIT), then
 *            --requests measured: the hit rate, the time. The cache's bytes are sampled every 100
 *            requests of the whole run, for the largest seen; the table shows how full the cache
 *            was when the measurement began (a warmup too short for a steep Zipf shows there).
 * Caches     Keel.builder().maxmemory(--limit-mib, policy).evictionSamples(--samples), for
 *            allkeys-lru, allkeys-lfu and allkeys-random (a floor) with 1 thread; then lru with each
 *            other count of --threads (thread t of T takes requests t, t + T, ...).
 *            Caffeine bounded by weight to the same bytes (CaffeineSessionCachePeer's weigher: an
 *            estimate of an entry's heap, checked at the end against the heap it really retains),
 *            and Caffeine bounded to the number of sessions Keel's allkeys-lru run held at its
 *            end: the same entries, so a comparison of the policies alone.
 * Reference  the hit rate of a cache that always held exactly the C most popular sessions (no
 *            online policy beats it in expectation: requests are independent), for C = Keel's and
 *            Caffeine's entries.
 * Encoding   A session's User-Agent (74-145 bytes) is longer than Keel's hashMaxPackedValue (64, as
 *            Redis's hash-max-listpack-value), so Keel keeps each session as a hash table: about
 *            630 bytes a session. --packed-too adds a row of Keel's lru with hashMaxPackedValue
 *            {@value #PACKED_VALUE}, as a Redis user would raise hash-max-listpack-value, which
 *            keeps the sessions packed: about 390 bytes.
 * Clock      Keel's LRU clock counts whole seconds and its LFU counters decay one a minute (as
 *            Redis's), so its policies depend on the requests a second. By default Keel runs on a
 *            RequestClock advancing 1 / --rate seconds a request (10,000 requests a second: a busy
 *            session cache), whatever the benchmark's real speed; --rate wall uses the system
 *            clock instead, and --wall-clock-too adds rows of Keel's lru and lfu on it.
 * </pre>
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.EvictionBenchmark [--sessions 1000000] [--limit-mib 64] [--exponents 0.8,0.99,1.2] \
 *     [--warmup 2000000] [--requests 2000000] [--threads 1,2] [--rate 10000|wall] [--wall-clock-too] \
 *     [--packed-too] [--samples 5] [--seed 42]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread (a run's requests on threads of their own).
 */
public final class EvictionBenchmark {
    /** The sessions' time to live: longer than any run, so that none expires. */
    static final Duration TTL = Duration.ofHours(1);
    /** Requests between two samples of a cache's bytes. */
    static final int SAMPLE_EVERY = 100;
    /** Hits between two checks of the session returned against the database. */
    static final int CHECK_EVERY = 1000;
    /** The hashMaxPackedValue of the --packed-too row: longer than any field of a session. */
    static final int PACKED_VALUE = 256;
    private static final double MIB = Footprints.MIB;
    private static final List<EvictionPolicy> POLICIES =
            List.of(EvictionPolicy.ALLKEYS_LRU, EvictionPolicy.ALLKEYS_LFU, EvictionPolicy.ALLKEYS_RANDOM);

    private final Options options;
    private final SessionWorkload workload;

    EvictionBenchmark(Options options) {
        this.options = options;
        this.workload = new SessionWorkload(options.sessions());
    }

    /**
     * What to measure. {@code rate} is the requests a second Keel's clock plays back, 0 for the
     * system clock; {@code wallClockToo} adds Keel's lru and lfu on the system clock where
     * {@code rate} is not 0; {@code packedToo} adds Keel's lru with sessions packed; {@code heapCheck}
     * measures the heap Caffeine retains (four full collections, twice a run).
     */
    record Options(int sessions, long limitBytes, List<Double> exponents, int warmup, int requests, List<Integer> threads,
                   double rate, boolean wallClockToo, boolean packedToo, int samples, long seed, boolean heapCheck) {
    }

    /**
     * One run of one cache.
     *
     * @param cache what ran: "Keel allkeys-lru", "Keel allkeys-lru, packed", "Caffeine (bytes)", ...
     * @param clock Keel's clock, the rate played back ("10,000/s") or "wall"; "" for Caffeine
     * @param before the cache when the measured requests began
     * @param after the cache at the end
     * @param maxUsedBytes the most bytes seen in use, sampled every {@link #SAMPLE_EVERY} requests of the whole run
     * @param heapRetained the heap the cache retained at the end (Caffeine by bytes), or -1
     */
    record Run(String cache, String clock, double exponent, int threads, long hits, long requests, long nanos,
               SessionCachePeer.Snapshot before, SessionCachePeer.Snapshot after, long maxUsedBytes, long heapRetained) {

        /** Returns the hits over the measured requests. */
        double hitRate() {
            return (double) hits / requests;
        }

        /** Returns the measured requests a second, of all threads. */
        double requestsPerSecond() {
            return requests * 1e9 / nanos;
        }
    }

    /** The runs of one exponent, and the reference hit rates. */
    record Distribution(double exponent, List<Run> runs, double optimalForKeel, double optimalForCaffeine) {
    }

    /** Runs the measurement and prints its tables; see the class comment for the options. */
    public static void main(String[] args) throws InterruptedException {
        Options options = parse(args);
        System.out.printf(Locale.ROOT, "EvictionBenchmark: %,d sessions, limit %,d bytes (%.0f MiB), Zipf s = %s, %,d warmup + %,d measured "
                        + "requests per run, Keel threads %s, clock %s, %d samples, seed %d; JDK %s, %d cores, max heap %.0f MiB%n",
                options.sessions(), options.limitBytes(), options.limitBytes() / MIB, options.exponents(), options.warmup(),
                options.requests(), options.threads(), clockName(options.rate()), options.samples(), options.seed(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
        List<Distribution> results = new EvictionBenchmark(options).measure();
        print(results, options);
    }

    private static String clockName(double rate) {
        return rate == 0 ? "wall" : String.format(Locale.ROOT, "%,.0f requests/s played back", rate);
    }

    private static Options parse(String[] args) {
        int sessions = 1_000_000;
        long limitMib = 64;
        List<Double> exponents = List.of(0.8, 0.99, 1.2);
        int warmup = 2_000_000;
        int requests = 2_000_000;
        List<Integer> threads = List.of(1, 2);
        double rate = 10_000;
        boolean wallClockToo = false;
        boolean packedToo = false;
        int samples = 5;
        long seed = 42;
        try {
            for (int a = 0; a < args.length; a++) {
                switch (args[a]) {
                    case "--sessions" -> sessions = Integer.parseInt(args[++a]);
                    case "--limit-mib" -> limitMib = Long.parseLong(args[++a]);
                    case "--exponents" -> exponents = Arrays.stream(args[++a].split(",")).map(Double::valueOf).toList();
                    case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                    case "--requests" -> requests = Integer.parseInt(args[++a]);
                    case "--threads" -> threads = Arrays.stream(args[++a].split(",")).map(Integer::valueOf).toList();
                    case "--rate" -> rate = args[++a].equals("wall") ? 0 : Double.parseDouble(args[a]);
                    case "--wall-clock-too" -> wallClockToo = true;
                    case "--packed-too" -> packedToo = true;
                    case "--samples" -> samples = Integer.parseInt(args[++a]);
                    case "--seed" -> seed = Long.parseLong(args[++a]);
                    default -> throw new IllegalArgumentException(args[a]);
                }
            }
            if (rate > 0 && (warmup + (double) requests) / rate >= TTL.toSeconds()) {
                throw new IllegalArgumentException("at " + rate + " requests/s the run outlasts the sessions' " + TTL.toSeconds() + " s to live");
            }
        } catch (RuntimeException e) {
            System.err.println("usage: EvictionBenchmark [--sessions N] [--limit-mib M] [--exponents S,S] [--warmup N] [--requests N] "
                    + "[--threads 1,2] [--rate R|wall] [--wall-clock-too] [--packed-too] [--samples N] [--seed N]   (" + e.getMessage() + ")");
            System.exit(2);
        }
        return new Options(sessions, limitMib << 20, exponents, warmup, requests, threads, rate, wallClockToo && rate > 0, packedToo,
                samples, seed, true);
    }

    /** Measures every cache under every exponent of the options; prints a line a run. */
    List<Distribution> measure() throws InterruptedException {
        List<Distribution> results = new ArrayList<>();
        for (double exponent : options.exponents()) {
            int[] requests = workload.requests(exponent, options.warmup() + options.requests(), options.seed());
            List<Run> runs = new ArrayList<>();
            Thresholds defaults = Thresholds.defaults();
            for (EvictionPolicy policy : POLICIES) {
                runs.add(runKeel(policy, options.rate(), defaults, exponent, 1, requests));
            }
            if (options.wallClockToo()) {
                runs.add(runKeel(EvictionPolicy.ALLKEYS_LRU, 0, defaults, exponent, 1, requests));
                runs.add(runKeel(EvictionPolicy.ALLKEYS_LFU, 0, defaults, exponent, 1, requests));
            }
            if (options.packedToo()) {
                Thresholds packed = defaults.withHashMaxPacked(defaults.hashMaxPackedEntries(), PACKED_VALUE);
                runs.add(runKeel(EvictionPolicy.ALLKEYS_LRU, options.rate(), packed, exponent, 1, requests));
            }
            Run bytes = run("Caffeine (bytes)", "", exponent, 1, requests,
                    () -> CaffeineSessionCachePeer.ofBytes(options.limitBytes(), TTL), null, options.heapCheck());
            runs.add(bytes);
            long keelEntries = runs.getFirst().after().entries();
            runs.add(run("Caffeine (entries)", "", exponent, 1, requests,
                    () -> CaffeineSessionCachePeer.ofEntries(keelEntries, TTL), null, false));
            for (int threads : options.threads()) {
                if (threads != 1) {
                    runs.add(runKeel(EvictionPolicy.ALLKEYS_LRU, options.rate(), defaults, exponent, threads, requests));
                }
            }
            ZipfSampler zipf = new ZipfSampler(options.sessions(), exponent);
            results.add(new Distribution(exponent, runs, zipf.probabilityUpTo((int) keelEntries),
                    zipf.probabilityUpTo((int) bytes.after().entries())));
        }
        return results;
    }

    /** Runs Keel with {@code policy} on the clock of {@code rate} (0: the system clock) with {@code thresholds}; see {@link #run}. */
    private Run runKeel(EvictionPolicy policy, double rate, Thresholds thresholds, double exponent, int threads, int[] requests)
            throws InterruptedException {
        RequestClock clock = rate == 0 ? null : new RequestClock(rate);
        InstantSource source = clock == null ? InstantSource.system() : clock;
        String clockName = clock == null ? "wall" : String.format(Locale.ROOT, "%,.0f/s", rate);
        String name = "Keel " + policy.redisName() + (thresholds.equals(Thresholds.defaults()) ? "" : ", packed");
        return run(name, clockName, exponent, threads, requests,
                () -> new KeelSessionCachePeer(options.limitBytes(), policy, options.samples(), source, thresholds, TTL), clock, false);
    }

    /**
     * Runs {@code requests} through a fresh cache from {@code open} on {@code threads} threads:
     * the first {@link Options#warmup()} unmeasured, the rest measured; ticks {@code clock} (if
     * any) once a request. Prints one line.
     */
    private Run run(String cache, String clockName, double exponent, int threads, int[] requests, Supplier<SessionCachePeer> open,
                    RequestClock clock, boolean heapCheck) throws InterruptedException {
        SessionCachePeer peer = open.get();
        Run run;
        try {
            run = drive(cache, clockName, exponent, threads, requests, peer, clock);
            if (heapCheck) {
                long heapWith = Footprints.heapUsedAfterGc();
                peer.close();
                peer = null;
                run = new Run(run.cache(), run.clock(), run.exponent(), run.threads(), run.hits(), run.requests(), run.nanos(),
                        run.before(), run.after(), run.maxUsedBytes(), heapWith - Footprints.heapUsedAfterGc());
            }
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
        System.out.printf(Locale.ROOT, "s=%.2f %-20s %-8s %d thread(s): hit rate %.4f, %,d entries, used %,d bytes (%.4f of the limit; "
                        + "max used − limit %s), reserved %s, %,d evictions measured, %,.0f requests/s%s%n",
                exponent, cache, clockName, threads, run.hitRate(), run.after().entries(), run.after().usedBytes(),
                (double) run.after().usedBytes() / options.limitBytes(), overLimit(run.maxUsedBytes(), options.limitBytes()),
                run.after().reservedBytes() < 0 ? "—" : String.format(Locale.ROOT, "%,d", run.after().reservedBytes()),
                run.after().evictions() - run.before().evictions(), run.requestsPerSecond(),
                run.heapRetained() < 0 ? "" : String.format(Locale.ROOT, "; heap retained %,d bytes (%.1f an entry, the weigher %.1f)",
                        run.heapRetained(), (double) run.heapRetained() / run.after().entries(),
                        (double) run.after().usedBytes() / run.after().entries()));
        return run;
    }

    /** Returns how far {@code bytes} is over (+) or under (-) {@code limit}, "+1,234 B", or "—" if not known. */
    private static String overLimit(long bytes, long limit) {
        return bytes < 0 ? "—" : String.format(Locale.ROOT, "%+,d B", bytes - limit);
    }

    /** The requests of one run, on {@code threads} threads of their own; see {@link #run}. */
    private Run drive(String cache, String clockName, double exponent, int threads, int[] requests, SessionCachePeer peer,
                      RequestClock clock) throws InterruptedException {
        int warmup = options.warmup();
        long[] hits = new long[threads];
        long[] maxUsed = new long[threads];
        long[] ended = new long[threads];
        Throwable[] failed = new Throwable[threads];
        SessionCachePeer.Snapshot[] before = new SessionCachePeer.Snapshot[1];
        long[] started = new long[1];
        // The barrier's action runs once all threads are through the warmup: the measurement starts.
        CyclicBarrier measuring = new CyclicBarrier(threads, () -> {
            before[0] = peer.snapshot();
            started[0] = System.nanoTime();
        });
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("session-cache-" + t).start(() -> {
                try {
                    maxUsed[thread] = serve(peer, clock, requests, thread, warmup, threads, null);
                    measuring.await();
                    long[] counted = new long[1];
                    maxUsed[thread] = Math.max(maxUsed[thread], serve(peer, clock, requests, warmup + thread, requests.length, threads, counted));
                    hits[thread] = counted[0];
                } catch (Throwable e) {
                    failed[thread] = e;
                    measuring.reset();
                }
                ended[thread] = System.nanoTime();
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        for (Throwable failure : failed) {
            if (failure != null) {
                throw new IllegalStateException(cache + ": a request failed: " + failure, failure);
            }
        }
        long nanos = Arrays.stream(ended).max().orElseThrow() - started[0];
        return new Run(cache, clockName, exponent, threads, Arrays.stream(hits).sum(), requests.length - warmup, nanos, before[0],
                peer.snapshot(), Arrays.stream(maxUsed).max().orElseThrow(), -1);
    }

    /**
     * Serves requests {@code from}, {@code from + step}, ... below {@code to} through
     * {@code peer}, cache-aside; counts the hits into {@code hits[0]} if {@code hits} is not
     * null. Returns the most bytes seen in use, sampled every {@link #SAMPLE_EVERY} requests.
     *
     * @throws IllegalStateException if a hit returns other than the database's session
     */
    private static long serve(SessionCachePeer peer, RequestClock clock, int[] requests, int from, int to, int step, long[] hits) {
        long hitCount = 0;
        long maxUsed = -1;
        int served = 0;
        for (int i = from; i < to; i += step) {
            int id = requests[i];
            String key = SessionWorkload.key(id);
            Map<String, String> session = peer.get(key);
            if (session == null) {
                peer.put(key, SessionWorkload.load(id));
            } else if (++hitCount % CHECK_EVERY == 0 && !session.equals(SessionWorkload.load(id))) {
                throw new IllegalStateException(key + " read " + session + ", not " + SessionWorkload.load(id));
            }
            if (clock != null) {
                clock.tick();
            }
            if (++served % SAMPLE_EVERY == 0) {
                maxUsed = Math.max(maxUsed, peer.usedBytes());
            }
        }
        if (hits != null) {
            hits[0] = hitCount;
        }
        return Math.max(maxUsed, peer.usedBytes());
    }

    // ------------------------------------------------------------------ tables

    /** Prints the tables of {@code results}: hit rates, then each run's memory and speed. */
    static void print(List<Distribution> results, Options options) {
        System.out.println();
        System.out.printf(Locale.ROOT, "### Hit rate (%,d measured requests after %,d of warmup; 1 thread; limit %.0f MiB)%n",
                options.requests(), options.warmup(), options.limitBytes() / MIB);
        System.out.println();
        List<String> caches = results.getFirst().runs().stream().filter(run -> run.threads() == 1)
                .map(run -> run.cache() + (run.clock().equals("wall") ? ", wall clock" : "")).toList();
        System.out.println("| Zipf s | " + String.join(" | ", caches) + " | top-C, C = Keel lru's entries | top-C, C = Caffeine (bytes)'s |");
        System.out.println("| ---: |" + " ---: |".repeat(caches.size() + 2));
        for (Distribution distribution : results) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %.2f |", distribution.exponent()));
            for (Run run : distribution.runs()) {
                if (run.threads() == 1) {
                    line.append(String.format(Locale.ROOT, " %.4f |", run.hitRate()));
                }
            }
            line.append(String.format(Locale.ROOT, " %.4f | %.4f |", distribution.optimalForKeel(), distribution.optimalForCaffeine()));
            System.out.println(line);
        }
        System.out.println();
        System.out.println("### Every run: the cache at the end beside the limit (used: Keel's off-heap used bytes, "
                + "Caffeine's weigher sum), evictions during the measured requests, throughput");
        System.out.println();
        System.out.println("| Zipf s | cache | clock | threads | hit rate | entries | used / limit | used / limit when measuring began "
                + "| max used − limit | reserved / limit | evictions | requests/s | heap retained (an entry) |");
        System.out.println("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double limit = options.limitBytes();
        for (Distribution distribution : results) {
            for (Run run : distribution.runs()) {
                SessionCachePeer.Snapshot after = run.after();
                System.out.printf(Locale.ROOT, "| %.2f | %s | %s | %d | %.4f | %,d | %.4f | %.4f | %s | %s | %,d | %,.0f | %s |%n",
                        run.exponent(), run.cache(), run.clock().isEmpty() ? "—" : run.clock(), run.threads(), run.hitRate(),
                        after.entries(), after.usedBytes() / limit, run.before().usedBytes() / limit,
                        overLimit(run.maxUsedBytes(), options.limitBytes()),
                        after.reservedBytes() < 0 ? "—" : String.format(Locale.ROOT, "%.4f", after.reservedBytes() / limit),
                        after.evictions() - run.before().evictions(), run.requestsPerSecond(),
                        run.heapRetained() < 0 ? "—" : String.format(Locale.ROOT, "%.2f MiB (%.0f)", run.heapRetained() / MIB,
                                (double) run.heapRetained() / after.entries()));
            }
        }
    }
}
