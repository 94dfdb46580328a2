package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Keel;
import dev.keel.KeelInterruptedException;
import dev.keel.MemoryStats;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Throws seeded random command lines at {@link Store#execute(byte[]...)} and checks the standard
 * every command must meet, whatever its input: it returns a {@link Reply} (never throws); an
 * error reply is one line starting with an upper-case code word; a command answered with an
 * error changed nothing (TYPE, value or LRANGE, and PEXPIRETIME of every key, before and after);
 * the keyspace's invariants hold (checked every 64 commands); and after every FLUSHALL or FLUSHDB
 * the off-heap memory in use is exactly that of an empty store. After close, every call throws
 * IllegalStateException.
 *
 * <pre>
 * Generation
 *   The command name is drawn from the engine's command table (every command, in random case)
 *   or from a few unknown names. Half the calls are well shaped (options and numbers where the
 *   command expects them, then maybe one argument replaced, dropped or added); the others get
 *   an argument count that fits the arity most of the time and is random otherwise (0 to 8, now
 *   and then up to 68). Each argument is a key of a small key space (so keys exist, expire and
 *   hold strings, lists or sorted sets), an integer near 0 or a 64-bit or 32-bit limit, a
 *   malformed integer, a float (inf, nan, hexadecimal, huge exponents), a keyword of some
 *   command, a glob pattern, an empty or random binary string (NUL, 0xFF, CR, LF), a value of a
 *   size near the node and size-class limits, or now and then a 100 KB one; sorted set commands
 *   get score and lexicographic range bounds where they take them. The key space is refilled
 *   with strings, lists (up to 2,000 elements) and sorted sets (up to 400 members), some
 *   expiring, every 400 commands, and the manual clock moves so that keys expire.
 *
 * Blocking commands
 *   Their timeout argument is always replaced by an invalid one or a tiny one (a millisecond),
 *   never 0 and never a hair under 0 (which Redis reads as 0), so that no command waits long. A
 *   watchdog interrupts a command that runs for more than 20 s anyway, and the run fails.
 *
 * Reproducing
 *   A single-threaded run depends only on its seed and configuration (the replies do not steer
 *   generation); -Dkeel.fuzz.seed and -Dkeel.fuzz.commands run one seed again, and a failure
 *   prints the command line, its reply and the commands before it.
 * </pre>
 */
final class CommandFuzzer {

    /** A store configuration to fuzz. */
    record Config(String name, Thresholds thresholds, int stripes, long memoryLimit) {
        @Override
        public String toString() {
            return name + ", " + stripes + " stripe" + (stripes == 1 ? "" : "s")
                    + (memoryLimit > 0 ? ", limit " + memoryLimit : "");
        }
    }

    /**
     * What one run did.
     *
     * @param successes the number of non-error replies per command
     * @param errorKinds the number of error replies per error text (quoted input cut off)
     */
    record Result(long commands, long errors, long integrityChecks, long leakChecks, Map<String, Long> successes,
                  Map<String, Long> errorKinds) {
        @Override
        public String toString() {
            return commands + " commands, " + errors + " errors (" + errorKinds.size() + " kinds), " + integrityChecks
                    + " integrity checks, " + leakChecks + " leak checks";
        }
    }

    private static final Pattern ERROR_TEXT = Pattern.compile("[A-Z][A-Z_]*( [^\r\n]*)?");
    private static final int INTEGRITY_EVERY = 64;
    private static final int RESEED_EVERY = 400;
    private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(20);

    private static final List<String> BLOCKING = List.of("blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax",
            "bzmpop");

    private static final byte[][] KEYS = latin1All("k1", "k2", "k3", "L1", "L2", "s", "{t}x", "", "\u0000k\u00ff", "k\r\n");

    private static final byte[][] ELEMENTS = latin1All("a", "b", "c", "v", "1", "0", "-1", "1.5", "x y", "a");

    private static final byte[][] INTEGERS = latin1All(
            "0", "1", "2", "3", "4", "5", "7", "10", "16", "100", "1000", "-1", "-2", "-3", "-10", "-100",
            "9223372036854775807", "9223372036854775806", "-9223372036854775808", "-9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "99999999999999999999", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295",
            "4294967296", "536870912", "536870913", "9223372036854775", "9223372036854776", "-9223372036854775",
            "-9223372036854776", "9223372036854775000", "-0", "+1", "+0", " 1", "1 ", "01", "00", "-01", "1.0",
            "1e3", "0x10", "-", "+", "1-", "--1", "\u00001", "1\u0000");

    private static final byte[][] FLOATS = latin1All(
            "1.5", "-1.5", "0.1", "-0.1", "0.5", "1e3", "1E-3", "5e-324", "1e308", "1e309", "-1e309", "1e4932", "1e4933",
            "1.18973149535723176502e+4932", "1e-4950", "1e-5000", "3.6e-4951", "inf", "-inf", "+inf", "INF", "infinity",
            "-Infinity", "nan", "-nan", "NaN", "nan(1)", "0x1p3", "0x1p-3", "0x1.8p1", "0X1P16383", "0x1p16384", "0x1p-16445",
            "0x1p-16446", "0x.8", "0x", "0xp1", "0x1p", "1e", "e5", ".5", "5.", "-.5", "1e+5", "1e-5", "1e99999999999999999999",
            "1e-99999999999999999999", "0.001", "3.0e-3", "1.7976931348623157e308", "4.9e-324", " 1.5", "1.5 ", "1,5", "0.0",
            "-0.0", "1..5", "1e5.5", "12345678901234567890.123456789", "0.1e-4951", "9" + "9".repeat(400), "1" + "0".repeat(5200));

    private static final byte[][] GLOBS = latin1All(
            "*", "?", "k*", "*k*", "[a-z]*", "k[0-9]", "[^a]*", "[a-]", "[]]", "[\\]]", "[", "[[[[[", "]", "\\", "\\*", "*\\",
            "[z-a]", "[^]", "**", "***?", "*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?x", "[\u0000-\u00ff]*", "\u0000*", "*\r\n",
            "{t}*", "L?", "a*".repeat(1001), "*a".repeat(1001), "*".repeat(3000) + "x", "[".repeat(500) + "*",
            "\\".repeat(501), "?".repeat(40), "[a-\\", "[\\", "[^");

    private static final String[] KEYWORDS = {
        "NX", "XX", "GT", "LT", "EX", "PX", "EXAT", "PXAT", "KEEPTTL", "GET", "PERSIST", "REPLACE", "DB", "MATCH", "COUNT",
        "TYPE", "RANK", "MAXLEN", "LEFT", "RIGHT", "BEFORE", "AFTER", "ENCODING", "IDLETIME", "FREQ", "REFCOUNT", "HELP",
        "ASYNC", "SYNC", "string", "list", "hash", "set", "zset", "none", "ABSTTL", "IDLE", "WITHSCORES", "LIMIT", "STORE",
        "CH", "INCR", "BYSCORE", "BYLEX", "REV", "WITHSCORE", "WEIGHTS", "AGGREGATE", "SUM", "MIN", "MAX",
    };

    /** Score range bounds: numbers, exclusive ones, infinities, and malformed ones. */
    private static final byte[][] SCORE_BOUNDS = latin1All(
            "-inf", "+inf", "inf", "(1", "(0", "(-1.5", "(inf", "(-inf", "((1", "(", "", " 1", "1 ", "nan", "(nan", "1e400", "0x10",
            "[1", "-", "+", "1\u0000x");

    /** Lexicographic range bounds, valid and not. */
    private static final byte[][] LEX_BOUNDS = latin1All(
            "-", "+", "[a", "(a", "[b", "(c", "[", "(", "[v", "(x y", "a", "", "-x", "+x", "[\u0000", "(\u00ff", "+\u0000");

    /** Stream ID arguments: special ones, edges and malformed ones. */
    private static final byte[][] STREAM_IDS = latin1All(
            "0", "0-0", "0-1", "1", "1-0", "1-1", "5-0", "5-*", "0-*", "*", "$", ">", "+", "-", "(1", "(0-0", "(-", "(",
            "18446744073709551615-18446744073709551615", "18446744073709551615-*", "(18446744073709551615-18446744073709551615",
            "18446744073709551616", "1-2-3", "abc", "", " 1", "+1", "1-", "-1", "1--1", "1-*x", "1\u0000-5", "9999999999999-0");

    private static final byte[][] STREAM_GROUPS = latin1All("g1", "g2", "", "g\u0000x");

    private static final byte[][] STREAM_CONSUMERS = latin1All("c1", "c2", "", "c\r\n");

    private static final String[] UNKNOWN_COMMANDS = {
        "foo", "", "gett", "\u0000get", "get\r\n", "x".repeat(40), "lpush ", "GET\u0000", "lpushxx", "ge", "\u00ff",
    };

    private static final byte[][] INVALID_TIMEOUTS = latin1All(
            "-1", "-1.5", "-100", "-9223372036854775808", "abc", "", "inf", "-inf", "+inf", "nan", "1e400", "1e30",
            "9223372036854775807", "0x", " 1", "1 ", "1e-5000", "0x1p-20000", "--1", "0.001.");

    /** Valid, all a millisecond at most: no waits for 0 and nothing just under 0, which Redis reads as 0. */
    private static final byte[][] TINY_TIMEOUTS = latin1All("0.001", "0.0001", "1e-3", "0x1p-10", "+0.001", "0.0009");

    /** XREAD's and XREADGROUP's BLOCK milliseconds: tiny ones, never 0 (forever). */
    private static final byte[][] TINY_BLOCK_MILLIS = latin1All("1", "2");

    private static final byte[][] INVALID_BLOCK_MILLIS = latin1All("-1", "-0", "abc", "", "1.5", " 1", "01", "0x1",
            "9223372036854775808", "-9223372036854775808");

    private final Config config;
    private final long seed;
    private final Random random;
    private final List<CommandSpec> commands;
    private final Deque<String> history = new ArrayDeque<>();
    private final Map<String, Long> successes = new TreeMap<>();

    private final Map<String, Long> errorKinds = new TreeMap<>();
    private final ManualClock clock;
    private Store store;
    private long step;
    private long errors;
    private long integrityChecks;
    private long leakChecks;
    private MemoryStats empty;
    private volatile long commandStart;

    CommandFuzzer(Config config, long seed) {
        this(config, seed, new ManualClock());
    }

    private CommandFuzzer(Config config, long seed, ManualClock clock) {
        this.config = config;
        this.seed = seed;
        this.random = new Random(seed);
        // MULTI and its kin change what the following commands answer (QUEUED); MultiExecTest and
        // the conformance suite cover them.
        this.commands = new ArrayList<>(OffHeapStore.commandTable().all().stream()
                .filter(spec -> !spec.has(dev.keel.engine.command.CommandSpec.SESSION)).toList());
        this.clock = clock;
    }

    /** The standard configurations: three encoding thresholds, one and 256 stripes. */
    static List<Config> standardConfigs() {
        List<Config> configs = new ArrayList<>();
        for (int stripes : new int[] {1, 256}) {
            configs.add(new Config("defaults", Thresholds.defaults(), stripes, 0));
            configs.add(new Config("scalableAlways", Thresholds.scalableAlways(), stripes, 0));
            configs.add(new Config("thresholds 64", Thresholds.defaults().withListMaxPackedBytes(64), stripes, 0));
        }
        return configs;
    }

    /** Returns the seed to use: {@code -Dkeel.fuzz.seed} if set, else {@code fallback}. */
    static long seed(long fallback) {
        return Long.getLong("keel.fuzz.seed", fallback);
    }

    /** Returns the command count to use: {@code -Dkeel.fuzz.commands} if set, else {@code fallback}. */
    static int commandCount(int fallback) {
        return Integer.getInteger("keel.fuzz.commands", fallback);
    }

    private static Store open(Config config, ManualClock clock) {
        return Keel.builder().clock(clock).activeExpiry(false).stripes(config.stripes()).thresholds(config.thresholds())
                .memoryLimit(config.memoryLimit()).open();
    }

    /** Runs {@code count} random commands on a fresh store, then checks the store empties cleanly and refuses use after close. */
    Result run(int count) {
        store = open(config, clock);
        Thread watchdog = watchdog(Thread.currentThread(), List.of(this));
        try {
            empty = store.memoryStats();
            for (step = 0; step < count; step++) {
                if (step % RESEED_EVERY == 0) {
                    reseed();
                }
                if (random.nextInt(16) == 0) {
                    clock.advanceMillis(random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(300));
                }
                fuzzOne(generate());
                if (step % INTEGRITY_EVERY == INTEGRITY_EVERY - 1) {
                    checkIntegrity("after step " + step);
                }
            }
            checkIntegrity("at the end");
            checked(latin1All("FLUSHALL"));
            checkNoLeak("final FLUSHALL");
        } finally {
            watchdog.interrupt();
            store.close();
            Thread.interrupted(); // in case the watchdog interrupted a hung command
        }
        checkClosed();
        return result();
    }

    private Result result() {
        return new Result(step, errors, integrityChecks, leakChecks, successes, errorKinds);
    }

    /**
     * Runs {@code threads} fuzzers at once on one store, {@code count} commands each: blocked
     * commands are now served by other threads' pushes. Errors cannot be checked for changing
     * nothing here (the other threads change data meanwhile); the rest is checked as in
     * {@link #run}. Then the threads go on until the store is closed under them, and must end
     * with IllegalStateException only.
     */
    static Result runConcurrently(Config config, long seed, int threads, int count) throws InterruptedException {
        ManualClock clock = new ManualClock();
        List<CommandFuzzer> fuzzers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fuzzers.add(new CommandFuzzer(config, seed * 1_000 + i, clock));
        }
        CommandFuzzer main = fuzzers.get(0);
        Store store = open(config, clock);
        fuzzers.forEach(fuzzer -> fuzzer.store = store);
        MemoryStats empty = store.memoryStats();
        main.empty = empty;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try {
            runAll(fuzzers, failures, fuzzer -> {
                for (fuzzer.step = 0; fuzzer.step < count; fuzzer.step++) {
                    fuzzer.concurrentStep();
                }
            });
            main.checkIntegrity("after the concurrent run");
            main.checked(latin1All("FLUSHALL"));
            main.checkNoLeak("the final FLUSHALL of the concurrent run");
            // Close the store under running threads: each must end with IllegalStateException.
            CountDownLatch started = new CountDownLatch(threads);
            List<Thread> closing = startAll(fuzzers, failures, fuzzer -> {
                started.countDown();
                while (true) {
                    try {
                        fuzzer.concurrentStep();
                        fuzzer.step++;
                    } catch (AssertionError e) {
                        if (e.getCause() instanceof IllegalStateException closed && store.isClosed()) {
                            assertEquals("the store is closed", closed.getMessage());
                            return;
                        }
                        throw e;
                    }
                }
            });
            started.await();
            Thread.sleep(100);
            store.close();
            for (Thread thread : closing) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                if (thread.isAlive()) {
                    failures.add(new AssertionError(main.prefix() + thread.getName() + " still runs 30 s after close"));
                }
            }
        } finally {
            store.close();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " thread(s) failed; first: " + failures.peek().getMessage(),
                    failures.peek());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        long total = 0;
        long errors = 0;
        Map<String, Long> successes = new TreeMap<>();
        Map<String, Long> errorKinds = new TreeMap<>();
        for (CommandFuzzer fuzzer : fuzzers) {
            total += fuzzer.step;
            errors += fuzzer.errors;
            fuzzer.successes.forEach((name, n) -> successes.merge(name, n, Long::sum));
            fuzzer.errorKinds.forEach((kind, n) -> errorKinds.merge(kind, n, Long::sum));
        }
        return new Result(total, errors, main.integrityChecks, main.leakChecks, successes, errorKinds);
    }

    /** One step of a concurrent run: no snapshots, since other threads change the data. */
    private void concurrentStep() {
        if (step % RESEED_EVERY == 0) {
            reseed();
        }
        if (random.nextInt(64) == 0) {
            clock.advanceMillis(random.nextInt(300));
        }
        byte[][] argv = generate();
        Reply reply = checked(argv);
        count(argv, reply);
    }

    private interface FuzzerBody {
        void run(CommandFuzzer fuzzer) throws Exception;
    }

    private static void runAll(List<CommandFuzzer> fuzzers, ConcurrentLinkedQueue<Throwable> failures, FuzzerBody body)
            throws InterruptedException {
        for (Thread thread : startAll(fuzzers, failures, body)) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.peek().getMessage(), failures.peek());
        }
    }

    private static List<Thread> startAll(List<CommandFuzzer> fuzzers, ConcurrentLinkedQueue<Throwable> failures, FuzzerBody body) {
        List<Thread> threads = new ArrayList<>();
        for (CommandFuzzer fuzzer : fuzzers) {
            Thread thread = Thread.ofPlatform().name("fuzz-" + fuzzer.seed).unstarted(() -> {
                Thread watchdog = watchdog(Thread.currentThread(), List.of(fuzzer));
                try {
                    body.run(fuzzer);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    watchdog.interrupt();
                }
            });
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        return threads;
    }

    // ------------------------------------------------------------------ generation

    /** Returns the next random command line. */
    byte[][] generate() {
        if (random.nextInt(2000) == 0) {
            return new byte[0][];
        }
        String name;
        CommandSpec spec = null;
        if (random.nextInt(40) == 0) {
            name = UNKNOWN_COMMANDS[random.nextInt(UNKNOWN_COMMANDS.length)];
        } else {
            spec = commands.get(random.nextInt(commands.size()));
            name = randomCase(spec.name());
        }
        byte[][] argv;
        List<byte[]> shaped = spec != null && random.nextBoolean() ? shaped(spec.name()) : null;
        if (shaped != null) {
            mutate(shaped);
            argv = new byte[shaped.size() + 1][];
            for (int i = 0; i < shaped.size(); i++) {
                argv[i + 1] = shaped.get(i);
            }
        } else {
            int args;
            if (spec != null && random.nextInt(10) < 7) {
                int arity = Math.abs(spec.arity()) - 1;
                args = spec.arity() >= 0 ? arity : arity + (random.nextInt(3) == 0 ? random.nextInt(6) : random.nextInt(2));
            } else {
                args = random.nextInt(50) == 0 ? 9 + random.nextInt(60) : random.nextInt(9);
            }
            argv = new byte[args + 1][];
            for (int i = 1; i <= args; i++) {
                argv[i] = argument(i);
            }
        }
        argv[0] = latin1(name);
        int args = argv.length - 1;
        if (spec != null && BLOCKING.contains(spec.name()) && args > 0) {
            int timeoutAt = spec.name().equals("blmpop") || spec.name().equals("bzmpop") ? 1 : args;
            argv[timeoutAt] = random.nextInt(3) == 0 ? pick(TINY_TIMEOUTS) : pick(INVALID_TIMEOUTS);
        }
        if (spec != null && (spec.name().equals("xread") || spec.name().equals("xreadgroup"))) {
            // Whatever follows BLOCK (Redis reads the keyword up to a NUL byte) becomes a tiny or an invalid wait.
            for (int i = 1; i + 1 < argv.length; i++) {
                String word = new String(argv[i], StandardCharsets.ISO_8859_1).split("\u0000", -1)[0];
                if (word.equalsIgnoreCase("BLOCK")) {
                    argv[++i] = random.nextInt(3) == 0 ? pick(TINY_BLOCK_MILLIS) : pick(INVALID_BLOCK_MILLIS);
                }
            }
        }
        return argv;
    }

    /**
     * The arguments of a well-shaped call of {@code command} (options in their places, numbers
     * where numbers go), so that the deeper paths run; null for the commands left to the random
     * shape. The values themselves are still drawn from the edge cases.
     */
    private List<byte[]> shaped(String command) {
        List<byte[]> args = new ArrayList<>();
        switch (command) {
            case "set" -> {
                add(args, key(), element());
                maybe(args, "NX", "XX");
                if (random.nextBoolean()) {
                    args.add(word("GET"));
                }
                switch (random.nextInt(4)) {
                    case 0 -> add(args, word("EX", "PX", "EXAT", "PXAT"), expiryAmount());
                    case 1 -> args.add(word("KEEPTTL"));
                    default -> {
                    }
                }
                shuffleFrom(args, 2);
            }
            case "getex" -> {
                args.add(key());
                switch (random.nextInt(3)) {
                    case 0 -> add(args, word("EX", "PX", "EXAT", "PXAT"), expiryAmount());
                    case 1 -> args.add(word("PERSIST"));
                    default -> {
                    }
                }
            }
            case "setex", "psetex" -> add(args, key(), expiryAmount(), element());
            case "expire", "pexpire", "expireat", "pexpireat" -> {
                add(args, key(), expiryAmount());
                for (int i = random.nextInt(3); i > 0; i--) {
                    args.add(word("NX", "XX", "GT", "LT"));
                }
            }
            case "incrby", "decrby", "lindex" -> add(args, key(), integer());
            case "incrbyfloat" -> add(args, key(), random.nextBoolean() ? pick(FLOATS) : integer());
            case "getrange", "substr", "lrange", "ltrim" -> add(args, key(), integer(), integer());
            case "setrange" -> add(args, key(), integer(), element());
            case "lset" -> add(args, key(), integer(), element());
            case "linsert" -> add(args, key(), word("BEFORE", "AFTER"), element(), element());
            case "lrem" -> add(args, key(), integer(), element());
            case "lpop", "rpop" -> {
                args.add(key());
                if (random.nextBoolean()) {
                    args.add(integer());
                }
            }
            case "lpos" -> {
                add(args, key(), element());
                for (int i = random.nextInt(4); i > 0; i--) {
                    add(args, word("RANK", "COUNT", "MAXLEN"), integer());
                }
            }
            case "lmove" -> add(args, key(), key(), word("LEFT", "RIGHT"), word("LEFT", "RIGHT"));
            case "blmove" -> add(args, key(), key(), word("LEFT", "RIGHT"), word("LEFT", "RIGHT"), word("0.001"));
            case "rpoplpush" -> add(args, key(), key());
            case "brpoplpush" -> add(args, key(), key(), word("0.001"));
            case "blpop", "brpop" -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(key());
                }
                args.add(word("0.001"));
            }
            case "lmpop", "blmpop", "zmpop", "bzmpop" -> {
                if (command.startsWith("b")) {
                    args.add(word("0.001"));
                }
                int keys = 1 + random.nextInt(3);
                args.add(random.nextInt(8) == 0 ? integer() : latin1(Integer.toString(keys)));
                for (int i = 0; i < keys; i++) {
                    args.add(key());
                }
                args.add(command.endsWith("lmpop") ? word("LEFT", "RIGHT") : word("MIN", "MAX"));
                if (random.nextBoolean()) {
                    add(args, word("COUNT"), integer());
                }
            }
            case "copy" -> {
                add(args, key(), key());
                if (random.nextBoolean()) {
                    args.add(word("REPLACE"));
                }
                if (random.nextInt(3) == 0) {
                    add(args, word("DB"), integer());
                }
                shuffleFrom(args, 2);
            }
            case "scan" -> {
                args.add(random.nextBoolean() ? latin1("0") : integer());
                if (random.nextBoolean()) {
                    add(args, word("MATCH"), pick(GLOBS));
                }
                if (random.nextBoolean()) {
                    add(args, word("COUNT"), integer());
                }
                if (random.nextBoolean()) {
                    add(args, word("TYPE"), word("string", "list", "hash", "none", "LIST"));
                }
            }
            case "keys" -> args.add(pick(GLOBS));
            case "object" -> {
                args.add(word("ENCODING", "IDLETIME", "FREQ", "REFCOUNT", "HELP"));
                if (random.nextInt(4) != 0) {
                    args.add(key());
                }
            }
            case "mset", "msetnx" -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    add(args, key(), element());
                }
            }
            case "hset", "hmset" -> {
                args.add(key());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    add(args, element(), element());
                }
            }
            case "hsetnx", "keel.hgetset", "keel.hreplace", "keel.hcad" -> add(args, key(), element(), element());
            case "keel.hcas" -> add(args, key(), element(), element(), element());
            case "hincrby", "hincrbyfloat" -> add(args, key(), element(), random.nextBoolean() ? pick(FLOATS) : integer());
            case "hrandfield", "srandmember", "spop", "zrandmember" -> {
                add(args, key(), integer());
                if (command.equals("hrandfield") && random.nextBoolean()) {
                    args.add(latin1("WITHVALUES"));
                }
                if (command.equals("zrandmember") && random.nextBoolean()) {
                    args.add(word("WITHSCORES"));
                }
            }
            case "hexpire", "hpexpire", "hexpireat", "hpexpireat" -> {
                add(args, key(), random.nextBoolean() ? integer() : latin1(Long.toString(random.nextInt(3))));
                if (random.nextBoolean()) {
                    args.add(word("NX", "XX", "GT", "LT"));
                }
                fieldsBlock(args, 1);
            }
            case "httl", "hpttl", "hexpiretime", "hpexpiretime", "hpersist", "hgetdel" -> {
                args.add(key());
                fieldsBlock(args, 1);
            }
            case "hgetex" -> {
                args.add(key());
                switch (random.nextInt(4)) {
                    case 0 -> add(args, word("EX", "PX", "EXAT", "PXAT"), integer());
                    case 1 -> args.add(latin1("PERSIST"));
                    default -> {
                    }
                }
                fieldsBlock(args, 1);
            }
            case "hsetex" -> {
                args.add(key());
                if (random.nextBoolean()) {
                    args.add(word("FNX", "FXX"));
                }
                switch (random.nextInt(4)) {
                    case 0 -> add(args, word("EX", "PX", "EXAT", "PXAT"), integer());
                    case 1 -> args.add(latin1("KEEPTTL"));
                    default -> {
                    }
                }
                fieldsBlock(args, 2);
            }
            case "sintercard", "zintercard" -> {
                int keys = 1 + random.nextInt(3);
                args.add(latin1(Integer.toString(keys)));
                for (int i = 0; i < keys; i++) {
                    args.add(key());
                }
                if (random.nextBoolean()) {
                    add(args, latin1("LIMIT"), integer());
                }
            }
            case "hscan", "sscan", "zscan" -> {
                add(args, key(), latin1("0"));
                if (random.nextBoolean()) {
                    add(args, latin1("MATCH"), pick(GLOBS));
                }
                if (random.nextBoolean()) {
                    add(args, latin1("COUNT"), integer());
                }
                if (command.equals("hscan") && random.nextBoolean()) {
                    args.add(latin1("NOVALUES"));
                }
            }
            default -> {
                return zsetShaped(command);
            }
        }
        return args;
    }

    /** The well-shaped calls of the sorted set commands (see {@link #shaped}); null for other commands. */
    private List<byte[]> zsetShaped(String command) {
        List<byte[]> args = new ArrayList<>();
        switch (command) {
            case "zadd" -> {
                args.add(key());
                for (int i = random.nextInt(3); i > 0; i--) {
                    args.add(word("NX", "XX", "GT", "LT", "CH", "INCR"));
                }
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    add(args, score(), element());
                }
            }
            case "zincrby" -> add(args, key(), score(), element());
            case "zrem", "zmscore" -> {
                args.add(key());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(element());
                }
            }
            case "zscore" -> add(args, key(), element());
            case "zrank", "zrevrank" -> {
                add(args, key(), element());
                maybe(args, "WITHSCORE");
            }
            case "zcount", "zremrangebyscore" -> add(args, key(), scoreBound(), scoreBound());
            case "zlexcount", "zremrangebylex" -> add(args, key(), pick(LEX_BOUNDS), pick(LEX_BOUNDS));
            case "zremrangebyrank" -> add(args, key(), integer(), integer());
            case "zrange", "zrangestore" -> {
                if (command.equals("zrangestore")) {
                    args.add(key());
                }
                args.add(key());
                switch (random.nextInt(3)) {
                    case 0 -> add(args, integer(), integer());
                    case 1 -> add(args, scoreBound(), scoreBound(), word("BYSCORE"));
                    default -> add(args, pick(LEX_BOUNDS), pick(LEX_BOUNDS), word("BYLEX"));
                }
                maybe(args, "REV");
                rangeOptions(args, !command.equals("zrangestore"));
            }
            case "zrangebyscore", "zrevrangebyscore" -> {
                add(args, key(), scoreBound(), scoreBound());
                rangeOptions(args, true);
            }
            case "zrangebylex", "zrevrangebylex" -> {
                add(args, key(), pick(LEX_BOUNDS), pick(LEX_BOUNDS));
                rangeOptions(args, false);
            }
            case "zrevrange" -> {
                add(args, key(), integer(), integer());
                maybe(args, "WITHSCORES");
            }
            case "zpopmin", "zpopmax" -> {
                args.add(key());
                if (random.nextBoolean()) {
                    args.add(integer());
                }
            }
            case "bzpopmin", "bzpopmax" -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(key());
                }
                args.add(word("0.001"));
            }
            case "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore" -> {
                boolean store = command.endsWith("store");
                if (store) {
                    args.add(key());
                }
                int keys = 1 + random.nextInt(3);
                args.add(random.nextInt(8) == 0 ? integer() : latin1(Integer.toString(keys)));
                for (int i = 0; i < keys; i++) {
                    args.add(key());
                }
                if (random.nextInt(3) == 0) {
                    args.add(word("WEIGHTS"));
                    for (int i = 0; i < keys; i++) {
                        args.add(score());
                    }
                }
                if (random.nextInt(3) == 0) {
                    add(args, word("AGGREGATE"), word("SUM", "MIN", "MAX"));
                }
                if (!store) {
                    maybe(args, "WITHSCORES");
                }
            }
            default -> {
                return streamShaped(command);
            }
        }
        return args;
    }

    /** The well-shaped calls of the stream commands (see {@link #shaped}); null for other commands. */
    private List<byte[]> streamShaped(String command) {
        List<byte[]> args = new ArrayList<>();
        switch (command) {
            case "xadd" -> {
                args.add(key());
                maybe(args, "NOMKSTREAM");
                if (random.nextBoolean()) {
                    trimOptions(args);
                }
                args.add(random.nextInt(3) == 0 ? latin1("*") : streamId());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    add(args, element(), element());
                }
            }
            case "xtrim" -> {
                args.add(key());
                trimOptions(args);
            }
            case "xlen" -> args.add(key());
            case "xrange", "xrevrange" -> {
                add(args, key(), streamId(), streamId());
                if (random.nextBoolean()) {
                    add(args, word("COUNT"), integer());
                }
            }
            case "xdel" -> {
                args.add(key());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(streamId());
                }
            }
            case "xsetid" -> {
                add(args, key(), random.nextBoolean() ? streamId() : latin1(random.nextInt(400) + "-" + random.nextInt(3)));
                if (random.nextBoolean()) {
                    add(args, word("ENTRIESADDED"), random.nextBoolean() ? integer() : latin1(Integer.toString(random.nextInt(1000))));
                }
                if (random.nextBoolean()) {
                    add(args, word("MAXDELETEDID"), streamId());
                }
            }
            case "xread", "xreadgroup" -> streamReads(args, command.equals("xreadgroup"));
            case "xgroup" -> xgroupShaped(args);
            case "xack" -> {
                add(args, key(), streamGroup());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(streamId());
                }
            }
            case "xpending" -> {
                add(args, key(), streamGroup());
                if (random.nextInt(3) > 0) {
                    if (random.nextBoolean()) {
                        add(args, word("IDLE"), integer());
                    }
                    add(args, streamId(), streamId(), integer());
                    if (random.nextBoolean()) {
                        args.add(streamConsumer());
                    }
                }
            }
            case "xclaim" -> {
                add(args, key(), streamGroup(), streamConsumer(), random.nextBoolean() ? latin1("0") : integer());
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    args.add(random.nextBoolean() ? streamId() : latin1(1 + random.nextInt(12) + "-" + random.nextInt(3)));
                }
                for (int i = random.nextInt(3); i > 0; i--) {
                    switch (random.nextInt(6)) {
                        case 0 -> add(args, word("IDLE"), integer());
                        case 1 -> add(args, word("TIME"), random.nextBoolean() ? integer() : expiryAmount());
                        case 2 -> add(args, word("RETRYCOUNT"), integer());
                        case 3 -> add(args, word("LASTID"), streamId());
                        default -> args.add(word("FORCE", "JUSTID"));
                    }
                }
            }
            case "xautoclaim" -> {
                add(args, key(), streamGroup(), streamConsumer(), random.nextBoolean() ? latin1("0") : integer(), streamId());
                if (random.nextBoolean()) {
                    add(args, word("COUNT"), integer());
                }
                maybe(args, "JUSTID");
            }
            case "xinfo" -> {
                switch (random.nextInt(5)) {
                    case 0 -> add(args, word("GROUPS"), key());
                    case 1 -> add(args, word("CONSUMERS"), key(), streamGroup());
                    case 2 -> args.add(word("HELP"));
                    default -> {
                        add(args, word("STREAM"), key());
                        if (random.nextBoolean()) {
                            args.add(word("FULL"));
                            if (random.nextBoolean()) {
                                add(args, word("COUNT"), integer());
                            }
                        }
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return args;
    }

    /** Appends XADD's and XTRIM's MAXLEN or MINID, maybe with = or ~, and maybe LIMIT. */
    private void trimOptions(List<byte[]> args) {
        boolean maxLen = random.nextBoolean();
        args.add(word(maxLen ? "MAXLEN" : "MINID"));
        if (random.nextBoolean()) {
            args.add(latin1(random.nextBoolean() ? "~" : "="));
        }
        args.add(maxLen ? integer() : streamId());
        if (random.nextInt(3) == 0) {
            add(args, word("LIMIT"), integer());
        }
    }

    /** Appends XREAD's or XREADGROUP's options, STREAMS, keys and IDs; BLOCK gets a value {@link #generate} replaces. */
    private void streamReads(List<byte[]> args, boolean grouped) {
        if (grouped) {
            add(args, word("GROUP"), streamGroup(), streamConsumer());
            maybe(args, "NOACK");
        }
        if (random.nextBoolean()) {
            add(args, word("COUNT"), integer());
        }
        if (random.nextInt(4) == 0) {
            add(args, word("BLOCK"), latin1("1"));
        }
        args.add(word("STREAMS"));
        int keys = random.nextBoolean() ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < keys; i++) {
            args.add(key());
        }
        for (int i = 0; i < keys; i++) {
            args.add(random.nextBoolean() ? latin1(grouped ? ">" : "$") : streamId());
        }
    }

    private void xgroupShaped(List<byte[]> args) {
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                add(args, word("CREATE"), key(), streamGroup(), random.nextBoolean() ? latin1("$") : streamId());
                maybe(args, "MKSTREAM");
                if (random.nextInt(3) == 0) {
                    add(args, word("ENTRIESREAD"), integer());
                }
            }
            case 2 -> {
                add(args, word("SETID"), key(), streamGroup(), random.nextBoolean() ? latin1("$") : streamId());
                if (random.nextInt(3) == 0) {
                    add(args, word("ENTRIESREAD"), integer());
                }
            }
            case 3 -> add(args, word("DESTROY"), key(), streamGroup());
            case 4 -> add(args, word("CREATECONSUMER", "DELCONSUMER"), key(), streamGroup(), streamConsumer());
            default -> args.add(word("HELP"));
        }
    }

    /** A group name: mostly g1, which every reseeded stream has. */
    private byte[] streamGroup() {
        return random.nextBoolean() ? latin1("g1") : pick(STREAM_GROUPS);
    }

    private byte[] streamConsumer() {
        return random.nextBoolean() ? latin1("c1") : pick(STREAM_CONSUMERS);
    }

    /** A stream ID argument: mostly one near the reseeded streams' IDs, now and then a special or malformed one. */
    private byte[] streamId() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(STREAM_IDS);
            case 1 -> latin1(Integer.toString(random.nextInt(30)));
            default -> latin1((random.nextInt(5) == 0 ? "(" : "") + random.nextInt(30) + "-" + random.nextInt(4));
        };
    }

    /** Appends maybe LIMIT offset count and, if {@code withScores}, maybe WITHSCORES, in either order. */
    private void rangeOptions(List<byte[]> args, boolean withScores) {
        boolean scoresFirst = random.nextBoolean();
        if (withScores && scoresFirst) {
            maybe(args, "WITHSCORES");
        }
        if (random.nextBoolean()) {
            add(args, word("LIMIT"), integer(), integer());
        }
        if (withScores && !scoresFirst) {
            maybe(args, "WITHSCORES");
        }
    }

    /** A score, increment or weight: mostly a small number, now and then an edge case. */
    private byte[] score() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(FLOATS);
            case 1 -> integer();
            default -> latin1(Integer.toString(random.nextInt(21) - 10) + (random.nextBoolean() ? ".5" : ""));
        };
    }

    /** A score range bound: mostly a small number, inclusive or exclusive. */
    private byte[] scoreBound() {
        if (random.nextInt(3) == 0) {
            return pick(SCORE_BOUNDS);
        }
        return latin1((random.nextBoolean() ? "(" : "") + (random.nextInt(21) - 10));
    }

    /** Appends {@code FIELDS numfields} and that many fields ({@code perField} 2: with values). */
    private void fieldsBlock(List<byte[]> args, int perField) {
        int fields = 1 + random.nextInt(3);
        add(args, latin1("FIELDS"), latin1(Integer.toString(fields)));
        for (int i = 0; i < fields; i++) {
            args.add(element());
            if (perField == 2) {
                args.add(element());
            }
        }
    }

    /** Now and then replaces, drops or adds one argument of a well-shaped call. */
    private void mutate(List<byte[]> args) {
        switch (random.nextInt(8)) {
            case 0 -> {
                if (!args.isEmpty()) {
                    int at = random.nextInt(args.size());
                    args.set(at, argument(at + 1));
                }
            }
            case 1 -> {
                if (!args.isEmpty()) {
                    args.remove(random.nextInt(args.size()));
                }
            }
            case 2 -> args.add(random.nextInt(args.size() + 1), argument(args.size() + 1));
            default -> {
            }
        }
    }

    private byte[] key() {
        return random.nextInt(30) == 0 ? argument(1) : pick(KEYS);
    }

    private byte[] element() {
        return switch (random.nextInt(12)) {
            case 0 -> randomBinary();
            case 1 -> argument(3);
            case 2 -> random.nextInt(50) == 0 ? large() : new byte[0];
            case 3 -> sized();
            default -> pick(ELEMENTS);
        };
    }

    /** A value of a size around the node and size-class limits: up to 10 KB. */
    private byte[] sized() {
        int[] around = {8, 16, 24, 32, 48, 64, 100, 127, 128, 255, 256, 4096, 8192};
        int size = random.nextBoolean() ? random.nextInt(10_000) : Math.max(0, around[random.nextInt(around.length)] + random.nextInt(9) - 6);
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ('a' + random.nextInt(3)));
        return bytes;
    }

    private byte[] integer() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(INTEGERS);
            case 1 -> randomInteger();
            default -> latin1(Integer.toString(random.nextInt(26) - 8));
        };
    }

    /** An expiry amount: mostly a valid one, in seconds, milliseconds or an absolute time. */
    private byte[] expiryAmount() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(INTEGERS);
            case 1 -> randomInteger();
            case 2 -> latin1(Long.toString(clock.millis() + random.nextInt(200_000) - 50_000));
            case 3 -> latin1(Long.toString(clock.millis() / 1000 + random.nextInt(200) - 50));
            default -> latin1(Integer.toString(random.nextInt(20_000) - 100));
        };
    }

    private byte[] word(String... words) {
        return latin1(randomCase(words[random.nextInt(words.length)]));
    }

    private void maybe(List<byte[]> args, String... words) {
        if (random.nextBoolean()) {
            args.add(word(words));
        }
    }

    private static void add(List<byte[]> args, byte[]... values) {
        args.addAll(Arrays.asList(values));
    }

    /** Shuffles the options after the first {@code fixed} arguments, keeping each option's value after it. */
    private void shuffleFrom(List<byte[]> args, int fixed) {
        if (random.nextInt(3) != 0 || args.size() <= fixed + 1) {
            return;
        }
        List<List<byte[]>> options = new ArrayList<>();
        for (int i = fixed; i < args.size(); i++) {
            List<byte[]> option = new ArrayList<>(List.of(args.get(i)));
            String text = new String(args.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            if (List.of("EX", "PX", "EXAT", "PXAT", "DB").contains(text) && i + 1 < args.size()) {
                option.add(args.get(++i));
            }
            options.add(option);
        }
        Collections.shuffle(options, random);
        while (args.size() > fixed) {
            args.remove(args.size() - 1);
        }
        options.forEach(args::addAll);
    }

    private byte[] argument(int position) {
        int roll = random.nextInt(100);
        if (position <= 2 && roll < 25) {
            return pick(KEYS);
        }
        if (roll < 40) {
            return pick(KEYS);
        }
        if (roll < 52) {
            return random.nextInt(4) == 0 ? randomInteger() : pick(INTEGERS);
        }
        if (roll < 66) {
            return latin1(randomCase(KEYWORDS[random.nextInt(KEYWORDS.length)]));
        }
        if (roll < 73) {
            return pick(FLOATS);
        }
        if (roll < 77) {
            return pick(GLOBS);
        }
        if (roll < 85) {
            return pick(ELEMENTS);
        }
        if (roll < 89) {
            return new byte[0];
        }
        if (roll < 99 || random.nextInt(4) != 0) {
            return randomBinary();
        }
        return large();
    }

    /** An integer near 0 or far out: never one in the millions, which could make SETRANGE allocate hundreds of MB. */
    private byte[] randomInteger() {
        long value = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(41) - 20;
            case 1 -> Long.MAX_VALUE - random.nextInt(1000);
            case 2 -> Long.MIN_VALUE + random.nextInt(1000);
            default -> (random.nextBoolean() ? 1 : -1) * ((1L << 40) + (random.nextLong() >>> 2));
        };
        return latin1(Long.toString(value));
    }

    private byte[] randomBinary() {
        byte[] bytes = new byte[1 + random.nextInt(random.nextInt(8) == 0 ? 300 : 20)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> (byte) 0xFF;
                case 2 -> '\r';
                case 3 -> '\n';
                default -> (byte) random.nextInt(256);
            };
        }
        return bytes;
    }

    private byte[] large() {
        byte[] bytes = new byte[100 * 1024 + random.nextInt(64)];
        if (random.nextBoolean()) {
            random.nextBytes(bytes);
        } else {
            Arrays.fill(bytes, (byte) ('a' + random.nextInt(26)));
        }
        return bytes;
    }

    private byte[] pick(byte[][] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private String randomCase(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text.toLowerCase(Locale.ROOT);
            case 1 -> text.toUpperCase(Locale.ROOT);
            default -> {
                StringBuilder mixed = new StringBuilder(text.length());
                for (char c : text.toCharArray()) {
                    mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
                }
                yield mixed.toString();
            }
        };
    }

    /** Fills the key space with strings and lists, some expiring, so that type and expiry paths run. */
    private void reseed() {
        for (byte[][] argv : reseedLines()) {
            checked(argv);
        }
    }

    /** The command lines that fill the key space (see {@link #reseed}). */
    List<byte[][]> reseedLines() {
        List<byte[][]> lines = new ArrayList<>();
        for (byte[] key : KEYS) {
            int kind = random.nextInt(9);
            if (kind >= 7) {
                streamLines(key, lines);
                continue;
            }
            byte[][] argv = switch (kind) {
                case 0 -> new byte[][] {latin1("SET"), key, pick(ELEMENTS)};
                case 1 -> new byte[][] {latin1("SET"), key, Long.toString(random.nextInt(200) - 100).getBytes(StandardCharsets.US_ASCII),
                    latin1("PX"), Long.toString(1 + random.nextInt(60_000)).getBytes(StandardCharsets.US_ASCII)};
                case 2, 3 -> {
                    int elements = switch (random.nextInt(8)) {
                        case 0 -> random.nextInt(2_000);
                        case 1, 2 -> random.nextInt(200);
                        default -> random.nextInt(8);
                    };
                    byte[][] push = new byte[2 + 1 + elements][];
                    push[0] = latin1(random.nextBoolean() ? "RPUSH" : "LPUSH");
                    push[1] = key;
                    for (int i = 2; i < push.length; i++) {
                        push[i] = switch (random.nextInt(20)) {
                            case 0 -> randomBinary();
                            case 1 -> sized();
                            default -> pick(ELEMENTS);
                        };
                    }
                    yield push;
                }
                case 4 -> new byte[][] {latin1("PEXPIRE"), key, Long.toString(1 + random.nextInt(60_000)).getBytes(StandardCharsets.US_ASCII)};
                case 5 -> {
                    int members = random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(8);
                    byte[][] zadd = new byte[2 + 2 * (members + 1)][];
                    zadd[0] = latin1("ZADD");
                    zadd[1] = key;
                    for (int i = 2; i < zadd.length; i += 2) {
                        zadd[i] = latin1(Integer.toString(random.nextInt(20) - 5));
                        zadd[i + 1] = switch (random.nextInt(20)) {
                            case 0 -> sized();
                            case 1, 2, 3, 4, 5, 6 -> pick(ELEMENTS);
                            default -> latin1("m" + random.nextInt(Math.max(1, members * 2)));
                        };
                    }
                    yield zadd;
                }
                default -> null;
            };
            if (argv != null) {
                lines.add(argv);
            }
        }
        return lines;
    }

    /**
     * Adds the lines that make {@code key} a stream (after deleting it): entries with IDs from 1-0
     * up, now and then deleted, a group or two that has read some, one consumer with pending
     * entries.
     */
    private void streamLines(byte[] key, List<byte[][]> lines) {
        lines.add(new byte[][] {latin1("DEL"), key});
        int entries = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(12);
        for (int i = 1; i <= entries; i++) {
            byte[] value = random.nextInt(10) == 0 ? sized() : pick(ELEMENTS);
            byte[] field = random.nextInt(3) == 0 ? pick(ELEMENTS) : latin1("f");
            lines.add(new byte[][] {latin1("XADD"), key, latin1(i + "-" + random.nextInt(3)), field, value});
        }
        for (int g = 1 + random.nextInt(2); g > 0; g--) {
            byte[] group = latin1("g" + g);
            lines.add(new byte[][] {latin1("XGROUP"), latin1("CREATE"), key, group, latin1("0"), latin1("MKSTREAM")});
            lines.add(new byte[][] {latin1("XREADGROUP"), latin1("GROUP"), group, streamConsumer(), latin1("COUNT"),
                latin1(Integer.toString(random.nextInt(8))), latin1("STREAMS"), key, latin1(">")});
        }
        if (entries > 0 && random.nextBoolean()) {
            lines.add(new byte[][] {latin1("XDEL"), key, latin1(random.nextInt(entries) + 1 + "-0"), latin1("2-1")});
        }
    }

    // ------------------------------------------------------------------ checking

    private void fuzzOne(byte[][] argv) {
        Map<String, String> before = AbstractCommandTest.snapshotOf(store);
        Reply reply = checked(argv);
        count(argv, reply);
        if (reply instanceof Reply.Error) {
            Map<String, String> after = AbstractCommandTest.snapshotOf(store);
            if (!before.equals(after)) {
                fail(context(argv, reply) + " answered an error but changed the data:\n  before " + abbreviate(before)
                        + "\n  after  " + abbreviate(after));
            }
        } else if (argv.length > 0) {
            String name = new String(argv[0], StandardCharsets.ISO_8859_1);
            if (name.equalsIgnoreCase("FLUSHALL") || name.equalsIgnoreCase("FLUSHDB")) {
                checkNoLeak("step " + step + ": " + describe(argv));
            }
        }
    }

    private void count(byte[][] argv, Reply reply) {
        if (reply instanceof Reply.Error error) {
            errors++;
            String message = error.message();
            int quote = message.indexOf('\'');
            String kind = quote >= 0 ? message.substring(0, quote) : message.replaceFirst("(?s)^(ERR Unsupported option ).*", "$1");
            errorKinds.merge(kind, 1L, Long::sum);
        } else if (argv.length > 0) {
            successes.merge(new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
    }

    /** Runs one command line and checks that it answered a well-formed reply. */
    private Reply checked(byte[]... argv) {
        remember(argv);
        Reply reply;
        commandStart = System.nanoTime();
        try {
            reply = store.execute(argv);
        } catch (KeelInterruptedException e) {
            throw new AssertionError(context(argv, null) + " ran for more than 20 s (a hang)", e);
        } catch (Throwable e) {
            throw new AssertionError(context(argv, null) + " threw " + e, e);
        } finally {
            commandStart = 0;
        }
        if (reply == null) {
            fail(context(argv, null) + " returned null");
        }
        checkWellFormed(argv, reply, reply);
        return reply;
    }

    private void checkWellFormed(byte[][] argv, Reply top, Reply reply) {
        switch (reply) {
            case Reply.Error error -> {
                if (top != reply) {
                    fail(context(argv, top) + " has an error nested in a reply");
                }
                if (!ERROR_TEXT.matcher(error.message()).matches()) {
                    fail(context(argv, top) + ": the error text is not one line starting with an upper-case code");
                }
            }
            case Reply.Status status -> {
                if (status.text().indexOf('\r') >= 0 || status.text().indexOf('\n') >= 0) {
                    fail(context(argv, top) + ": a status reply with CR or LF");
                }
            }
            case Reply.Array array -> {
                for (Reply item : array.items()) {
                    checkWellFormed(argv, top, item);
                }
            }
            case Reply.Map map -> {
                for (Reply item : map.keysAndValues()) {
                    checkWellFormed(argv, top, item);
                }
            }
            default -> {
            }
        }
    }

    private void checkIntegrity(String when) {
        integrityChecks++;
        String problem;
        try {
            problem = ((OffHeapStore) store).verifyIntegrity();
        } catch (RuntimeException e) {
            throw new AssertionError(prefix() + "verifyIntegrity threw " + when + "\n" + historyText(), e);
        }
        assertNull(problem, () -> prefix() + "keyspace invariants broken " + when + "\n" + historyText());
    }

    private void checkNoLeak(String when) {
        leakChecks++;
        MemoryStats stats = store.memoryStats();
        if (stats.usedBytes() != empty.usedBytes() || stats.allocations() != empty.allocations()) {
            fail(prefix() + "memory not back to an empty store's after " + when + ": " + stats + ", empty store: " + empty
                    + "\n" + historyText());
        }
    }

    /** After close, every command, valid or not, throws IllegalStateException, and so does every other call. */
    private void checkClosed() {
        for (Runnable call : List.<Runnable>of(store::memoryStats, () -> ((OffHeapStore) store).verifyIntegrity(), store::commands)) {
            try {
                call.run();
                fail(prefix() + "a call after close did not throw");
            } catch (IllegalStateException expected) {
                assertEquals("the store is closed", expected.getMessage());
            }
        }
        for (int i = 0; i < 50; i++) {
            byte[][] argv = generate();
            remember(argv);
            try {
                Reply reply = store.execute(argv);
                fail(prefix() + "after close, " + describe(argv) + " answered " + reply + " instead of throwing");
            } catch (IllegalStateException expected) {
                assertEquals("the store is closed", expected.getMessage());
            } catch (Throwable e) {
                throw new AssertionError(prefix() + "after close, " + describe(argv) + " threw " + e, e);
            }
        }
    }

    /** Starts a thread that interrupts {@code runner} if a command of {@code fuzzers} runs for more than 20 s. */
    private static Thread watchdog(Thread runner, List<CommandFuzzer> fuzzers) {
        return Thread.ofPlatform().daemon().name("fuzz-watchdog").start(() -> {
            try {
                while (true) {
                    Thread.sleep(500);
                    for (CommandFuzzer fuzzer : fuzzers) {
                        long start = fuzzer.commandStart;
                        if (start != 0 && System.nanoTime() - start > HANG_NANOS) {
                            runner.interrupt();
                            return;
                        }
                    }
                }
            } catch (InterruptedException done) {
                // the run ended
            }
        });
    }

    // ------------------------------------------------------------------ reporting

    private void remember(byte[][] argv) {
        history.addLast(describe(argv));
        if (history.size() > 25) {
            history.removeFirst();
        }
    }

    private String prefix() {
        return "[" + config + ", seed " + seed + "] ";
    }

    private String context(byte[][] argv, Reply reply) {
        return prefix() + "step " + step + ": " + describe(argv) + (reply == null ? "" : " -> " + abbreviate(String.valueOf(reply)))
                + "\n" + historyText() + "\n";
    }

    private String historyText() {
        return "  last commands:\n    " + String.join("\n    ", history);
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 2000 ? text.substring(0, 2000) + "... (" + text.length() + " chars)" : text;
    }

    /** A command line as redis-cli would quote it, long arguments shortened. */
    static String describe(byte[][] argv) {
        StringBuilder line = new StringBuilder();
        for (byte[] arg : argv) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append('"');
            int shown = Math.min(arg.length, 80);
            for (int i = 0; i < shown; i++) {
                int b = arg[i] & 0xFF;
                if (b == '"' || b == '\\') {
                    line.append('\\').append((char) b);
                } else if (b >= 0x20 && b < 0x7F) {
                    line.append((char) b);
                } else {
                    line.append(String.format("\\x%02x", b));
                }
            }
            if (arg.length > shown) {
                line.append("...(").append(arg.length).append(" bytes)");
            }
            line.append('"');
        }
        return line.toString();
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[][] latin1All(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = latin1(texts[i]);
        }
        return bytes;
    }
}
