package dev.keel.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.engine.command.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading stream IDs as Redis 7.0.15 does; each accepted and refused form here was checked with
 * XRANGE or XADD on that server.
 */
class StreamIdsTest {
    private static final long MAX = -1L;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static EntryId id(long ms, long seq) {
        return new EntryId(ms, seq);
    }

    private static void assertInvalid(String text) {
        CommandException e = assertThrows(CommandException.class, () -> StreamIds.loose(bytes(text), 0), text);
        assertEquals(StreamIds.INVALID, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5-1|5|1", "5|5|0", "0|0|0", "'+5'|5|0", "' 5'|5|0", "05-01|5|1", "5--0|5|0", "5-+1|5|1",
        "18446744073709551615-18446744073709551615|-1|-1", "5--18446744073709551615|5|1",
        "5--9223372036854775809|5|9223372036854775807", "00000000000000000000000000000005|5|0",
    })
    void parse_lenientForms_readAsStrtoullDoes(String text, long ms, long seq) {
        assertEquals(id(ms, seq), StreamIds.loose(bytes(text), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1-2-3", "5-", "-5", "-0", "5-18446744073709551616", "18446744073709551616",
        "5-1 ", "5\t", "5--1", "0x10", "1.5", "5-*", "5--18446744073709551616", "(5"})
    void parse_malformed_refusedAsInvalid(String text) {
        assertInvalid(text);
    }

    @Test
    void parse_cString_endsAtNulAndRefusesOver127Bytes() {
        assertEquals(id(5, 0), StreamIds.loose(bytes("5\u0000-9xyz"), 0));
        assertEquals(id(5, 7), StreamIds.loose(bytes("5-7\u0000junk"), 0));
        assertEquals(id(5, 0), StreamIds.loose(bytes("0".repeat(126) + "5"), 0));
        assertInvalid("0".repeat(127) + "5");
        assertInvalid("\u00005");
    }

    @Test
    void parse_missingSequence_isWhatTheCommandSays() {
        assertEquals(id(7, MAX), StreamIds.loose(bytes("7"), MAX));
        assertEquals(id(7, 0), StreamIds.strict(bytes("7")));
    }

    @Test
    void minusAndPlus_welcomeWhereLoose_refusedWhereStrict() {
        assertEquals(EntryId.MIN, StreamIds.loose(bytes("-"), 0));
        assertEquals(EntryId.MAX, StreamIds.loose(bytes("+"), 0));
        assertThrows(CommandException.class, () -> StreamIds.strict(bytes("-")));
        assertThrows(CommandException.class, () -> StreamIds.strict(bytes("+")));
        assertNull(StreamIds.strictOrNull(bytes("+")));
        assertEquals(id(3, 0), StreamIds.strictOrNull(bytes("3")));
    }

    @Test
    void forAdd_takesMsStar_andKnowsWhetherTheSequenceWasGiven() {
        assertEquals(new StreamIds.AddId(id(5, 0), false), StreamIds.forAdd(bytes("5-*")));
        assertEquals(new StreamIds.AddId(id(5, 0), true), StreamIds.forAdd(bytes("5")));
        assertEquals(new StreamIds.AddId(id(5, 2), true), StreamIds.forAdd(bytes("5-2")));
        assertThrows(CommandException.class, () -> StreamIds.forAdd(bytes("*-1")));
        assertThrows(CommandException.class, () -> StreamIds.forAdd(bytes("5-**")));
        assertThrows(CommandException.class, () -> StreamIds.forAdd(bytes("-")));
    }

    @Test
    void intervals_exclusiveBoundsMoveByOne_andHaveNoneBeyondTheEnds() {
        assertEquals(id(5, 1), StreamIds.intervalStart(bytes("(5")));
        assertEquals(id(6, 0), StreamIds.intervalStart(bytes("(5-18446744073709551615")));
        assertEquals(id(5, MAX - 1), StreamIds.intervalEnd(bytes("(5")));
        assertEquals(id(4, MAX), StreamIds.intervalEnd(bytes("(5-0")));
        assertEquals(id(5, MAX), StreamIds.intervalEnd(bytes("5")));
        assertEquals(EntryId.MAX, StreamIds.intervalEnd(bytes("+")));
        assertEquals("ERR invalid start ID for the interval", assertThrows(CommandException.class,
                () -> StreamIds.intervalStart(bytes("(18446744073709551615-18446744073709551615"))).getMessage());
        assertEquals("ERR invalid end ID for the interval",
                assertThrows(CommandException.class, () -> StreamIds.intervalEnd(bytes("(0-0"))).getMessage());
        assertEquals(StreamIds.INVALID, assertThrows(CommandException.class, () -> StreamIds.intervalStart(bytes("(-"))).getMessage());
        assertEquals(StreamIds.INVALID, assertThrows(CommandException.class, () -> StreamIds.intervalEnd(bytes("("))).getMessage());
    }

    @Test
    void cArguments_compareUpToNul() {
        assertTrue(CArguments.equals(bytes("$\u0000x"), "$"));
        assertFalse(CArguments.equals(bytes("$$"), "$"));
        assertTrue(CArguments.is(bytes("count\u0000"), "COUNT"));
        assertFalse(CArguments.is(bytes("COUNTS"), "COUNT"));
    }

    @Test
    void bytes_writeUnsignedDecimal() {
        assertEquals("18446744073709551615-0", new String(StreamIds.bytes(id(MAX, 0)), StandardCharsets.US_ASCII));
    }
}
