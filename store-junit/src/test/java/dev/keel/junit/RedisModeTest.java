package dev.keel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The same kind of test class run against a real {@code redis-server}, started here on a free
 * port of 127.0.0.1 and named through {@value KeelExtension#REDIS_PROPERTY}. Skipped, saying why,
 * where {@code redis-server} is not installed.
 */
class RedisModeTest {
    static final List<Store> SEEN = new CopyOnWriteArrayList<>();

    private static Process server;
    private static Path directory;
    private static String uri;

    @BeforeAll
    static void startRedis() throws IOException, InterruptedException {
        Optional<Path> executable = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
        if (executable.isEmpty()) {
            System.err.println("RedisModeTest skipped: redis-server is not on the PATH (apt-get install redis-server)");
        }
        Assumptions.assumeTrue(executable.isPresent(), "redis-server is not on the PATH (apt-get install redis-server)");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        directory = Files.createTempDirectory("keel-junit-redis-");
        server = new ProcessBuilder(executable.get().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answers(port)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(directory.resolve("redis.log")));
            }
            Thread.sleep(50);
        }
        uri = "redis://127.0.0.1:" + port;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopRedis() throws InterruptedException, IOException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void redisProperty_serverWithStaleData_eachTestStartsEmptyOnRealRedis() {
        try (Store direct = Keel.redis(uri)) {
            direct.commands().set("stale", "from before the run");
        }
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(OnRedis.class, Map.of(KeelExtension.REDIS_PROPERTY, uri));
        assertEquals(0, summary.getTotalFailureCount(), Fixtures.failures(summary));
        assertEquals(2, summary.getTestsSucceededCount());
        assertTrue(SEEN.stream().allMatch(Store::isClosed));
        try (Store direct = Keel.redis(uri)) {
            assertEquals("2", direct.commands().get("written-by-last-test"));   // the fixture wrote to this server
            assertNull(direct.commands().get("written-by-first-test"));
        }
    }

    @Test
    void redisProperty_perClass_flushedBeforeEachTestAndClosedAfterClass() {
        try (Store direct = Keel.redis(uri)) {
            direct.commands().set("stale", "from before the run");
        }
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(OnRedisPerClass.class, Map.of(KeelExtension.REDIS_PROPERTY, uri));
        assertEquals(0, summary.getTotalFailureCount(), Fixtures.failures(summary));
        assertEquals(2, summary.getTestsSucceededCount());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertTrue(SEEN.get(0).isClosed());
    }

    /** Runs against whatever {@value KeelExtension#REDIS_PROPERTY} names. */
    @KeelStore
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OnRedis {
        @Test
        @Order(1)
        void first(Store store, Commands<String, String> redis) {
            SEEN.add(store);
            assertEquals(0, redis.dbsize());
            Reply info = store.execute("INFO", "server");
            assertTrue(info.toString().contains("redis_version"), info.toString());
            redis.set("written-by-first-test", "1");
        }

        @Test
        @Order(2)
        void second(Store store, Commands<String, String> redis) {
            SEEN.add(store);
            assertEquals(0, redis.dbsize());
            redis.set("written-by-last-test", "2");
        }
    }

    /** One connection for the class, the server flushed around each test. */
    @KeelStore(perClass = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OnRedisPerClass {
        @KeelStore
        static Commands<String, String> redis;

        @Test
        @Order(1)
        void first(Store store) {
            SEEN.add(store);
            assertEquals(0, redis.dbsize());
            redis.set("left-behind", "1");
        }

        @Test
        @Order(2)
        void second(Store store) {
            SEEN.add(store);
            assertEquals(0, redis.dbsize());
        }
    }
}
