package dev.keel.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.KeelException;
import dev.keel.KeelHash;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same API on a three-node Redis Cluster: routing by key, hash tags, and CROSSSLOT. */
class RedisClusterIT {
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
}
