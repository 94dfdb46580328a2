package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGREWRITEAOF answers as Redis does on a store with an append-only log, and the data is whole
 * after the rewrite on both. A store without a log refuses it: Keel has no directory to write to
 * (a documented difference; Redis writes an AOF anyway).
 */
class BgrewriteaofContractTest {
    private static final Reply STARTED = new Reply.Status("Background append only file rewriting started");

    @TempDir
    Path dir;

    @Test
    void bgrewriteaof_answersAsRedis_andKeepsTheData() throws Exception {
        try (Store redis = Keel.redis(RedisServer.shared().uri());
             Store keel = Keel.builder().appendOnly(dir, FsyncPolicy.EVERYSEC).open()) {
            for (Store store : List.of(redis, keel)) {
                store.execute("DEL", "bgrewrite:list");
                store.execute("RPUSH", "bgrewrite:list", "a", "b", "c");
                assertEquals(STARTED, store.execute("BGREWRITEAOF"), store.getClass().getSimpleName());
                awaitRewritten(store);
                assertEquals(List.of("a", "b", "c"), store.commands().lrange("bgrewrite:list", 0, -1));
            }
        }
        try (Store keel = Keel.builder().appendOnly(dir, FsyncPolicy.EVERYSEC).open()) {
            assertEquals(List.of("a", "b", "c"), keel.commands().lrange("bgrewrite:list", 0, -1), "reopened from the rewritten log");
        }
    }

    @Test
    void bgrewriteaof_withoutALog_isRefusedOnKeel() {
        try (Store keel = Keel.inMemory()) {
            Reply reply = keel.execute("BGREWRITEAOF");
            assertInstanceOf(Reply.Error.class, reply);
            assertTrue(((Reply.Error) reply).message().startsWith("ERR this store has no append-only log"), reply.toString());
        }
    }

    /** Waits until INFO persistence says no rewrite is in progress (Redis), or until a second one starts (Keel). */
    private static void awaitRewritten(Store store) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Reply info = store.execute("INFO", "persistence");
            if (info instanceof Reply.Bulk bulk && new String(bulk.bytes(), StandardCharsets.UTF_8).contains("aof_rewrite_in_progress:0")) {
                return;
            }
            if (!(info instanceof Reply.Bulk) || !new String(((Reply.Bulk) info).bytes(), StandardCharsets.UTF_8).contains("aof_rewrite")) {
                // No persistence section (Keel's INFO has none): a second rewrite starts only once the first is done.
                if (STARTED.equals(store.execute("BGREWRITEAOF"))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the rewrite did not finish within 30 s");
    }
}
