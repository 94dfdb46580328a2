package dev.keel.engine.stream;

import static dev.keel.engine.stream.ExpectedReplies.entry;
import static dev.keel.engine.stream.ExpectedReplies.field;
import static dev.keel.engine.stream.ExpectedReplies.list;
import static dev.keel.engine.stream.ExpectedReplies.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import dev.keel.engine.OffHeapStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression: XSETID below deleted entries. Redis 7.0 lets XSETID set the last ID below deleted
 * entries, as long as it is not below the last live one; the next XADD then used to land after
 * those deleted entries in the last block, out of ID order, so that verifyIntegrity failed and
 * range walks (XRANGE, XREAD, XREADGROUP), which stop at the first entry past their end, missed
 * it. The rewritten log replays this very sequence when a group holds pending entries that were
 * deleted above the last entry.
 *
 * <p>Runs with Redis's block limits and with small ones, so that the deleted entries sit in full
 * blocks, in blocks of their own, or in the block the next entry goes to. Expected replies were
 * taken from a real Redis 7.0.15. The keyspace invariants are checked after each step that could
 * break them, and after every test.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("thresholds")
class XsetidBelowDeletedEntriesTest extends AbstractCommandTest {
    @Parameter
    Thresholds thresholds;

    static Stream<Arguments> thresholds() {
        return Stream.of(arguments(named("defaults", Thresholds.defaults())),
                arguments(named("1 entry a block", Thresholds.defaults().withStreamNodeMax(0, 1))),
                arguments(named("2 entries a block", Thresholds.defaults().withStreamNodeMax(0, 2))),
                arguments(named("3 entries a block", Thresholds.defaults().withStreamNodeMax(0, 3))),
                arguments(named("48 bytes a block", Thresholds.defaults().withStreamNodeMax(48, 0))));
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    private void assertIntact() {
        assertNull(((OffHeapStore) store).verifyIntegrity(), "keyspace invariants");
    }

    /** XADDs {@code a} = n for each n-0 from {@code from} to {@code to}. */
    private void addNumbered(int from, int to) {
        for (int i = from; i <= to; i++) {
            assertReply(bulk(i + "-0"), "XADD", "s", i + "-0", "a", Integer.toString(i));
        }
    }

    @Test
    void xadd_afterXsetidBelowADeletedEntry_readsInIdOrder() {
        addNumbered(1, 2);
        assertReply(integer(1), "XDEL", "s", "2-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertIntact();
        assertReply(bulk("1-1"), "XADD", "s", "1-1", "a", "3");
        assertIntact();
        Reply both = list(entry("1-0", "a", "1"), entry("1-1", "a", "3"));
        assertReply(both, "XRANGE", "s", "1-0", "1-5");
        assertReply(both, "XRANGE", "s", "-", "+");
        assertReply(list(entry("1-1", "a", "3"), entry("1-0", "a", "1")), "XREVRANGE", "s", "1-5", "-");
        assertReply(list(entry("1-1", "a", "3")), "XREVRANGE", "s", "+", "-", "COUNT", "1");
        assertReply(read("s", entry("1-0", "a", "1"), entry("1-1", "a", "3")), "XREAD", "STREAMS", "s", "0");
        assertReply(read("s", entry("1-1", "a", "3")), "XREAD", "STREAMS", "s", "1-0");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "s", "1-1");
        Reply info = exec("XINFO", "STREAM", "s");
        assertEquals(integer(2), field(info, "length"));
        assertEquals(bulk("1-1"), field(info, "last-generated-id"));
        assertEquals(bulk("2-0"), field(info, "max-deleted-entry-id"));
        assertEquals(integer(3), field(info, "entries-added"));
        assertEquals(bulk("1-0"), field(info, "recorded-first-entry-id"));
        assertEquals(entry("1-1", "a", "3"), field(info, "last-entry"));
    }

    @Test
    void xadd_atTheIdOfADeletedEntry_addsItAgain() {
        addNumbered(1, 3);
        assertReply(integer(2), "XDEL", "s", "2-0", "3-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertReply(bulk("2-0"), "XADD", "s", "2-0", "a", "new");
        assertReply(bulk("2-1"), "XADD", "s", "2-*", "a", "next");
        assertIntact();
        assertReply(list(entry("1-0", "a", "1"), entry("2-0", "a", "new"), entry("2-1", "a", "next")), "XRANGE", "s", "-", "3-0");
        assertReply(list(entry("2-1", "a", "next"), entry("2-0", "a", "new")), "XREVRANGE", "s", "3-0", "2-0");
        Reply info = exec("XINFO", "STREAM", "s");
        assertEquals(bulk("3-0"), field(info, "max-deleted-entry-id"));
        assertEquals(integer(5), field(info, "entries-added"));
    }

    @Test
    void xadd_withTheClock_afterXsetidBelowAFutureDeletedEntry_readsInIdOrder() {
        long later = now() + 1_000_000;
        assertReply(bulk("1-0"), "XADD", "s", "1-0", "a", "1");
        assertReply(bulk(later + "-0"), "XADD", "s", later + "-0", "a", "2");
        assertReply(integer(1), "XDEL", "s", later + "-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertReply(bulk(now() + "-0"), "XADD", "s", "*", "a", "3");
        assertIntact();
        assertReply(list(entry("1-0", "a", "1"), entry(now() + "-0", "a", "3")), "XRANGE", "s", "-", later + "-0");
        assertReply(read("s", entry(now() + "-0", "a", "3")), "XREAD", "STREAMS", "s", "1-0");
    }

    @Test
    void xadd_withMaxlen_afterXsetidBelowADeletedEntry_trimsInIdOrder() {
        addNumbered(1, 2);
        assertReply(integer(1), "XDEL", "s", "2-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertReply(bulk("1-1"), "XADD", "s", "MAXLEN", "1", "1-1", "a", "3");
        assertIntact();
        assertReply(list(entry("1-1", "a", "3")), "XRANGE", "s", "-", "+");
        Reply info = exec("XINFO", "STREAM", "s");
        assertEquals(bulk("2-0"), field(info, "max-deleted-entry-id"));
        assertEquals(bulk("1-1"), field(info, "recorded-first-entry-id"));
        assertEquals(integer(3), field(info, "entries-added"));
    }

    @Test
    void xadd_withMinid_afterXsetidBelowDeletedEntries_trimsInIdOrder() {
        addNumbered(1, 3);
        assertReply(integer(2), "XDEL", "s", "2-0", "3-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertReply(bulk("1-1"), "XADD", "s", "MINID", "1-1", "1-1", "a", "3");
        assertIntact();
        assertReply(list(entry("1-1", "a", "3")), "XRANGE", "s", "-", "+");
        assertReply(bulk("1-2"), "XADD", "s", "MAXLEN", "~", "1", "1-2", "a", "4");
        assertReply(list(entry("1-2", "a", "4")), "XREVRANGE", "s", "+", "-", "COUNT", "1");
        Reply info = exec("XINFO", "STREAM", "s");
        assertEquals(bulk("3-0"), field(info, "max-deleted-entry-id"));
        assertEquals(integer(5), field(info, "entries-added"));
    }

    @Test
    void xadd_afterXsetidBelowDeletedEntriesOfAFullBlock_readsInIdOrder() {
        // Fill the first block, start a second one (the first is then shrunk to fit), and delete
        // the tail of the stream back into the first block.
        int n = Math.max(3, thresholds.streamNodeMaxEntries());
        addNumbered(1, n + 1);
        for (int i = n + 1; i >= n - 1; i--) {
            assertReply(integer(1), "XDEL", "s", i + "-0");
        }
        assertReply(Reply.OK, "XSETID", "s", (n - 2) + "-0");
        assertIntact();
        for (int seq = 1; seq <= 4; seq++) {
            assertReply(bulk((n - 2) + "-" + seq), "XADD", "s", (n - 2) + "-" + seq, "a", "s" + seq);
            assertIntact();
        }
        assertReply(list(entry((n - 2) + "-0", "a", Integer.toString(n - 2)), entry((n - 2) + "-1", "a", "s1"),
                entry((n - 2) + "-2", "a", "s2")), "XRANGE", "s", (n - 2) + "-0", (n - 1) + "-0", "COUNT", "3");
        assertReply(list(entry((n - 2) + "-4", "a", "s4"), entry((n - 2) + "-3", "a", "s3")),
                "XREVRANGE", "s", n + "-0", (n - 2) + "-3");
        assertReply(integer(n - 2 + 4), "XLEN", "s");
        assertReply(read("s", entry((n - 2) + "-4", "a", "s4")), "XREAD", "STREAMS", "s", (n - 2) + "-3");
    }

    @Test
    void xadd_afterXsetidBelowBlocksOfOnlyDeletedEntries_readsInIdOrder() {
        addNumbered(1, 6);
        assertReply(integer(5), "XDEL", "s", "6-0", "5-0", "4-0", "3-0", "2-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertIntact();
        assertReply(bulk("1-1"), "XADD", "s", "1-1", "a", "x");
        assertReply(bulk("4-0"), "XADD", "s", "4-0", "a", "y");
        assertIntact();
        assertReply(list(entry("1-0", "a", "1"), entry("1-1", "a", "x"), entry("4-0", "a", "y")), "XRANGE", "s", "-", "+");
        assertReply(list(entry("1-1", "a", "x")), "XRANGE", "s", "1-1", "3-0");
        assertReply(list(entry("4-0", "a", "y"), entry("1-1", "a", "x")), "XREVRANGE", "s", "5-0", "1-1");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "s", "4-0");
    }

    @Test
    void xsetid_afterEveryEntryWasDeleted_thenXadd_readsOnlyTheNewEntry() {
        addNumbered(1, 3);
        assertReply(integer(3), "XDEL", "s", "1-0", "2-0", "3-0");
        assertReply(Reply.OK, "XSETID", "s", "0-1");
        assertReply(bulk("0-2"), "XADD", "s", "0-2", "a", "z");
        assertIntact();
        assertReply(list(entry("0-2", "a", "z")), "XRANGE", "s", "-", "+");
        assertReply(integer(1), "XLEN", "s");
    }

    @Test
    void xreadgroup_afterXsetidBelowADeletedEntry_deliversInIdOrder() {
        addNumbered(1, 2);
        assertReply(integer(1), "XDEL", "s", "2-0");
        assertReply(Reply.OK, "XSETID", "s", "1-0");
        assertReply(Reply.OK, "XGROUP", "CREATE", "s", "g", "0");
        assertReply(bulk("1-1"), "XADD", "s", "1-1", "a", "3");
        assertReply(read("s", entry("1-0", "a", "1")), "XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        assertReply(read("s", entry("1-1", "a", "3")), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertReply(read("s", entry("1-0", "a", "1"), entry("1-1", "a", "3")), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0");
    }
}
