package dev.keel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a store keeps its append-only log ({@code store-persistence}), built by
 * {@link Keel.Builder#appendOnly(Path, FsyncPolicy)}.
 *
 * @param directory the directory of the log's files, created if missing; one store at a time
 * @param fsync when the log is forced to disk, and so what a crash can lose
 * @param rewritePercentage rewrite the log in the background once it has grown by this many
 *        percent since the last rewrite (Redis's {@code auto-aof-rewrite-percentage}); 0 never
 * @param rewriteMinSize but not while it is smaller than this many bytes
 *        (Redis's {@code auto-aof-rewrite-min-size})
 */
public record AppendOnlyConfig(Path directory, FsyncPolicy fsync, int rewritePercentage, long rewriteMinSize) {

    /** Redis's defaults: rewrite at 100% growth, from 64 MiB. */
    public static final int DEFAULT_REWRITE_PERCENTAGE = 100;
    /** Redis's default {@code auto-aof-rewrite-min-size}: 64 MiB. */
    public static final long DEFAULT_REWRITE_MIN_SIZE = 64L << 20;

    public AppendOnlyConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsync, "fsync");
        if (rewritePercentage < 0) {
            throw new IllegalArgumentException("rewritePercentage must be >= 0, was " + rewritePercentage);
        }
        if (rewriteMinSize < 0) {
            throw new IllegalArgumentException("rewriteMinSize must be >= 0, was " + rewriteMinSize);
        }
    }
}
