package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XRANGE and XREVRANGE (COUNT, {@code -} and {@code +}, exclusive {@code (} bounds, IDs without a
 * sequence number meaning {@code ms-0} as a start and {@code ms-<max>} as an end), XREAD without
 * BLOCK (COUNT, several streams, {@code $}, {@code +}), and a stream of
 * {@value #BIG} entries, many blocks of them in any encoding, read in pages, deleted from and
 * trimmed against {@link StreamEntries}.
 */
class StreamRangeContractTest extends StreamContractBase {
    private static final int BIG = 5_000;
    private static final String MAX = "18446744073709551615";

    /** The stream {@code 1-0 1-1 2-0 2-5 3-0 <max>-0} at {@code s}, each entry {@code f -> <its id>}. */
    private void sixEntries() {
        for (String id : List.of("1-0", "1-1", "2-0", "2-5", "3-0", MAX + "-0")) {
            xadd("s", id, "f", id);
        }
    }

    /** The entries of {@link #sixEntries()} with these IDs, in the order given. */
    private static Reply six(String... ids) {
        List<Reply> entries = new ArrayList<>();
        for (String id : ids) {
            entries.add(entry(id, "f", id));
        }
        return Reply.array(entries);
    }

    // ------------------------------------------------------------------ XRANGE, XREVRANGE

    @Test
    void xrange_wholeStreamAndCount_inIdOrder() {
        sixEntries();
        assertReply(six("1-0", "1-1", "2-0", "2-5", "3-0", MAX + "-0"), "XRANGE", "s", "-", "+");
        assertReply(six("1-0", "1-1"), "XRANGE", "s", "-", "+", "COUNT", "2");
        assertReply(six(MAX + "-0", "3-0"), "XREVRANGE", "s", "+", "-", "count", "2");
        assertReply(six(MAX + "-0", "3-0", "2-5", "2-0", "1-1", "1-0"), "XREVRANGE", "s", "+", "-");
    }

    @Test
    void xrange_idWithoutSequence_startsAtZeroAndEndsAtTheLargestSequence() {
        sixEntries();
        assertReply(six("2-0", "2-5"), "XRANGE", "s", "2", "2");
        assertReply(six("1-0", "1-1", "2-0", "2-5"), "XRANGE", "s", "1", "2");
        assertReply(six("2-5", "2-0", "1-1", "1-0"), "XREVRANGE", "s", "2", "1");
        assertReply(six("2-0"), "XRANGE", "s", "2-0", "2-4");
        assertReply(six(MAX + "-0"), "XRANGE", "s", MAX, "+");
    }

    @Test
    void xrange_exclusiveBounds_leaveTheBoundOut() {
        sixEntries();
        assertReply(six("1-1", "2-0"), "XRANGE", "s", "(1-0", "(2-5");
        assertReply(six("1-1", "2-0", "2-5"), "XRANGE", "s", "(1", "2");
        assertReply(emptyArray(), "XRANGE", "s", "(2-5", "(3-0");
        assertReply(six("3-0"), "XRANGE", "s", "3", "(3");
        assertReply(six("1-0"), "XRANGE", "s", "(0", "+", "COUNT", "1");
        assertReply(six("3-0", "2-5", "2-0", "1-1"), "XREVRANGE", "s", "(3", "(1-0");
        assertReply(six("2-5"), "XREVRANGE", "s", "(3-0", "(2-0");
    }

    @Test
    void xrange_exclusiveBoundPastTheEnds_refused() {
        sixEntries();
        assertError("ERR invalid start ID for the interval", "XRANGE", "s", "(" + MAX + "-" + MAX, "+");
        assertError("ERR invalid end ID for the interval", "XRANGE", "s", "-", "(0-0");
        assertError("ERR invalid end ID for the interval", "XREVRANGE", "s", "(0-0", "-");
        assertError("ERR invalid start ID for the interval", "XREVRANGE", "s", "+", "(" + MAX + "-" + MAX);
        assertReply(six(MAX + "-0", "3-0", "2-5", "2-0", "1-1", "1-0"), "XREVRANGE", "s", "+", "(0-0");
    }

    @Test
    void xrange_emptyRanges_answerAnEmptyArray() {
        sixEntries();
        assertReply(emptyArray(), "XRANGE", "s", "+", "-");
        assertReply(emptyArray(), "XREVRANGE", "s", "-", "+");
        assertReply(emptyArray(), "XRANGE", "s", "4", "5");
        assertReply(emptyArray(), "XRANGE", "missing", "-", "+");
        assertReply(emptyArray(), "XREVRANGE", "missing", "+", "-");
    }

    @Test
    void xrange_countZeroOrNegative_answersNilOnAStreamAndEmptyOnAMissingKey() {
        sixEntries();
        assertReply(Reply.NIL, "XRANGE", "s", "-", "+", "COUNT", "0");
        assertReply(Reply.NIL, "XRANGE", "s", "-", "+", "COUNT", "-1");
        assertReply(Reply.NIL, "XREVRANGE", "s", "+", "-", "COUNT", "0");
        assertReply(Reply.NIL, "XRANGE", "s", "4", "5", "COUNT", "0");
        assertReply(emptyArray(), "XRANGE", "s", "4", "5", "COUNT", "1");
        assertReply(emptyArray(), "XRANGE", "missing", "-", "+", "COUNT", "0");
    }

    @ParameterizedTest(name = "bound \"{0}\"")
    @ValueSource(strings = {"abc", "(-", "(+", "(", "(abc", "1-x", "", "$", ">"})
    void xrange_malformedBound_refused(String bound) {
        sixEntries();
        assertError(INVALID_ID, "XRANGE", "s", bound, "+");
        assertError(INVALID_ID, "XRANGE", "s", "-", bound);
        assertError(INVALID_ID, "XREVRANGE", "s", bound, "-");
        assertError(INVALID_ID, "XRANGE", "missing", bound, "+");
    }

    @Test
    void xrange_badOptions_refused() {
        sixEntries();
        assertError(NOT_INTEGER, "XRANGE", "s", "-", "+", "COUNT", "abc");
        assertError(SYNTAX, "XRANGE", "s", "-", "+", "COUNT");
        assertError(SYNTAX, "XRANGE", "s", "-", "+", "FOO");
        assertError(SYNTAX, "XREVRANGE", "s", "+", "-", "COUNT", "1", "extra");
        assertError(wrongArity("xrange"), "XRANGE", "s", "-");
        assertError(wrongArity("xrevrange"), "XREVRANGE", "s");
    }

    // ------------------------------------------------------------------ XREAD

    @Test
    void xread_entriesAfterTheId_perStream() {
        xaddNumbered("s", 3);
        xadd("t", "5-0", "g", "5");
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREAD", "STREAMS", "s", "0");
        assertReply(streams(stream("s", numberedEntries(2, 3))), "XREAD", "STREAMS", "s", "1");
        assertReply(streams(stream("s", numberedEntries(2, 2)), stream("t", entries(entry("5-0", "g", "5")))),
                "XREAD", "COUNT", "1", "STREAMS", "s", "t", "1", "0");
        assertReply(streams(stream("t", entries(entry("5-0", "g", "5")))), "XREAD", "STREAMS", "s", "t", "3", "0-0");
    }

    @Test
    void xread_nothingNew_answersNil() {
        xaddNumbered("s", 3);
        assertReply(Reply.NIL, "XREAD", "STREAMS", "s", "3");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "s", "$");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "missing", "0");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "missing", "$");
        assertReply(Reply.NIL, "XREAD", "STREAMS", "s", MAX + "-" + MAX);
        assertNoKey("missing");
    }

    @Test
    void xread_countZeroOrNegative_readsEverything() {
        xaddNumbered("s", 3);
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREAD", "COUNT", "0", "STREAMS", "s", "0");
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREAD", "COUNT", "-1", "STREAMS", "s", "0");
        assertReply(streams(stream("s", numberedEntries(1, 1))), "XREAD", "COUNT", "2", "COUNT", "1", "STREAMS", "s", "0");
    }

    @Test
    void xread_sameStreamTwice_answersTwice() {
        xaddNumbered("s", 3);
        assertReply(streams(stream("s", numberedEntries(1, 3)), stream("s", numberedEntries(2, 3))),
                "XREAD", "STREAMS", "s", "s", "0", "1");
    }

    @Test
    void xread_plus_readsTheLastEntryOfEachStream() {
        requireRedis("7.4", "XREAD with the + ID");
        xaddNumbered("s", 3);
        xadd("t", "5-0", "g", "5");
        assertReply(streams(stream("s", numberedEntries(3, 3))), "XREAD", "STREAMS", "s", "+");
        assertReply(streams(stream("s", numberedEntries(3, 3)), stream("t", entries(entry("5-0", "g", "5")))),
                "XREAD", "STREAMS", "s", "t", "+", "+");
        assertReply(streams(stream("s", numberedEntries(2, 3))), "XREAD", "STREAMS", "missing", "s", "+", "1");
    }

    @Test
    void xread_badArguments_refused() {
        xaddNumbered("s", 3);
        assertError(UNBALANCED, "XREAD", "STREAMS", "s", "t", "0");
        assertError(wrongArity("xread"), "XREAD", "STREAMS", "s");
        assertError(wrongArity("xread"), "XREAD", "STREAMS");
        assertError(wrongArity("xread"), "XREAD", "COUNT", "1");
        assertError(SYNTAX, "XREAD", "FOO", "STREAMS", "s", "0");
        assertError(NOT_INTEGER, "XREAD", "COUNT", "abc", "STREAMS", "s", "0");
        assertError(INVALID_ID, "XREAD", "STREAMS", "s", "abc");
        assertError(INVALID_ID, "XREAD", "STREAMS", "s", "-");
        assertError(INVALID_ID, "XREAD", "STREAMS", "s", "(1");
        assertError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.",
                "XREAD", "STREAMS", "s", ">");
        assertError(TIMEOUT_NEGATIVE, "XREAD", "BLOCK", "-1", "STREAMS", "s", "0");
        assertError(TIMEOUT_NOT_INTEGER, "XREAD", "BLOCK", "abc", "STREAMS", "s", "0");
    }

    // ------------------------------------------------------------------ a big stream

    @Test
    void bigStream_xrangeAndXrevrange_matchTheModelWholeAndInPages() {
        StreamEntries model = xadd("s", StreamEntries.numbered(BIG));
        assertStream("s", StreamEntries.reply(model.all()));
        assertReply(StreamEntries.reversedReply(model.all()), "XREVRANGE", "s", "+", "-");
        assertPagesForward("s", model, 97);
        assertPagesBackward("s", model, 250);
        List<StreamEntries.Entry> middle = model.all().subList(1000, 3001);
        assertReply(StreamEntries.reply(middle), "XRANGE", "s", model.get(1000).id(), model.get(3000).id());
        assertReply(StreamEntries.reply(middle.subList(1, 2000)), "XRANGE", "s", "(" + model.get(1000).id(), "(" + model.get(3000).id());
        assertReply(StreamEntries.reply(model.all().subList(3, 6)), "XRANGE", "s", "1001", "1001");
    }

    @Test
    void bigStream_xdelAcrossManyBlocks_matchesTheModel() {
        StreamEntries model = xadd("s", StreamEntries.numbered(BIG));
        List<String> ids = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        for (int i = 0; i < BIG; i++) {
            if (i % 3 == 1 || i >= 2000 && i < 2600 || i == 0 || i == BIG - 1) {
                ids.add(model.get(i).id());
                deleted.add(model.get(i).id());
            }
        }
        ids.add("1-1");
        assertReply(integer(deleted.size()), concat(new String[] {"XDEL", "s"}, ids.toArray(new String[0])));
        model.removeIf(entry -> deleted.contains(entry.id()));
        assertStream("s", StreamEntries.reply(model.all()));
        assertPagesForward("s", model, 333);
        assertPagesBackward("s", model, 41);
        Map<String, Reply> info = streamInfo("s");
        assertEquals(model.get(0).reply(), info.get("first-entry"), "first-entry");
        assertEquals(model.get(model.size() - 1).reply(), info.get("last-entry"), "last-entry");
        assertEquals(bulk(StreamEntries.numbered(BIG).get(BIG - 1).id()), info.get("max-deleted-entry-id"), "max-deleted-entry-id");
        assertEquals(integer(BIG), info.get("entries-added"), "entries-added");
        assertReply(integer(0), concat(new String[] {"XDEL", "s"}, ids.toArray(new String[0])));
    }

    @Test
    void bigStream_exactTrims_removeExactlyWhatTheModelDoes() {
        StreamEntries model = xadd("s", StreamEntries.numbered(BIG));
        assertReply(integer(model.keepLast(3766)), "XTRIM", "s", "MAXLEN", "=", "3766");
        assertStream("s", StreamEntries.reply(model.all()));
        StreamEntries.Entry minId = StreamEntries.numbered(BIG).get(2500);
        int removed = model.removeIf(entry -> entry.before(minId));
        assertReply(integer(removed), "XTRIM", "s", "MINID", minId.id());
        assertStream("s", StreamEntries.reply(model.all()));
        assertReply(bulk("9000-0"), "XADD", "s", "MAXLEN", "1000", "9000-0", "f", "v");
        model.append(9000, 0, "f", "v");
        model.keepLast(1000);
        assertStream("s", StreamEntries.reply(model.all()));
    }

    @Test
    void bigStream_approximateTrims_neverRemoveMoreThanAskedNorThanTheLimit() {
        StreamEntries model = xadd("s", StreamEntries.numbered(BIG));
        long removed = asLong(exec("XTRIM", "s", "MAXLEN", "~", "4321"));
        assertBetween(0, BIG - 4321, removed, "XTRIM MAXLEN ~ 4321");
        model.keepLast(BIG - (int) removed);
        assertStream("s", StreamEntries.reply(model.all()));
        long limited = asLong(exec("XTRIM", "s", "MAXLEN", "~", "10", "LIMIT", "700"));
        assertBetween(0, 700, limited, "XTRIM MAXLEN ~ 10 LIMIT 700");
        model.keepLast(model.size() - (int) limited);
        assertStream("s", StreamEntries.reply(model.all()));
        int below = (int) model.all().stream().filter(entry -> entry.ms() < 2000).count();
        long byId = asLong(exec("XTRIM", "s", "MINID", "~", "2000"));
        assertBetween(0, below, byId, "XTRIM MINID ~ 2000");
        model.keepLast(model.size() - (int) byId);
        assertStream("s", StreamEntries.reply(model.all()));
    }

    /** Reads {@code key} forward in pages of {@code page} entries, each page starting after the last, and compares with the model. */
    private void assertPagesForward(String key, StreamEntries model, int page) {
        String start = "-";
        for (int from = 0; from < model.size(); from += page) {
            List<StreamEntries.Entry> expected = model.all().subList(from, Math.min(model.size(), from + page));
            assertReply(StreamEntries.reply(expected), "XRANGE", key, start, "+", "COUNT", Integer.toString(page));
            start = "(" + expected.get(expected.size() - 1).id();
        }
        assertReply(emptyArray(), "XRANGE", key, start, "+", "COUNT", Integer.toString(page));
    }

    /** Reads {@code key} backward in pages of {@code page} entries and compares with the model. */
    private void assertPagesBackward(String key, StreamEntries model, int page) {
        String end = "+";
        for (int to = model.size(); to > 0; to -= page) {
            List<StreamEntries.Entry> expected = model.all().subList(Math.max(0, to - page), to);
            assertReply(StreamEntries.reversedReply(expected), "XREVRANGE", key, end, "-", "COUNT", Integer.toString(page));
            end = "(" + expected.get(0).id();
        }
        assertReply(emptyArray(), "XREVRANGE", key, end, "-", "COUNT", Integer.toString(page));
    }
}
