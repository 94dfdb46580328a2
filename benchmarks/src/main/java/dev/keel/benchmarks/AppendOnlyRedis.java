package dev.keel.benchmarks;

import dev.keel.FsyncPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code redis-server} keeping an append-only file in a directory the caller owns, for
 * {@link PersistenceBenchmark}: started on a free loopback port with
 *
 * <pre>
 * --appendonly yes --appendfsync always|everysec|no   the policy measured
 * --aof-use-rdb-preamble no                           the AOF holds the commands as they came
 * --auto-aof-rewrite-percentage 0 --save ''           no rewrite and no RDB during a measurement
 * </pre>
 *
 * and stopped with SIGTERM, on which Redis fsyncs its AOF and exits, leaving the directory for a
 * restart: {@link #start} again on it loads the AOF, and {@link #readyNanos()} says how long it
 * took to answer PING.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class AppendOnlyRedis implements AutoCloseable {
    /** What Redis 7 calls the directory of its multi-part AOF (base, incremental files, manifest). */
    static final String AOF_DIRECTORY = "appendonlydir";
    private static final Duration LOAD_LIMIT = Duration.ofMinutes(5);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(1);
    private static final Pattern LOADED = Pattern.compile("DB loaded from append only file: ([0-9.]+) seconds");

    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final int port;
    private final long readyNanos;

    private AppendOnlyRedis(Process process, Path directory, Path logFile, int port, long readyNanos) {
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        this.port = port;
        this.readyNanos = readyNanos;
    }

    /**
     * Starts a server on {@code directory} with {@code fsync}, loading the AOF found there, and
     * returns once it answers PING; its log goes to {@code logName} in the directory.
     *
     * @throws IllegalStateException if there is no {@code redis-server}, or it exits or does not
     *         answer within five minutes
     */
    static AppendOnlyRedis start(Path directory, FsyncPolicy fsync, String logName) throws IOException, InterruptedException {
        String executable = RedisServer.executable();
        if (executable == null) {
            throw new IllegalStateException("redis-server not found (set REDIS_SERVER or put it on the PATH)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path logFile = directory.resolve(logName);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(List.of(executable,
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", directory.toString(), "--logfile", logFile.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", fsync.name().toLowerCase(Locale.ROOT),
                "--aof-use-rdb-preamble", "no", "--auto-aof-rewrite-percentage", "0"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(logName + ".stdout").toFile())
                .start();
        try {
            long ready = awaitLoaded(process, port, logFile, started);
            return new AppendOnlyRedis(process, directory, logFile, port, ready);
        } catch (IOException | RuntimeException | InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    /**
     * Waits until the server answers PING, which it answers with a LOADING error while it loads
     * its AOF, and returns the time since {@code started}. Keeps one connection once it has one,
     * and PINGs on it every millisecond: while loading, Redis answers between chunks of the file.
     */
    private static long awaitLoaded(Process process, int port, Path logFile, long started) throws IOException, InterruptedException {
        long deadline = started + LOAD_LIMIT.toNanos();
        RespClient client = null;
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + logFile);
                }
                try {
                    if (client == null) {
                        client = new RespClient("127.0.0.1", port);
                    }
                    if ("PONG".equals(client.command("PING"))) {
                        long ready = System.nanoTime() - started;
                        String info = (String) client.command("INFO", "persistence");
                        if (!info.contains("loading:0")) {
                            throw new IllegalStateException("redis-server answered PING while still loading: " + info);
                        }
                        return ready;
                    }
                } catch (IOException e) {
                    if (e.getMessage() == null || !e.getMessage().startsWith("LOADING")) {
                        closeQuietly(client);
                        client = null;
                    }
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + LOAD_LIMIT
                    + "; see " + logFile);
        } finally {
            closeQuietly(client);
        }
    }

    private static void closeQuietly(RespClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // the server is gone or going; nothing to release
            }
        }
    }

    /** Returns the port the server listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Returns the time from starting the process to the first PONG, its AOF loaded. */
    long readyNanos() {
        return readyNanos;
    }

    /** Returns the version the server reports, such as {@code 7.0.15}. */
    String version() throws IOException {
        try (RespClient client = new RespClient("127.0.0.1", port)) {
            Matcher version = Pattern.compile("redis_version:(\\S+)").matcher((String) client.command("INFO", "server"));
            return version.find() ? version.group(1) : "?";
        }
    }

    /**
     * Returns what Redis logged as the time it took to load the AOF ({@code DB loaded from append
     * only file: S seconds}, to the millisecond), in nanoseconds, or -1 if it logged none.
     */
    long loggedLoadNanos() throws IOException {
        Matcher loaded = LOADED.matcher(Files.readString(logFile));
        return loaded.find() ? Math.round(Double.parseDouble(loaded.group(1)) * 1e9) : -1;
    }

    /** Returns the bytes of every file of the server's AOF (the base and incremental files and the manifest). */
    long aofBytes() throws IOException {
        return PersistenceBenchmark.bytesIn(directory.resolve(AOF_DIRECTORY));
    }

    /** Stops the server (SIGTERM: it fsyncs its AOF and exits; SIGKILL after a minute), keeping its directory. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
