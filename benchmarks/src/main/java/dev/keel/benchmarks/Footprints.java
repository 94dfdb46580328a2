package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.MemoryStats;
import dev.keel.Store;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the memory programs ({@link MemoryFootprint}, {@link ListFootprint}, {@link HashFootprint},
 * {@link ZSetFootprint}, {@link StreamFootprint}) share: the heap in use after GC, one load into a
 * fresh Keel store measured, loading a Redis through {@code redis-cli --pipe}, and one such load
 * into a fresh Redis measured.
 *
 * <p><b>Thread safety:</b> stateless; each call is independent.
 */
final class Footprints {
    /** Bytes in a MiB, for printing. */
    static final double MIB = 1024.0 * 1024.0;

    /** Writes RESP commands to {@code redis-cli --pipe}'s standard input. */
    @FunctionalInterface
    interface CommandWriter {
        /** Writes every command to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** Fills a fresh Keel store through its typed commands. */
    @FunctionalInterface
    interface KeelLoader {
        /** Loads the data. */
        void load(Commands<String, String> commands);
    }

    /** Checks what a {@link KeelLoader} loaded. */
    @FunctionalInterface
    interface KeelCheck {
        /**
         * Checks the store and returns what to report as the encoding ({@code OBJECT ENCODING} of
         * the loaded key), or null where there is no one key.
         *
         * @throws IllegalStateException if the store does not hold what was loaded
         */
        String check(Store store, Commands<String, String> commands);
    }

    /**
     * Keel's figures for one load into a fresh in-memory store ({@link #measureKeel}): its
     * off-heap memory empty and loaded, the Java heap used after GC before opening, with the empty
     * store, loaded and after {@code close()}, how long the load took, and the encoding the check
     * reported.
     */
    record KeelLoad(MemoryStats empty, MemoryStats loaded, long heapBefore, long heapEmpty, long heapLoaded, long heapClosed,
                    long loadNanos, String encoding) {

        /** The off-heap bytes in use that the load added. */
        long usedDelta() {
            return loaded.usedBytes() - empty.usedBytes();
        }

        /** The off-heap bytes reserved from the OS that the load added. */
        long reservedDelta() {
            return loaded.reservedBytes() - empty.reservedBytes();
        }

        /** Returns the heap line of a report: {@code Java heap used after GC with Keel: ... with <loadedAs> ...}. */
        String heapSummary(String loadedAs) {
            return String.format(Locale.ROOT, "Java heap used after GC with Keel: %.1f MiB before opening, %.1f MiB with an empty store, "
                            + "%.1f MiB with %s (change %+.1f MiB), %.1f MiB after close",
                    heapBefore / MIB, heapEmpty / MIB, heapLoaded / MIB, loadedAs, (heapLoaded - heapEmpty) / MIB, heapClosed / MIB);
        }
    }

    /** Checks what {@code redis-cli --pipe} loaded into a server ({@link #measureRedis}). */
    @FunctionalInterface
    interface RedisCheck {
        /**
         * Checks the server through {@code client} and returns {@code OBJECT ENCODING} of the loaded
         * key; {@code pipeSummary} is what redis-cli said, for the message of a failed check.
         *
         * @throws IllegalStateException if the server does not hold what was loaded
         */
        String check(RespClient client, String pipeSummary) throws IOException;
    }

    /**
     * Redis's figures for one load into a fresh server ({@link #measureRedis}): its version,
     * {@code INFO memory} before and after, how long {@code redis-cli --pipe} took, and the
     * encoding the check reported.
     */
    record RedisLoad(String version, RedisServer.Memory before, RedisServer.Memory after, long loadNanos, String encoding) {

        /** The {@code used_memory} the load added. */
        long used() {
            return after.used() - before.used();
        }

        /** The {@code used_memory_rss} the load added. */
        long rss() {
            return after.rss() - before.rss();
        }
    }

    private Footprints() {
    }

    /**
     * Opens an in-memory Keel store, runs {@code loader} on it, then {@code check}, and closes it,
     * measuring memory and heap around the load ({@link KeelLoad}); prints one line of what it saw.
     */
    static KeelLoad measureKeel(KeelLoader loader, KeelCheck check) throws InterruptedException {
        long heapBefore = heapUsedAfterGc();
        Store store = Keel.inMemory();
        MemoryStats empty;
        MemoryStats loaded;
        long heapEmpty;
        long heapLoaded;
        long loadNanos;
        String encoding;
        try {
            Commands<String, String> commands = store.commands();
            empty = store.memoryStats();
            heapEmpty = heapUsedAfterGc();
            long start = System.nanoTime();
            loader.load(commands);
            loadNanos = System.nanoTime() - start;
            loaded = store.memoryStats();
            heapLoaded = heapUsedAfterGc();
            encoding = check.check(store, commands);
            System.out.printf(Locale.ROOT, "Keel: loaded in %.2f s; used %,d -> %,d bytes, reserved %,d -> %,d bytes, %,d allocations%s%n",
                    loadNanos / 1e9, empty.usedBytes(), loaded.usedBytes(), empty.reservedBytes(), loaded.reservedBytes(),
                    loaded.allocations(), encoding == null ? "" : "; encoding " + encoding);
        } finally {
            store.close();
        }
        return new KeelLoad(empty, loaded, heapBefore, heapEmpty, heapLoaded, heapUsedAfterGc(), loadNanos, encoding);
    }

    /**
     * Starts a {@code redis-server}, streams the {@code replies} commands {@code writer} writes
     * into it through {@code redis-cli --pipe}, runs {@code check}, prints one line of what it saw
     * (the data named {@code loadedAs}) and stops the server.
     *
     * @return the figures, or null (saying so) if {@code redis-server} or {@code redis-cli} is missing
     * @throws IllegalStateException if redis-cli fails or the check does
     */
    static RedisLoad measureRedis(String loadedAs, long replies, CommandWriter writer, RedisCheck check)
            throws IOException, InterruptedException {
        if (RedisServer.executable() == null || RedisServer.cliExecutable() == null) {
            System.out.println("Redis: redis-server or redis-cli not found; skipping the Redis measurement");
            return null;
        }
        try (RedisServer server = RedisServer.start()) {
            RedisServer.Memory before = server.memory();
            long start = System.nanoTime();
            String summary = pipe(RedisServer.cliExecutable(), server.port(), replies, writer);
            long nanos = System.nanoTime() - start;
            RedisServer.Memory after = server.memory();
            String encoding;
            try (RespClient client = server.connect()) {
                encoding = check.check(client, summary);
            }
            String version = server.version();
            System.out.printf(Locale.ROOT, "Redis %s: %s loaded by redis-cli --pipe in %.2f s (%s); used_memory %,d -> %,d bytes, "
                            + "used_memory_rss %,d -> %,d bytes; encoding %s%n",
                    version, loadedAs, nanos / 1e9, summary, before.used(), after.used(), before.rss(), after.rss(), encoding);
            return new RedisLoad(version, before, after, nanos, encoding);
        }
    }

    /**
     * Prints the table of a program that measures one data structure of {@code count} items
     * ({@code item}: member, entry) in Keel, in Redis and on the heap: bytes per item in each, the
     * Java heap with Keel, and the ratios. {@code redis} is null if it was not measured.
     */
    static void printComparison(String item, long count, KeelLoad keel, String loadedAs, RedisLoad redis,
                                String heapStore, long heapBytes) {
        System.out.println();
        System.out.println("| store | bytes per " + item + " | notes |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf(Locale.ROOT, "| Keel (off-heap used) | %.1f | reserved (slabs from the OS): %.1f; encoding %s |%n",
                (double) keel.usedDelta() / count, (double) keel.reservedDelta() / count, keel.encoding());
        if (redis != null) {
            System.out.printf(Locale.ROOT, "| Redis %s (used_memory) | %.1f | used_memory_rss: %.1f; encoding %s |%n",
                    redis.version(), (double) redis.used() / count, (double) redis.rss() / count, redis.encoding());
        }
        System.out.printf(Locale.ROOT, "| %s (heap) | %.1f | |%n", heapStore, (double) heapBytes / count);
        System.out.println();
        System.out.println(keel.heapSummary(loadedAs));
        if (redis != null) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Redis used_memory: %.2f%n", (double) keel.usedDelta() / redis.used());
        } else {
            System.out.println("Redis: skipped (redis-server not found; set REDIS_SERVER or put it on the PATH)");
        }
        System.out.printf(Locale.ROOT, "ratio Keel used / heap: %.2f%n", (double) keel.usedDelta() / heapBytes);
    }

    /**
     * Reads a footprint program's arguments, none or {@code option N}: returns N, or
     * {@code fallback} without arguments; on anything else prints
     * {@code usage: program [option N]} and exits with status 2.
     */
    static int countArgument(String[] args, String program, String option, int fallback) {
        if (args.length == 0) {
            return fallback;
        }
        if (args.length == 2 && args[0].equals(option)) {
            return Integer.parseInt(args[1]);
        }
        System.err.println("usage: " + program + " [" + option + " N]");
        System.exit(2);
        throw new AssertionError("unreachable");
    }

    /** Returns the heap in use after several full collections. */
    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Streams the commands {@code writer} writes into {@code redis-cli --pipe} against the server
     * on 127.0.0.1:{@code port}, and returns its summary ({@code errors: 0, replies: N}).
     *
     * @throws IllegalStateException if redis-cli fails, reports an error, or counts other than
     *         {@code replies} replies
     */
    static String pipe(String cli, int port, long replies, CommandWriter writer) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(cli, "-h", "127.0.0.1", "-p", Integer.toString(port), "--pipe"))
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().name("redis-cli-output").start(() -> {
            try (InputStream in = process.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
            writer.write(out);
        }
        int exit = process.waitFor();
        reader.join();
        String text = output.toString().strip();
        Matcher errors = Pattern.compile("errors: (\\d+), replies: (\\d+)").matcher(text);
        if (exit != 0 || !errors.find() || !errors.group(1).equals("0") || Long.parseLong(errors.group(2)) != replies) {
            throw new IllegalStateException("redis-cli --pipe failed (exit " + exit + "): " + text);
        }
        return errors.group();
    }
}
