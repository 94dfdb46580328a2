package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.persistence.LogTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way out to Redis: a Keel store's log, exported by {@code keel-log export} and loaded into
 * a real redis-server with {@code redis-cli --pipe}, gives the same data as Keel, every key
 * compared through commands on both sides.
 *
 * <p>What is compared: the keys; each key's TYPE; GET, LRANGE, HGETALL (as a map), SMEMBERS (as
 * a set), ZRANGE WITHSCORES (scores as numbers: Redis 7.0 keeps {@code -0} of a small sorted set
 * as {@code 0}), XRANGE, XINFO STREAM FULL (without the consumers' seen and active times, which
 * no command sets, and the radix tree counts, which describe Redis's own layout), XPENDING (each
 * entry's idle time within a tolerance); PEXPIRETIME exactly and PTTL within a tolerance; from
 * Redis 7.4 on, hash field expiry (HPEXPIRETIME), which older servers lack.
 */
class ExportToRedisTest {
    /** How far two clocks read a few commands apart may differ, in milliseconds. */
    private static final long TOLERANCE_MILLIS = 10_000;
    /** The XINFO fields whose values follow the clock or Redis's own encoding. */
    private static final Set<String> UNCOMPARED_FIELDS = Set.of("seen-time", "active-time", "radix-tree-keys", "radix-tree-nodes");
    private static final long FUTURE_MILLIS = 4_102_444_800_000L;

    @TempDir
    Path dir;

    @Test
    void export_loadedWithRedisCliPipe_givesTheSameData() throws Exception {
        RedisServer server = RedisServer.shared();
        boolean fieldExpiry = server.atLeast("7.4");
        Path log = dir.resolve("log");
        try (Store keel = Keel.builder().appendOnly(log, FsyncPolicy.ALWAYS).open()) {
            strings(keel);
            lists(keel);
            hashes(keel, fieldExpiry);
            sets(keel);
            sortedSets(keel);
            streams(keel);
        }
        Path export = dir.resolve("export.resp");
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(messages, true, StandardCharsets.UTF_8);
        int status = LogTool.run(new String[] {"export", log.toString(), "--out", export.toString()}, printed, printed);
        assertEquals(LogTool.OK, status, messages.toString(StandardCharsets.UTF_8));

        try (Store redis = Keel.redis(server.uri()); Store keel = Keel.builder().appendOnly(log, FsyncPolicy.ALWAYS).open()) {
            redis.commands().flushall();
            String summary = pipe(server, export);
            assertTrue(summary.contains("errors: 0,"), summary);
            Set<String> keys = keys(keel);
            assertEquals(keys, keys(redis), "the keys");
            assertTrue(keys.size() > 20 && !keys.contains("str:gone"), keys::toString);
            for (String key : keys) {
                compare(keel, redis, key, fieldExpiry);
            }
        }
    }

    // ------------------------------------------------------------------ the data

    private static void strings(Store keel) throws InterruptedException {
        keel.execute("SET", "str:plain", "hello");
        keel.execute("SET", "str:empty", "");
        keel.execute("SET", "str:ttl", "v", "EX", "1000");
        keel.execute("SET", "str:pxat", "v", "PXAT", Long.toString(FUTURE_MILLIS));
        keel.execute("INCRBY", "str:int", "-42");
        keel.execute("INCRBYFLOAT", "str:float", "3.25");
        keel.execute("SET", "str:big", "x".repeat(100_000));
        keel.execute("APPEND", "str:big", "end");
        keel.execute(bytes("SET"), new byte[] {'k', 0, (byte) 0xFF, '\r', '\n'}, new byte[] {0, 1, (byte) 0x80, '\r', '\n', '$', '*'});
        keel.execute("SET", "str:gone", "v", "PX", "1");
        keel.execute("SET", "str:deleted", "v");
        keel.execute("DEL", "str:deleted");
        Thread.sleep(5);
    }

    private static void lists(Store keel) {
        keel.execute("RPUSH", "list:small", "a", "b", "c", "");
        keel.execute("LPUSH", "list:small", "z");
        keel.execute("LPOP", "list:small");
        List<String> many = new ArrayList<>(List.of("RPUSH", "list:big"));
        for (int i = 0; i < 2000; i++) {
            many.add("element-" + i);
        }
        keel.execute(many.toArray(String[]::new));
        keel.execute("LTRIM", "list:big", "10", "-10");
        keel.execute("RPUSH", "list:ttl", "1", "2");
        keel.execute("PEXPIRE", "list:ttl", "900000");
        keel.execute(bytes("RPUSH"), bytes("list:binary"), new byte[] {0, '\r', '\n'}, new byte[] {(byte) 0xC3, (byte) 0x28});
    }

    private static void hashes(Store keel, boolean fieldExpiry) {
        keel.execute("HSET", "hash:small", "f", "1", "g", "two", "empty", "");
        keel.execute("HINCRBY", "hash:small", "counter", "7");
        List<String> many = new ArrayList<>(List.of("HSET", "hash:big"));
        for (int i = 0; i < 600; i++) {
            many.add("field-" + i);
            many.add("value-" + i);
        }
        keel.execute(many.toArray(String[]::new));
        keel.execute("HDEL", "hash:big", "field-3", "field-300");
        keel.execute("HSET", "hash:ttl", "a", "b");
        keel.execute("EXPIRE", "hash:ttl", "5000");
        keel.execute(bytes("HSET"), bytes("hash:binary"), new byte[] {0, (byte) 0xFE}, new byte[] {'\r', '\n', 0});
        if (fieldExpiry) {
            keel.execute("HSET", "hash:fields", "f1", "1", "f2", "2", "f3", "3", "f4", "4");
            keel.execute("HPEXPIRE", "hash:fields", "800000", "FIELDS", "2", "f1", "f2");
            keel.execute("HPEXPIREAT", "hash:fields", Long.toString(FUTURE_MILLIS), "FIELDS", "1", "f3");
        }
    }

    private static void sets(Store keel) {
        keel.execute("SADD", "set:small", "a", "b", "c", "");
        keel.execute("SREM", "set:small", "b");
        keel.execute("SADD", "set:ints", "3", "1", "2", "-7", "100000000000");
        List<String> many = new ArrayList<>(List.of("SADD", "set:big"));
        for (int i = 0; i < 300; i++) {
            many.add("member-" + i);
        }
        keel.execute(many.toArray(String[]::new));
        keel.execute("SADD", "set:ttl", "x");
        keel.execute("PEXPIREAT", "set:ttl", Long.toString(FUTURE_MILLIS));
    }

    private static void sortedSets(Store keel) {
        keel.execute("ZADD", "zset:small", "-0", "negative-zero", "inf", "top", "-inf", "bottom", "0.1", "tenth",
                "1e300", "huge", "2", "b", "2", "a", "-2.5", "minus");
        keel.execute("ZINCRBY", "zset:small", "1.5", "a");
        Random random = new Random(20261125);
        List<String> many = new ArrayList<>(List.of("ZADD", "zset:big"));
        for (int i = 0; i < 300; i++) {
            many.add(Double.toString(random.nextGaussian() * 1000));
            many.add("member-" + i);
        }
        many.addAll(List.of("-0", "negative-zero", "inf", "top", "-inf", "bottom", "0", "zero"));
        keel.execute(many.toArray(String[]::new));
        keel.execute("ZREM", "zset:big", "member-7");
        keel.execute("ZADD", "zset:ttl", "1", "a");
        keel.execute("EXPIRE", "zset:ttl", "100000");
    }

    private static void streams(Store keel) {
        keel.execute("XADD", "stream:plain", "1-1", "f", "v", "g", "w");
        keel.execute("XADD", "stream:plain", "1-2", "f", "v2");
        keel.execute("XADD", "stream:plain", "*", "other", "fields", "here", "");

        for (int i = 1; i <= 200; i++) {
            keel.execute("XADD", "stream:trimmed", i + "-0", "n", Integer.toString(i));
        }
        keel.execute("XTRIM", "stream:trimmed", "MAXLEN", "50");
        keel.execute("XDEL", "stream:trimmed", "160-0", "170-0");

        for (int i = 1; i <= 20; i++) {
            keel.execute("XADD", "stream:groups", i + "-1", "job", "job-" + i);
        }
        keel.execute("XGROUP", "CREATE", "stream:groups", "workers", "0");
        keel.execute("XREADGROUP", "GROUP", "workers", "alice", "COUNT", "5", "STREAMS", "stream:groups", ">");
        keel.execute("XREADGROUP", "GROUP", "workers", "bob", "COUNT", "3", "STREAMS", "stream:groups", ">");
        keel.execute("XACK", "stream:groups", "workers", "1-1", "3-1");
        keel.execute("XCLAIM", "stream:groups", "workers", "carol", "0", "2-1", "6-1");
        keel.execute("XREADGROUP", "GROUP", "workers", "alice", "STREAMS", "stream:groups", "0");
        keel.execute("XGROUP", "CREATECONSUMER", "stream:groups", "workers", "dave");
        keel.execute("XDEL", "stream:groups", "4-1");
        keel.execute("XGROUP", "CREATE", "stream:groups", "late", "$");
        keel.execute("XGROUP", "CREATE", "stream:groups", "middle", "10-1");
        keel.execute("XADD", "stream:groups", "21-1", "job", "job-21");
        keel.execute("XREADGROUP", "GROUP", "late", "erin", "NOACK", "STREAMS", "stream:groups", ">");
        keel.execute("XREADGROUP", "GROUP", "middle", "frank", "COUNT", "2", "STREAMS", "stream:groups", ">");

        keel.execute("XGROUP", "CREATE", "stream:empty", "waiting", "$", "MKSTREAM");
        keel.execute("XADD", "stream:emptied", "5-5", "f", "v");
        keel.execute("XDEL", "stream:emptied", "5-5");
        keel.execute("XADD", "stream:ttl", "1-1", "f", "v");
        keel.execute("PEXPIRE", "stream:ttl", "700000");
    }

    // ------------------------------------------------------------------ loading and comparing

    /** Sends the export to the server with redis-cli --pipe; returns what redis-cli printed. */
    private static String pipe(RedisServer server, Path export) throws IOException, InterruptedException {
        String port = server.uri().substring(server.uri().lastIndexOf(':') + 1);
        String cli = System.getenv().getOrDefault("KEEL_REDIS_CLI", "redis-cli");
        Process process;
        try {
            process = new ProcessBuilder(cli, "-p", port, "--pipe").redirectInput(export.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli not found: install it (apt-get install redis-server) or set KEEL_REDIS_CLI", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "redis-cli --pipe did not end");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static Set<String> keys(Store store) {
        Set<String> keys = new HashSet<>();
        for (Object key : (List<?>) plain(store.execute("KEYS", "*"))) {
            keys.add((String) key);
        }
        return keys;
    }

    private static void compare(Store keel, Store redis, String key, boolean fieldExpiry) {
        String type = (String) plain(keel.execute(argv("TYPE", key)));
        assertEquals(type, plain(redis.execute(argv("TYPE", key))), key);
        Object keelTtl = plain(keel.execute(argv("PTTL", key)));
        Object redisTtl = plain(redis.execute(argv("PTTL", key)));
        assertTrue(keelTtl.equals(redisTtl) || (long) keelTtl > 0 && Math.abs((long) keelTtl - (long) redisTtl) <= TOLERANCE_MILLIS,
                () -> key + ": PTTL " + keelTtl + " on Keel, " + redisTtl + " on Redis");
        sameAnswer(keel, redis, "PEXPIRETIME", key);
        switch (type) {
            case "string" -> sameAnswer(keel, redis, "GET", key);
            case "list" -> sameAnswer(keel, redis, "LRANGE", key, "0", "-1");
            case "hash" -> compareHash(keel, redis, key, fieldExpiry);
            case "set" -> assertEquals(new HashSet<>((List<?>) plain(keel.execute(argv("SMEMBERS", key)))),
                    new HashSet<>((List<?>) plain(redis.execute(argv("SMEMBERS", key)))), key);
            case "zset" -> assertEquals(scored(keel, key), scored(redis, key), key);
            case "stream" -> compareStream(keel, redis, key);
            default -> throw new AssertionError(key + ": unexpected type " + type);
        }
    }

    private static void compareHash(Store keel, Store redis, String key, boolean fieldExpiry) {
        Map<Object, Object> fields = pairs(plain(keel.execute(argv("HGETALL", key))));
        assertEquals(fields, pairs(plain(redis.execute(argv("HGETALL", key)))), key);
        if (fieldExpiry) {
            List<String> command = new ArrayList<>(List.of("HPEXPIRETIME", key, "FIELDS", Integer.toString(fields.size())));
            fields.keySet().forEach(field -> command.add((String) field));
            sameAnswer(keel, redis, command.toArray(String[]::new));
        }
    }

    /** ZRANGE WITHSCORES as member and score in order, the score as a number. */
    private static List<Object> scored(Store store, String key) {
        List<?> reply = (List<?>) plain(store.execute(argv("ZRANGE", key, "0", "-1", "WITHSCORES")));
        List<Object> scored = new ArrayList<>();
        for (int i = 0; i < reply.size(); i += 2) {
            double score = Double.parseDouble(((String) reply.get(i + 1)).replace("inf", "Infinity"));
            scored.add(reply.get(i) + " " + (score == 0 ? 0.0 : score));
        }
        return scored;
    }

    private static void compareStream(Store keel, Store redis, String key) {
        sameAnswer(keel, redis, "XRANGE", key, "-", "+");
        sameAnswer(keel, redis, "XINFO", "STREAM", key, "FULL", "COUNT", "0");
        for (Object group : (List<?>) plain(keel.execute(argv("XINFO", "GROUPS", key)))) {
            String name = (String) pairs(group).get("name");
            sameAnswer(keel, redis, "XPENDING", key, name);
            List<?> keelPending = (List<?>) plain(keel.execute(argv("XPENDING", key, name, "-", "+", "100000")));
            List<?> redisPending = (List<?>) plain(redis.execute(argv("XPENDING", key, name, "-", "+", "100000")));
            assertEquals(keelPending.size(), redisPending.size(), key + " " + name);
            for (int i = 0; i < keelPending.size(); i++) {
                List<?> ours = (List<?>) keelPending.get(i);
                List<?> theirs = (List<?>) redisPending.get(i);
                assertEquals(List.of(ours.get(0), ours.get(1), ours.get(3)), List.of(theirs.get(0), theirs.get(1), theirs.get(3)), key + " " + name);
                assertTrue(Math.abs((long) ours.get(2) - (long) theirs.get(2)) <= TOLERANCE_MILLIS, () -> key + " " + name + ": idle " + ours + " " + theirs);
            }
        }
    }

    private static void sameAnswer(Store keel, Store redis, String... command) {
        assertEquals(plain(keel.execute(argv(command))), plain(redis.execute(argv(command))), () -> String.join(" ", command));
    }

    /**
     * A reply as plain values: bulk strings as ISO-8859-1 text (one char a byte), integers as
     * longs, arrays and maps as lists; the value after a name in {@link #UNCOMPARED_FIELDS}
     * becomes that name.
     */
    private static Object plain(Reply reply) {
        return switch (reply) {
            case Reply.Bulk bulk -> new String(bulk.bytes(), StandardCharsets.ISO_8859_1);
            case Reply.Status status -> status.text();
            case Reply.Int integer -> integer.value();
            case Reply.Dbl dbl -> dbl.value();
            case Reply.Nil nil -> "(nil)";
            case Reply.Error error -> "(error) " + error.message();
            case Reply.Array array -> plainItems(array.items());
            case Reply.Map map -> plainItems(map.keysAndValues());
        };
    }

    private static List<Object> plainItems(List<Reply> items) {
        List<Object> plain = new ArrayList<>();
        for (Reply item : items) {
            Object value = plain(item);
            boolean uncompared = !plain.isEmpty() && plain.getLast() instanceof String name && UNCOMPARED_FIELDS.contains(name);
            plain.add(uncompared ? "(" + plain.getLast() + ")" : value);
        }
        return plain;
    }

    /** A flat list of names and values as a map, for comparing regardless of order. */
    private static Map<Object, Object> pairs(Object flat) {
        List<?> items = (List<?>) flat;
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    /** A command line of text in ISO-8859-1, as {@link #plain} decodes keys. */
    private static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return argv;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
