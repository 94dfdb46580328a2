package dev.keel.samples;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A job queue that survives a restart: the store keeps an append-only log in a directory and
 * replays it when it opens again.
 */
final class DurableQueue {
    private DurableQueue() {
    }

    /** Pushes jobs, takes one, "restarts", and shows what the reopened store holds. */
    static void run(PrintStream out) {
        Path directory;
        try {
            directory = Files.createTempDirectory("keel-tour-log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (Store store = Keel.builder().appendOnly(directory, FsyncPolicy.ALWAYS).open()) {
                store.commands().rpush("jobs", "resize:1", "resize:2", "mail:3");
                out.printf("durable queue: pushed 3 jobs, took %s; closing the store%n", store.commands().lpop("jobs"));
            }
            try (Store store = Keel.builder().appendOnly(directory, FsyncPolicy.ALWAYS).open()) {
                out.printf("durable queue: reopened from its log, %d jobs waiting: %s%n",
                        store.commands().llen("jobs"), store.commands().lrange("jobs", 0, -1));
            }
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
