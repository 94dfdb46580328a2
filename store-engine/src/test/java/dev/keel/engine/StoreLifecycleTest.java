package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreLifecycleTest {

    @Test
    void close_thenAnyUse_throwsIllegalState() {
        Store store = Keel.inMemory();
        Commands<String, String> redis = store.commands();
        redis.set("k", "v");
        store.close();
        store.close();
        assertTrue(store.isClosed());
        assertThrows(IllegalStateException.class, () -> redis.get("k"));
        assertThrows(IllegalStateException.class, () -> store.execute("GET", "k"));
        assertThrows(IllegalStateException.class, store::memoryStats);
        assertThrows(IllegalStateException.class, store::commands);
    }

    @Test
    void close_whileOtherThreadsRunCommands_endsThemWithIllegalStateOnly() throws Exception {
        Store store = Keel.builder().stripes(4).open();
        Commands<String, String> redis = store.commands();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; ; i++) {
                        redis.set("k" + (i % 1000), "value-" + id + "-" + i);
                        redis.get("k" + ((i * 7) % 1000));
                        if (i % 100 == 0) {
                            redis.keys("k1*");
                        }
                    }
                } catch (IllegalStateException expected) {
                    // the store closed under us: the only acceptable way out
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            }));
        }
        Thread.sleep(200);
        store.close();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(null, unexpected.get());
    }

    @Test
    void activeExpiry_removesExpiredKeysWithoutAccess() throws InterruptedException {
        ManualClock clock = new ManualClock();
        try (Store store = Keel.builder().clock(clock).open()) {
            Commands<String, String> redis = store.commands();
            for (int i = 0; i < 2_000; i++) {
                redis.set("temp:" + i, "x");
                redis.expire("temp:" + i, Duration.ofSeconds(10));
            }
            redis.set("kept", "y");
            clock.advance(Duration.ofSeconds(11));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (redis.dbsize() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, redis.dbsize(), "DBSIZE counts only keys not yet reclaimed");
            assertEquals("y", redis.get("kept"));
        }
    }

    @Test
    void execute_unknownCommandAndArity_answerRedisErrors() {
        try (Store store = Keel.inMemory()) {
            assertEquals(Reply.error("ERR unknown command 'foo', with args beginning with: 'a' 'b' "),
                    store.execute("foo", "a", "b"));
            assertEquals(Reply.error("ERR wrong number of arguments for 'get' command"), store.execute("get"));
            assertEquals(Reply.error("ERR wrong number of arguments for 'object|encoding' command"),
                    store.execute("object", "encoding"));
            assertThrows(NullPointerException.class, () -> store.execute("GET", null));
        }
    }

    @Test
    void memoryLimit_exceeded_refusesGrowingWritesButServesReadsAndDeletes() {
        try (Store store = Keel.builder().memoryLimit(64 * 1024).open()) {
            Commands<String, String> redis = store.commands();
            String big = "x".repeat(1000);
            int written = 0;
            try {
                for (; written < 1000; written++) {
                    redis.set("k" + written, big);
                }
            } catch (dev.keel.OutOfMemoryLimitException e) {
                assertEquals("OOM command not allowed when used memory > 'maxmemory'.", e.getMessage());
            }
            assertTrue(written > 10 && written < 1000, "wrote " + written);
            assertEquals(big, redis.get("k0"));
            assertEquals(1, redis.del("k0"));
        }
    }
}
