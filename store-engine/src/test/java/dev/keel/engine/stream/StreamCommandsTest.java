package dev.keel.engine.stream;

import static dev.keel.engine.stream.ExpectedReplies.entry;
import static dev.keel.engine.stream.ExpectedReplies.field;
import static dev.keel.engine.stream.ExpectedReplies.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream commands end to end on the manual clock, with Redis's default block limits and with
 * two entries a block: IDs generated from the clock, trimming and its counters, delivery counts,
 * idle and delivery times, claiming, and the group counters XINFO reports. Expected replies were
 * taken from a real Redis 7.0.15 (the times from what its clock would show).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("thresholds")
class StreamCommandsTest extends AbstractCommandTest {
    @Parameter
    Thresholds thresholds;

    static Stream<Arguments> thresholds() {
        return Stream.of(arguments(named("defaults", Thresholds.defaults())),
                arguments(named("scalableAlways", Thresholds.scalableAlways())));
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    private void addNumbered(String key, int count) {
        for (int i = 1; i <= count; i++) {
            assertReply(bulk(i + "-0"), "XADD", key, i + "-0", "f", Integer.toString(i));
        }
    }

    // ------------------------------------------------------------------ XADD

    @Test
    void xadd_star_takesTheClock_andNeverGoesBack() {
        long now = now();
        assertReply(bulk(now + "-0"), "XADD", "s", "*", "f", "v");
        assertReply(bulk(now + "-1"), "XADD", "s", "*", "f", "v");
        clock.advanceMillis(5);
        assertReply(bulk(now + 5 + "-0"), "XADD", "s", "*", "f", "v");
        assertReply(bulk(now + 10 + "-0"), "XADD", "s", now + 10 + "-0", "f", "v");
        assertReply(bulk(now + 10 + "-1"), "XADD", "s", "*", "f", "v");
        assertReply(bulk(now + 10 + "-2"), "XADD", "s", now + 10 + "-*", "f", "v");
        assertReply(bulk(now + 11 + "-0"), "XADD", "s", now + 11 + "-*", "f", "v");
    }

    @Test
    void xadd_star_afterTheLastSequenceOfItsMillisecond_movesToTheNext() {
        long later = now() + 1000;
        assertReply(bulk(later + "-18446744073709551615"), "XADD", "s", later + "-18446744073709551615", "f", "v");
        assertReply(bulk(later + 1 + "-0"), "XADD", "s", "*", "f", "v");
        assertReply(bulk(later + 1 + "-1"), "XADD", "s", later + 1 + "-*", "f", "v");
        assertError("ERR The ID specified in XADD is equal or smaller than the target stream top item", "XADD", "s", later + "-*", "f", "v");
        assertReply(bulk("18446744073709551615-18446744073709551615"), "XADD", "s", "18446744073709551615-18446744073709551615", "f", "v");
        assertError("ERR The stream has exhausted the last possible ID, unable to add more items", "XADD", "s", "*", "f", "v");
        assertReply(integer(4), "XLEN", "s");
    }

    @Test
    void xadd_refusedOrNomkstream_createsNoKey() {
        assertReply(Reply.NIL, "XADD", "s", "NOMKSTREAM", "*", "f", "v");
        assertError("ERR The ID specified in XADD must be greater than 0-0", "XADD", "s", "0-0", "f", "v");
        assertError("ERR Invalid stream ID specified as stream command argument", "XADD", "s", "MAXLEN", "1", "f", "v");
        assertError("ERR wrong number of arguments for 'xadd' command", "XADD", "s", "*", "f", "v", "g");
        assertReply(integer(0), "EXISTS", "s");
        assertReply(bulk("0-1"), "XADD", "s", "0-*", "f", "v");
        assertReply(bulk("stream"), "OBJECT", "ENCODING", "s");
        assertReply(new Reply.Status("stream"), "TYPE", "s");
    }

    // ------------------------------------------------------------------ trimming

    @Test
    void trim_exact_removesEntriesButNotTheLargestDeletedId() {
        addNumbered("s", 10);
        assertReply(integer(6), "XTRIM", "s", "MAXLEN", "4");
        assertReply(integer(2), "XTRIM", "s", "MINID", "9");
        Reply info = exec("XINFO", "STREAM", "s");
        assertEquals(integer(2), field(info, "length"));
        assertEquals(bulk("0-0"), field(info, "max-deleted-entry-id"));
        assertEquals(bulk("9-0"), field(info, "recorded-first-entry-id"));
        assertEquals(integer(10), field(info, "entries-added"));
        assertReply(bulk("11-0"), "XADD", "s", "MAXLEN", "=", "0", "11-0", "f", "v");
        assertReply(integer(0), "XLEN", "s");
        assertReply(integer(1), "EXISTS", "s");
    }

    @Test
    void trim_approximate_removesWholeBlocksOnly_withinItsDefaultLimit() {
        addNumbered("s", 301);
        assertReply(integer(0), "XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "1");
        boolean twoPerBlock = thresholds.streamNodeMaxEntries() == 2;
        // Without LIMIT, ~ does at most 100 x stream-node-max-entries: 200 with two entries a block.
        long removed = twoPerBlock ? 200 : 301;
        assertReply(integer(removed), "XTRIM", "s", "MAXLEN", "~", "0");
        assertReply(integer(301 - removed), "XLEN", "s");
        assertReply(integer(301 - removed), "XTRIM", "s", "MAXLEN", "0");
    }

    @Test
    void trim_approximate_keepsABlockItCannotRemoveWhole() {
        addNumbered("s", 301);
        boolean twoPerBlock = thresholds.streamNodeMaxEntries() == 2;
        assertReply(integer(200), "XTRIM", "s", "MAXLEN", "~", "50");
        assertReply(integer(twoPerBlock ? 50 : 0), "XTRIM", "s", "MAXLEN", "~", "50");
        assertReply(integer(twoPerBlock ? 6 : 0), "XTRIM", "s", "MINID", "~", "258");
        assertReply(integer(twoPerBlock ? 1 : 57), "XTRIM", "s", "MINID", "=", "258");
        assertEquals(bulk("258-0"), field(exec("XINFO", "STREAM", "s"), "recorded-first-entry-id"));
    }

    // ------------------------------------------------------------------ groups: delivery and time

    @Test
    void xreadgroup_deliversCountsAndTimes_asTheClockSays() {
        addNumbered("s", 3);
        assertReply(Reply.OK, "XGROUP", "CREATE", "s", "g", "0");
        long delivered = now();
        assertReply(list(list(bulk("s"), list(entry("1-0", "f", "1"), entry("2-0", "f", "2")))),
                "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        clock.advanceMillis(1500);
        assertReply(list(list(bulk("1-0"), bulk("alice"), integer(1500), integer(1)), list(bulk("2-0"), bulk("alice"), integer(1500),
                integer(1))), "XPENDING", "s", "g", "-", "+", "10");
        assertReply(list(list(bulk("s"), list(entry("1-0", "f", "1"), entry("2-0", "f", "2")))),
                "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertReply(list(list(bulk("1-0"), bulk("alice"), integer(0), integer(2))), "XPENDING", "s", "g", "IDLE", "0", "-", "(2-0", "10");
        clock.advanceMillis(100);
        Reply consumers = exec("XINFO", "CONSUMERS", "s", "g");
        assertEquals(list(list(bulk("name"), bulk("alice"), bulk("pending"), integer(2), bulk("idle"), integer(100))), consumers);
        Reply full = exec("XINFO", "STREAM", "s", "FULL");
        Reply group = ((Reply.Array) field(full, "groups")).items().get(0);
        assertEquals(list(list(bulk("1-0"), bulk("alice"), integer(delivered + 1500), integer(2)),
                list(bulk("2-0"), bulk("alice"), integer(delivered + 1500), integer(2))), field(group, "pending"));
        assertEquals(integer(2), field(group, "entries-read"));
        assertEquals(integer(1), field(group, "lag"));
    }

    @Test
    void xreadgroup_historyShowsDeletedEntriesAsNil_andLeavesTheirCounts() {
        addNumbered("s", 2);
        exec("XGROUP", "CREATE", "s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        exec("XDEL", "s", "1-0");
        assertReply(list(list(bulk("s"), list(Reply.array(List.of(bulk("1-0"), Reply.NIL)), entry("2-0", "f", "2")))),
                "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0");
        assertReply(list(list(bulk("1-0"), bulk("c"), integer(0), integer(1)), list(bulk("2-0"), bulk("c"), integer(0), integer(2))),
                "XPENDING", "s", "g", "-", "+", "10");
    }

    @Test
    void xclaim_timeIdleRetryAndForce_setWhatTheySay() {
        addNumbered("s", 3);
        exec("XGROUP", "CREATE", "s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "a", "COUNT", "2", "STREAMS", "s", ">");
        clock.advanceMillis(1000);
        assertReply(Reply.array(List.of()), "XCLAIM", "s", "g", "b", "2000", "1-0");
        assertReply(list(entry("1-0", "f", "1")), "XCLAIM", "s", "g", "b", "500", "1-0", "IDLE", "250");
        assertReply(list(list(bulk("1-0"), bulk("b"), integer(250), integer(2))), "XPENDING", "s", "g", "-", "+", "1");
        assertReply(list(bulk("2-0")), "XCLAIM", "s", "g", "b", "0", "2-0", "TIME", Long.toString(now() - 42), "RETRYCOUNT", "9",
                "JUSTID");
        assertReply(list(list(bulk("2-0"), bulk("b"), integer(42), integer(9))), "XPENDING", "s", "g", "(1-0", "+", "1");
        assertReply(list(bulk("3-0")), "XCLAIM", "s", "g", "c", "0", "3-0", "FORCE", "JUSTID", "LASTID", "3-0");
        assertReply(list(list(bulk("3-0"), bulk("c"), integer(0), integer(1))), "XPENDING", "s", "g", "3", "3", "1");
        assertEquals(bulk("3-0"), field(((Reply.Array) exec("XINFO", "GROUPS", "s")).items().get(0), "last-delivered-id"));
    }

    @Test
    void xautoclaim_pagesWithACursor_andDropsDeletedEntries() {
        addNumbered("s", 6);
        exec("XGROUP", "CREATE", "s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
        exec("XDEL", "s", "2-0", "4-0");
        clock.advanceMillis(100);
        assertReply(list(bulk("4-0"), list(bulk("1-0"), bulk("3-0")), list(bulk("2-0"))),
                "XAUTOCLAIM", "s", "g", "b", "50", "0", "COUNT", "3", "JUSTID");
        assertReply(list(bulk("0-0"), list(entry("5-0", "f", "5"), entry("6-0", "f", "6")), list(bulk("4-0"))),
                "XAUTOCLAIM", "s", "g", "b", "50", "4-0");
        assertReply(list(bulk("0-0"), Reply.array(List.of()), Reply.array(List.of())), "XAUTOCLAIM", "s", "g", "c", "50", "0");
        assertReply(list(integer(4), bulk("1-0"), bulk("6-0"), list(array("b", "4"))), "XPENDING", "s", "g");
        assertReply(list(list(bulk("name"), bulk("a"), bulk("pending"), integer(0), bulk("idle"), integer(100)),
                list(bulk("name"), bulk("b"), bulk("pending"), integer(4), bulk("idle"), integer(0))), "XINFO", "CONSUMERS", "s", "g");
    }

    @Test
    void xautoclaim_manyPendingEntries_walksPageByPageWithinItsAttempts() {
        int entries = 700;
        addNumbered("s", entries);
        exec("XGROUP", "CREATE", "s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
        List<String> deleted = new ArrayList<>(List.of("XDEL", "s"));
        for (int i = 1; i <= 600; i++) {
            deleted.add(i + "-0");
        }
        exec(deleted.toArray(new String[0]));
        // COUNT 30 allows 300 attempts: 30 deleted entries use up the count.
        Reply first = exec("XAUTOCLAIM", "s", "g", "b", "0", "0", "COUNT", "30", "JUSTID");
        assertEquals(bulk("31-0"), ((Reply.Array) first).items().get(0));
        assertEquals(30, ((Reply.Array) ((Reply.Array) first).items().get(2)).items().size());
        // The rest of the deleted entries go; the live ones, delivered just now, stay with a.
        Reply second = exec("XAUTOCLAIM", "s", "g", "b", "1000000", "0", "COUNT", "1000", "JUSTID");
        assertEquals(bulk("0-0"), ((Reply.Array) second).items().get(0));
        assertEquals(570, ((Reply.Array) ((Reply.Array) second).items().get(2)).items().size());
        assertReply(integer(100), "XLEN", "s");
    }
}
