package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XADD (explicit, {@code *} and {@code <ms>-*} IDs, NOMKSTREAM, trimming with MAXLEN and MINID,
 * {@code =}, {@code ~} and LIMIT, and every refusal), XLEN, XDEL, XTRIM, WRONGTYPE for every stream
 * command, and streams as keys. Ranges and XREAD are in {@link StreamRangeContractTest}, consumer
 * groups in {@link StreamGroupContractTest} and {@link StreamClaimContractTest}, XINFO and XSETID
 * in {@link StreamInfoContractTest}, blocking reads in {@link StreamBlockingContractTest}.
 *
 * <p>Trimming with {@code ~} may keep more entries than asked (Redis removes whole nodes only):
 * the tests assert only that it never removes more than asked, and never more than LIMIT.
 */
class StreamContractTest extends StreamContractBase {
    private static final String LIMIT_NEEDS_TILDE = "ERR syntax error, LIMIT cannot be used without the special ~ option";
    private static final String LIMIT_NEEDS_STRATEGY = "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
    private static final String MAXLEN_AND_MINID = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
    private static final String MAXLEN_NEGATIVE = "ERR The MAXLEN argument must be >= 0.";
    private static final String LIMIT_NEGATIVE = "ERR The LIMIT argument must be >= 0.";
    private static final String EXHAUSTED = "ERR The stream has exhausted the last possible ID, unable to add more items";
    private static final String MAX_ID = "18446744073709551615-18446744073709551615";

    // ------------------------------------------------------------------ XADD: IDs

    @Test
    void xadd_explicitIds_appendInOrderAndCreateTheStream() {
        assertReply(bulk("1-1"), "XADD", "s", "1-1", "a", "1");
        assertReply(bulk("1-2"), "XADD", "s", "1-2", "b", "2", "c", "3");
        assertReply(bulk("5-0"), "XADD", "s", "5", "d", "4");
        assertStream("s", entries(entry("1-1", "a", "1"), entry("1-2", "b", "2", "c", "3"), entry("5-0", "d", "4")));
        assertReply(integer(-1), "TTL", "s");
    }

    @Test
    void xadd_idNotAboveTheTop_refused() {
        xadd("s", "5-5", "f", "v");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "5-5", "f", "v");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "5-4", "f", "v");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "5", "f", "v");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "4-*", "f", "v");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "0-1", "f", "v");
    }

    @Test
    void xadd_zeroId_refusedOnANewOrAnExistingStream() {
        assertRefusedUnchanged(ID_ZERO, "XADD", "s", "0-0", "f", "v");
        assertRefusedUnchanged(ID_ZERO, "XADD", "s", "0", "f", "v");
        assertNoKey("s");
        xadd("s", "0-1", "f", "v");
        assertRefusedUnchanged(ID_ZERO, "XADD", "s", "0-0", "f", "v");
    }

    @ParameterizedTest(name = "id \"{0}\"")
    @ValueSource(strings = {"abc", "1-x", "-1", "1-", "-", "+", "$", ">", "1-1-1", "18446744073709551616-0", "1-18446744073709551616", "",
            "1.5"})
    void xadd_malformedId_refused(String id) {
        xadd("s", "1-0", "f", "v");
        assertRefusedUnchanged(INVALID_ID, "XADD", "s", id, "f", "v");
        assertRefusedUnchanged(INVALID_ID, "XADD", "new", id, "f", "v");
        assertNoKey("new");
    }

    @Test
    void xadd_msWithStar_takesTheNextSequenceNumberOfThatMillisecond() {
        assertReply(bulk("0-1"), "XADD", "s", "0-*", "f", "v");
        assertReply(bulk("0-2"), "XADD", "s", "0-*", "f", "v");
        assertReply(bulk("7-0"), "XADD", "s", "7-*", "f", "v");
        assertReply(bulk("7-1"), "XADD", "s", "7-*", "f", "v");
        xadd("s", "7-10", "f", "v");
        assertReply(bulk("7-11"), "XADD", "s", "7-*", "f", "v");
        assertReply(bulk("8-0"), "XADD", "s", "8-*", "f", "v");
        assertReply(integer(7), "XLEN", "s");
    }

    @Test
    void xadd_star_generatesIncreasingIdsNearTheClock() {
        long before = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(((Reply.Bulk) exec("XADD", "s", "*", "i", Integer.toString(i))).utf8());
        }
        long after = System.currentTimeMillis();
        long previousMs = -1;
        long previousSeq = -1;
        for (String id : ids) {
            String[] parts = id.split("-");
            long ms = Long.parseLong(parts[0]);
            long seq = Long.parseLong(parts[1]);
            assertBetween(before - 1_000, after + 1_000, ms, "milliseconds of " + id);
            assertTrue(ms > previousMs || ms == previousMs && seq == previousSeq + 1, () -> id + " after " + ids);
            previousMs = ms;
            previousSeq = seq;
        }
        assertReply(integer(20), "XLEN", "s");
    }

    @Test
    void xadd_starAfterAnIdInTheFuture_continuesFromTheTop() {
        xadd("s", "4102444800000-5", "f", "v");
        assertReply(bulk("4102444800000-6"), "XADD", "s", "*", "f", "v");
    }

    @Test
    void xadd_afterTheLargestPossibleId_refusedAsExhausted() {
        xadd("s", MAX_ID, "f", "v");
        assertRefusedUnchanged(EXHAUSTED, "XADD", "s", "*", "f", "v");
        assertRefusedUnchanged(EXHAUSTED, "XADD", "s", "5-*", "f", "v");
        assertStream("s", entries(entry(MAX_ID, "f", "v")));
    }

    // ------------------------------------------------------------------ XADD: fields, arity, NOMKSTREAM

    @Test
    void xadd_repeatedAndEmptyFields_keptAsGiven() {
        xadd("s", "1-0", "f", "1", "f", "2");
        xadd("s", "2-0", "", "");
        xadd("s", "3-0", "é", "ü".repeat(300));
        assertStream("s", entries(entry("1-0", "f", "1", "f", "2"), entry("2-0", "", ""), entry("3-0", "é", "ü".repeat(300))));
    }

    @Test
    void xadd_oddFieldsOrNone_refusedAsWrongArity() {
        xadd("s", "1-0", "f", "v");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s", "2-0", "f");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s", "*", "a", "b", "c");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s", "*");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s", "a");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s");
        assertRefusedUnchanged(wrongArity("xadd"), "XADD", "s", "NOMKSTREAM", "2-0", "f");
    }

    @Test
    void xadd_nomkstream_addsToAnExistingStreamButCreatesNone() {
        assertReplyUnchanged(Reply.NIL, "XADD", "s", "NOMKSTREAM", "1-0", "f", "v");
        assertReplyUnchanged(Reply.NIL, "XADD", "s", "nomkstream", "*", "f", "v");
        assertNoKey("s");
        xadd("s", "1-0", "f", "v");
        assertReply(bulk("2-0"), "XADD", "s", "NOMKSTREAM", "2-0", "g", "w");
        assertStream("s", entries(entry("1-0", "f", "v"), entry("2-0", "g", "w")));
    }

    // ------------------------------------------------------------------ XADD: trimming

    @Test
    void xadd_maxlen_trimsTheOldestEntriesExactly() {
        xaddNumbered("s", 10);
        assertReply(bulk("11-0"), "XADD", "s", "MAXLEN", "5", "11-0", "f", "11");
        assertStream("s", numberedEntries(7, 11));
        assertReply(bulk("12-0"), "XADD", "s", "maxlen", "=", "3", "12-0", "f", "12");
        assertStream("s", numberedEntries(10, 12));
    }

    @Test
    void xadd_minid_trimsEntriesBelowTheId() {
        xaddNumbered("s", 10);
        assertReply(bulk("11-0"), "XADD", "s", "MINID", "7", "11-0", "f", "11");
        assertStream("s", numberedEntries(7, 11));
        assertReply(bulk("12-0"), "XADD", "s", "MINID", "=", "9-0", "12-0", "f", "12");
        assertStream("s", numberedEntries(9, 12));
    }

    @Test
    void xadd_trimmingAwayTheNewEntryItself_returnsItsIdAndLeavesAnEmptyStream() {
        assertReply(bulk("5-0"), "XADD", "s", "MINID", "100", "5-0", "f", "v");
        assertStream("s", entries());
        assertReply(bulk("6-0"), "XADD", "s", "MAXLEN", "0", "6-0", "f", "v");
        assertStream("s", entries());
        assertReply(integer(1), "EXISTS", "s");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "6-0", "f", "v");
    }

    @Test
    void xadd_approximateTrim_neverKeepsFewerThanAsked() {
        xaddNumbered("s", 300);
        assertReply(bulk("301-0"), "XADD", "s", "MAXLEN", "~", "250", "301-0", "f", "301");
        long length = asLong(exec("XLEN", "s"));
        assertBetween(250, 301, length, "XLEN after MAXLEN ~ 250");
        assertStream("s", numberedEntries(302 - (int) length, 301));
        assertReply(bulk("302-0"), "XADD", "s", "MAXLEN", "~", "10", "LIMIT", "50", "302-0", "f", "302");
        assertBetween(length + 1 - 50, length + 1, asLong(exec("XLEN", "s")), "XLEN after MAXLEN ~ 10 LIMIT 50");
    }

    @Test
    void xadd_trimOptionsRefused_addNothing() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged(MAXLEN_NEGATIVE, "XADD", "s", "MAXLEN", "-1", "9-0", "f", "v");
        assertRefusedUnchanged(NOT_INTEGER, "XADD", "s", "MAXLEN", "abc", "9-0", "f", "v");
        assertRefusedUnchanged(NOT_INTEGER, "XADD", "s", "MAXLEN", "9-0", "f", "v");
        assertRefusedUnchanged(MAXLEN_AND_MINID, "XADD", "s", "MAXLEN", "1", "MINID", "1", "9-0", "f", "v");
        assertRefusedUnchanged(LIMIT_NEEDS_TILDE, "XADD", "s", "MAXLEN", "1", "LIMIT", "10", "9-0", "f", "v");
        assertRefusedUnchanged(LIMIT_NEEDS_TILDE, "XADD", "s", "MAXLEN", "=", "1", "LIMIT", "10", "9-0", "f", "v");
        assertRefusedUnchanged(LIMIT_NEEDS_STRATEGY, "XADD", "s", "LIMIT", "5", "9-0", "f", "v");
        assertRefusedUnchanged(LIMIT_NEGATIVE, "XADD", "s", "MAXLEN", "~", "1", "LIMIT", "-1", "9-0", "f", "v");
        assertRefusedUnchanged(NOT_INTEGER, "XADD", "s", "MAXLEN", "~", "1", "LIMIT", "abc", "9-0", "f", "v");
        assertRefusedUnchanged(INVALID_ID, "XADD", "s", "MINID", "abc", "9-0", "f", "v");
        assertRefusedUnchanged(INVALID_ID, "XADD", "s", "MINID", "-1", "9-0", "f", "v");
        assertRefusedUnchanged(MAXLEN_NEGATIVE, "XADD", "new", "MAXLEN", "-1", "9-0", "f", "v");
        assertNoKey("new");
    }

    // ------------------------------------------------------------------ XLEN, XDEL

    @Test
    void xlen_missingKey_isZero() {
        assertReply(integer(0), "XLEN", "missing");
        assertError(wrongArity("xlen"), "XLEN");
        assertError(wrongArity("xlen"), "XLEN", "a", "b");
    }

    @Test
    void xdel_existingMissingAndRepeatedIds_countsTheDeleted() {
        xaddNumbered("s", 4);
        assertReply(integer(1), "XDEL", "s", "2-0", "2-0", "9-0");
        assertReply(integer(0), "XDEL", "s", "2");
        assertReply(integer(1), "XDEL", "s", "3");
        assertStream("s", entries(entry("1-0", "f", "1"), entry("4-0", "f", "4")));
        assertReply(integer(0), "XDEL", "missing", "1-0");
        assertNoKey("missing");
    }

    @Test
    void xdel_everyEntry_leavesAnEmptyStreamThatRemembersItsTop() {
        xaddNumbered("s", 3);
        assertReply(integer(3), "XDEL", "s", "3-0", "1-0", "2-0");
        assertStream("s", entries());
        assertReply(integer(1), "EXISTS", "s");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "3-0", "f", "v");
        xadd("s", "3-1", "f", "v");
    }

    @Test
    void xdel_malformedId_refusedAndDeletesNothing() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged(INVALID_ID, "XDEL", "s", "1-0", "abc");
        assertRefusedUnchanged(INVALID_ID, "XDEL", "s", "-");
        assertRefusedUnchanged(wrongArity("xdel"), "XDEL", "s");
        assertStream("s", numberedEntries(1, 3));
    }

    // ------------------------------------------------------------------ XTRIM

    @Test
    void xtrim_maxlenAndMinid_removeExactlyAndCount() {
        xaddNumbered("s", 10);
        assertReply(integer(4), "XTRIM", "s", "MAXLEN", "6");
        assertStream("s", numberedEntries(5, 10));
        assertReply(integer(0), "XTRIM", "s", "MAXLEN", "=", "6");
        assertReply(integer(2), "XTRIM", "s", "MINID", "7");
        assertStream("s", numberedEntries(7, 10));
        assertReply(integer(1), "XTRIM", "s", "minid", "=", "8-0");
        assertReply(integer(0), "XTRIM", "s", "MINID", "1-0");
        assertReply(integer(3), "XTRIM", "s", "MAXLEN", "0");
        assertStream("s", entries());
        assertReply(integer(1), "EXISTS", "s");
    }

    @Test
    void xtrim_missingKey_removesNothingAndCreatesNothing() {
        assertReplyUnchanged(integer(0), "XTRIM", "missing", "MAXLEN", "0");
        assertReplyUnchanged(integer(0), "XTRIM", "missing", "MINID", "~", "5", "LIMIT", "3");
        assertNoKey("missing");
    }

    @Test
    void xtrim_approximate_neverRemovesMoreThanAskedNorMoreThanTheLimit() {
        xaddNumbered("s", 300);
        long removed = asLong(exec("XTRIM", "s", "MAXLEN", "~", "250"));
        assertBetween(0, 50, removed, "XTRIM MAXLEN ~ 250");
        assertStream("s", numberedEntries(1 + (int) removed, 300));
        long limited = asLong(exec("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "30"));
        assertBetween(0, 30, limited, "XTRIM MAXLEN ~ 0 LIMIT 30");
        removed += limited;
        assertStream("s", numberedEntries(1 + (int) removed, 300));
        long byId = asLong(exec("XTRIM", "s", "MINID", "~", "200"));
        assertBetween(0, Math.max(0, 199 - removed), byId, "XTRIM MINID ~ 200");
        removed += byId;
        assertStream("s", numberedEntries(1 + (int) removed, 300));
    }

    @Test
    void xtrim_approximateWithLimitZero_hasNoLimit() {
        xaddNumbered("s", 300);
        long removed = asLong(exec("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "0"));
        assertBetween(0, 300, removed, "XTRIM MAXLEN ~ 0 LIMIT 0");
        assertReply(integer(300 - removed), "XLEN", "s");
    }

    @Test
    void xtrim_badArguments_refused() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged(wrongArity("xtrim"), "XTRIM", "s");
        assertRefusedUnchanged(wrongArity("xtrim"), "XTRIM", "s", "MAXLEN");
        assertRefusedUnchanged(SYNTAX, "XTRIM", "s", "FOO", "1");
        assertRefusedUnchanged(SYNTAX, "XTRIM", "s", "MAXLEN", "1", "extra");
        assertRefusedUnchanged(LIMIT_NEEDS_TILDE, "XTRIM", "s", "MAXLEN", "1", "LIMIT", "5");
        assertRefusedUnchanged(MAXLEN_AND_MINID, "XTRIM", "s", "MINID", "1-1", "MAXLEN", "1");
        assertRefusedUnchanged(MAXLEN_NEGATIVE, "XTRIM", "s", "MAXLEN", "=", "-1");
        assertRefusedUnchanged(NOT_INTEGER, "XTRIM", "s", "MAXLEN", "abc");
        assertRefusedUnchanged(INVALID_ID, "XTRIM", "s", "MINID", "abc");
        assertRefusedUnchanged(LIMIT_NEGATIVE, "XTRIM", "s", "MINID", "~", "2", "LIMIT", "-1");
    }

    // ------------------------------------------------------------------ WRONGTYPE, keys

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XADD str * f v", "XADD str NOMKSTREAM 1-1 f v", "XLEN str", "XRANGE str - +", "XREVRANGE str + -",
            "XDEL str 1-0", "XDEL str abc", "XTRIM str MAXLEN 1", "XREAD STREAMS str 0", "XREAD STREAMS str abc",
            "XREAD STREAMS s str 0 0", "XREAD BLOCK 10 STREAMS str $", "XGROUP CREATE str g 0", "XGROUP CREATE str g 0 MKSTREAM",
            "XGROUP SETID str g 0", "XGROUP DESTROY str g", "XGROUP CREATECONSUMER str g c", "XGROUP DELCONSUMER str g c",
            "XREADGROUP GROUP g c STREAMS str >", "XREADGROUP GROUP g c STREAMS str 0",
            "XREADGROUP GROUP g c BLOCK 10 STREAMS str >", "XACK str g 1-0", "XPENDING str g", "XPENDING str g - + 10",
            "XCLAIM str g c 0 1-0", "XAUTOCLAIM str g c 0 0", "XINFO STREAM str", "XINFO STREAM str FULL", "XINFO GROUPS str",
            "XINFO CONSUMERS str g", "XSETID str 1-0"})
    void streamCommand_stringKey_refusedAsWrongType(String command) {
        exec("SET", "str", "v");
        xadd("s", "1-0", "f", "v");
        assertRefusedUnchanged(WRONGTYPE, command.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET s", "LPUSH s a", "HSET s f v", "SADD s m", "ZADD s 1 m", "INCR s", "APPEND s x"})
    void otherTypesCommand_streamKey_refusedAsWrongType(String command) {
        xadd("s", "1-0", "f", "v");
        assertRefusedUnchanged(WRONGTYPE, command.split(" "));
    }

    @Test
    void stream_keyCommands_treatItAsOneValue() {
        xaddNumbered("s", 3);
        createGroup("s", "g", "0");
        assertReply(status("stream"), "TYPE", "s");
        assertReply(bulk("stream"), "OBJECT", "ENCODING", "s");
        assertReply(Reply.OK, "RENAME", "s", "t");
        assertNoKey("s");
        assertStream("t", numberedEntries(1, 3));
        assertReply(nothingPending(), "XPENDING", "t", "g");
        assertReply(integer(1), "COPY", "t", "u");
        assertReply(integer(1), "DEL", "t");
        assertStream("u", numberedEntries(1, 3));
        assertGroup("u", "g", 0, 0, "0-0", null, 3L);
        assertReply(integer(1), "PEXPIREAT", "u", Long.toString(FUTURE_MILLIS));
        xadd("u", "4-0", "f", "4");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "u");
    }

    @Test
    void emptyStream_isStillAKey() {
        xadd("s", "1-0", "f", "v");
        assertReply(integer(1), "XDEL", "s", "1-0");
        assertReply(integer(1), "EXISTS", "s");
        assertReply(status("stream"), "TYPE", "s");
        Map<String, String> keys = snapshot();
        assertEquals(List.of("s"), List.copyOf(keys.keySet()));
        assertReply(integer(1), "DEL", "s");
        assertNoKey("s");
    }

    @ParameterizedTest(name = "MAXLEN {0}")
    @CsvSource({"0, 0", "1, 1", "2, 2", "5, 5", "9, 5"})
    void xadd_maxlenOnASmallStream_keepsThatMany(int maxlen, int kept) {
        xaddNumbered("s", 4);
        assertReply(bulk("5-0"), "XADD", "s", "MAXLEN", Integer.toString(maxlen), "5-0", "f", "5");
        assertStream("s", kept == 0 ? entries() : numberedEntries(6 - kept, 5));
    }
}
