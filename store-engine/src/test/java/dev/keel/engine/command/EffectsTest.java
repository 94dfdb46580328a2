package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.StoreConfig;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import dev.keel.engine.OffHeapStore;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.spi.CommandLines;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the append-only log records of each write command ({@link Effects}, and the XADD and XTRIM
 * handlers): the exact line of every rewrite, nothing for errors and for commands whose reply
 * proves they changed nothing, and the command's own array, unallocated, for the rest. Each test
 * then replays the records, each at the millisecond it took effect at, into a fresh store and
 * checks that it holds the same data: for blocking pops served by another thread's push too, and
 * for approximate stream trims replayed into a store whose stream blocks are another size.
 */
@Timeout(60)
class EffectsTest extends AbstractCommandTest {
    /** Stream blocks of three entries: an approximate trim then removes less than an exact one. */
    private static final Thresholds SMALL_STREAM_BLOCKS = Thresholds.defaults().withStreamNodeMax(0, 3);
    /** XINFO STREAM's block counts, which only the layout decides. */
    private static final Pattern BLOCK_COUNTS = Pattern.compile("\"radix-tree-(keys|nodes)\", \\(integer\\) \\d+");

    /** One record of the log: a copy of the line, and the millisecond it took effect at. */
    private record Record(byte[][] line, long now) {
        @Override
        public String toString() {
            List<String> words = new ArrayList<>(line.length);
            for (byte[] word : line) {
                words.add(new String(word, StandardCharsets.UTF_8));
            }
            return String.join(" ", words);
        }
    }

    /** A log that keeps a copy of every record, in the order they come. */
    private final class RecordingLog implements CommandLog {
        @Override
        public String refusal() {
            return null;
        }

        @Override
        public void beforeWrite(int stripe) {
        }

        @Override
        public void append(byte[][] argv, long now) {
            byte[][] copy = new byte[argv.length][];
            for (int i = 0; i < argv.length; i++) {
                copy[i] = argv[i].clone();
            }
            records.add(new Record(copy, now));
        }

        @Override
        public void awaitDurable() {
        }

        @Override
        public String startRewrite() {
            throw new UnsupportedOperationException("no rewrite in this test");
        }

        @Override
        public void close() {
        }
    }

    private final List<Record> records = new CopyOnWriteArrayList<>();
    /** How many records {@link #assertLogged} has seen. */
    private int checked;

    @BeforeEach
    void logToRecords() {
        reopen(Thresholds.defaults());
    }

    /** Replaces the store under test by an empty one with {@code thresholds} that logs to {@link #records}. */
    private void reopen(Thresholds thresholds) {
        store.close();
        records.clear();
        checked = 0;
        OffHeapStore logged = OffHeapStore.unstarted(config(thresholds));
        logged.start(new RecordingLog());
        store = logged;
        redis = store.commands();
    }

    private StoreConfig config(Thresholds thresholds) {
        return Keel.builder().clock(clock).activeExpiry(false).thresholds(thresholds).config();
    }

    /** Runs a command that sets the scene: it must succeed; what it logs is not checked (but is replayed). */
    private void given(String... argv) {
        Reply reply = exec(argv);
        assertFalse(reply instanceof Reply.Error, () -> String.join(" ", argv) + " answered " + reply);
        checked = records.size();
    }

    /** Asserts that the commands since the last check logged exactly {@code lines}, words joined by spaces. */
    private void assertLogged(String... lines) {
        List<String> logged = new ArrayList<>();
        for (Record record : records.subList(checked, records.size())) {
            logged.add(record.toString());
        }
        checked = records.size();
        assertEquals(List.of(lines), logged);
    }

    /**
     * Replays every record at its millisecond into a fresh store with {@code thresholds} and asserts
     * that it holds the same data as the store under test, but for XINFO STREAM's block counts;
     * the replayed store then becomes the store under test (checked and closed after the test).
     */
    private void assertReplayRebuildsTheSame(Thresholds thresholds) {
        Map<String, String> original = withoutBlockCounts(snapshot());
        assertNull(((OffHeapStore) store).verifyIntegrity(), "keyspace invariants");
        store.close();
        OffHeapStore replayed = OffHeapStore.unstarted(config(thresholds));
        store = replayed;
        for (Record record : records) {
            Reply reply = replayed.replay(record.line(), record.now());
            assertFalse(reply instanceof Reply.Error, () -> record + " replayed as " + reply);
        }
        replayed.start(null);
        redis = store.commands();
        assertEquals(original, withoutBlockCounts(snapshot()));
    }

    private void assertReplayRebuildsTheSame() {
        assertReplayRebuildsTheSame(Thresholds.defaults());
    }

    private static Map<String, String> withoutBlockCounts(Map<String, String> snapshot) {
        snapshot.replaceAll((key, value) -> BLOCK_COUNTS.matcher(value).replaceAll("\"radix-tree-$1\""));
        return snapshot;
    }

    private long at(long millisFromNow) {
        return now() + millisFromNow;
    }

    private String bulkText(Reply reply) {
        return assertInstanceOf(Reply.Bulk.class, reply).utf8();
    }

    private long xlen(String key) {
        return assertInstanceOf(Reply.Int.class, exec("XLEN", key)).value();
    }

    // ------------------------------------------------------------------ randomness

    @Test
    void spop_poppedMembers_loggedAsTheirSrem() {
        given("SADD", "s", "a", "b", "c", "d", "e", "f");
        String one = bulkText(exec("SPOP", "s"));
        assertLogged("SREM s " + one);
        List<Reply> two = assertInstanceOf(Reply.Array.class, exec("SPOP", "s", "2")).items();
        assertLogged("SREM s " + bulkText(two.get(0)) + " " + bulkText(two.get(1)));
        List<Reply> rest = assertInstanceOf(Reply.Array.class, exec("SPOP", "s", "10")).items();
        assertEquals(3, rest.size());
        assertLogged("SREM s " + bulkText(rest.get(0)) + " " + bulkText(rest.get(1)) + " " + bulkText(rest.get(2)));
        given("SADD", "t", "x", "y", "z");
        exec("SPOP", "t");
        assertReplayRebuildsTheSame();
    }

    @Test
    void spop_nothingPopped_logsNothing() {
        given("SADD", "s", "a");
        assertReply(Reply.NIL, "SPOP", "missing");
        assertReply(array(), "SPOP", "missing", "3");
        assertReply(array(), "SPOP", "s", "0");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    // ------------------------------------------------------------------ blocking pops

    @Test
    void blpopAndBrpop_servedByAnotherThreadsPush_loggedAsThePlainPopOfTheKey() throws Exception {
        CompletableFuture<Reply> left = startBlocked("BLPOP", "other", "list", "0");
        exec("RPUSH", "list", "a", "b", "c");
        assertEquals(array("list", "a"), answerOf(left));
        assertLogged("RPUSH list a b c", "LPOP list");
        assertEquals(array("list", "c"), exec("BRPOP", "other", "list", "0"));
        assertLogged("RPOP list");
        assertReply(Reply.NIL, "BLPOP", "other", "0.001");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    @Test
    void blmoveAndBrpoplpush_served_loggedAsLmoveAndRpoplpush() throws Exception {
        CompletableFuture<Reply> moved = startBlocked("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
        exec("RPUSH", "src", "a", "b", "c");
        assertEquals(bulk("c"), answerOf(moved));
        assertLogged("RPUSH src a b c", "LMOVE src dst RIGHT LEFT");
        assertReply(bulk("b"), "BRPOPLPUSH", "src", "dst", "0");
        assertLogged("RPOPLPUSH src dst");
        assertReplayRebuildsTheSame();
    }

    @Test
    void blmpop_served_loggedAsLmpopOfTheKeyAndTheCountPopped() throws Exception {
        CompletableFuture<Reply> popped = startBlocked("BLMPOP", "0", "2", "l1", "l2", "LEFT", "COUNT", "5");
        exec("RPUSH", "l2", "a", "b", "c");
        assertEquals(Reply.array(List.of(bulk("l2"), array("a", "b", "c"))), answerOf(popped));
        assertLogged("RPUSH l2 a b c", "LMPOP 1 l2 LEFT COUNT 3");
        given("RPUSH", "l1", "x", "y");
        exec("BLMPOP", "0", "2", "l1", "l2", "right");
        assertLogged("LMPOP 1 l1 right COUNT 1");
        assertReplayRebuildsTheSame();
    }

    @Test
    void bzpopAndBzmpop_served_loggedAsZpopAndZmpopOfTheKey() throws Exception {
        CompletableFuture<Reply> popped = startBlocked("BZPOPMIN", "z", "0");
        exec("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals(array("z", "a", "1"), answerOf(popped));
        assertLogged("ZADD z 1 a 2 b 3 c 4 d", "ZPOPMIN z");
        exec("BZPOPMAX", "none", "z", "0");
        assertLogged("ZPOPMAX z");
        CompletableFuture<Reply> counted = startBlocked("BZMPOP", "0", "2", "y", "w", "MAX", "COUNT", "3");
        exec("ZADD", "w", "1", "p", "2", "q");
        assertEquals(2, ((Reply.Array) ((Reply.Array) answerOf(counted)).items().get(1)).items().size());
        assertLogged("ZADD w 1 p 2 q", "ZMPOP 1 w MAX COUNT 2");
        exec("BZMPOP", "0", "1", "z", "MIN");
        assertLogged("ZMPOP 1 z MIN COUNT 1");
        assertReplayRebuildsTheSame();
    }

    @Test
    void xreadgroupBlock_served_loggedWithoutBlock() throws Exception {
        given("XADD", "s", "1-1", "f", "v");
        given("XGROUP", "CREATE", "s", "block", "$");
        CompletableFuture<Reply> read = startBlocked("XREADGROUP", "GROUP", "block", "c", "COUNT", "5", "BLOCK", "0", "STREAMS", "s", ">");
        clock.advanceMillis(7);
        exec("XADD", "s", "2-1", "f", "w");
        assertInstanceOf(Reply.Array.class, answerOf(read));
        assertLogged("XADD s 2-1 f w", "XREADGROUP GROUP block c COUNT 5 STREAMS s >");
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "block", "c", "BLOCK", "1", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "block", "c", "STREAMS", "s", "0");
        assertLogged("XREADGROUP GROUP block c STREAMS s 0");
        assertReplayRebuildsTheSame();
    }

    // ------------------------------------------------------------------ time made absolute

    @Test
    void expireFamily_loggedAsPexpireatOfTheAbsoluteMillisecond() {
        given("SET", "k", "v");
        given("SET", "gone", "v");
        exec("EXPIRE", "k", "100");
        assertLogged("PEXPIREAT k " + at(100_000));
        clock.advanceMillis(3);
        exec("PEXPIRE", "k", "5000", "xx");
        assertLogged("PEXPIREAT k " + at(5000) + " xx");
        exec("EXPIREAT", "k", "1790000000", "GT");
        assertLogged("PEXPIREAT k 1790000000000 GT");
        exec("PEXPIREAT", "k", "1790000000500");
        assertLogged("PEXPIREAT k 1790000000500");
        assertReply(integer(1), "EXPIRE", "gone", "-5");
        assertReply(integer(0), "EXISTS", "gone");
        assertLogged("PEXPIREAT gone " + at(-5000));
        assertReply(integer(0), "EXPIRE", "k", "10", "NX");
        assertReply(integer(0), "EXPIRE", "missing", "10");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    @Test
    void setexAndSetOptions_loggedAsSetPxat() {
        exec("SETEX", "a", "10", "v");
        assertLogged("SET a v PXAT " + at(10_000));
        exec("PSETEX", "b", "1500", "v");
        assertLogged("SET b v PXAT " + at(1500));
        exec("SET", "c", "EX", "EX", "20", "NX");
        assertLogged("SET c EX PXAT " + at(20_000) + " NX");
        exec("SET", "d", "v", "GET", "px", "100", "px", "200");
        assertLogged("SET d v GET PXAT " + at(100) + " PXAT " + at(200));
        exec("SET", "e", "v", "EXAT", "1790000000");
        assertLogged("SET e v PXAT 1790000000000");
        exec("SET", "f", "v", "PXAT", "1790000000000", "XX");
        exec("SET", "f", "v", "KEEPTTL");
        assertLogged("SET f v PXAT 1790000000000 XX", "SET f v KEEPTTL");
        assertReplayRebuildsTheSame();
    }

    @Test
    void getex_loggedWithPxatOrNotAtAll() {
        given("SET", "a", "1");
        given("SET", "b", "2");
        exec("GETEX", "a", "EX", "100");
        assertLogged("GETEX a PXAT " + at(100_000));
        exec("GETEX", "a", "PERSIST");
        assertLogged("GETEX a PERSIST");
        exec("GETEX", "b", "EXAT", "1");
        assertReply(integer(0), "EXISTS", "b");
        assertLogged("GETEX b PXAT 1000");
        exec("GETEX", "a");
        exec("GETEX", "missing", "EX", "10");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    @Test
    void fieldExpiry_loggedAsHpexpireatAndPxat() {
        given("HSET", "h", "a", "1", "b", "2", "c", "3");
        exec("HEXPIRE", "h", "100", "FIELDS", "2", "a", "b");
        assertLogged("HPEXPIREAT h " + at(100_000) + " FIELDS 2 a b");
        exec("HPEXPIRE", "h", "500", "LT", "FIELDS", "1", "a");
        assertLogged("HPEXPIREAT h " + at(500) + " LT FIELDS 1 a");
        exec("HEXPIREAT", "h", "1790000000", "NX", "FIELDS", "1", "c");
        assertLogged("HPEXPIREAT h 1790000000000 NX FIELDS 1 c");
        assertReply(Reply.array(List.of(integer(2))), "HPEXPIRE", "h", "0", "FIELDS", "1", "b");
        assertLogged("HPEXPIREAT h " + now() + " FIELDS 1 b");
        exec("HGETEX", "h", "EX", "50", "FIELDS", "1", "c");
        assertLogged("HGETEX h PXAT " + at(50_000) + " FIELDS 1 c");
        exec("HSETEX", "h", "FNX", "PX", "700", "FIELDS", "1", "d", "4");
        assertLogged("HSETEX h FNX PXAT " + at(700) + " FIELDS 1 d 4");
        exec("HSETEX", "h", "KEEPTTL", "FIELDS", "1", "EX", "5");
        assertLogged("HSETEX h KEEPTTL FIELDS 1 EX 5");
        assertReplayRebuildsTheSame();
    }

    // ------------------------------------------------------------------ streams

    @Test
    void xadd_chosenId_loggedWithTheId() {
        exec("XADD", "s", "*", "f", "v");
        exec("XADD", "s", "*", "f", "w");
        assertLogged("XADD s " + now() + "-0 f v", "XADD s " + now() + "-1 f w");
        exec("XADD", "t", "5-*", "f", "v");
        exec("XADD", "t", "5-*", "f", "v");
        exec("XADD", "t", "6", "f", "v");
        exec("XADD", "t", "MAXLEN", "2", "*", "f", "v");
        assertLogged("XADD t 5-0 f v", "XADD t 5-1 f v", "XADD t 6 f v", "XADD t MAXLEN 2 " + now() + "-0 f v");
        exec("XTRIM", "t", "MINID", "=", "6-1");
        assertLogged("XTRIM t MINID = 6-1");
        assertReply(Reply.NIL, "XADD", "missing", "NOMKSTREAM", "*", "f", "v");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    @Test
    void approximateTrims_loggedExact_replayTheSameWithOtherBlocks() {
        reopen(SMALL_STREAM_BLOCKS);
        long longest = 0;
        for (int i = 1; i <= 11; i++) {
            exec("XADD", "s", "MAXLEN", "~", "4", i + "-1", "f", "v" + i);
            longest = Math.max(longest, xlen("s"));
            assertLogged("XADD s MAXLEN = " + xlen("s") + " " + i + "-1 f v" + i);
        }
        assertTrue(longest > 4 && xlen("s") < 11, "an approximate trim keeps whole blocks");
        assertReply(integer(3), "XTRIM", "s", "MINID", "~", "10-1", "LIMIT", "5");
        assertLogged("XTRIM s MAXLEN = 2");
        assertReply(integer(0), "XTRIM", "s", "MAXLEN", "~", "1");
        assertLogged();
        exec("XADD", "s", "NOMKSTREAM", "MINID", "~", "11-1", "LIMIT", "10", "*", "f", "w");
        assertLogged("XADD s NOMKSTREAM MAXLEN = 3 " + now() + "-0 f w");
        assertReplayRebuildsTheSame(Thresholds.defaults());
    }

    // ------------------------------------------------------------------ errors, no-ops, the rest

    @Test
    void failedCommand_logsNothing() {
        given("SET", "k", "v");
        assertError("ERR invalid expire time in 'set' command", "SET", "x", "v", "EX", "0");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "LPUSH", "k", "x");
        assertError("ERR value is not an integer or out of range", "INCR", "k");
        assertError("ERR The ID specified in XADD must be greater than 0-0", "XADD", "s", "0-0", "f", "v");
        assertLogged();
        assertReplayRebuildsTheSame();
    }

    @Test
    void replyProvesNothingChanged_logsNothing_butHashCommandsAreLogged() {
        given("SET", "k", "v");
        given("HSET", "h", "f", "v");
        for (String[] argv : List.of(new String[] {"DEL", "missing"}, new String[] {"UNLINK", "missing"},
                new String[] {"SREM", "missing", "m"}, new String[] {"ZREM", "missing", "m"},
                new String[] {"LREM", "missing", "0", "x"}, new String[] {"XDEL", "missing", "1-1"},
                new String[] {"PERSIST", "k"}, new String[] {"PEXPIREAT", "missing", "1"},
                new String[] {"LPOP", "missing"}, new String[] {"RPOP", "missing"},
                new String[] {"LMOVE", "missing", "dst", "LEFT", "LEFT"}, new String[] {"RPOPLPUSH", "missing", "dst"},
                new String[] {"LMPOP", "1", "missing", "LEFT"}, new String[] {"ZMPOP", "1", "missing", "MIN"},
                new String[] {"ZPOPMIN", "missing"}, new String[] {"GETDEL", "missing"})) {
            exec(argv);
        }
        assertLogged();
        assertReply(integer(0), "HDEL", "h", "missing");
        assertLogged("HDEL h missing");
        assertReplayRebuildsTheSame();
    }

    @Test
    void commandNotRewritten_isLoggedAsItsOwnArray_withoutAllocating() {
        String[][] lines = {
            {"SET", "k", "v"}, {"SET", "k", "v", "PXAT", "1790000000000", "NX"}, {"RPUSH", "l", "a"},
            {"PEXPIREAT", "k", "1790000000000"}, {"GETEX", "k", "PERSIST"}, {"DEL", "k"}, {"HSET", "h", "f", "v"},
            {"HGETEX", "h", "FIELDS", "1", "f"}, {"XADD", "s", "1-1", "f", "v"}, {"LPOP", "l"},
            {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"}, {"ZADD", "z", "1", "m"},
        };
        Reply[] replies = {
            Reply.OK, Reply.OK, integer(1), integer(1), bulk("v"), integer(1), integer(1), array("v"), bulk("1-1"), bulk("a"),
            Reply.array(List.of()), integer(1),
        };
        CommandTable table = OffHeapStore.commandTable();
        try (OffHeapMemory memory = new OffHeapMemory()) {
            CommandDispatcher dispatcher = new CommandDispatcher(table, new Keyspace(memory, 1, SipHash.random()), clock, 0,
                    Thresholds.defaults());
            CommandSpec[] specs = new CommandSpec[lines.length];
            Invocation[] invocations = new Invocation[lines.length];
            for (int i = 0; i < lines.length; i++) {
                byte[][] argv = CommandLines.utf8(lines[i]);
                specs[i] = table.lookup(argv[0]);
                invocations[i] = new Invocation(dispatcher, argv, new long[argv.length], now(), true);
                assertSame(argv, Effects.of(specs[i], invocations[i], replies[i]), String.join(" ", lines[i]));
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            logAll(specs, invocations, replies, 20_000);
            long before = threads.getCurrentThreadAllocatedBytes();
            logAll(specs, invocations, replies, 20_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // Under a byte a call: any allocation on the path would take at least 16 bytes a call.
            assertTrue(allocated < 20_000L * lines.length, () -> allocated + " bytes allocated by " + 20_000 * lines.length + " calls");
        }
    }

    private static void logAll(CommandSpec[] specs, Invocation[] invocations, Reply[] replies, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < specs.length; i++) {
                if (Effects.of(specs[i], invocations[i], replies[i]) == null) {
                    throw new AssertionError("logged nothing");
                }
            }
        }
    }
}
