package dev.keel.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random command lines over a small key space, valid and invalid, for the differential test.
 * Expiry times are absolute and either long past or far in the future, so that two servers
 * answering a few microseconds apart still answer alike. DBSIZE is left out: it counts expired
 * keys not yet reclaimed, which depends on when each server's active expiry runs.
 *
 * <p>String and list commands share the one key space, so keys change type and the WRONGTYPE
 * paths run. List elements come mostly from a small pool, so that LREM, LPOS and LINSERT find
 * their pivots, and sometimes run to a few hundred bytes, so that lists outgrow one packed node.
 * Blocking commands are rare and carry a tiny timeout (or an invalid one), never 0: on an empty
 * key Redis answers nil only at its next timeout check, about 100 ms later. Half of them come right after a push to
 * the key they watch, so they mostly answer at once.
 *
 * <p>Hashes and sets live mostly under keys of their own ({@code h0..}, {@code s0..}) and now and
 * then meet the other types' keys, and the key commands (RENAME, COPY, DEL, ...) move them around.
 * Fields and members come mostly from a small pool, so that commands find them, and sometimes
 * from a few hundred names or run past 64 bytes, so that hashes and sets outgrow the packed
 * encoding and, emptied again, come back to it. Only Redis 7.0's commands are generated (no field
 * expiry). Commands whose answer Redis draws at random are generated only where the answer is
 * decided all the same (SPOP of every member, a count of 0, a refused count) or compared by
 * shape (SRANDMEMBER, HRANDFIELD, ZRANDMEMBER: see {@code DifferentialTest}); HSCAN, SSCAN and
 * ZSCAN only where they fail or the key is missing, since cursors are each server's own.
 *
 * <p>Sorted sets live under keys of their own ({@code z0..}) with scores from a small pool whose
 * text Redis 7.0 and 7.2 agree on (integers, halves, quarters, infinities), and members from a
 * small alphabet, so that ranges, ranks and the set algebra find them; Redis 7.0's sorted set
 * commands but the blocking ones. Lex ranges are generated only on the lex keys ({@code x0..}),
 * whose members all score 0: on mixed scores Redis leaves a lex range's answer undefined (its skip
 * list walk depends on random node levels). Nothing writes a score other than 0 into a lex key.
 *
 * <p>Streams live under keys of their own ({@code t0..}). Their IDs are explicit or {@code <ms>-*}
 * (never {@code *}, which reads the clock), taken from a counter that grows as the run goes, so
 * that most XADDs are accepted and now and then one is refused as not above the top. No trimming
 * with {@code ~} (Redis removes whole nodes of its own encoding) but where it is refused for its
 * LIMIT, no BLOCK, no XINFO STREAM FULL (delivery and seen times), no XREAD {@code +} (Redis 7.4).
 * Claims wait for no time: their min-idle-time is 0 or an hour, and an entry is an hour idle only
 * where XCLAIM IDLE made it so; idle times in replies are compared by shape (see
 * {@code DifferentialTest}).
 */
final class CommandGrammar {
    /** A fixed instant far in the future (2100-01-01), in milliseconds. */
    private static final long FUTURE_MILLIS = 4_102_444_800_000L;

    private static final String[] ELEMENTS = {"a", "b", "c", "", "1", "-1", "a".repeat(70), "b".repeat(300)};
    private static final String[] TIMEOUTS = {"0.001", "0.001", "0.001", "0.001", "0.002", "0.0001", "1e-5", "abc", "-1", "inf"};

    private final Random random;
    private final int keys;
    /** The milliseconds of the next stream IDs: grows as the run goes, so that most XADDs are accepted. */
    private long streamMs = 1;
    /** The key and group of the last XGROUP CREATE: half the stream commands go there, so that groups are found. */
    private String groupKey = "t0";
    private String groupName = "g0";
    /** Command lines decided earlier and to be returned next (a blocking command after its push). */
    private final ArrayDeque<List<String>> queued = new ArrayDeque<>();

    CommandGrammar(Random random, int keys) {
        this.random = random;
        this.keys = keys;
    }

    /**
     * A key for a string command: mostly from the upper half of the key space, sometimes any, so
     * that strings and lists meet often enough to test WRONGTYPE, and rarely enough to grow.
     */
    private String key() {
        return random.nextInt(8) == 0 ? "k" + random.nextInt(keys) : "k" + (keys / 2 + random.nextInt(keys - keys / 2));
    }

    /** A key for a list command: mostly from the lower half of the key space, sometimes any. */
    private String listKey() {
        return random.nextInt(5) == 0 ? "k" + random.nextInt(keys) : "k" + random.nextInt(Math.max(1, keys / 2));
    }

    private String value() {
        return switch (random.nextInt(10)) {
            case 0 -> Integer.toString(random.nextInt(100) - 50);
            case 1 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
            case 2 -> Long.toString(Long.MIN_VALUE + random.nextInt(3));
            case 3 -> "";
            case 4 -> random.nextInt(10) + "." + random.nextInt(100);
            case 5 -> "x".repeat(random.nextInt(60));
            case 6 -> "01";
            case 7 -> "1e3";
            case 8 -> "w".repeat(random.nextInt(400));
            default -> "v" + random.nextInt(1000);
        };
    }

    /** A list element: mostly from a small pool, so that searches match. */
    private String element() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> value();
            case 2 -> "é" + "z".repeat(random.nextInt(400));
            default -> ELEMENTS[random.nextInt(ELEMENTS.length)];
        };
    }

    /** A list index or count: mostly small, either sign; sometimes huge or not a number. */
    private String index() {
        return switch (random.nextInt(20)) {
            case 0 -> "abc";
            case 1 -> "9223372036854775807";
            case 2 -> "-9223372036854775808";
            case 3 -> Integer.toString(random.nextInt(1000) - 500);
            default -> Integer.toString(random.nextInt(24) - 12);
        };
    }

    private String direction() {
        return switch (random.nextInt(12)) {
            case 0 -> "UP";
            case 1 -> "left";
            default -> random.nextBoolean() ? "LEFT" : "RIGHT";
        };
    }

    private String number() {
        return switch (random.nextInt(8)) {
            case 0 -> "abc";
            case 1 -> "-" + random.nextInt(20);
            case 2 -> "9223372036854775807";
            case 3 -> "-9223372036854775808";
            case 4 -> "1.5";
            default -> Integer.toString(random.nextInt(20));
        };
    }

    /**
     * A relative expiry: long enough never to elapse during a test, or one that is refused or
     * expires at once; never a few milliseconds, which would make the answer depend on timing.
     */
    private String relativeAmount() {
        String[] choices = {"100000", "100000", "100000", "abc", "-5", "0", "1.5", "9223372036854775807", "-9223372036854775808"};
        return choices[random.nextInt(choices.length)];
    }

    private String floatText() {
        String[] choices = {"0.1", "-0.1", "1.5", "1e10", "-3", "abc", "inf", "-inf", "0x10", "5.0e3", " 1", "1 ", "", "nan", "1e-20"};
        return choices[random.nextInt(choices.length)];
    }

    private String expireAt(boolean millis) {
        long when = random.nextInt(4) == 0 ? 1_000 + random.nextInt(1_000) : FUTURE_MILLIS + random.nextInt(100_000) * 1_000L;
        return Long.toString(millis ? when : when / 1000);
    }

    /** Returns one random command line. */
    List<String> next() {
        if (!queued.isEmpty()) {
            return queued.poll();
        }
        int family = random.nextInt(100);
        if (family < 25) {
            return listCommand();
        } else if (family < 46) {
            return stringCommand();
        } else if (family < 60) {
            return hashCommand();
        } else if (family < 74) {
            return setCommand();
        } else if (family < 88) {
            return random.nextInt(4) == 0 ? lexCommand() : zsetCommand();
        }
        return streamCommand();
    }

    /** One string or keyspace command line. */
    private List<String> stringCommand() {
        List<String> argv = new ArrayList<>();
        String k = key();
        switch (random.nextInt(36)) {
            case 0, 1 -> argv.addAll(List.of("GET", k));
            case 2, 3 -> {
                argv.addAll(List.of("SET", k, value()));
                String[] options = {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT", "PXAT", "BOGUS"};
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    String option = options[random.nextInt(options.length)];
                    argv.add(option);
                    switch (option) {
                        case "EX", "PX" -> argv.add(relativeAmount());
                        case "EXAT" -> argv.add(expireAt(false));
                        case "PXAT" -> argv.add(expireAt(true));
                        default -> { }
                    }
                }
            }
            case 4 -> argv.addAll(List.of("SETNX", k, value()));
            case 5 -> argv.addAll(List.of(random.nextBoolean() ? "SETEX" : "PSETEX", k, relativeAmount(), value()));
            case 6 -> argv.addAll(List.of("GETSET", k, value()));
            case 7 -> argv.addAll(List.of("GETDEL", k));
            case 8 -> {
                argv.addAll(List.of("GETEX", k));
                switch (random.nextInt(5)) {
                    case 0 -> argv.add("PERSIST");
                    case 1 -> argv.addAll(List.of("PXAT", expireAt(true)));
                    case 2 -> argv.addAll(List.of("EXAT", expireAt(false)));
                    case 3 -> argv.addAll(List.of("EX", relativeAmount(), "PERSIST"));
                    default -> { }
                }
            }
            case 9 -> argv.addAll(List.of("MGET", k, key(), key()));
            case 10 -> {
                argv.add(random.nextBoolean() ? "MSET" : "MSETNX");
                int pairs = 1 + random.nextInt(3);
                for (int i = 0; i < pairs; i++) {
                    argv.add(key());
                    argv.add(value());
                }
                if (random.nextInt(6) == 0) {
                    argv.add(key());
                }
            }
            case 11, 12 -> argv.addAll(List.of("INCR", k));
            case 13 -> argv.addAll(List.of("DECR", k));
            case 14 -> argv.addAll(List.of(random.nextBoolean() ? "INCRBY" : "DECRBY", k, number()));
            case 15 -> argv.addAll(List.of("INCRBYFLOAT", k, floatText()));
            case 16 -> argv.addAll(List.of("APPEND", k, value()));
            case 17 -> argv.addAll(List.of("STRLEN", k));
            case 18 -> argv.addAll(List.of("GETRANGE", k, Integer.toString(random.nextInt(30) - 15),
                    Integer.toString(random.nextInt(30) - 15)));
            case 19 -> argv.addAll(List.of("SETRANGE", k, random.nextInt(5) == 0 ? number() : Integer.toString(random.nextInt(20)), value()));
            case 20 -> argv.addAll(List.of(random.nextBoolean() ? "DEL" : "UNLINK", k, key()));
            case 21 -> argv.addAll(List.of("EXISTS", k, key(), k));
            case 22 -> argv.addAll(List.of("TYPE", k));
            case 23 -> argv.addAll(List.of("TOUCH", k, key()));
            case 24 -> {
                boolean millis = random.nextBoolean();
                argv.addAll(List.of(millis ? "PEXPIREAT" : "EXPIREAT", k, expireAt(millis)));
                String[] conditions = {"NX", "XX", "GT", "LT", "FOO"};
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    argv.add(conditions[random.nextInt(conditions.length)]);
                }
            }
            case 25 -> argv.addAll(List.of(random.nextBoolean() ? "EXPIRETIME" : "PEXPIRETIME", k));
            case 26 -> argv.addAll(List.of("PERSIST", k));
            case 27 -> argv.addAll(List.of(random.nextBoolean() ? "RENAME" : "RENAMENX", k, key()));
            case 28 -> {
                argv.addAll(List.of("COPY", k, key()));
                if (random.nextBoolean()) {
                    argv.add("REPLACE");
                }
            }
            case 29 -> argv.addAll(List.of("KEYS", random.nextBoolean() ? "*" : "k[0-2]*"));
            case 30 -> argv.addAll(List.of("EXISTS", k));
            case 31 -> argv.addAll(List.of("OBJECT", "ENCODING", k));
            case 32 -> argv.addAll(List.of(random.nextBoolean() ? "EXPIRE" : "PEXPIRE", k, relativeAmount()));
            case 33 -> argv.addAll(List.of(random.nextBoolean() ? "GET" : "INCRBY", k, "extra", "args"));
            case 34 -> argv.addAll(List.of("NOSUCHCOMMAND", k));
            default -> argv.addAll(List.of("ECHO", value()));
        }
        return argv;
    }

    /** One list command line; a blocking one may be queued behind a push to its key. */
    private List<String> listCommand() {
        List<String> argv = new ArrayList<>();
        String k = listKey();
        switch (random.nextInt(40)) {
            case 0, 1, 2, 3, 4 -> {
                String[] pushes = {"LPUSH", "RPUSH", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX"};
                argv.addAll(List.of(pushes[random.nextInt(pushes.length)], k));
                int count = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 4);
                for (int i = 0; i < count; i++) {
                    argv.add(element());
                }
            }
            case 5, 6 -> argv.addAll(List.of(random.nextBoolean() ? "LPOP" : "RPOP", k));
            case 7 -> {
                argv.addAll(List.of(random.nextBoolean() ? "LPOP" : "RPOP", k, index()));
                if (random.nextInt(10) == 0) {
                    argv.add("1");
                }
            }
            case 8 -> argv.addAll(List.of("LLEN", k));
            case 9, 10 -> argv.addAll(List.of("LINDEX", k, index()));
            case 11, 12 -> argv.addAll(List.of("LSET", k, index(), element()));
            case 13, 14, 15 -> argv.addAll(List.of("LRANGE", k, index(), index()));
            case 16, 17 -> {
                String[] where = {"BEFORE", "AFTER", "after", "MIDDLE"};
                argv.addAll(List.of("LINSERT", k, where[random.nextInt(random.nextInt(10) == 0 ? 4 : 3)], element(), element()));
            }
            case 18, 19 -> argv.addAll(List.of("LREM", k, index(), element()));
            case 20 -> argv.addAll(List.of("LTRIM", k, index(), index()));
            case 21, 22 -> {
                argv.addAll(List.of("LPOS", k, element()));
                String[] options = {"RANK", "COUNT", "MAXLEN", "RANK", "COUNT", "MAXLEN", "BOGUS"};
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    String option = options[random.nextInt(options.length)];
                    argv.add(option);
                    if (random.nextInt(30) != 0) {
                        argv.add(random.nextInt(4) == 0 ? index() : Integer.toString(random.nextInt(7) - (option.equals("RANK") ? 3 : 0)));
                    }
                }
            }
            case 23, 24 -> argv.addAll(List.of("LMOVE", k, listKey(), direction(), direction()));
            case 25 -> argv.addAll(List.of("RPOPLPUSH", k, listKey()));
            case 26, 27 -> {
                argv.add("LMPOP");
                addMultiPop(argv);
            }
            case 28, 29 -> {
                switch (random.nextInt(7)) {
                    case 0 -> argv.addAll(List.of("COPY", k, listKey(), "REPLACE"));
                    case 1 -> argv.addAll(List.of("RENAME", k, listKey()));
                    case 2 -> argv.addAll(List.of("OBJECT", "ENCODING", k));
                    case 3 -> argv.addAll(List.of("PEXPIREAT", k, expireAt(true)));
                    case 4 -> argv.addAll(List.of("DEL", k));
                    case 5 -> argv.addAll(List.of("TYPE", k));
                    default -> argv.addAll(List.of("GETDEL", k)); // clears a string off a list key
                }
            }
            case 30 -> argv.addAll(List.of(random.nextBoolean() ? "LPOS" : "LINSERT", k));
            case 31, 32 -> {
                List<String> blocking = blockingCommand(k);
                if (random.nextBoolean()) {
                    queued.add(blocking);
                    argv.addAll(List.of(random.nextBoolean() ? "LPUSH" : "RPUSH", k, element(), element()));
                } else {
                    argv.addAll(blocking);
                }
            }
            case 39 -> argv.addAll(List.of("LRANGE", k, "0", "-1"));
            default -> argv.addAll(List.of("RPUSH", k, element()));
        }
        return argv;
    }

    /** Adds {@code numkeys key [key ...] LEFT|RIGHT [COUNT count]}, sometimes malformed. */
    private void addMultiPop(List<String> argv) {
        int numkeys = 1 + random.nextInt(3);
        argv.add(random.nextInt(15) == 0 ? index() : Integer.toString(numkeys));
        for (int i = 0; i < numkeys; i++) {
            argv.add(listKey());
        }
        argv.add(direction());
        switch (random.nextInt(6)) {
            case 0, 1 -> argv.addAll(List.of("COUNT", Integer.toString(1 + random.nextInt(5))));
            case 2 -> argv.addAll(List.of("COUNT", index()));
            case 3 -> argv.add(random.nextBoolean() ? "COUNT" : listKey());
            default -> { }
        }
    }

    /** A blocking command on key {@code k} (and perhaps others), with a tiny or invalid timeout. */
    private List<String> blockingCommand(String k) {
        List<String> argv = new ArrayList<>();
        String timeout = TIMEOUTS[random.nextInt(TIMEOUTS.length)];
        switch (random.nextInt(5)) {
            case 0 -> argv.addAll(List.of("BLPOP", k, timeout));
            case 1 -> argv.addAll(List.of("BRPOP", k, listKey(), timeout));
            case 2 -> argv.addAll(List.of("BLMOVE", k, listKey(), direction(), direction(), timeout));
            case 3 -> argv.addAll(List.of("BRPOPLPUSH", k, listKey(), timeout));
            default -> {
                argv.addAll(List.of("BLMPOP", timeout, "1", k));
                argv.add(direction());
                if (random.nextBoolean()) {
                    argv.addAll(List.of("COUNT", Integer.toString(1 + random.nextInt(3))));
                }
            }
        }
        return argv;
    }

    // ------------------------------------------------------------------ hashes and sets

    /** A key for a hash command: mostly one of the hash keys, sometimes any key of any type. */
    private String hashKey() {
        return random.nextInt(16) == 0 ? anyKey() : "h" + random.nextInt(Math.max(1, keys / 2));
    }

    /** A key for a set command: mostly one of the set keys, sometimes any key of any type. */
    private String setKey() {
        return random.nextInt(16) == 0 ? anyKey() : "s" + random.nextInt(Math.max(1, keys / 2));
    }

    /** Any key of the key space: a string or list key, a hash key, a set key or, rarely, a stream key. */
    private String anyKey() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> "k" + random.nextInt(keys);
            case 3, 4, 5 -> "h" + random.nextInt(Math.max(1, keys / 2));
            case 6, 7, 8 -> "s" + random.nextInt(Math.max(1, keys / 2));
            default -> "t" + random.nextInt(Math.max(1, keys / 2));
        };
    }

    private static final String[] POOL = {"a", "b", "c", "", "1", "2", "10", "-1", "x".repeat(64)};

    /**
     * A hash field or set member: mostly from a small pool, sometimes one of a few hundred names
     * (so that hashes and sets grow past the packed limits), an integer, or any value (past 64
     * bytes now and then).
     */
    private String member() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> "m" + random.nextInt(700);
            case 3 -> Integer.toString(random.nextInt(2001) - 1000);
            case 4 -> value();
            default -> POOL[random.nextInt(POOL.length)];
        };
    }

    /** Adds members (or fields): usually a few and sometimes, where {@code grow}, many. */
    private void addMembers(List<String> argv, boolean grow) {
        int count = grow && random.nextInt(4) == 0 ? 20 + random.nextInt(80) : 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            argv.add(member());
        }
    }

    /** A count for SRANDMEMBER or HRANDFIELD: small either sign, sometimes refused. */
    private String randomCount() {
        return switch (random.nextInt(12)) {
            case 0 -> "abc";
            case 1 -> "-9223372036854775808";
            case 2 -> "0";
            case 3 -> Integer.toString(400 + random.nextInt(200));
            default -> Integer.toString(random.nextInt(21) - 10);
        };
    }

    /** One hash command line. */
    private List<String> hashCommand() {
        List<String> argv = new ArrayList<>();
        String k = hashKey();
        switch (random.nextInt(32)) {
            case 0, 1, 2, 3, 4 -> {
                argv.addAll(List.of(random.nextInt(10) == 0 ? "HMSET" : "HSET", k));
                int pairs = random.nextInt(4) == 0 ? 10 + random.nextInt(120) : 1 + random.nextInt(3);
                for (int i = 0; i < pairs; i++) {
                    argv.add(member());
                    argv.add(value());
                }
                if (random.nextInt(15) == 0) {
                    argv.add(member());
                }
            }
            case 5 -> argv.addAll(List.of("HSETNX", k, member(), value()));
            case 6, 7 -> argv.addAll(List.of("HGET", k, member()));
            case 8 -> {
                argv.addAll(List.of("HMGET", k));
                addMembers(argv, false);
            }
            case 9, 10 -> argv.addAll(List.of("HGETALL", k));
            case 11 -> argv.addAll(List.of(random.nextBoolean() ? "HKEYS" : "HVALS", k));
            case 12 -> argv.addAll(List.of("HLEN", k));
            case 13 -> argv.addAll(List.of("HEXISTS", k, member()));
            case 14, 15, 16 -> {
                argv.addAll(List.of("HDEL", k));
                addMembers(argv, false);
            }
            case 17, 18 -> argv.addAll(List.of("HINCRBY", k, random.nextBoolean() ? "n" : member(), number()));
            case 19, 20 -> argv.addAll(List.of("HINCRBYFLOAT", k, random.nextBoolean() ? "f" : member(), floatText()));
            case 21 -> argv.addAll(List.of("HSTRLEN", k, member()));
            case 22, 23 -> {
                argv.addAll(List.of("HRANDFIELD", k));
                if (random.nextInt(4) != 0) {
                    argv.add(randomCount());
                    if (random.nextBoolean()) {
                        argv.add(random.nextInt(10) == 0 ? "WITHVALUE" : "WITHVALUES");
                    }
                }
            }
            case 24 -> argv.addAll(scanError("HSCAN", k));
            case 25 -> argv.addAll(List.of(random.nextBoolean() ? "HGET" : "HSET", k));
            default -> argv.addAll(keyCommand(k));
        }
        return argv;
    }

    /** One set command line. */
    private List<String> setCommand() {
        List<String> argv = new ArrayList<>();
        String k = setKey();
        switch (random.nextInt(33)) {
            case 0, 1, 2, 3, 4, 5 -> {
                argv.addAll(List.of("SADD", k));
                addMembers(argv, true);
            }
            case 6, 7, 8 -> {
                argv.addAll(List.of("SREM", k));
                addMembers(argv, false);
            }
            case 9 -> argv.addAll(List.of("SISMEMBER", k, member()));
            case 10 -> {
                argv.addAll(List.of("SMISMEMBER", k));
                addMembers(argv, false);
            }
            case 11, 12 -> argv.addAll(List.of("SMEMBERS", k));
            case 13 -> argv.addAll(List.of("SCARD", k));
            case 14 -> {
                String[] counts = {"1000", "1000", "0", "-1", "abc", "9223372036854775807"};
                argv.addAll(List.of("SPOP", k, counts[random.nextInt(counts.length)]));
            }
            case 15, 16 -> {
                argv.addAll(List.of("SRANDMEMBER", k));
                if (random.nextInt(4) != 0) {
                    argv.add(randomCount());
                }
            }
            case 17, 18 -> argv.addAll(List.of("SMOVE", k, setKey(), member()));
            case 19, 20, 21 -> {
                String[] algebra = {"SINTER", "SUNION", "SDIFF"};
                argv.add(algebra[random.nextInt(algebra.length)]);
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    argv.add(i == 0 ? k : setKey());
                }
            }
            case 22, 23 -> {
                String[] store = {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"};
                argv.addAll(List.of(store[random.nextInt(store.length)], random.nextInt(10) == 0 ? anyKey() : setKey()));
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    argv.add(setKey());
                }
            }
            case 24, 25 -> {
                int numkeys = 1 + random.nextInt(3);
                argv.addAll(List.of("SINTERCARD", random.nextInt(12) == 0 ? index() : Integer.toString(numkeys)));
                for (int i = 0; i < numkeys; i++) {
                    argv.add(setKey());
                }
                switch (random.nextInt(6)) {
                    case 0, 1 -> argv.addAll(List.of("LIMIT", Integer.toString(random.nextInt(5))));
                    case 2 -> argv.addAll(List.of("LIMIT", index()));
                    case 3 -> argv.add(random.nextBoolean() ? "LIMIT" : setKey());
                    default -> { }
                }
            }
            case 26 -> argv.addAll(scanError("SSCAN", k));
            case 27 -> argv.addAll(List.of(random.nextBoolean() ? "SADD" : "SISMEMBER", k));
            default -> argv.addAll(keyCommand(k));
        }
        return argv;
    }

    /**
     * An HSCAN or SSCAN whose answer does not depend on cursors: a malformed cursor or COUNT, or
     * an unknown option (refused on an existing key, ignored on a missing one).
     */
    private List<String> scanError(String command, String k) {
        return switch (random.nextInt(4)) {
            case 0 -> List.of(command, k, random.nextBoolean() ? "abc" : "-");
            case 1 -> List.of(command, k, "0", "COUNT", random.nextBoolean() ? "0" : "-3");
            case 2 -> List.of(command, k, "0", "COUNT", "x");
            default -> List.of(command, k, "0", "BOGUS");
        };
    }

    // ------------------------------------------------------------------ sorted sets

    private static final String[] ZMEMBERS = {"a", "b", "c", "d", "", "aa", "ab", "bé", "-", "+", "[a", "(b"};
    /** Scores whose text Redis 7.0 and 7.2 agree on, and whose sums and weighted sums keep agreeing. */
    private static final String[] SCORES = {"0", "1", "-1", "2", "3", "2.5", "-0.25", "0.5", "10", "-7", "100", "1e3", "inf",
            "-inf", "+inf"};
    /**
     * Weights: positive ones only. A zero or negative weight turns a score of 0 (or a negative
     * one) into -0, which Redis prints as "-0" from a computed reply but as "0" once stored
     * packed, so the answer would depend on the encoding (the contract tests pin -0 down).
     */
    private static final String[] WEIGHTS = {"1", "2", "0.5", "3", "inf", "abc"};

    /**
     * A key for a sorted set command: mostly one of the sorted set keys, sometimes any key of
     * another type (where a ZADD may start a sorted set); never a lex key.
     */
    private String zsetKey() {
        return random.nextInt(16) == 0 ? anyKey() : "z" + random.nextInt(Math.max(1, keys / 2));
    }

    /**
     * A lex key: sorted sets whose members all score 0, the only ones where Redis defines what a
     * lex range returns. Only {@link #lexCommand()} and the key commands on lex keys write them.
     */
    private String lexKey() {
        return "x" + random.nextInt(Math.max(1, keys / 2));
    }

    /** A sorted set member: mostly from a small pool, sometimes one of a few hundred names, now and then past 64 bytes. */
    private String zmember() {
        return switch (random.nextInt(12)) {
            case 0, 1 -> "m" + random.nextInt(300);
            case 2 -> random.nextInt(20) == 0 ? "y".repeat(65) : Integer.toString(random.nextInt(20));
            default -> ZMEMBERS[random.nextInt(ZMEMBERS.length)];
        };
    }

    /** A score or increment, now and then one Redis refuses. */
    private String score() {
        String[] refused = {"abc", "nan", "", "1e400", "(1"};
        return random.nextInt(30) == 0 ? refused[random.nextInt(refused.length)] : SCORES[random.nextInt(SCORES.length)];
    }

    /** A score range bound: a score, exclusive or not, or an infinity; now and then a malformed one. */
    private String scoreBound() {
        return switch (random.nextInt(20)) {
            case 0 -> random.nextBoolean() ? "abc" : "[1";
            case 1, 2 -> "-inf";
            case 3, 4 -> "+inf";
            default -> (random.nextInt(3) == 0 ? "(" : "") + SCORES[random.nextInt(SCORES.length - 3)];
        };
    }

    /** A lex range bound: open, inclusive or exclusive; now and then malformed. */
    private String lexBound() {
        return switch (random.nextInt(12)) {
            case 0 -> "a";
            case 1, 2 -> "-";
            case 3, 4 -> "+";
            default -> (random.nextBoolean() ? "[" : "(") + zmember();
        };
    }

    /** A rank: mostly near either end of a small sorted set, sometimes any list index. */
    private String rank() {
        return random.nextInt(4) == 0 ? index() : Integer.toString(random.nextInt(12) - 6);
    }

    /** Adds {@code score member} pairs: usually a few and sometimes, where {@code grow}, many; rarely one argument short. */
    private void addScoredMembers(List<String> argv, boolean lex, boolean grow) {
        boolean many = grow && random.nextInt(4) == 0;
        int count = many ? 30 + random.nextInt(130) : 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            argv.add(lex ? "0" : score());
            argv.add(many && random.nextInt(4) != 0 ? "m" + random.nextInt(300) : zmember());
        }
        if (random.nextInt(25) == 0) {
            argv.removeLast();
        }
    }

    /** Adds a LIMIT clause now and then, sometimes malformed. */
    private void addLimit(List<String> argv) {
        String[] offsets = {"0", "0", "1", "2", "-1", "5"};
        String[] counts = {"-1", "0", "1", "2", "5", "100", "abc"};
        switch (random.nextInt(5)) {
            case 0 -> argv.addAll(List.of("LIMIT", offsets[random.nextInt(offsets.length)], counts[random.nextInt(counts.length)]));
            case 1 -> {
                if (random.nextInt(8) == 0) {
                    argv.add("LIMIT");
                }
            }
            default -> { }
        }
    }

    /** Adds {@code numkeys key [key ...]}, sometimes with a miscounted numkeys, from {@code source}. */
    private void addSourceKeys(List<String> argv, Supplier<String> source) {
        int numkeys = 1 + random.nextInt(3);
        argv.add(random.nextInt(15) == 0 ? index() : Integer.toString(numkeys));
        for (int i = 0; i < numkeys; i++) {
            argv.add(source.get());
        }
    }

    /** Adds WEIGHTS and AGGREGATE now and then to a ZUNION or ZINTER of {@code numkeys} keys. */
    private void addWeightsAndAggregate(List<String> argv, int numkeys) {
        if (random.nextInt(3) == 0) {
            argv.add("WEIGHTS");
            int count = random.nextInt(10) == 0 ? numkeys + 1 : numkeys;
            for (int i = 0; i < count; i++) {
                argv.add(WEIGHTS[random.nextInt(WEIGHTS.length)]);
            }
        }
        if (random.nextInt(3) == 0) {
            String[] aggregates = {"SUM", "MIN", "MAX", "max", "AVG"};
            argv.addAll(List.of("AGGREGATE", aggregates[random.nextInt(aggregates.length)]));
        }
    }

    /** One sorted set command line on the sorted set keys, whose members score anything. */
    private List<String> zsetCommand() {
        List<String> argv = new ArrayList<>();
        String k = zsetKey();
        switch (random.nextInt(48)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> {
                argv.addAll(List.of("ZADD", k));
                String[] options = {"NX", "XX", "GT", "LT", "CH", "INCR"};
                int count = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
                for (int i = 0; i < count; i++) {
                    argv.add(options[random.nextInt(options.length)]);
                }
                addScoredMembers(argv, false, !argv.contains("INCR"));
            }
            case 10, 11 -> argv.addAll(List.of("ZINCRBY", k, score(), zmember()));
            case 12, 13 -> {
                argv.addAll(List.of("ZREM", k));
                for (int i = random.nextInt(4); i >= 0; i--) {
                    argv.add(zmember());
                }
            }
            case 14 -> argv.addAll(random.nextBoolean() ? List.of("ZCARD", k) : List.of("ZSCORE", k, zmember()));
            case 15 -> argv.addAll(List.of("ZMSCORE", k, zmember(), zmember()));
            case 16, 17 -> argv.addAll(List.of(random.nextBoolean() ? "ZRANK" : "ZREVRANK", k, zmember()));
            case 18 -> argv.addAll(List.of("ZCOUNT", k, scoreBound(), scoreBound()));
            case 19, 20, 21, 22 -> {
                argv.addAll(List.of(random.nextInt(4) == 0 ? "ZREVRANGE" : "ZRANGE", k, rank(), rank()));
                if (argv.get(0).equals("ZRANGE") && random.nextInt(3) == 0) {
                    argv.add("REV");
                }
                if (random.nextBoolean()) {
                    argv.add("WITHSCORES");
                }
                if (random.nextInt(15) == 0) {
                    argv.addAll(List.of("LIMIT", "0", "1"));
                }
            }
            case 23, 24, 25, 26 -> {
                boolean rev = random.nextBoolean();
                switch (random.nextInt(3)) {
                    case 0 -> argv.addAll(List.of("ZRANGE", k, scoreBound(), scoreBound(), "BYSCORE"));
                    case 1 -> argv.addAll(List.of("ZRANGEBYSCORE", k, scoreBound(), scoreBound()));
                    default -> argv.addAll(List.of("ZREVRANGEBYSCORE", k, scoreBound(), scoreBound()));
                }
                if (rev && argv.get(0).equals("ZRANGE")) {
                    argv.add("REV");
                }
                addLimit(argv);
                if (random.nextBoolean()) {
                    argv.add(random.nextInt(10) == 0 ? "WITHSCORE" : "WITHSCORES");
                }
            }
            case 27 -> argv.addAll(List.of("ZRANGE", k, "-", "+", "BYLEX", random.nextBoolean() ? "WITHSCORES" : "BYSCORE"));
            case 28 -> {
                argv.addAll(List.of("ZRANGESTORE", random.nextInt(6) == 0 ? anyKey() : zsetKey(), k));
                if (random.nextBoolean()) {
                    argv.addAll(List.of(rank(), rank()));
                } else {
                    argv.addAll(List.of(scoreBound(), scoreBound(), "BYSCORE"));
                    addLimit(argv);
                }
                if (random.nextInt(3) == 0) {
                    argv.add("REV");
                }
            }
            case 29 -> argv.addAll(List.of("ZREMRANGEBYRANK", k, rank(), rank()));
            case 30 -> argv.addAll(List.of("ZREMRANGEBYSCORE", k, scoreBound(), scoreBound()));
            case 31 -> {
                argv.addAll(List.of(random.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", k));
                if (random.nextBoolean()) {
                    argv.add(random.nextInt(6) == 0 ? index() : Integer.toString(random.nextInt(4)));
                }
            }
            case 32 -> {
                argv.add("ZMPOP");
                addSourceKeys(argv, this::zsetKey);
                argv.add(random.nextInt(12) == 0 ? "LEFT" : random.nextBoolean() ? "MIN" : "MAX");
                if (random.nextBoolean()) {
                    argv.addAll(List.of("COUNT", random.nextInt(6) == 0 ? index() : Integer.toString(1 + random.nextInt(5))));
                }
            }
            case 33, 34 -> {
                argv.addAll(List.of("ZRANDMEMBER", k));
                if (random.nextInt(4) != 0) {
                    argv.add(randomCount());
                    if (random.nextBoolean()) {
                        argv.add(random.nextInt(10) == 0 ? "WITHSCORE" : "WITHSCORES");
                    }
                }
            }
            case 35, 36, 37 -> {
                String command = List.of("ZUNION", "ZINTER", "ZDIFF").get(random.nextInt(3));
                argv.add(command);
                addSourceKeys(argv, () -> random.nextInt(5) == 0 ? setKey() : zsetKey());
                if (!command.equals("ZDIFF") || random.nextInt(10) == 0) {
                    addWeightsAndAggregate(argv, argv.size() - 2);
                }
                if (random.nextBoolean()) {
                    argv.add("WITHSCORES");
                }
            }
            case 38 -> {
                String command = List.of("ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE").get(random.nextInt(3));
                argv.addAll(List.of(command, random.nextInt(6) == 0 ? anyKey() : zsetKey()));
                addSourceKeys(argv, () -> random.nextInt(5) == 0 ? setKey() : zsetKey());
                if (!command.equals("ZDIFFSTORE")) {
                    addWeightsAndAggregate(argv, argv.size() - 3);
                }
            }
            case 39 -> {
                argv.add("ZINTERCARD");
                addSourceKeys(argv, () -> random.nextInt(5) == 0 ? setKey() : zsetKey());
                if (random.nextBoolean()) {
                    argv.addAll(List.of("LIMIT", random.nextInt(5) == 0 ? index() : Integer.toString(random.nextInt(4))));
                }
            }
            case 40 -> argv.addAll(scanError("ZSCAN", k));
            default -> argv.addAll(keyCommand(k));
        }
        return argv;
    }

    /** One sorted set command line on the lex keys: every member written with score 0, ranges by member. */
    private List<String> lexCommand() {
        List<String> argv = new ArrayList<>();
        String k = lexKey();
        switch (random.nextInt(24)) {
            case 0, 1, 2, 3, 4 -> {
                argv.addAll(List.of("ZADD", k));
                if (random.nextInt(4) == 0) {
                    String[] options = {"NX", "XX", "GT", "LT", "CH"};
                    argv.add(options[random.nextInt(options.length)]);
                }
                addScoredMembers(argv, true, true);
            }
            case 5, 6 -> argv.addAll(List.of("ZREM", k, zmember(), zmember()));
            case 7, 8 -> argv.addAll(List.of("ZLEXCOUNT", k, lexBound(), lexBound()));
            case 9, 10, 11 -> {
                switch (random.nextInt(3)) {
                    case 0 -> argv.addAll(List.of("ZRANGEBYLEX", k, lexBound(), lexBound()));
                    case 1 -> argv.addAll(List.of("ZREVRANGEBYLEX", k, lexBound(), lexBound()));
                    default -> {
                        argv.addAll(List.of("ZRANGE", k, lexBound(), lexBound(), "BYLEX"));
                        if (random.nextBoolean()) {
                            argv.add("REV");
                        }
                    }
                }
                addLimit(argv);
            }
            case 12 -> argv.addAll(List.of("ZREMRANGEBYLEX", k, lexBound(), lexBound()));
            case 13, 14 -> {
                argv.addAll(List.of("ZRANGESTORE", lexKey(), k, lexBound(), lexBound(), "BYLEX"));
                if (random.nextBoolean()) {
                    argv.add("REV");
                }
                addLimit(argv);
            }
            case 15 -> argv.addAll(List.of("ZRANGE", k, "0", "-1", "WITHSCORES"));
            case 16 -> {
                argv.addAll(List.of(List.of("ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE").get(random.nextInt(3)), lexKey()));
                addSourceKeys(argv, this::lexKey);
            }
            case 17 -> argv.addAll(List.of(random.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", k, Integer.toString(random.nextInt(3))));
            default -> argv.addAll(keyCommand(k));
        }
        return argv;
    }

    // ------------------------------------------------------------------ streams

    private static final String[] STREAM_FIELDS = {"f", "g", "h", ""};
    private static final String[] MALFORMED_IDS = {"abc", "1-x", "-1", "", "1-2-3", "$"};
    private static final String[] GROUPS = {"g0", "g0", "g0", "g1"};
    private static final String[] CONSUMERS = {"c0", "c1", "c2"};
    /** A min-idle-time: none, or an hour, which only entries made idle with {@code XCLAIM ... IDLE} have reached. */
    private static final String[] MIN_IDLE = {"0", "0", "0", "3600000", "3600000", "abc"};

    /** A key for a stream command: mostly one of the stream keys, sometimes any key of another type. */
    private String streamKey() {
        return random.nextInt(16) == 0 ? anyKey() : "t" + random.nextInt(Math.max(1, keys / 2));
    }

    /** An ID for XADD: mostly above every ID so far ({@code <ms>-*} now and then), sometimes below, 0-0 or malformed. */
    private String addId() {
        return switch (random.nextInt(24)) {
            case 0, 1 -> Math.max(0, streamMs - random.nextInt(4)) + "-" + random.nextInt(3);
            case 2 -> random.nextBoolean() ? "0-0" : "0";
            case 3 -> MALFORMED_IDS[random.nextInt(MALFORMED_IDS.length)];
            case 4, 5, 6 -> (streamMs += random.nextInt(2)) + "-*";
            default -> (streamMs += 1 + random.nextInt(2)) + "-" + random.nextInt(3);
        };
    }

    /** An ID near the recent ones: complete, or just the milliseconds. */
    private String streamId() {
        long ms = Math.max(0, streamMs - random.nextInt(16));
        return random.nextInt(5) == 0 ? Long.toString(ms) : ms + "-" + random.nextInt(3);
    }

    /** A range bound for XRANGE, XPENDING or XAUTOCLAIM: an ID, exclusive or not, an open end, now and then malformed. */
    private String rangeBound(String open) {
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> open;
            case 3, 4 -> "(" + streamId();
            case 5 -> random.nextBoolean() ? MALFORMED_IDS[random.nextInt(MALFORMED_IDS.length)] : "(0-0";
            default -> streamId();
        };
    }

    /** A small count, now and then zero, negative or not a number. */
    private String streamCount() {
        String[] odd = {"0", "-1", "abc"};
        return random.nextInt(10) == 0 ? odd[random.nextInt(odd.length)] : Integer.toString(1 + random.nextInt(4));
    }

    /** Adds field-value pairs: one to three, now and then one argument short. */
    private void addStreamFields(List<String> argv) {
        int pairs = 1 + random.nextInt(3);
        for (int i = 0; i < pairs; i++) {
            argv.add(STREAM_FIELDS[random.nextInt(STREAM_FIELDS.length)]);
            argv.add(value());
        }
        if (random.nextInt(25) == 0) {
            argv.removeLast();
        }
    }

    /** Adds an exact MAXLEN or MINID trim, or one Redis refuses; never an approximate one it would carry out. */
    private void addTrim(List<String> argv) {
        switch (random.nextInt(12)) {
            case 0 -> argv.addAll(List.of("MAXLEN", "~", "2", "LIMIT", random.nextBoolean() ? "-1" : "abc"));
            case 1 -> argv.addAll(List.of("MAXLEN", "2", "LIMIT", "5"));
            case 2 -> argv.addAll(List.of("MAXLEN", random.nextBoolean() ? "-1" : "abc"));
            case 3 -> argv.addAll(List.of("MAXLEN", "1", "MINID", streamId()));
            case 4, 5, 6 -> {
                argv.add("MINID");
                if (random.nextBoolean()) {
                    argv.add("=");
                }
                argv.add(streamId());
            }
            default -> {
                argv.add("MAXLEN");
                if (random.nextBoolean()) {
                    argv.add("=");
                }
                argv.add(Integer.toString(random.nextInt(8)));
            }
        }
    }

    /**
     * One stream command line: explicit IDs, no BLOCK, claims that wait for no time. Half of them
     * go to the key and group last created, a group created is now and then read at once, and a
     * group read now and then has its pending entries listed, claimed or acknowledged next, so
     * that those commands find something to work on.
     */
    private List<String> streamCommand() {
        List<String> argv = new ArrayList<>();
        boolean lastGroup = random.nextBoolean();
        String k = lastGroup ? groupKey : streamKey();
        String group = lastGroup ? groupName : GROUPS[random.nextInt(GROUPS.length)];
        String consumer = CONSUMERS[random.nextInt(CONSUMERS.length)];
        switch (random.nextInt(50)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> {
                argv.addAll(List.of("XADD", k));
                if (random.nextInt(8) == 0) {
                    argv.add("NOMKSTREAM");
                }
                if (random.nextInt(5) == 0) {
                    addTrim(argv);
                }
                argv.add(addId());
                addStreamFields(argv);
            }
            case 10 -> argv.addAll(List.of("XLEN", k));
            case 11, 12, 13 -> {
                boolean reverse = random.nextBoolean();
                argv.addAll(List.of(reverse ? "XREVRANGE" : "XRANGE", k, rangeBound(reverse ? "+" : "-"), rangeBound(reverse ? "-" : "+")));
                if (random.nextBoolean()) {
                    argv.addAll(List.of("COUNT", streamCount()));
                }
            }
            case 14, 15 -> {
                argv.addAll(List.of("XDEL", k));
                addStreamIds(argv, 3);
            }
            case 16 -> {
                argv.addAll(List.of("XTRIM", k));
                addTrim(argv);
            }
            case 17, 18 -> argv.addAll(xread(k));
            case 19, 20, 21, 22 -> {
                String[] starts = {"0", "$", "0", streamId()};
                argv.addAll(List.of("XGROUP", "CREATE", k, group, random.nextInt(20) == 0 ? "abc" : starts[random.nextInt(starts.length)]));
                if (random.nextInt(3) != 0) {
                    argv.add("MKSTREAM");
                }
                if (random.nextInt(5) == 0) {
                    argv.addAll(List.of("ENTRIESREAD", Integer.toString(random.nextInt(6) - 1)));
                }
                groupKey = k;
                groupName = group;
                if (random.nextBoolean()) {
                    queued.add(xreadgroup(k, group, consumer));
                }
            }
            case 23 -> {
                argv.addAll(List.of("XGROUP", "SETID", k, group, random.nextBoolean() ? "$" : streamId()));
                if (random.nextInt(3) == 0) {
                    argv.addAll(List.of("ENTRIESREAD", Integer.toString(random.nextInt(6) - 1)));
                }
            }
            case 24 -> argv.addAll(random.nextBoolean() ? List.of("XGROUP", "DESTROY", k, group)
                    : List.of("XGROUP", "CREATECONSUMER", k, group, consumer));
            case 25 -> argv.addAll(List.of("XGROUP", random.nextBoolean() ? "CREATECONSUMER" : "DELCONSUMER", k, group, consumer));
            case 26, 27, 28, 29, 30, 31 -> {
                argv.addAll(xreadgroup(k, group, consumer));
                if (random.nextInt(3) == 0) {
                    String other = CONSUMERS[random.nextInt(CONSUMERS.length)];
                    queued.add(switch (random.nextInt(4)) {
                        case 0 -> xpending(k, group, other);
                        case 1 -> xclaim(k, group, other);
                        case 2 -> xautoclaim(k, group, other);
                        default -> xack(k, group);
                    });
                }
            }
            case 32, 33, 34 -> argv.addAll(xack(k, group));
            case 35, 36 -> argv.addAll(List.of("XPENDING", k, group));
            case 37, 38 -> argv.addAll(xpending(k, group, consumer));
            case 39, 40, 41 -> argv.addAll(xclaim(k, group, consumer));
            case 42, 43 -> argv.addAll(xautoclaim(k, group, consumer));
            case 44, 45 -> argv.addAll(switch (random.nextInt(3)) {
                case 0 -> List.of("XINFO", "STREAM", k);
                case 1 -> List.of("XINFO", "GROUPS", k);
                default -> List.of("XINFO", "CONSUMERS", k, group);
            });
            case 46 -> {
                argv.addAll(List.of("XSETID", k, random.nextInt(4) == 0 ? streamId() : Long.toString(streamMs + 1)));
                if (random.nextBoolean()) {
                    argv.addAll(List.of("ENTRIESADDED", Integer.toString(random.nextInt(40))));
                }
                if (random.nextInt(3) == 0) {
                    argv.addAll(List.of("MAXDELETEDID", streamId()));
                }
            }
            case 47 -> argv.addAll(random.nextInt(3) == 0 ? List.of("DEL", k) : List.of("XLEN", k)); // DEL clears another type off
            case 48 -> argv.addAll(List.of("XREAD", "STREAMS", k, "0"));
            default -> argv.addAll(keyCommand(k));
        }
        return argv;
    }

    /** Adds one to {@code most} IDs near the recent ones, now and then a malformed one. */
    private void addStreamIds(List<String> argv, int most) {
        int count = 1 + random.nextInt(most);
        for (int i = 0; i < count; i++) {
            argv.add(random.nextInt(30) == 0 ? "abc" : streamId());
        }
    }

    /** XREAD of {@code k} and perhaps another stream, after an ID, {@code $} (nothing, without BLOCK) or a refused one. */
    private List<String> xread(String k) {
        List<String> argv = new ArrayList<>(List.of("XREAD"));
        if (random.nextBoolean()) {
            argv.addAll(List.of("COUNT", streamCount()));
        }
        String second = random.nextInt(3) == 0 ? streamKey() : null;
        argv.addAll(second == null ? List.of("STREAMS", k) : List.of("STREAMS", k, second));
        for (int i = second == null ? 1 : 2; i > 0; i--) {
            argv.add(switch (random.nextInt(6)) {
                case 0 -> "0";
                case 1 -> "$";
                case 2 -> random.nextBoolean() ? ">" : "abc";
                default -> streamId();
            });
        }
        return argv;
    }

    /** XREADGROUP of new entries ({@code >}) mostly, or of the consumer's history. */
    private List<String> xreadgroup(String k, String group, String consumer) {
        List<String> argv = new ArrayList<>(List.of("XREADGROUP", "GROUP", group, consumer));
        if (random.nextBoolean()) {
            argv.addAll(List.of("COUNT", streamCount()));
        }
        if (random.nextInt(6) == 0) {
            argv.add("NOACK");
        }
        String[] ids = {">", ">", ">", ">", ">", "0", "0", streamId(), streamId(), random.nextBoolean() ? "$" : "abc"};
        argv.addAll(List.of("STREAMS", k, ids[random.nextInt(ids.length)]));
        return argv;
    }

    /** XACK of one to three IDs near the recent ones. */
    private List<String> xack(String k, String group) {
        List<String> argv = new ArrayList<>(List.of("XACK", k, group));
        addStreamIds(argv, 3);
        return argv;
    }

    /** XPENDING's extended form, now and then with IDLE and for one consumer. */
    private List<String> xpending(String k, String group, String consumer) {
        List<String> argv = new ArrayList<>(List.of("XPENDING", k, group));
        if (random.nextInt(4) == 0) {
            argv.addAll(List.of("IDLE", MIN_IDLE[random.nextInt(MIN_IDLE.length)]));
        }
        argv.addAll(List.of(rangeBound("-"), rangeBound("+"), streamCount()));
        if (random.nextBoolean()) {
            argv.add(consumer);
        }
        return argv;
    }

    /** XCLAIM of one to six IDs near the recent ones with up to two options (IDLE makes an entry two hours idle, TIME sets it in 1970). */
    private List<String> xclaim(String k, String group, String consumer) {
        List<String> argv = new ArrayList<>(List.of("XCLAIM", k, group, consumer, MIN_IDLE[random.nextInt(MIN_IDLE.length)]));
        addStreamIds(argv, 6);
        String[] options = {"IDLE", "TIME", "RETRYCOUNT", "FORCE", "FORCE", "JUSTID", "LASTID", "BOGUS"};
        int optionCount = random.nextInt(3);
        for (int i = 0; i < optionCount; i++) {
            String option = options[random.nextInt(options.length)];
            argv.add(option);
            switch (option) {
                case "IDLE" -> argv.add(random.nextBoolean() ? "7200000" : "0");
                case "TIME" -> argv.add("1000");
                case "RETRYCOUNT" -> argv.add(Integer.toString(random.nextInt(5)));
                case "LASTID" -> argv.add(streamId());
                default -> { }
            }
        }
        return argv;
    }

    /** XAUTOCLAIM from a range bound, now and then with COUNT and JUSTID. */
    private List<String> xautoclaim(String k, String group, String consumer) {
        List<String> argv = new ArrayList<>(List.of("XAUTOCLAIM", k, group, consumer, MIN_IDLE[random.nextInt(MIN_IDLE.length)],
                rangeBound("-")));
        if (random.nextBoolean()) {
            argv.addAll(List.of("COUNT", streamCount()));
        }
        if (random.nextInt(3) == 0) {
            argv.add("JUSTID");
        }
        return argv;
    }

    /**
     * A key command on a hash, set, sorted set or stream key: the key moves, is copied, expires, is deleted or read as
     * another type; now and then it is overwritten by another type or copied into another type's
     * key space.
     */
    private List<String> keyCommand(String k) {
        String family = k.substring(0, 1) + random.nextInt(Math.max(1, keys / 2));
        String destination = random.nextInt(4) == 0 ? anyKey() : family;
        return switch (random.nextInt(16)) {
            case 0, 1 -> List.of("DEL", k);
            case 2 -> List.of("TYPE", k);
            case 3, 4 -> List.of("OBJECT", "ENCODING", k);
            case 5 -> List.of("PEXPIREAT", k, expireAt(true));
            case 6 -> List.of("PERSIST", k);
            case 7 -> List.of("RENAME", k, destination);
            case 8, 9 -> random.nextBoolean() ? List.of("COPY", k, destination, "REPLACE") : List.of("COPY", k, destination);
            case 10 -> List.of("EXISTS", k, anyKey());
            case 11 -> List.of("GET", k);
            case 12 -> random.nextBoolean() ? List.of("LPUSH", k, element()) : List.of("SET", k, value());
            case 13 -> List.of("RENAMENX", k, destination);
            default -> List.of("KEYS", "[hstzx]*");
        };
    }
}
