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
 * {@link ZSetFootprint}) share: the heap in use after GC, one load into a fresh Keel store
 * measured, and loading a Redis through {@code redis-cli --pipe}.
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
