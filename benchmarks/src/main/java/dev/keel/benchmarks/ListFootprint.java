package dev.keel.benchmarks;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Supplier;

/**
 * Measures what one list of one million 16-byte elements costs: {@code RPUSH list element:N} for
 * N < 1,000,000 (distinct elements, in batches of 1,000 per command) into Keel, into a real
 * Redis, and (as on-heap references) into a {@code LinkedBlockingDeque<String>} and an
 * {@code ArrayDeque<String>}, in one run.
 *
 * <pre>
 * Keel   off-heap bytes per element from store.memoryStats() (used: the size-class blocks handed
 *        out, the key's entry and the list header included; reserved: the slabs taken from the
 *        OS), and the Java heap used after GC before and after loading, which must stay flat.
 * Redis  a redis-server started here on 127.0.0.1 (--save '' --appendonly no), loaded by
 *        redis-cli --pipe from RESP this program generates; bytes per element from the change of
 *        INFO memory's used_memory (and used_memory_rss). Skipped if redis-server is missing.
 * Deques the Java heap used after GC with the deque, minus without it.
 * </pre>
 *
 * Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.ListFootprint [--elements 1000000]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class ListFootprint {
    private static final String KEY = "list";
    private static final int BATCH = 1000;
    private static final double MIB = Footprints.MIB;

    private final int elements;

    private ListFootprint(int elements) {
        this.elements = elements;
    }

    /** Runs the measurement; {@code --elements N} changes the length of the list. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int elements = Footprints.countArgument(args, "ListFootprint", "--elements", 1_000_000);
        new ListFootprint(elements).run();
    }

    private void run() throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "ListFootprint: one list of %,d distinct %d-byte elements, RPUSH in batches of %,d; JDK %s, %d cores, max heap %.0f MiB%n",
                elements, ListBenchmark.ELEMENT_SIZE, BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MIB);
        Footprints.KeelLoad keel = measureKeel();
        Redis redis = measureRedis();
        long linkedBytes = measureDeque(LinkedBlockingDeque::new);
        long arrayBytes = measureDeque(ArrayDeque::new);

        System.out.println();
        System.out.println("| store | bytes per element | notes |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf(Locale.ROOT, "| Keel (off-heap used) | %.1f | reserved (slabs from the OS): %.1f bytes/element; encoding %s |%n",
                perElement(keel.usedDelta()), perElement(keel.reservedDelta()), keel.encoding());
        if (redis != null) {
            System.out.printf(Locale.ROOT, "| Redis %s (used_memory) | %.1f | used_memory_rss: %.1f bytes/element; encoding %s |%n",
                    redis.version, perElement(redis.usedDelta), perElement(redis.rssDelta), redis.encoding);
        }
        System.out.printf(Locale.ROOT, "| LinkedBlockingDeque<String> (heap) | %.1f | |%n", perElement(linkedBytes));
        System.out.printf(Locale.ROOT, "| ArrayDeque<String> (heap) | %.1f | |%n", perElement(arrayBytes));
        System.out.println();
        System.out.println(keel.heapSummary(String.format(Locale.ROOT, "the %,d-element list", elements)));
        System.out.printf(Locale.ROOT, "ratio Keel used / LinkedBlockingDeque heap: %.2f; / ArrayDeque heap: %.2f%n",
                (double) keel.usedDelta() / linkedBytes, (double) keel.usedDelta() / arrayBytes);
        if (redis != null) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Redis used_memory: %.2f%n", (double) keel.usedDelta() / redis.usedDelta);
        } else {
            System.out.println("Redis: skipped (redis-server not found; set REDIS_SERVER or put it on the PATH)");
        }
    }

    private double perElement(long bytes) {
        return (double) bytes / elements;
    }

    /** Returns elements {@code from} to {@code to} (exclusive). */
    private static String[] batch(int from, int to) {
        String[] batch = new String[to - from];
        for (int i = from; i < to; i++) {
            batch[i - from] = ListBenchmark.element(i);
        }
        return batch;
    }

    // ------------------------------------------------------------------ Keel

    private Footprints.KeelLoad measureKeel() throws InterruptedException {
        return Footprints.measureKeel(commands -> {
            for (int from = 0; from < elements; from += BATCH) {
                commands.rpush(KEY, batch(from, Math.min(elements, from + BATCH)));
            }
        }, (store, commands) -> {
            int middle = elements / 2;
            if (commands.llen(KEY) != elements || !ListBenchmark.element(middle).equals(commands.lindex(KEY, middle))) {
                throw new IllegalStateException("Keel holds " + commands.llen(KEY) + " elements or lost element " + middle);
            }
            return commands.objectEncoding(KEY);
        });
    }

    // ------------------------------------------------------------------ Redis

    private record Redis(String version, long usedDelta, long rssDelta, String encoding) {
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
            byte[] rpush = "RPUSH".getBytes(StandardCharsets.US_ASCII);
            byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
            long commands = (elements + BATCH - 1) / BATCH;
            long start = System.nanoTime();
            String summary = Footprints.pipe(cli, server.port(), commands, out -> {
                for (int from = 0; from < elements; from += BATCH) {
                    String[] batch = batch(from, Math.min(elements, from + BATCH));
                    byte[][] argv = new byte[batch.length + 2][];
                    argv[0] = rpush;
                    argv[1] = key;
                    for (int i = 0; i < batch.length; i++) {
                        argv[i + 2] = batch[i].getBytes(StandardCharsets.US_ASCII);
                    }
                    out.write(Resp.command(argv));
                }
            });
            long elapsed = System.nanoTime() - start;
            long length;
            String encoding;
            String middle;
            try (RespClient client = server.connect()) {
                length = (Long) client.command("LLEN", KEY);
                encoding = (String) client.command("OBJECT", "ENCODING", KEY);
                middle = (String) client.command("LINDEX", KEY, Integer.toString(elements / 2));
            }
            if (length != elements || !ListBenchmark.element(elements / 2).equals(middle)) {
                throw new IllegalStateException("Redis LLEN answered " + length + ", expected " + elements + "; redis-cli said: " + summary);
            }
            long usedAfter = Long.parseLong(server.info("memory", "used_memory"));
            long rssAfter = Long.parseLong(server.info("memory", "used_memory_rss"));
            System.out.printf(Locale.ROOT, "Redis %s: loaded by redis-cli --pipe in %.2f s (%s); used_memory %,d -> %,d bytes, used_memory_rss %,d -> %,d bytes; encoding %s%n",
                    version, elapsed / 1e9, summary, usedBefore, usedAfter, rssBefore, rssAfter, encoding);
            return new Redis(version, usedAfter - usedBefore, rssAfter - rssBefore, encoding);
        }
    }

    // ------------------------------------------------------------------ JDK deques

    private long measureDeque(Supplier<? extends Collection<String>> factory) throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        Collection<String> deque = factory.get();
        for (int i = 0; i < elements; i++) {
            deque.add(ListBenchmark.element(i));
        }
        long after = Footprints.heapUsedAfterGc();
        Reference.reachabilityFence(deque);
        return after - before;
    }
}
