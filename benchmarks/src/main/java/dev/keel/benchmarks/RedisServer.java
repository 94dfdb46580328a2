package dev.keel.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} for one measurement: started on a free loopback port with no
 * persistence ({@code --save '' --appendonly no}), stopped and its directory deleted on
 * {@link #close()}.
 *
 * <p>The executable is {@code $REDIS_SERVER} if set, else {@code redis-server} on the
 * {@code PATH}.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class RedisServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final Path directory;
    private final int port;

    private RedisServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Returns the {@code redis-server} executable, or null if there is none. */
    static String executable() {
        String configured = System.getenv("REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return new File(configured).canExecute() ? configured : null;
        }
        return onPath("redis-server");
    }

    /**
     * Returns the {@code redis-cli} executable: the one beside {@link #executable()}, else the one
     * on the {@code PATH}, or null if there is none.
     */
    static String cliExecutable() {
        String server = executable();
        if (server != null) {
            File parent = new File(server).getAbsoluteFile().getParentFile();
            File beside = new File(parent, "redis-cli");
            if (beside.isFile() && beside.canExecute()) {
                return beside.getPath();
            }
        }
        return onPath("redis-cli");
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /**
     * Starts a server and waits until it answers PING.
     *
     * @throws IllegalStateException if there is no {@code redis-server} or it does not start
     */
    static RedisServer start() {
        String executable = executable();
        if (executable == null) {
            throw new IllegalStateException("redis-server not found (set REDIS_SERVER or put it on the PATH)");
        }
        try {
            Path directory = Files.createTempDirectory("keel-bench-redis");
            int port = freePort();
            Process process = new ProcessBuilder(List.of(executable,
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                    "--logfile", directory.resolve("redis.log").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
            RedisServer server = new RedisServer(process, directory, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + "; see " + directory.resolve("redis.log"));
            }
            try (RespClient client = connect()) {
                if ("PONG".equals(client.command("PING"))) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer PING on port " + port, last);
    }

    /** Returns the port the server listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Returns the version the server reports, such as {@code 7.0.15}. */
    String version() throws IOException {
        return info("server", "redis_version");
    }

    /** What {@code INFO memory} reports: {@code used_memory} and {@code used_memory_rss}, in bytes. */
    record Memory(long used, long rss) {
    }

    /** Returns the server's memory now. */
    Memory memory() throws IOException {
        return new Memory(Long.parseLong(info("memory", "used_memory")), Long.parseLong(info("memory", "used_memory_rss")));
    }

    /** Opens a new plain connection to the server. */
    RespClient connect() throws IOException {
        return new RespClient("127.0.0.1", port);
    }

    /** Returns one field of {@code INFO section}, or null if the server does not report it. */
    String info(String section, String field) throws IOException {
        try (RespClient client = connect()) {
            String text = (String) client.command("INFO", section);
            for (String line : text.split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
            return null;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after five seconds) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
