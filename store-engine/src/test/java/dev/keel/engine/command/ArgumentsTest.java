package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "10, 10",
        "123456789, 123456789",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
        "-9223372036854775807, -9223372036854775807",
    })
    void parseLong_canonicalIntegers_parse(String text, long expected) {
        assertTrue(Arguments.isLong(ascii(text)));
        assertEquals(expected, Arguments.parseLong(ascii(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", "+1", " 1", "1 ", "01", "00", "-0", "-01", "1.0", "1e3", "0x10", "abc",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "18446744073709551616",
        "123456789012345678901", "1\u00002", "\u0661", "--1"})
    void parseLong_nonCanonicalText_isRefusedWithNotInteger(String text) {
        assertFalse(Arguments.isLong(ascii(text)));
        CommandException e = assertThrows(CommandException.class, () -> Arguments.parseLong(ascii(text)));
        assertEquals("ERR value is not an integer or out of range", e.getMessage());
    }

    @Test
    void is_keyword_matchesAsciiCaseInsensitively() {
        assertTrue(Arguments.is(ascii("nx"), "NX"));
        assertTrue(Arguments.is(ascii("Nx"), "NX"));
        assertTrue(Arguments.is(ascii("KEEPTTL"), "keepttl"));
        assertFalse(Arguments.is(ascii("NXX"), "NX"));
        assertFalse(Arguments.is(ascii("N"), "NX"));
        assertFalse(Arguments.is(ascii("N\u0000"), "NX"));
        assertFalse(Arguments.is(ascii("n{"), "N["));
    }

    @Test
    void printedLength_limitAndNul_cutLikePrintf() {
        assertEquals(3, Arguments.printedLength(ascii("abc"), 128));
        assertEquals(2, Arguments.printedLength(ascii("abc"), 2));
        assertEquals(1, Arguments.printedLength(ascii("a\u0000b"), 128));
        assertEquals(0, Arguments.printedLength(ascii(""), 5));
    }

    @Test
    void oneLine_crAndLf_becomeSpaces() {
        assertEquals("a b c", Arguments.oneLine("a\rb\nc"));
    }

    @Test
    void upper_keyword_returnsUpperCase() {
        assertEquals("PXAT", Arguments.upper(ascii("pXat")));
    }

    @Test
    void bytes_number_returnsDecimalAscii() {
        assertEquals("-9223372036854775808", new String(Arguments.bytes(Long.MIN_VALUE), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "'', 0",
        "+0, 0",
        "-0, 0",
        "007, 7",
        "42, 42",
        "18446744073709551615, -1",
        "9223372036854775808, -9223372036854775808",
        "-1, -1",
        "-18446744073709551615, 1",
    })
    void parseCursor_unsignedDecimal_wrapsAsStrtoul(String text, long expected) {
        assertEquals(expected, Arguments.parseCursor(ascii(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "+", " 0", "0 ", "abc", "0x10", "1.5", "18446744073709551616",
        "-18446744073709551616", "99999999999999999999", "+-1"})
    void parseCursor_malformed_isRefusedWithInvalidCursor(String text) {
        CommandException e = assertThrows(CommandException.class, () -> Arguments.parseCursor(ascii(text)));
        assertEquals("ERR invalid cursor", e.getMessage());
    }
}
