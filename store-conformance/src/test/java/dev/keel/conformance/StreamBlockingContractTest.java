package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keel.Reply;
import dev.keel.conformance.WaitingClients.Blocked;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * XREAD BLOCK and XREADGROUP BLOCK: answered at once where there is something to read, blocked
 * until another client's XADD serves them, every reader of a stream served by one XADD but each
 * group entry given to one consumer only, waits that an XADD below the reader's ID, a string
 * written over the key (XREAD) or a group moved back do not end, timeouts that run out (nil), and
 * a wait ended by the group or the stream going away (deleted, overwritten, renamed over,
 * flushed, expired) or served by a copy of the stream that brings the group.
 *
 * <p>Blocked commands run through {@link WaitingClients}. Redis checks blocked clients' timeouts
 * about every 100 ms, so each timeout that runs out costs that much.
 */
@Timeout(60)
class StreamBlockingContractTest extends StreamContractBase {
    private WaitingClients clients;

    @BeforeEach
    void openClients() {
        clients = new WaitingClients(target, store);
    }

    @AfterEach
    void closeClients() throws InterruptedException {
        clients.close();
    }

    // ------------------------------------------------------------------ XREAD BLOCK

    @Test
    void xreadBlock_entriesAfterTheId_answersAtOnce() {
        xaddNumbered("s", 3);
        assertReply(streams(stream("s", numberedEntries(2, 3))), "XREAD", "BLOCK", "0", "STREAMS", "s", "1-0");
        assertReply(streams(stream("s", numberedEntries(1, 1))), "XREAD", "COUNT", "1", "BLOCK", "1000", "STREAMS", "missing", "s", "0", "0");
    }

    @Test
    void xreadBlock_dollar_servedByTheNextXaddOnly() throws Exception {
        xaddNumbered("s", 3);
        Blocked blocked = clients.start("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        xadd("s", "4-0", "f", "4");
        assertEquals(streams(stream("s", numberedEntries(4, 4))), blocked.await());
    }

    @Test
    void xreadBlock_missingKey_servedByTheXaddThatCreatesIt() throws Exception {
        Blocked dollar = clients.start("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        Blocked zero = clients.start("XREAD", "COUNT", "5", "BLOCK", "0", "STREAMS", "s", "0");
        xadd("s", "1-0", "f", "1");
        assertEquals(streams(stream("s", numberedEntries(1, 1))), dollar.await());
        assertEquals(streams(stream("s", numberedEntries(1, 1))), zero.await());
    }

    @Test
    void xreadBlock_severalStreams_answersOnlyTheStreamWritten() throws Exception {
        xaddNumbered("a", 2);
        Blocked blocked = clients.start("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        xadd("b", "7-0", "g", "7");
        assertEquals(streams(stream("b", entries(entry("7-0", "g", "7")))), blocked.await());
    }

    @Test
    void xreadBlock_twoReaders_bothServedByOneXadd() throws Exception {
        Blocked first = clients.start("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        Blocked second = clients.start("XREAD", "BLOCK", "0", "STREAMS", "other", "s", "$", "$");
        xadd("s", "1-0", "f", "1");
        assertEquals(streams(stream("s", numberedEntries(1, 1))), first.await());
        assertEquals(streams(stream("s", numberedEntries(1, 1))), second.await());
        assertStream("s", numberedEntries(1, 1));
    }

    @Test
    void xreadBlock_xaddBelowTheReadersId_keepsItWaiting() throws Exception {
        xadd("s", "3-0", "f", "3");
        Blocked blocked = clients.start("XREAD", "BLOCK", "0", "STREAMS", "s", "10-0");
        xadd("s", "5-0", "f", "5");
        clients.awaitWaiting(blocked);
        assertFalse(blocked.answered(), () -> "answered " + blocked.reply().getNow(null));
        xadd("s", "11-0", "f", "11");
        assertEquals(streams(stream("s", entries(entry("11-0", "f", "11")))), blocked.await());
    }

    @Test
    void xreadBlock_keyOverwrittenByAString_keepsWaitingUntilAStreamIsWritten() throws Exception {
        Blocked blocked = clients.start("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        assertReply(Reply.OK, "SET", "s", "x");
        clients.awaitWaiting(blocked);
        assertFalse(blocked.answered(), () -> "answered " + blocked.reply().getNow(null));
        assertReply(integer(1), "DEL", "s");
        xadd("s", "1-0", "f", "1");
        assertEquals(streams(stream("s", numberedEntries(1, 1))), blocked.await());
    }

    @Test
    void xreadBlock_timeoutRunsOut_answersNilAndCreatesNothing() {
        xaddNumbered("s", 1);
        assertReply(Reply.NIL, "XREAD", "BLOCK", "10", "STREAMS", "s", "$");
        assertReply(Reply.NIL, "XREAD", "COUNT", "3", "BLOCK", "10", "STREAMS", "missing", "s", "$", "1-0");
        assertNoKey("missing");
    }

    @Test
    void xreadBlock_badTimeout_refusedEvenWithDataPresent() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged(TIMEOUT_NEGATIVE, "XREAD", "BLOCK", "-1", "STREAMS", "s", "0");
        assertRefusedUnchanged(TIMEOUT_NOT_INTEGER, "XREAD", "BLOCK", "abc", "STREAMS", "s", "0");
        assertRefusedUnchanged(TIMEOUT_NOT_INTEGER, "XREAD", "BLOCK", "1.5", "STREAMS", "s", "0");
        assertRefusedUnchanged(SYNTAX, "XREAD", "BLOCK", "0", "FOO", "STREAMS", "s", "0");
    }

    // ------------------------------------------------------------------ XREADGROUP BLOCK

    @Test
    void xreadgroupBlock_servedByXaddAndPendingForTheConsumer() throws Exception {
        xaddNumbered("s", 2);
        createGroup("s", "g", "$");
        Blocked blocked = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        xadd("s", "3-0", "f", "3");
        assertEquals(streams(stream("s", numberedEntries(3, 3))), blocked.await());
        assertReply(pendingSummary(1, "3-0", "3-0", "alice", "1"), "XPENDING", "s", "g");
        assertGroup("s", "g", 1, 1, "3-0", 3L, 0L);
    }

    @Test
    void xreadgroupBlock_noack_servedWithoutPending() throws Exception {
        createGroup("s", "g", "$", "MKSTREAM");
        Blocked blocked = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "NOACK", "STREAMS", "s", ">");
        xadd("s", "1-0", "f", "1");
        assertEquals(streams(stream("s", numberedEntries(1, 1))), blocked.await());
        assertReply(nothingPending(), "XPENDING", "s", "g");
    }

    @Test
    void xreadgroupBlock_twoConsumers_eachEntryGoesToOneInArrivalOrder() throws Exception {
        createGroup("s", "g", "$", "MKSTREAM");
        Blocked alice = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        Blocked bob = clients.start("XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">");
        xadd("s", "1-0", "f", "1");
        assertEquals(streams(stream("s", numberedEntries(1, 1))), alice.await());
        clients.awaitWaiting(bob);
        assertFalse(bob.answered(), () -> "bob answered " + bob.reply().getNow(null));
        xadd("s", "2-0", "f", "2");
        assertEquals(streams(stream("s", numberedEntries(2, 2))), bob.await());
        assertPending(List.of("1-0 alice x1", "2-0 bob x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xreadgroupBlock_historyId_answersAtOnceEvenWhenEmpty() {
        xaddNumbered("s", 2);
        createGroup("s", "g", "0");
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", "0");
        exec("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertReply(streams(stream("s", numberedEntries(1, 2))), "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", "0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DEL s | UNBLOCKED the stream key no longer exists",
            "SET s x | UNBLOCKED the stream key no longer exists",
            "RENAME h s | UNBLOCKED the stream key no longer exists",
            "FLUSHALL | UNBLOCKED the stream key no longer exists",
            "PEXPIRE s 1 | UNBLOCKED the stream key no longer exists",
            "XGROUP DESTROY s g | NOGROUP the consumer group this client was blocked on no longer exists",
            "RENAME other s | NOGROUP the consumer group this client was blocked on no longer exists",
    })
    void xreadgroupBlock_streamOrGroupGoesAway_endsTheWaitWithAnError(String command, String error) throws Exception {
        createGroup("s", "g", "$", "MKSTREAM");
        hset("h", "f", "v");
        xadd("other", "5-0", "f", "5");
        Blocked blocked = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        Reply reply = exec(command.split(" "));
        assertFalse(reply instanceof Reply.Error, () -> command + " answered " + reply);
        assertEquals(Reply.error(error), blocked.await());
    }

    @Test
    void xreadgroupBlock_streamWithTheGroupCopiedOver_servedFromTheCopiedGroup() throws Exception {
        createGroup("s", "g", "$", "MKSTREAM");
        xadd("other", "5-0", "f", "5");
        createGroup("other", "g", "0");
        Blocked blocked = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        assertReply(integer(1), "COPY", "other", "s", "REPLACE");
        assertEquals(streams(stream("s", entries(entry("5-0", "f", "5")))), blocked.await());
        assertReply(pendingSummary(1, "5-0", "5-0", "alice", "1"), "XPENDING", "s", "g");
        assertReply(nothingPending(), "XPENDING", "other", "g");
    }

    @Test
    void xreadgroupBlock_groupMovedBack_keepsWaitingThenReadsFromTheNewPosition() throws Exception {
        xaddNumbered("s", 1);
        createGroup("s", "g", "$");
        Blocked blocked = clients.start("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        assertReply(Reply.OK, "XGROUP", "SETID", "s", "g", "0");
        clients.awaitWaiting(blocked);
        assertFalse(blocked.answered(), () -> "answered " + blocked.reply().getNow(null));
        xadd("s", "2-0", "f", "2");
        assertEquals(streams(stream("s", numberedEntries(1, 2))), blocked.await());
    }

    @Test
    void xreadgroupBlock_timeoutRunsOut_answersNil() {
        createGroup("s", "g", "$", "MKSTREAM");
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "10", "STREAMS", "s", ">");
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "BLOCK", "10", "NOACK", "STREAMS", "s", ">");
    }

    @Test
    void xreadgroupBlock_missingGroupOrKey_refusedAtOnce() {
        createGroup("s", "g", "$", "MKSTREAM");
        assertRefusedUnchanged(noGroupToRead("s", "nog"), "XREADGROUP", "GROUP", "nog", "c", "BLOCK", "0", "STREAMS", "s", ">");
        assertRefusedUnchanged(noGroupToRead("missing", "g"), "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "missing", ">");
        assertRefusedUnchanged(TIMEOUT_NOT_INTEGER, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "x", "STREAMS", "s", ">");
    }
}
