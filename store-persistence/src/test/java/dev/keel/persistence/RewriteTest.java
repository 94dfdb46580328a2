package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteTest {
    @TempDir
    Path dir;

    private AppendOnlyStore open() {
        return (AppendOnlyStore) Keel.builder().appendOnly(dir, FsyncPolicy.EVERYSEC).autoRewrite(0, 0).open();
    }

    private long logLength() throws Exception {
        long total = 0;
        for (String name : AppendOnlyLog.logFiles(dir)) {
            total += Files.size(dir.resolve(name));
        }
        return total;
    }

    @Test
    void rewrite_ofOverwrittenKeys_shrinksTheLogAndKeepsTheData() throws Exception {
        Map<String, String> before;
        try (AppendOnlyStore store = open()) {
            for (int i = 0; i < 20_000; i++) {
                store.execute("SET", "k" + (i % 10), "value-" + i);
                store.execute("RPUSH", "list", "e" + i);
                store.execute("LPOP", "list");
            }
            store.execute("HSET", "h", "f", "v");
            store.execute("ZADD", "z", "-0", "m", "inf", "n");
            store.execute("XADD", "x", "*", "f", "v");
            store.execute("SET", "ttl", "v", "EX", "1000");
            before = StoreContents.of(store);
            long grown = logLength();
            store.rewriteLog();
            assertTrue(logLength() * 20 < grown, "rewritten " + logLength() + " of " + grown);
            assertEquals(List.of(new Manifest.Entry(LogFileDescriptor.KIND_SNAPSHOT, 2), new Manifest.Entry(LogFileDescriptor.KIND_TAIL, 2)),
                    store.log().manifest().files());
            assertEquals(List.of("keel.2.log", "keel.2.snapshot"), AppendOnlyLog.logFiles(dir));
            store.execute("SET", "after", "rewrite");
        }
        try (AppendOnlyStore store = open()) {
            Map<String, String> after = StoreContents.of(store);
            assertEquals("string pexpiretime=(integer) -1 rewrite", after.remove("after"));
            assertEquals(Map.of(), StoreContents.differences(before, after));
        }
    }

    @Test
    void rewrite_whileWritersRun_reopensToTheSameData() throws Exception {
        Map<String, String> before;
        try (AppendOnlyStore store = open()) {
            for (int i = 0; i < 200; i++) {
                store.execute("RPUSH", "queue:" + (i % 7), "job" + i);
            }
            for (int i = 0; i < 30_000; i++) {
                store.execute("HSET", "bulk:" + i, "field", "a value long enough to make the snapshot take a while");
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> write(store, id, stop)));
            }
            for (int round = 0; round < 6; round++) {
                store.rewriteLog();
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertNull(store.engine().verifyIntegrity());
            before = StoreContents.of(store);
        }
        try (AppendOnlyStore store = open()) {
            assertEquals(Map.of(), StoreContents.differences(before, StoreContents.of(store)));
            long jobs = 0;
            for (int q = 0; q < 7; q++) {
                jobs += store.commands().llen("queue:" + q);
            }
            assertEquals(200, jobs, "jobs moved between queues are neither lost nor doubled");
        }
    }

    /** Mixed writes over shared keys of every type, including moves between stripes. */
    private static void write(Store store, int id, AtomicBoolean stop) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = 0;
        while (!stop.get() || i < 2_000) {
            String n = Integer.toString(random.nextInt(50));
            switch (random.nextInt(9)) {
                case 0 -> store.execute("INCR", "counter:" + n);
                case 1 -> store.execute("LMOVE", "queue:" + random.nextInt(7), "queue:" + random.nextInt(7), "LEFT", "RIGHT");
                case 2 -> store.execute("HINCRBY", "hash:" + n, "f" + id, "1");
                case 3 -> store.execute("ZINCRBY", "board", "1.5", "player" + n);
                case 4 -> store.execute("SADD", "set:" + n, "m" + i);
                case 5 -> store.execute("SPOP", "set:" + n);
                case 6 -> store.execute("XADD", "events", "MAXLEN", "~", "100", "*", "writer", Integer.toString(id));
                case 7 -> store.execute("SET", "str:" + n, "v" + i, "PX", Integer.toString(600_000 + random.nextInt(100_000)));
                default -> store.execute("MSET", "pair:a:" + n, "v" + i, "pair:b:" + n, "v" + i);
            }
            i++;
        }
    }

    @Test
    void autoRewrite_pastItsGrowth_rewritesInTheBackground() throws Exception {
        try (AppendOnlyStore store = (AppendOnlyStore) Keel.builder().appendOnly(dir, FsyncPolicy.NO).autoRewrite(100, 64 << 10).open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int i = 0;
            while (store.log().manifest().files().getFirst().kind() != LogFileDescriptor.KIND_SNAPSHOT && System.nanoTime() < deadline) {
                store.execute("SET", "k" + (i++ % 100), "some value to make the log grow");
                if (i % 1000 == 0) {
                    Thread.sleep(5);
                }
            }
            assertEquals(LogFileDescriptor.KIND_SNAPSHOT, store.log().manifest().files().getFirst().kind());
        }
    }

    @Test
    void bgrewriteaof_startsARewrite_andRefusesASecondMeanwhile() throws Exception {
        try (AppendOnlyStore store = open()) {
            for (int i = 0; i < 50_000; i++) {
                store.execute("SET", "k" + i, "v");
            }
            assertEquals(new Reply.Status("Background append only file rewriting started"), store.execute("BGREWRITEAOF"));
            Reply second = store.execute("BGREWRITEAOF");
            if (second instanceof Reply.Error error) {
                assertEquals("ERR Background append only file rewriting already in progress", error.message());
            } else {
                assertInstanceOf(Reply.Status.class, second, "the first had finished already");
            }
            store.rewriteLog();
        }
        try (AppendOnlyStore store = open()) {
            assertEquals(50_000, store.commands().dbsize());
        }
    }
}
