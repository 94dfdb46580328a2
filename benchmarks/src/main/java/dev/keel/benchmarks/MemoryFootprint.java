package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.Store;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures what one million session keys cost: {@code SET session:N <100 bytes> EX 3600} into
 * Keel, into a real Redis, and (as an on-heap reference, without TTL) into a
 * {@code ConcurrentHashMap<String, byte[]>}, in one run.
 *
 * <pre>
 * Keel   off-heap bytes per key from store.memoryStats() (used: the size-class blocks handed
 *        out, bucket tables included; reserved: the slabs taken from the OS), and the Java heap
 *        used after GC before and after loading, which must stay flat.
 * Redis  a redis-server started here on 127.0.0.1 (--save '' --appendonly no), loaded by
 *        redis-cli --pipe from RESP this program generates; bytes per key from the change of
 *        INFO memory's used_memory (and used_memory_rss). Skipped if redis-server is missing.
 * Map    the Java heap used after GC with the map, minus without it.
 * </pre>
 *
 * Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.MemoryFootprint [--keys 1000000] [--value-size 100]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class MemoryFootprint {
    private static final long TTL_SECONDS = 3600;
    private static final double MIB = Footprints.MIB;

    private final int keys;
    private final int valueSize;

    private MemoryFootprint(int keys, int valueSize) {
        this.keys = keys;
        this.valueSize = valueSize;
    }

    /** Runs the measurement; {@code --keys N} and {@code --value-size N} change the load. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int keys = 1_000_000;
        int valueSize = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--value-size" -> valueSize = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: MemoryFootprint [--keys N] [--value-size N]");
                    System.exit(2);
                }
            }
        }
        new MemoryFootprint(keys, valueSize).run();
    }

    private void run() throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "MemoryFootprint: %,d keys session:N, %d-byte values, EX %d; JDK %s, %d cores, max heap %.0f MiB%n",
                keys, valueSize, TTL_SECONDS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MIB);
        Footprints.KeelLoad keel = measureKeel();
        long mapBytes = measureMap();
        Redis redis = measureRedis();

        System.out.println();
        System.out.println("| store | bytes per key | notes |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf(Locale.ROOT, "| Keel (off-heap used) | %.1f | reserved (slabs from the OS): %.1f bytes/key |%n",
                perKey(keel.usedDelta()), perKey(keel.reservedDelta()));
        if (redis != null) {
            System.out.printf(Locale.ROOT, "| Redis %s (used_memory) | %.1f | used_memory_rss: %.1f bytes/key |%n",
                    redis.version, perKey(redis.usedDelta), perKey(redis.rssDelta));
        }
        System.out.printf(Locale.ROOT, "| ConcurrentHashMap<String, byte[]> (heap) | %.1f | no TTL |%n", perKey(mapBytes));
        System.out.println();
        System.out.println(keel.heapSummary(String.format(Locale.ROOT, "%,d keys", keys)));
        System.out.printf(Locale.ROOT, "ratio Keel used / ConcurrentHashMap heap: %.2f%n", (double) keel.usedDelta() / mapBytes);
        if (redis != null) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Redis used_memory: %.2f%n", (double) keel.usedDelta() / redis.usedDelta);
        } else {
            System.out.println("Redis: skipped (redis-server not found; set REDIS_SERVER or put it on the PATH)");
        }
    }

    private double perKey(long bytes) {
        return (double) bytes / keys;
    }

    // ------------------------------------------------------------------ Keel

    private Footprints.KeelLoad measureKeel() throws InterruptedException {
        SetArgs ttl = SetArgs.ex(TTL_SECONDS);
        byte[] value = new byte[valueSize];
        return Footprints.measureKeel(commands -> {
            for (int i = 0; i < keys; i++) {
                fillValue(value, i);
                commands.set(key(i), new String(value, StandardCharsets.US_ASCII), ttl);
            }
        }, this::check);
    }

    /** Checks the loaded keys; there is no one key to report the encoding of. */
    private String check(Store store, Commands<String, String> commands) {
        byte[] value = new byte[valueSize];
        Reply size = store.execute("DBSIZE");
        if (!(size instanceof Reply.Int count) || count.value() != keys) {
            throw new IllegalStateException("Keel DBSIZE answered " + size + ", expected " + keys);
        }
        fillValue(value, keys - 1);
        if (!new String(value, StandardCharsets.US_ASCII).equals(commands.get(key(keys - 1)))
                || commands.ttl(key(keys - 1)) <= 0) {
            throw new IllegalStateException("Keel lost the value or TTL of " + key(keys - 1));
        }
        return null;
    }

    // ------------------------------------------------------------------ ConcurrentHashMap

    private long measureMap() throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();
        for (int i = 0; i < keys; i++) {
            byte[] value = new byte[valueSize];
            fillValue(value, i);
            map.put(key(i), value);
        }
        long after = Footprints.heapUsedAfterGc();
        Reference.reachabilityFence(map);
        return after - before;
    }

    // ------------------------------------------------------------------ Redis

    private record Redis(String version, long usedDelta, long rssDelta) {
    }

    private Redis measureRedis() throws IOException, InterruptedException {
        if (RedisServer.executable() == null) {
            System.out.println("Redis: redis-server not found; skipping the Redis measurement");
            return null;
        }
        String cli = RedisServer.cliExecutable();
        if (cli == null) {
            System.out.println("Redis: redis-cli not found; skipping the Redis measurement");
            return null;
        }
        try (RedisServer server = RedisServer.start()) {
            String version = server.version();
            long usedBefore = Long.parseLong(server.info("memory", "used_memory"));
            long rssBefore = Long.parseLong(server.info("memory", "used_memory_rss"));
            long start = System.nanoTime();
            String summary = pipe(cli, server.port());
            long elapsed = System.nanoTime() - start;
            long count;
            try (RespClient client = server.connect()) {
                count = (Long) client.command("DBSIZE");
            }
            if (count != keys) {
                throw new IllegalStateException("Redis DBSIZE answered " + count + ", expected " + keys + "; redis-cli said: " + summary);
            }
            long usedAfter = Long.parseLong(server.info("memory", "used_memory"));
            long rssAfter = Long.parseLong(server.info("memory", "used_memory_rss"));
            System.out.printf(Locale.ROOT, "Redis %s: loaded by redis-cli --pipe in %.2f s (%s); used_memory %,d -> %,d bytes, used_memory_rss %,d -> %,d bytes%n",
                    version, elapsed / 1e9, summary, usedBefore, usedAfter, rssBefore, rssAfter);
            return new Redis(version, usedAfter - usedBefore, rssAfter - rssBefore);
        }
    }

    /** Streams the SET commands into {@code redis-cli --pipe} and returns its last line (the error and reply counts). */
    private String pipe(String cli, int port) throws IOException, InterruptedException {
        byte[] set = "SET".getBytes(StandardCharsets.US_ASCII);
        byte[] ex = "EX".getBytes(StandardCharsets.US_ASCII);
        byte[] seconds = Long.toString(TTL_SECONDS).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[valueSize];
        return Footprints.pipe(cli, port, keys, out -> {
            for (int i = 0; i < keys; i++) {
                fillValue(value, i);
                out.write(Resp.command(set, key(i).getBytes(StandardCharsets.US_ASCII), value, ex, seconds));
            }
        });
    }

    // ------------------------------------------------------------------ shared

    private static String key(int n) {
        return "session:" + n;
    }

    /** Writes the value of key {@code n}: {@code value:n:} then letters, all printable ASCII. */
    private static void fillValue(byte[] value, int n) {
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + (n + i) % 26);
        }
        byte[] tag = ("value:" + n + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, value, 0, Math.min(tag.length, value.length));
    }
}
