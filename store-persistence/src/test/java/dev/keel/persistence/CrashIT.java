package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.persistence.CrashWorker.Kind;
import dev.keel.persistence.CrashWorker.Mode;
import dev.keel.persistence.CrashWorker.Op;
import dev.keel.persistence.CrashWorker.Ops;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a process writing to a store with SIGKILL at random moments, over and over in the same
 * directory, and checks what the store holds when opened again: exactly the first k commands of
 * the sequence the process wrote ({@link CrashWorker.Ops}), never a command half applied, k at
 * least what the fsync policy promises (ALWAYS: every acknowledged write; EVERYSEC and NO, on a
 * process crash: every write acknowledged more than 2 s before the kill), and at most one more
 * than was acknowledged. Some rounds rewrite the log all the time; some kill during recovery.
 *
 * <p>Run alone: {@code mvn verify -pl store-persistence -Dit.test=CrashIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; repeat a run
 * with {@code -Dcrash.seed=<the seed in its failure>}, make it longer with {@code -Dcrash.rounds=}.
 */
class CrashIT {
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 4);
    private static final long EVERYSEC_BOUND_MILLIS = 2000;

    @TempDir
    Path temp;

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(FsyncPolicy.ALWAYS, Mode.WRITES),
                Arguments.of(FsyncPolicy.EVERYSEC, Mode.WRITES),
                Arguments.of(FsyncPolicy.ALWAYS, Mode.REWRITES),
                Arguments.of(FsyncPolicy.EVERYSEC, Mode.REWRITES),
                Arguments.of(FsyncPolicy.EVERYSEC, Mode.BGREWRITEAOF),
                Arguments.of(FsyncPolicy.NO, Mode.AUTO_REWRITE),
                Arguments.of(FsyncPolicy.ALWAYS, Mode.AUTO_REWRITE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void kill9_atRandomMoments_keepsEveryPromisedWriteAndNoHalfCommand(FsyncPolicy policy, Mode mode) throws Exception {
        long seed = SEED + 31L * policy.ordinal() + mode.ordinal();
        SplittableRandom random = new SplittableRandom(seed);
        Path log = temp.resolve("log");
        long done = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String context = policy + " " + mode + " round " + round + " (-Dcrash.seed=" + SEED + ")";
            boolean duringStart = round < ROUNDS && random.nextInt(6) == 0;
            // The last round of EVERYSEC and NO runs past the 2 s they promise, so that the promise covers writes of the round.
            int killAfterMillis = duringStart ? random.nextInt(400)
                    : round == ROUNDS && policy != FsyncPolicy.ALWAYS ? 2200 + random.nextInt(800) : 50 + random.nextInt(1450);
            Killed killed = runAndKill(log, policy, mode, seed, done, duringStart, killAfterMillis, temp.resolve("worker-" + round + ".err"), context);
            done = verify(log, policy, seed, done, killed, context);
        }
    }

    /**
     * What a worker acknowledged before it was killed.
     *
     * @param acks the index and epoch millisecond of every acknowledged command, in order
     * @param killMillis when it was killed
     * @param ready whether it had opened the store
     * @param stderr what it printed to its standard error
     */
    private record Killed(List<long[]> acks, long killMillis, boolean ready, String stderr) {
        long lastAcked(long done) {
            return acks.isEmpty() ? done : acks.getLast()[0];
        }

        /** Returns the last command acknowledged before {@code deadline}, or {@code done} if none was. */
        long lastAckedBefore(long deadline, long done) {
            long last = done;
            for (long[] ack : acks) {
                if (ack[1] < deadline) {
                    last = ack[0];
                }
            }
            return last;
        }
    }

    /**
     * Starts a worker on {@code log}, which holds the first {@code done} commands, and kills it
     * {@code killAfterMillis} after it opened the store, or after it started if {@code duringStart}
     * (so during start-up or recovery).
     */
    private static Killed runAndKill(Path log, FsyncPolicy policy, Mode mode, long seed, long done, boolean duringStart,
                                     int killAfterMillis, Path stderr, String context) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                log.toString(), policy.name(), Long.toString(seed), mode.name(), Long.toString(done))
                .redirectError(stderr.toFile())
                .start();
        List<long[]> acks = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> readOutput(process, acks, failures, ready));
        long killMillis;
        try {
            if (!duringStart && !ready.await(30, TimeUnit.SECONDS)) {
                fail(context + ": the worker did not open the store: " + failures + " " + read(stderr));
            }
            Thread.sleep(killAfterMillis);
            if (!process.isAlive()) {
                fail(context + ": the worker died before it was killed: " + failures + " " + read(stderr));
            }
            killMillis = System.currentTimeMillis();
        } finally {
            // SIGKILL through the handle: Process.destroyForcibly would also close the pipe, losing acknowledgements in it.
            process.toHandle().destroyForcibly();
            process.waitFor();
            reader.join();
        }
        assertEquals(List.of(), failures, context + ": " + read(stderr));
        return new Killed(List.copyOf(acks), killMillis, ready.getCount() == 0, read(stderr));
    }

    private static void readOutput(Process process, List<long[]> acks, List<String> failures, CountDownLatch ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "READY" -> ready.countDown();
                    case "ACK" -> acks.add(new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])});
                    default -> failures.add(line);
                }
            }
        } catch (IOException e) {
            failures.add("reading the worker's output: " + e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the store the worker left, checks it against what was acknowledged; returns how many commands it holds. */
    private static long verify(Path log, FsyncPolicy policy, long seed, long done, Killed killed, String context) {
        long lastAcked = killed.lastAcked(done);
        long promised = policy == FsyncPolicy.ALWAYS ? lastAcked : killed.lastAckedBefore(killed.killMillis() - EVERYSEC_BOUND_MILLIS, done);
        List<Op> issued = new ArrayList<>();
        Ops ops = new Ops(seed);
        for (long i = 0; i <= lastAcked; i++) {
            issued.add(ops.next());
        }
        long held;
        try (AppendOnlyStore store = (AppendOnlyStore) Keel.builder().appendOnly(log, policy).autoRewrite(0, 0).open()) {
            assertNull(store.engine().verifyIntegrity(), context);
            held = heldCommands(store, issued, context);
            String where = context + ": the store holds the first " + held + " commands; " + done + " before the round, "
                    + lastAcked + " acknowledged, " + promised + " promised" + (killed.ready() ? "" : ", killed before it opened");
            assertTrue(held >= promised && held <= lastAcked + 1, where);
            if (!killed.ready()) {
                assertEquals(done, held, where);
            }
            Model.of(issued.subList(0, (int) held)).assertHeldBy(store, issued, where);
            System.out.println(where + "; log files " + store.log().manifest().files() + lost(killed, held));
        } catch (UncheckedIOException e) {
            throw new AssertionError(context + ": the store does not open after the kill: " + e.getMessage()
                    + "\nworker's stderr:\n" + killed.stderr(), e);
        }
        new LogDirectory(log).assertParsesCleanly();
        return held;
    }

    /** Says how many acknowledged commands were lost, and how long before the kill the first of them was acknowledged. */
    private static String lost(Killed killed, long held) {
        for (long[] ack : killed.acks()) {
            if (ack[0] > held) {
                return "; lost " + (killed.acks().getLast()[0] - held) + " acknowledged, the first "
                        + (killed.killMillis() - ack[1]) + " ms before the kill";
            }
        }
        return "";
    }

    /**
     * Returns how many commands of the sequence {@code store} holds, counted from their effects
     * (each kind of command leaves a count in the data); if it holds anything else than a prefix
     * of the sequence, the model's comparison then says so.
     */
    private static long heldCommands(Store store, List<Op> issued, String context) {
        long held = 0;
        for (Op op : issued) {
            if (op.kind() == Kind.MSET) {
                long a = integer(store.execute("EXISTS", op.argv()[1]));
                long b = integer(store.execute("EXISTS", op.argv()[3]));
                assertEquals(a, b, context + ": MSET " + op.index() + " half applied");
                held += a;
            }
        }
        long moved = integer(store.execute("LLEN", "dst"));
        held += integer(store.execute("LLEN", "src")) + 2 * moved;
        for (String count : strings(store.execute("HVALS", "h"))) {
            held += Long.parseLong(count);
        }
        held += integer(store.execute("ZCARD", "z")) + integer(store.execute("XLEN", "s"));
        long bigs = 0;
        for (int key = 0; key < 4; key++) {
            Reply value = store.execute("GET", "big:" + key);
            if (value instanceof Reply.Bulk bulk) {
                String text = new String(bulk.bytes(), StandardCharsets.UTF_8);
                bigs = Math.max(bigs, Long.parseLong(text.substring("big#".length(), text.indexOf('#', "big#".length()))) + 1);
            }
        }
        return held + bigs;
    }

    /** What the store holds after a prefix of the sequence. */
    private static final class Model {
        private final Set<Long> msets = new HashSet<>();
        private final Deque<String> source = new ArrayDeque<>();
        private final List<String> destination = new ArrayList<>();
        private final Map<String, String> hash = new HashMap<>();
        private final Map<String, String> zset = new HashMap<>();
        private final List<String> stream = new ArrayList<>();
        private final Map<String, String> bigs = new HashMap<>();

        static Model of(List<Op> applied) {
            Model model = new Model();
            for (Op op : applied) {
                model.apply(op);
            }
            return model;
        }

        private void apply(Op op) {
            String[] argv = op.argv();
            switch (op.kind()) {
                case MSET -> msets.add(op.index());
                case RPUSH -> source.addLast(argv[2]);
                case LMOVE -> destination.add(source.removeFirst());
                case HINCRBY -> hash.merge(argv[2], "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
                case ZADD -> zset.put(argv[3], argv[2]);
                case XADD -> stream.add(argv[2]);
                case BIG_SET -> bigs.put(argv[1], argv[2]);
            }
        }

        void assertHeldBy(Store store, List<Op> issued, String where) {
            long keys = 2L * msets.size() + bigs.size() + Stream.of(source, destination, hash.keySet(), zset.keySet(), stream)
                    .filter(collection -> !collection.isEmpty()).count();
            assertEquals(keys, integer(store.execute("DBSIZE")), where + ": keys");
            for (Op op : issued) {
                if (op.kind() == Kind.MSET) {
                    assertEquals(msets.contains(op.index()) ? 1 : 0, integer(store.execute("EXISTS", op.argv()[1])), where + ": " + op.argv()[1]);
                }
            }
            assertEquals(List.copyOf(source), strings(store.execute("LRANGE", "src", "0", "-1")), where + ": src");
            assertEquals(destination, strings(store.execute("LRANGE", "dst", "0", "-1")), where + ": dst");
            assertEquals(hash, pairs(store.execute("HGETALL", "h")), where + ": h");
            Map<String, String> scores = new HashMap<>();
            pairs(store.execute("ZRANGE", "z", "0", "-1", "WITHSCORES")).forEach((member, score) -> scores.put(member, score));
            assertEquals(zset, scores, where + ": z");
            List<String> ids = new ArrayList<>();
            if (store.execute("XRANGE", "s", "-", "+") instanceof Reply.Array entries) {
                for (Reply entry : entries.items()) {
                    ids.add(text(((Reply.Array) entry).items().getFirst()));
                }
            }
            assertEquals(stream, ids, where + ": s");
            for (int key = 0; key < 4; key++) {
                Reply value = store.execute("GET", "big:" + key);
                assertEquals(bigs.get("big:" + key), value instanceof Reply.Bulk ? text(value) : null, where + ": big:" + key);
            }
        }
    }

    private static long integer(Reply reply) {
        if (reply instanceof Reply.Int integer) {
            return integer.value();
        }
        throw new AssertionError("not an integer: " + reply);
    }

    private static String text(Reply reply) {
        return RecoveryTest.text(reply);
    }

    /** Returns the strings of an array reply, an empty list for an empty or missing one. */
    private static List<String> strings(Reply reply) {
        List<String> strings = new ArrayList<>();
        if (reply instanceof Reply.Array array) {
            for (Reply item : array.items()) {
                strings.add(item instanceof Reply.Bulk ? text(item) : "?");
            }
        }
        return strings;
    }

    private static Map<String, String> pairs(Reply reply) {
        List<String> flat = reply instanceof Reply.Map map ? strings(new Reply.Array(map.keysAndValues())) : strings(reply);
        Map<String, String> pairs = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            pairs.put(flat.get(i), flat.get(i + 1));
        }
        return pairs;
    }
}
