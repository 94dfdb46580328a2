package dev.keel.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.KeelException;
import dev.keel.KeelHash;
import dev.keel.Reply;
import dev.keel.ScoredValue;
import dev.keel.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same API on a three-node Redis Cluster: routing by key (also for commands with a count of
 * keys), hash tags, CROSSSLOT, and blocking commands waiting on the node of their key.
 */
class RedisClusterIT {
    private static final long PATIENCE_SECONDS = 20;
    /** Thirty hash tags; the slots of their keys fall on every node of a three-node cluster. */
    private static final int TAGS = 30;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new LocalCluster(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void keysOnEverySlot_areRoutedToTheirNode() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            Commands<String, String> redis = store.commands();
            for (int i = 0; i < 200; i++) {
                assertEquals("OK", redis.set("key:" + i, "value " + i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("value " + i, redis.get("key:" + i));
                assertEquals(i + 1, redis.incr("counter:" + i + ":" + i) + i);
            }
            assertEquals(new Reply.Status("string"), store.execute("TYPE", "key:7"));
        }
    }

    @Test
    void multiExec_runsOnTheNodeOfItsKeys_everyHashTag() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            Reply ok = new Reply.Status("OK");
            Reply queued = new Reply.Status("QUEUED");
            for (int tag = 0; tag < TAGS; tag++) {
                String a = "{t" + tag + "}:a";
                String b = "{t" + tag + "}:b";
                assertEquals(ok, store.execute("MULTI"));
                assertEquals(queued, store.execute("PING"));
                assertEquals(queued, store.execute("SET", a, "1"));
                assertEquals(queued, store.execute("INCR", b));
                assertEquals(Reply.array(List.of(new Reply.Status("PONG"), ok, Reply.integer(1))), store.execute("EXEC"));
                assertEquals(ok, store.execute("WATCH", a));
                assertEquals("OK", store.commands().set(a, "changed"));
                assertEquals(ok, store.execute("MULTI"));
                assertEquals(queued, store.execute("INCR", b));
                assertEquals(Reply.NIL, store.execute("EXEC"));
                assertEquals("1", store.commands().get(b));
            }
        }
    }

    @Test
    void hashViews_keelCommandsRunAsScripts_routedByTheirKey() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            for (int i = 0; i < 50; i++) {
                KeelHash<String, String> hash = store.hash("hash:" + i);
                assertNull(hash.put("f", "1"));
                assertEquals("1", hash.put("f", "2"));
                assertTrue(hash.replace("f", "2", "3"));
                assertEquals("3", hash.replace("f", "4"));
                assertEquals("4", hash.remove("f"));
                assertNull(hash.putIfAbsent("g", "1"));
                assertTrue(hash.remove("g", "1"));
                assertEquals(0, store.commands().exists("hash:" + i));
            }
        }
    }

    @Test
    void multiKeyCommands_withHashTags_workInOneSlot() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            Commands<String, String> redis = store.commands();
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put("{user:42}:name", "ada");
            pairs.put("{user:42}:mail", "ada@example.org");
            assertEquals("OK", redis.mset(pairs));
            assertEquals(List.of("ada", "ada@example.org"), redis.mget("{user:42}:name", "{user:42}:mail"));
            assertEquals("OK", redis.rename("{user:42}:name", "{user:42}:alias"));
            assertEquals(2, redis.del("{user:42}:alias", "{user:42}:mail"));
        }
    }

    @Test
    void multiKeyCommands_acrossSlots_getCrossSlot() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            Commands<String, String> redis = store.commands();
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put("a", "1");
            pairs.put("b", "2");
            KeelException e = assertThrows(KeelException.class, () -> redis.mset(pairs));
            assertTrue(e.getMessage().startsWith("CROSSSLOT"), e.getMessage());
            assertEquals("CROSSSLOT Keys in request don't hash to the same slot", e.getMessage());
            assertEquals(null, redis.get("a"), "a refused MSET sets nothing");
            assertEquals(null, redis.get("b"));
        }
    }

    @Test
    void numkeysCommands_routedByTheirFirstKey_withoutRedirects() {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            long movedBefore = movedErrors();
            for (int i = 0; i < TAGS; i++) {
                String a = "{t" + i + "}a";
                String b = "{t" + i + "}b";
                String sa = "{t" + i + "}sa";
                String sb = "{t" + i + "}sb";
                String la = "{t" + i + "}la";
                String none = "{t" + i + "}none";
                store.commands().zadd(a, Map.of("x", 1.0, "y", 2.0));
                store.commands().zadd(b, Map.of("y", 3.0));
                store.commands().sadd(sa, "x", "y");
                store.commands().sadd(sb, "y");
                store.commands().rpush(la, "1", "2");
                assertEquals(bulks("x", "y"), store.execute("ZUNION", "2", a, b));
                assertEquals(bulks("y"), store.execute("ZINTER", "2", a, b));
                assertEquals(bulks("x"), store.execute("ZDIFF", "2", a, b));
                assertEquals(Reply.integer(1), store.execute("ZINTERCARD", "2", a, b));
                assertEquals(Reply.integer(1), store.execute("SINTERCARD", "2", sa, sb));
                assertEquals(Reply.integer(2), store.execute("ZUNIONSTORE", "{t" + i + "}u", "2", a, b));
                assertEquals(Reply.array(List.of(Reply.bulk(la), bulks("1"))), store.execute("LMPOP", "2", none, la, "LEFT"));
                assertEquals(Reply.array(List.of(Reply.bulk(la), bulks("2"))), store.execute("BLMPOP", "0", "2", none, la, "LEFT"));
                assertEquals(Reply.array(List.of(Reply.bulk(a), Reply.array(List.of(bulks("x", "1"))))),
                        store.execute("ZMPOP", "2", none, a, "MIN"));
                assertEquals(Reply.array(List.of(Reply.bulk(a), Reply.array(List.of(bulks("y", "2"))))),
                        store.execute("BZMPOP", "0", "2", none, a, "MIN"));
                assertEquals(Reply.bulk("y"), store.execute("EVAL", "return redis.call('SRANDMEMBER', KEYS[1])", "1", sb));
            }
            assertEquals(movedBefore, movedErrors(), "every command went to the node owning its first key");
        }
    }

    @Test
    @Timeout(60)
    void blockingTakes_onEveryNode_servedByPushesThroughTheSameStore() throws Exception {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            List<Taker<String>> lists = new ArrayList<>();
            List<Taker<ScoredValue<String>>> sortedSets = new ArrayList<>();
            for (int i = 0; i < TAGS; i++) {
                String key = "{t" + i + "}q";
                lists.add(new Taker<>(() -> store.list(key + ":list").take()));
                sortedSets.add(new Taker<>(() -> store.sortedSet(key + ":zset").takeFirst()));
            }
            awaitBlockedClients(2 * TAGS);
            for (int i = 0; i < TAGS; i++) {
                String key = "{t" + i + "}q";
                store.commands().rpush(key + ":list", "job " + i);
                store.sortedSet(key + ":zset").add("job " + i, i);
            }
            for (int i = 0; i < TAGS; i++) {
                assertEquals("job " + i, lists.get(i).result.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
                assertEquals(new ScoredValue<>("job " + i, i), sortedSets.get(i).result.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @Timeout(60)
    void blockingTakes_interruptedOnEveryNode_takeNothing() throws Exception {
        try (Store store = Keel.redisCluster(cluster.uri())) {
            List<Taker<String>> takers = new ArrayList<>();
            for (int i = 0; i < TAGS; i++) {
                String key = "{t" + i + "}q";
                takers.add(new Taker<>(() -> store.list(key).take()));
            }
            awaitBlockedClients(TAGS);
            for (Taker<String> taker : takers) {
                taker.thread.interrupt();
            }
            for (Taker<String> taker : takers) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> taker.result.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
                assertInstanceOf(InterruptedException.class, e.getCause());
            }
            awaitBlockedClients(0);
            for (int i = 0; i < TAGS; i++) {
                String key = "{t" + i + "}q";
                store.commands().rpush(key, "job");
                assertEquals(List.of("job"), store.commands().lrange(key, 0, -1), "the interrupted taker took nothing");
            }
        }
    }

    /** A thread running one blocking call. */
    private static final class Taker<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Thread thread;

        Taker(Callable<T> call) {
            thread = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    result.complete(call.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        }
    }

    private static Reply bulks(String... items) {
        return Reply.array(Arrays.stream(items).<Reply>map(Reply::bulk).toList());
    }

    /** Sums a counter of INFO over every node, such as {@code blocked_clients:} or {@code errorstat_MOVED:count=}. */
    private static long sumOverNodes(String section, String prefix) {
        long sum = 0;
        for (String uri : cluster.nodeUris()) {
            try (Store node = Keel.redis(uri)) {
                if (node.execute("INFO", section) instanceof Reply.Bulk text) {
                    for (String line : text.utf8().split("\r\n")) {
                        if (line.startsWith(prefix)) {
                            String value = line.substring(prefix.length());
                            int comma = value.indexOf(',');
                            sum += Long.parseLong(comma < 0 ? value : value.substring(0, comma));
                        }
                    }
                }
            }
        }
        return sum;
    }

    private static long movedErrors() {
        return sumOverNodes("errorstats", "errorstat_MOVED:count=");
    }

    private static void awaitBlockedClients(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (sumOverNodes("clients", "blocked_clients:") != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("blocked clients never reached " + count);
            }
            Thread.sleep(10);
        }
    }
}
