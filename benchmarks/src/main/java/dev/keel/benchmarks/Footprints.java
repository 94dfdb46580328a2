package dev.keel.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the memory programs ({@link MemoryFootprint}, {@link ListFootprint}) share: the heap in
 * use after GC, and loading a Redis through {@code redis-cli --pipe}.
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

    private Footprints() {
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
