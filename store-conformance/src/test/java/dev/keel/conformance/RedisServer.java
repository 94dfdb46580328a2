package dev.keel.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for the conformance suite: started on 127.0.0.1 at a free port with
 * a scratch directory and no persistence, stopped when the test run ends.
 *
 * <p>A machine without {@code redis-server} fails the Redis half of the suite with a message
 * saying how to install it; it is never a silent pass.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisServer implements AutoCloseable {
    private static RedisServer shared;

    private final Process process;
    private final Path directory;
    private final int port;
    private final String version;

    private RedisServer(Process process, Path directory, int port, String version) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.version = version;
    }

    /** Returns the server shared by the whole test run, starting it on first use. */
    static synchronized RedisServer shared() {
        if (shared == null) {
            shared = start();
            RedisServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-server-stop"));
        }
        return shared;
    }

    private static String executable() {
        String override = System.getenv("KEEL_REDIS_SERVER");
        if (override != null && !override.isBlank()) {
            return override;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server not found: the conformance suite compares Keel with a real Redis. "
                + "Install it (apt-get install redis-server) or set KEEL_REDIS_SERVER to its path.");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    private static RedisServer start() {
        String executable = executable();
        try {
            Path directory = Files.createTempDirectory("keel-redis-");
            int port = freePort();
            Process process = new ProcessBuilder(executable,
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", directory.toString(),
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
                    "--databases", "1")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start: "
                            + Files.readString(directory.resolve("redis.log")));
                }
                String info = ping(port);
                if (info != null) {
                    return new RedisServer(process, directory, port, info);
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not answer on port " + port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    /** Returns the server's version if it answers INFO on {@code port}, or null. */
    private static String ping(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[8192];
            int read = socket.getInputStream().read(buffer);
            String text = new String(buffer, 0, Math.max(0, read), StandardCharsets.US_ASCII);
            int at = text.indexOf("redis_version:");
            if (at < 0) {
                return null;
            }
            int end = text.indexOf('\r', at);
            return text.substring(at + "redis_version:".length(), end < 0 ? text.length() : end);
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns the URI to connect to. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Returns the server's version, such as {@code 7.0.15}. */
    String version() {
        return version;
    }

    /** Returns whether the server's version is at least {@code wanted} (such as {@code 7.4}). */
    boolean atLeast(String wanted) {
        String[] have = version.split("\\.");
        String[] want = wanted.split("\\.");
        for (int i = 0; i < want.length; i++) {
            int h = i < have.length ? Integer.parseInt(have[i]) : 0;
            int w = Integer.parseInt(want[i]);
            if (h != w) {
                return h > w;
            }
        }
        return true;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left behind in /tmp is harmless
        }
    }
}
