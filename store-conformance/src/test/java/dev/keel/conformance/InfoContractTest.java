package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.StoreInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * INFO and {@code store.info()}: the fields Keel shares with Redis read the same way on both, and
 * the counters move alike for the same commands. Redis has many more fields; Keel answers only
 * those it has, so the tests look at those.
 */
class InfoContractTest extends ContractTest {
    /** The fields Keel's INFO shares with Redis's, and what each value looks like. */
    private static final Map<String, String> SHARED = Map.ofEntries(
            Map.entry("process_id", "\\d+"),
            Map.entry("uptime_in_seconds", "\\d+"),
            Map.entry("uptime_in_days", "\\d+"),
            Map.entry("used_memory", "\\d+"),
            Map.entry("used_memory_human", "\\d+B|\\d+\\.\\d\\d[KMGTP]"),
            Map.entry("used_memory_rss", "\\d+"),
            Map.entry("used_memory_rss_human", "\\d+B|\\d+\\.\\d\\d[KMGTP]"),
            Map.entry("maxmemory", "0"),
            Map.entry("maxmemory_human", "0B"),
            Map.entry("maxmemory_policy", "noeviction"),
            Map.entry("mem_fragmentation_ratio", "\\d+\\.\\d\\d"),
            Map.entry("mem_fragmentation_bytes", "-?\\d+"),
            Map.entry("total_commands_processed", "\\d+"),
            Map.entry("expired_keys", "\\d+"),
            Map.entry("evicted_keys", "0"),
            Map.entry("keyspace_hits", "\\d+"),
            Map.entry("keyspace_misses", "\\d+"));

    /** Runs INFO with {@code sections} and returns its text. */
    private String info(String... sections) {
        String[] argv = new String[sections.length + 1];
        argv[0] = "INFO";
        System.arraycopy(sections, 0, argv, 1, sections.length);
        return assertInstanceOf(Reply.Bulk.class, exec(argv)).utf8();
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    private static List<String> titles(String text) {
        List<String> titles = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            if (line.startsWith("# ")) {
                titles.add(line.substring(2));
            }
        }
        return titles;
    }

    /** Returns the numbers of INFO stats. */
    private long[] stats() {
        Map<String, String> stats = fields(info("stats"));
        return new long[] {Long.parseLong(stats.get("keyspace_hits")), Long.parseLong(stats.get("keyspace_misses")),
                Long.parseLong(stats.get("expired_keys")), Long.parseLong(stats.get("total_commands_processed"))};
    }

    @Test
    void info_sharedFields_readTheSameWay() {
        redis.set("a", "1");
        Map<String, String> fields = fields(info());
        SHARED.forEach((field, pattern) -> {
            String value = fields.get(field);
            assertNotNull(value, field + " missing");
            assertTrue(value.matches(pattern), () -> field + ":" + value + " does not match " + pattern);
        });
        assertTrue(fields.get("db0").matches("keys=1,expires=0,avg_ttl=\\d+"), fields.get("db0"));
    }

    @Test
    void info_sections_comeInRedisOrderWithRedisFraming() {
        String text = info("keyspace", "memory", "SERVER", "stats");
        assertEquals(List.of("Server", "Memory", "Stats", "Keyspace"), titles(text));
        assertTrue(text.startsWith("# Server\r\n"), text);
        assertTrue(text.endsWith("# Keyspace\r\n"), "an empty keyspace has a title and no line: " + text);
        assertTrue(text.contains("\r\n\r\n# Memory\r\n") && text.contains("\r\n\r\n# Stats\r\n"), text);
        for (String all : List.of("default", "all", "everything")) {
            assertTrue(titles(info(all)).containsAll(List.of("Server", "Memory", "Stats", "Keyspace")), all);
        }
    }

    @Test
    void info_unknownSection_answersEmptyString() {
        assertReply(bulk(""), "INFO", "nosuchsection");
    }

    @Test
    void info_keyspace_countsKeysAndExpires() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(1000));
        redis.hset("h", "f", "v");
        String db0 = fields(info("keyspace")).get("db0");
        assertTrue(db0.matches("keys=3,expires=1,avg_ttl=\\d+"), db0);
    }

    @Test
    void info_stats_moveAsRedisCountsThem() {
        redis.set("s", "v");
        redis.rpush("l", "a");
        long[] before = stats();
        exec("GET", "s");                                  // hit
        exec("GET", "nope");                               // miss
        exec("MGET", "s", "nope", "l");                    // 2 hits, 1 miss
        exec("EXISTS", "s", "nope");                       // hit, miss
        exec("GET", "l");                                  // hit, then WRONGTYPE: counted as run
        exec("INCR", "n");                                 // a write: no read counted
        exec("SET", "s", "w", "GET");                      // hit
        exec("GETDEL", "s");                               // hit
        exec("SET", "e", "v", "PXAT", "1");                // stored already expired
        exec("GET", "e");                                  // miss; e counted as expired
        exec("NOSUCHCOMMAND");                             // refused: not counted as run
        exec("GET");                                       // refused (arity): not counted
        long[] after = stats();
        assertEquals("hits 7, misses 4, expired 1, commands 11",
                "hits " + (after[0] - before[0]) + ", misses " + (after[1] - before[1]) + ", expired " + (after[2] - before[2])
                        + ", commands " + (after[3] - before[3]));
    }

    @Test
    void storeInfo_givesSaneNumbers() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(1000));
        StoreInfo before = store.info();
        redis.get("a");
        redis.get("nope");
        StoreInfo info = store.info();
        assertEquals(2, info.keys());
        assertEquals(1, info.keysWithExpiry());
        assertEquals(1, info.keyspaceHits() - before.keyspaceHits());
        assertEquals(1, info.keyspaceMisses() - before.keyspaceMisses());
        assertTrue(info.totalCommandsProcessed() >= 4, info.toString());
        assertTrue(info.usedMemory() > 0 && info.reservedMemory() > 0 && info.fragmentationRatio() > 0, info.toString());
        assertEquals(0, info.maxmemory());
        assertEquals(EvictionPolicy.NOEVICTION, info.maxmemoryPolicy());
        assertEquals(0, info.evictedKeys());
        assertTrue(!info.uptime().isNegative(), info.toString());
        assertTrue(info.hitRatio() > 0 && info.hitRatio() < 1, info.toString());
    }
}
