package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Keel's append-only log costs, beside Redis's AOF in the same run: for each fsync policy
 * (ALWAYS, EVERYSEC, NO; Redis's {@code appendfsync}) and 1 and 2 writer threads, the
 * {@link MixedWrites} workload (RPUSH, HSET, ZADD, XADD in turn over 1,000 keys of each type,
 * 16–32-byte values), then the log's size and the time to load it again.
 *
 * <pre>
 * Redis   first: a redis-server (AppendOnlyRedis: --appendonly yes --appendfsync P
 *         --aof-use-rdb-preamble no --auto-aof-rewrite-percentage 0 --save '') in a fresh
 *         directory, written through Lettuce's synchronous API, one connection per thread; the
 *         writes stop at --writes or at the end of the budget, whichever comes first. Stopped
 *         (SIGTERM: it fsyncs and exits), the AOF's size (every file of appendonlydir), then
 *         started again on the directory: the time from starting the process to the first PONG
 *         (PING answers LOADING until the AOF is loaded), and the load time Redis logs. Then its
 *         keys and elements are counted and checked.
 * Keel    then the same writes, each thread as many as Redis's made (all of --writes without
 *         Redis), into Keel.builder().appendOnly(dir, P).autoRewrite(0, 0) in a fresh directory
 *         beside Redis's, on the same disk, under twice the budget (where Keel is the slower,
 *         both logs still hold the same writes). Closed (the log forced), its size (every file of
 *         the directory), then opened again twice: in a new JVM (the time of open(), and from
 *         starting the JVM to open() returning) and in this one, its JIT warm (open()); each time
 *         its keys and elements counted and checked.
 * </pre>
 *
 * <p>Before the first measurement Keel's write and replay paths are warmed up (for
 * {@code --warmup-seconds}, in rounds of 200,000 writes, or {@code --writes} if fewer, with fsync
 * NO, then a reopen, for each number of threads); Redis's server is C and needs none. After each
 * configuration Keel without a log ({@code Keel.inMemory()}) makes the same writes, for
 * reference. Throughput is the writes of all threads over the time from starting them to the last
 * one's end.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.PersistenceBenchmark [--writes 1000000] [--budget-seconds 50] [--warmup-seconds 15] \
 *     [--policies ALWAYS,EVERYSEC,NO] [--threads 1,2] [--dir /tmp] [--no-redis]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread (the writes on their own threads).
 */
public final class PersistenceBenchmark {
    private static final double MIB = Footprints.MIB;
    private static final int MAX_WARMUP_WRITES = 200_000;
    /**
     * How much longer than Redis Keel may take to make the writes Redis made, so that where Keel
     * is slower (fsync ALWAYS) both logs still hold the same writes.
     */
    private static final int KEEL_BUDGET_FACTOR = 2;
    private static final String OPENED = "opened ";
    private static final String CONTENTS = "contents ";

    private final Options options;

    PersistenceBenchmark(Options options) {
        this.options = options;
    }

    /**
     * What to measure: up to {@code writes} writes per configuration, each store's writes
     * stopping after {@code budget}, Keel warmed up for {@code warmup} first; Redis beside Keel if
     * {@code redis}; Keel reopened in a new JVM too if {@code newJvm}; the stores' directories
     * made under {@code directory}.
     */
    record Options(long writes, Duration budget, Duration warmup, List<FsyncPolicy> policies, List<Integer> threads,
                   Path directory, boolean redis, boolean newJvm) {
    }

    /**
     * Keel's figures for one configuration, and {@code withoutLog}, the same writes into
     * {@code Keel.inMemory()}; the new JVM's are -1 if not measured.
     */
    record KeelResult(MixedWrites.Run run, MixedWrites.Run withoutLog, long logBytes, long newJvmOpenNanos, long newJvmReadyNanos,
                      long openNanos) {
    }

    /** Redis's figures for one configuration. */
    record RedisResult(String version, MixedWrites.Run run, long aofBytes, long readyNanos, long loggedLoadNanos) {
    }

    /** One configuration measured; {@code redis} is null without Redis. */
    record Row(FsyncPolicy policy, int threads, KeelResult keel, RedisResult redis) {
    }

    /** Runs the measurement and prints its tables; see the class comment for the options. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 3 && args[0].equals("--reopen")) {
            reopenAndReport(Path.of(args[1]), FsyncPolicy.valueOf(args[2]));
            return;
        }
        Options options = parse(args);
        System.out.printf(Locale.ROOT, "PersistenceBenchmark: up to %,d mixed writes (RPUSH/HSET/ZADD/XADD) per configuration, "
                        + "budget %d s per store, warmup %d s, fsync %s, threads %s, directories under %s; JDK %s, %d cores%n",
                options.writes(), options.budget().toSeconds(), options.warmup().toSeconds(), options.policies(), options.threads(),
                options.directory(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        print(new PersistenceBenchmark(options).measure(), options);
    }

    private static Options parse(String[] args) {
        long writes = 1_000_000;
        long budgetSeconds = 50;
        long warmupSeconds = 15;
        List<FsyncPolicy> policies = List.of(FsyncPolicy.values());
        List<Integer> threads = List.of(1, 2);
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        boolean redis = true;
        try {
            for (int a = 0; a < args.length; a++) {
                switch (args[a]) {
                    case "--writes" -> writes = Long.parseLong(args[++a]);
                    case "--budget-seconds" -> budgetSeconds = Long.parseLong(args[++a]);
                    case "--warmup-seconds" -> warmupSeconds = Long.parseLong(args[++a]);
                    case "--policies" -> policies = Arrays.stream(args[++a].split(",")).map(FsyncPolicy::valueOf).toList();
                    case "--threads" -> threads = Arrays.stream(args[++a].split(",")).map(Integer::valueOf).toList();
                    case "--dir" -> directory = Path.of(args[++a]);
                    case "--no-redis" -> redis = false;
                    default -> throw new IllegalArgumentException(args[a]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: PersistenceBenchmark [--writes N] [--budget-seconds S] [--warmup-seconds S] "
                    + "[--policies ALWAYS,EVERYSEC,NO] [--threads 1,2] [--dir DIR] [--no-redis]   (" + e.getMessage() + ")");
            System.exit(2);
        }
        if (redis && RedisServer.executable() == null) {
            System.out.println("redis-server not found: measuring Keel alone");
            redis = false;
        }
        return new Options(writes, Duration.ofSeconds(budgetSeconds), Duration.ofSeconds(warmupSeconds), policies, threads,
                directory, redis, true);
    }

    /** Measures every configuration of the options, Keel warmed up first. */
    List<Row> measure() throws IOException, InterruptedException {
        warmUp();
        List<Row> rows = new ArrayList<>();
        for (FsyncPolicy policy : options.policies()) {
            for (int threads : options.threads()) {
                RedisResult redis = options.redis() ? measureRedis(policy, threads) : null;
                KeelResult keel = redis == null
                        ? measureKeel(policy, MixedWrites.split(options.writes(), threads), options.budget())
                        : measureKeel(policy, redis.run().perThread(), options.budget().multipliedBy(KEEL_BUDGET_FACTOR));
                rows.add(new Row(policy, threads, keel, redis));
            }
        }
        return rows;
    }

    /**
     * Warms Keel's write and replay paths up, in rounds until the warmup time has passed (at least
     * one): for each number of threads, {@link #MAX_WARMUP_WRITES} writes (or {@code --writes}, if
     * fewer) with fsync NO, then a reopen. Less does not do: after 2 x 20,000 writes a trial run
     * measured Keel without a log at 0.3M ops/s, and with fsync EVERYSEC a minute later at 1.5M;
     * in another, 100,000 writes without a log ran at 0.19M, 1.35M, 1.18M, 1.84M ops/s in four
     * rounds 1-2 s apart.
     */
    private void warmUp() throws IOException, InterruptedException {
        long writes = Math.min(options.writes(), MAX_WARMUP_WRITES);
        long start = System.nanoTime();
        int rounds = 0;
        do {
            rounds++;
            for (int threads : options.threads()) {
                Path directory = Files.createTempDirectory(options.directory(), "keel-warmup-");
                try {
                    MixedWrites.Run run;
                    try (Store store = open(directory, FsyncPolicy.NO)) {
                        run = MixedWrites.run(keelTargets(store, threads), MixedWrites.split(writes, threads), options.budget());
                    }
                    try (Store store = open(directory, FsyncPolicy.NO)) {
                        MixedWrites.check("Keel (warmup)", MixedWrites.count(keelCounter(store)), run);
                    }
                } finally {
                    deleteTree(directory);
                }
            }
        } while (System.nanoTime() - start < options.warmup().toNanos());
        System.out.printf(Locale.ROOT, "warmup: Keel, fsync NO, %d x %,d writes with each of %s thread(s), each followed by a reopen: "
                        + "%.1f s%n", rounds, writes, options.threads(), (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ Keel

    private static Store open(Path directory, FsyncPolicy policy) {
        return Keel.builder().appendOnly(directory, policy).autoRewrite(0, 0).open();
    }

    private KeelResult measureKeel(FsyncPolicy policy, long[] limits, Duration budget) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory(options.directory(), "keel-aof-");
        try {
            MixedWrites.Run run;
            try (Store store = open(directory, policy)) {
                run = MixedWrites.run(keelTargets(store, limits.length), limits, budget);
            }
            long logBytes = bytesIn(directory);
            long[] newJvm = options.newJvm() ? reopenInNewJvm(directory, policy, run) : new long[] {-1, -1};
            long start = System.nanoTime();
            long openNanos;
            try (Store store = open(directory, policy)) {
                openNanos = System.nanoTime() - start;
                MixedWrites.check("Keel", MixedWrites.count(keelCounter(store)), run);
            }
            MixedWrites.Run withoutLog = writeWithoutLog(limits, budget);
            System.out.printf(Locale.ROOT, "Keel  fsync %-8s %d thread(s): %,d writes, %,.0f ops/s (no log: %,.0f); log %,d bytes; "
                            + "reopened in %.0f ms (new JVM: open() %.0f ms, JVM start to ready %.0f ms), contents checked%n",
                    policy, limits.length, run.writes(), run.opsPerSecond(), withoutLog.opsPerSecond(), logBytes, openNanos / 1e6,
                    newJvm[0] / 1e6, newJvm[1] / 1e6);
            return new KeelResult(run, withoutLog, logBytes, newJvm[0], newJvm[1], openNanos);
        } finally {
            deleteTree(directory);
        }
    }

    /** Makes the writes of {@code limits} into {@code Keel.inMemory()}: what the log costs, by difference. */
    private static MixedWrites.Run writeWithoutLog(long[] limits, Duration budget) throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            MixedWrites.Run run = MixedWrites.run(keelTargets(store, limits.length), limits, budget);
            MixedWrites.check("Keel (no log)", MixedWrites.count(keelCounter(store)), run);
            return run;
        }
    }

    private static List<MixedWrites.Target> keelTargets(Store store, int threads) {
        List<MixedWrites.Target> targets = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Commands<String, String> commands = store.commands();
            targets.add(new MixedWrites.Target(commands::rpush, commands::hset, commands::zadd,
                    (key, field, value) -> commands.xadd(key, Map.of(field, value))));
        }
        return targets;
    }

    private static MixedWrites.Counter keelCounter(Store store) {
        return argv -> {
            Reply reply = store.execute(argv);
            if (reply instanceof Reply.Int count) {
                return count.value();
            }
            throw new IllegalStateException(String.join(" ", argv) + " answered " + reply);
        };
    }

    /**
     * Opens the store of {@code directory} in a new JVM ({@code --reopen}), with this JVM's
     * options, and checks what it counted; returns the time its {@code open()} took and the time
     * from starting the JVM to {@code open()} returning.
     */
    private static long[] reopenInNewJvm(Path directory, FsyncPolicy policy, MixedWrites.Run run) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PersistenceBenchmark.class.getName(),
                "--reopen", directory.toString(), policy.name()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long openNanos = -1;
        long readyNanos = -1;
        MixedWrites.Contents contents = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(OPENED)) {
                    readyNanos = System.nanoTime() - started;
                    openNanos = Long.parseLong(line.substring(OPENED.length()));
                } else if (line.startsWith(CONTENTS)) {
                    String[] counts = line.substring(CONTENTS.length()).split(" ");
                    contents = new MixedWrites.Contents(Long.parseLong(counts[0]), Long.parseLong(counts[1]));
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || contents == null || openNanos < 0) {
            throw new IllegalStateException("reopening in a new JVM failed (exit " + exit + "): " + output);
        }
        MixedWrites.check("Keel (new JVM)", contents, run);
        return new long[] {openNanos, readyNanos};
    }

    /** The new JVM's part of {@link #reopenInNewJvm}: opens the store, says when, counts it and says what it found. */
    private static void reopenAndReport(Path directory, FsyncPolicy policy) {
        long start = System.nanoTime();
        try (Store store = open(directory, policy)) {
            System.out.println(OPENED + (System.nanoTime() - start));
            System.out.flush();
            MixedWrites.Contents contents = MixedWrites.count(keelCounter(store));
            System.out.println(CONTENTS + contents.keys() + " " + contents.elements());
        }
    }

    // ------------------------------------------------------------------ Redis

    private RedisResult measureRedis(FsyncPolicy policy, int threads) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory(options.directory(), "redis-aof-");
        try {
            MixedWrites.Run run;
            String version;
            try (AppendOnlyRedis server = AppendOnlyRedis.start(directory, policy, "write.log")) {
                version = server.version();
                run = writeRedis(server.port(), threads, MixedWrites.split(options.writes(), threads));
            }
            try (AppendOnlyRedis server = AppendOnlyRedis.start(directory, policy, "reload.log");
                 RespClient client = new RespClient("127.0.0.1", server.port())) {
                MixedWrites.check("Redis", MixedWrites.count(redisCounter(client)), run);
                long aofBytes = server.aofBytes();
                RedisResult result = new RedisResult(version, run, aofBytes, server.readyNanos(), server.loggedLoadNanos());
                System.out.printf(Locale.ROOT, "Redis fsync %-8s %d thread(s): %,d writes, %,.0f ops/s; AOF %,d bytes; "
                                + "restarted to PONG in %.0f ms (its log: loaded in %.0f ms), contents checked%n",
                        policy, threads, run.writes(), run.opsPerSecond(), aofBytes, result.readyNanos() / 1e6, result.loggedLoadNanos() / 1e6);
                return result;
            }
        } finally {
            deleteTree(directory);
        }
    }

    private MixedWrites.Run writeRedis(int port, int threads, long[] limits) throws InterruptedException {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>(threads);
        try {
            List<MixedWrites.Target> targets = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8);
                connections.add(connection);
                // Lettuce's synchronous API: one command, one round trip.
                RedisCommands<String, String> redis = connection.sync();
                targets.add(new MixedWrites.Target(redis::rpush, redis::hset, redis::zadd, redis::xadd));
            }
            return MixedWrites.run(targets, limits, options.budget());
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
        }
    }

    private static MixedWrites.Counter redisCounter(RespClient client) {
        return argv -> {
            try {
                if (client.command(argv) instanceof Long count) {
                    return count;
                }
                throw new IllegalStateException(String.join(" ", argv) + " did not answer an integer");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    // ------------------------------------------------------------------ files

    /** Returns the bytes of every regular file under {@code directory}. */
    static long bytesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    // ------------------------------------------------------------------ tables

    /** Prints the tables of {@code rows}: writes, then log size and reopening. */
    static void print(List<Row> rows, Options options) {
        String redisName = rows.stream().filter(row -> row.redis() != null).map(row -> "Redis " + row.redis().version())
                .findFirst().orElse("Redis");
        System.out.println();
        System.out.println("### Writes (ops/s: the writes of all threads over the time from their start to the last one's end)");
        System.out.println();
        System.out.println("| fsync | threads | writes | Keel ops/s | Keel without a log | Keel / without | " + redisName
                + " ops/s | Keel / Redis |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row row : rows) {
            double keel = row.keel().run().opsPerSecond();
            double withoutLog = row.keel().withoutLog().opsPerSecond();
            RedisResult redis = row.redis();
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %,.0f | %,.0f | %s | %s | %s |%n",
                    row.policy(), row.threads(), writes(row, options), keel, withoutLog, ratio(keel, withoutLog),
                    redis == null ? "—" : String.format(Locale.ROOT, "%,.0f", redis.run().opsPerSecond()),
                    redis == null ? "—" : ratio(keel, redis.run().opsPerSecond()));
        }
        System.out.println();
        System.out.println("### Log size and reopening (MiB, and bytes per write; Keel / Redis compares Keel's open() in a new JVM "
                + "with Redis's start to PONG)");
        System.out.println();
        System.out.println("| fsync | threads | writes | Keel log | Redis AOF | Keel / Redis | Keel open(), new JVM "
                + "| Keel JVM start → ready | Keel open(), this JVM | Redis start → PONG | Redis's log: loaded in | Keel / Redis |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row row : rows) {
            KeelResult keel = row.keel();
            RedisResult redis = row.redis();
            boolean same = redis != null && redis.run().writes() == keel.run().writes();
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.policy(), row.threads(), writes(row, options), size(keel.logBytes(), keel.run()),
                    redis == null ? "—" : size(redis.aofBytes(), redis.run()), same ? ratio(keel.logBytes(), redis.aofBytes()) : "—",
                    millis(keel.newJvmOpenNanos()), millis(keel.newJvmReadyNanos()), millis(keel.openNanos()),
                    redis == null ? "—" : millis(redis.readyNanos()), redis == null ? "—" : millis(redis.loggedLoadNanos()),
                    same && keel.newJvmOpenNanos() > 0 ? ratio(keel.newJvmOpenNanos(), redis.readyNanos()) : "—");
        }
    }

    /** The writes cell: the count, and why it is short of {@code --writes} if it is. */
    private static String writes(Row row, Options options) {
        long keel = row.keel().run().writes();
        long redis = row.redis() == null ? keel : row.redis().run().writes();
        String cell = keel == redis ? String.format(Locale.ROOT, "%,d", keel)
                : String.format(Locale.ROOT, "Keel %,d, Redis %,d", keel, redis);
        if (Math.min(keel, redis) >= options.writes()) {
            return cell;
        }
        return cell + String.format(Locale.ROOT, " (of %,d: %d s budget)", options.writes(), options.budget().toSeconds());
    }

    private static String size(long bytes, MixedWrites.Run run) {
        return String.format(Locale.ROOT, "%.1f MiB (%.1f)", bytes / MIB, (double) bytes / run.writes());
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "—" : String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
    }

    private static String ratio(double keel, double other) {
        double ratio = keel / other;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.4f×" : "%.2f×", ratio);
    }
}
