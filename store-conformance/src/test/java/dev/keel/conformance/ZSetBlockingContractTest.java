package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keel.Reply;
import dev.keel.conformance.WaitingClients.Blocked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP: answered at once where a key has members, blocked until another
 * client's ZADD serves them, blocked clients served in arrival order, timeouts that run out (nil),
 * and every refusal.
 *
 * <p>Blocked commands run through {@link WaitingClients}: on a thread of their own, and against
 * Redis on a connection of their own, served only once they are known to wait. Redis checks blocked
 * clients' timeouts about every 100 ms, so each timeout that runs out costs that much.
 */
@Timeout(60)
class ZSetBlockingContractTest extends ZSetContractBase {
    private static final String TIMEOUT_NOT_A_FLOAT = "ERR timeout is not a float or out of range";
    private static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    private WaitingClients clients;

    @BeforeEach
    void openClients() {
        clients = new WaitingClients(target, store);
    }

    @AfterEach
    void closeClients() throws InterruptedException {
        clients.close();
    }

    private Blocked startBlocked(String... argv) throws InterruptedException {
        return clients.start(argv);
    }

    // ------------------------------------------------------------------ answered at once

    @Test
    void bzpop_dataPresent_answersAtOnceFromTheFirstNonEmptyKey() {
        zadd("b", "1", "b1", "2", "b2");
        zadd("c", "3", "c1");
        assertReply(array("b", "b1", "1"), "BZPOPMIN", "a", "b", "c", "0");
        assertReply(array("b", "b2", "2"), "BZPOPMAX", "a", "b", "c", "0.5");
        assertNoZSet("b");
        assertReply(array("c", "c1", "3"), "BZPOPMAX", "c", "b", "1");
        assertNoZSet("c");
    }

    @Test
    void bzmpop_dataPresent_popsAtOnceFromTheFirstNonEmptyKey() {
        zadd("b", "1", "b1", "2", "b2", "3", "b3");
        assertReply(keyAndScoredMembers("b", "b1", "1"), "BZMPOP", "0", "2", "a", "b", "MIN");
        assertReply(keyAndScoredMembers("b", "b3", "3", "b2", "2"), "BZMPOP", "0", "2", "a", "b", "MAX", "COUNT", "5");
        assertNoZSet("b");
    }

    @Test
    void bzpop_sameKeyTwice_popsOnce() {
        zadd("z", "1", "a", "2", "b");
        assertReply(array("z", "a", "1"), "BZPOPMIN", "z", "z", "0");
        assertZSet("z", "b", "2");
    }

    // ------------------------------------------------------------------ blocking and being served

    @Test
    void bzpopmin_emptyKey_blocksUntilAZaddServesTheLowestMember() throws Exception {
        Blocked blocked = startBlocked("BZPOPMIN", "z", "0");
        assertReply(integer(2), "ZADD", "z", "2", "b", "1", "a");
        assertEquals(array("z", "a", "1"), blocked.await());
        assertZSet("z", "b", "2");
    }

    @Test
    void bzpopmax_severalEmptyKeys_servedByTheKeyWrittenFirst() throws Exception {
        Blocked blocked = startBlocked("BZPOPMAX", "a", "b", "c", "0");
        assertReply(integer(2), "ZADD", "b", "1", "x", "5", "y");
        assertEquals(array("b", "y", "5"), blocked.await());
        assertZSet("b", "x", "1");
        assertNoZSet("a");
    }

    @Test
    void bzpop_lastMemberServed_leavesNoKey() throws Exception {
        Blocked blocked = startBlocked("BZPOPMAX", "z", "10");
        assertReply(bulk("2.5"), "ZINCRBY", "z", "2.5", "a");
        assertEquals(array("z", "a", "2.5"), blocked.await());
        assertNoZSet("z");
    }

    @Test
    void bzpop_twoBlockedClients_servedInArrivalOrder() throws Exception {
        Blocked first = startBlocked("BZPOPMIN", "z", "0");
        Blocked second = startBlocked("BZPOPMIN", "other", "z", "0");
        zadd("z", "1", "a", "2", "b", "3", "c");
        assertEquals(array("z", "a", "1"), first.await());
        assertEquals(array("z", "b", "2"), second.await());
        assertZSet("z", "c", "3");
    }

    @Test
    void bzpop_twoBlockedClientsOneMember_theFirstGetsItTheSecondWaitsOn() throws Exception {
        Blocked first = startBlocked("BZPOPMAX", "z", "0");
        Blocked second = startBlocked("BZMPOP", "0", "1", "z", "MAX", "COUNT", "2");
        zadd("z", "1", "a");
        assertEquals(array("z", "a", "1"), first.await());
        clients.awaitWaiting(second);
        zadd("z", "7", "b", "8", "c", "9", "d");
        assertEquals(keyAndScoredMembers("z", "d", "9", "c", "8"), second.await());
        assertZSet("z", "b", "7");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ZINCRBY d 1 x", "ZADD d INCR 1 x", "ZUNIONSTORE d 1 a", "ZINTERSTORE d 2 a a WEIGHTS 1 0",
            "ZDIFFSTORE d 2 a missing", "ZUNIONSTORE d 1 set", "ZRANGESTORE d a 0 -1"})
    void bzpopmin_emptyKey_servedByAnySortedSetCommandThatCreatesTheKey(String command) throws Exception {
        assertServedByCreating(command);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RENAME a d", "COPY a d"})
    void bzpopmin_emptyKey_servedByAKeyCommandThatBringsASortedSet(String command) throws Exception {
        assertServedByCreating(command);
    }

    /**
     * Blocks a BZPOPMIN on {@code d}, runs {@code command}, which creates {@code d} as {@code x:1},
     * and asserts that it serves the BZPOPMIN.
     */
    private void assertServedByCreating(String command) throws Exception {
        zadd("a", "1", "x");
        sadd("set", "x");
        Blocked blocked = startBlocked("BZPOPMIN", "d", "0");
        Reply served = exec(command.split(" "));
        assertFalse(served instanceof Reply.Error, () -> command + " answered " + served);
        assertEquals(array("d", "x", "1"), blocked.await());
        assertNoZSet("d");
    }

    @Test
    void bzmpop_emptyKeys_blocksUntilAZaddServesACountOfMembers() throws Exception {
        Blocked blocked = startBlocked("BZMPOP", "0", "2", "a", "z", "MIN", "COUNT", "2");
        zadd("z", "3", "w", "1", "x", "2", "y");
        assertEquals(keyAndScoredMembers("z", "x", "1", "y", "2"), blocked.await());
        assertZSet("z", "w", "3");
    }

    // ------------------------------------------------------------------ timeouts

    @Test
    void bzpop_emptyKeysShortTimeout_returnsNilAndCreatesNothing() {
        assertReply(Reply.NIL, "BZPOPMIN", "a", "0.01");
        assertReply(Reply.NIL, "BZPOPMAX", "a", "b", "0.05");
        assertReply(Reply.NIL, "BZMPOP", "0.01", "2", "a", "b", "MIN");
        assertReply(Reply.NIL, "BZMPOP", "0.01", "1", "a", "MAX", "COUNT", "3");
        assertNoZSet("a");
        assertNoZSet("b");
    }

    @ParameterizedTest(name = "timeout \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "abc | ERR timeout is not a float or out of range", "'' | ERR timeout is not a float or out of range",
            "nan | ERR timeout is not a float or out of range", "1e5000 | ERR timeout is not a float or out of range",
            "-1 | ERR timeout is negative", "inf | ERR timeout is negative", "-0.5 | ERR timeout is negative",
    })
    void bzpop_badTimeout_refusedEvenWithDataPresent(String timeout, String error) {
        zadd("z", "1", "a");
        assertRefusedUnchanged(error, "BZPOPMIN", "z", timeout);
        assertRefusedUnchanged(error, "BZPOPMAX", "missing", "z", timeout);
        assertRefusedUnchanged(error, "BZMPOP", timeout, "1", "z", "MIN");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void bzpop_wrongTypeKey_refusedUnlessAnEarlierKeyHasMembers() {
        exec("SET", "s", "v");
        zadd("z", "1", "a", "2", "b");
        assertRefusedUnchanged(WRONGTYPE, "BZPOPMIN", "s", "z", "0");
        assertRefusedUnchanged(WRONGTYPE, "BZPOPMAX", "missing", "s", "0.01");
        assertRefusedUnchanged(WRONGTYPE, "BZMPOP", "0", "2", "s", "z", "MIN");
        assertRefusedUnchanged(WRONGTYPE, "BZMPOP", "0.01", "2", "missing", "s", "MAX");
        assertReply(array("z", "a", "1"), "BZPOPMIN", "z", "s", "0");
        assertReply(keyAndScoredMembers("z", "b", "2"), "BZMPOP", "0", "2", "z", "s", "MAX");
    }

    @Test
    void bzmpop_badArguments_refusedBeforeTheTimeoutIsRead() {
        zadd("z", "1", "a");
        assertRefusedUnchanged(NUMKEYS, "BZMPOP", "abc", "0", "z", "MIN");
        assertRefusedUnchanged(NUMKEYS, "BZMPOP", "0", "-1", "z", "MIN");
        assertRefusedUnchanged(SYNTAX, "BZMPOP", "abc", "1", "z", "foo");
        assertRefusedUnchanged(SYNTAX, "BZMPOP", "-1", "2", "z", "MIN");
        assertRefusedUnchanged(SYNTAX, "BZMPOP", "abc", "1", "z", "MIN", "COUNT");
        assertRefusedUnchanged(COUNT_POSITIVE, "BZMPOP", "abc", "1", "z", "MIN", "COUNT", "0");
        assertRefusedUnchanged(TIMEOUT_NOT_A_FLOAT, "BZMPOP", "abc", "1", "z", "MIN");
        assertRefusedUnchanged(TIMEOUT_NEGATIVE, "BZMPOP", "-1", "1", "z", "MIN", "COUNT", "1");
        assertRefusedUnchanged(wrongArity("bzmpop"), "BZMPOP", "0", "1", "z");
        assertRefusedUnchanged(wrongArity("bzpopmin"), "BZPOPMIN", "z");
        assertRefusedUnchanged(wrongArity("bzpopmax"), "BZPOPMAX", "z");
    }
}
