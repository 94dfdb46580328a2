package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading and writing scores. The accepted and refused texts were checked on a real Redis 7.0.15
 * (ZADD for scores, ZRANGEBYSCORE for bounds); the formats are Redis 7.2's.
 */
class ScoresTest {

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ format

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0, 0",
        "-0.0, -0",
        "Infinity, inf",
        "-Infinity, -inf",
        "1.0, 1",
        "-2.0, -2",
        "1.0e17, 100000000000000000",
        "1.5e16, 15000000000000000",
        "123456789012345678, 123456789012345680",
        "4611686018427387904, 4611686018427387904",
        "-4611686018427387904, -4611686018427387904",
        "4611686018427388928, 4.611686018427389e+18",
        "1.0e19, 1e+19",
        "1.0e20, 1e+20",
        "1.0e100, 1e+100",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.1, 0.1",
        "-0.1, -0.1",
        "0.30000000000000004, 0.30000000000000004",
        "1.5, 1.5",
        "1234.5, 1234.5",
        "12345678.9, 12345678.9",
        "0.0001, 0.0001",
        "0.00012, 0.00012",
        "1.5e-5, 1.5e-05",
        "-1.5e-5, -1.5e-05",
        "1.0e-100, 1e-100",
        "4.9e-324, 4.9e-324",
        "1.0e-310, 1e-310",
        "2.5e-10, 2.5e-10",
    })
    void format_redis72Layout(double score, String expected) {
        assertEquals(expected, Scores.format(score));
    }

    @Test
    void format_nonIntegralBelow1e17_isPlain() {
        assertEquals("999999999999999.5", Scores.format(999999999999999.5));
        assertEquals("0.6000000000000001", Scores.format(0.1 + 0.2 + 0.3));
    }

    @Test
    void format_readsBackAsTheSameDouble() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            double score = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(score)) {
                continue;
            }
            String text = Scores.format(score);
            double back = Scores.parse(latin1(text));
            assertTrue(back == score || Double.isInfinite(score), () -> text + " read back as " + back);
        }
    }

    // ------------------------------------------------------------------ parse (scores, increments, weights)

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1, 1.0",
        "-1.5, -1.5",
        "+.5, 0.5",
        "1., 1.0",
        ".5, 0.5",
        "00.5e-0, 0.5",
        "1e3, 1000.0",
        "1E+3, 1000.0",
        "inf, Infinity",
        "+inf, Infinity",
        "-INF, -Infinity",
        "infinity, Infinity",
        "-Infinity, -Infinity",
        "0x10, 16.0",
        "-0x10, -16.0",
        "0x1p3, 8.0",
        "0x1.8, 1.5",
        "0X.8P1, 1.0",
        "0x1p-1074, 4.9e-324",
        "0x1.fffffffffffff7p1023, 1.7976931348623157e308",
        "1e-310, 1.0e-310",
        "4.9e-324, 4.9e-324",
        "3e-324, 4.9e-324",
        "1e308, 1.0e308",
        "0e-400, 0.0",
        "0x0p99999999999999999999, 0.0",
        "0.30000000000000004, 0.30000000000000004",
    })
    void parse_strtodNumbers_areRead(String text, double expected) {
        assertEquals(expected, Scores.parse(latin1(text)));
    }

    @Test
    void parse_negativeZero_keepsItsSign() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Scores.parse(latin1("-0.0"))));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " 1", "1 ", "\t1", "abc", "nan", "NaN", "-nan", "nan(1)", "1e400", "-1e400", "2e308", "1e-400",
        "2e-324", "0x1p-1075", "0x1.fffffffffffff8p1023", "0x1p99999999999999999999", "0x1p-99999999999999999999", "0x", "0x1p",
        "1e", "1e+", "e5", ".", "-.e1", "-", "+", "1_0", "1d", "1f", "1,5", "1..5", "1e5.5", "inf ", "infinit", "infinityx",
        "1\u0000", "\u00001", "0xg"})
    void parse_refusedText_isNaN(String text) {
        assertTrue(Double.isNaN(Scores.parse(latin1(text))));
    }

    // ------------------------------------------------------------------ bounds

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(value = {
        "'', 0.0",
        "' 2', 2.0",
        "'\t\n2', 2.0",
        "'1e400', Infinity",
        "'-1e400', -Infinity",
        "'1e-400', 0.0",
        "'1\u0000junk', 1.0",
        "'\u00001', 0.0",
        "'0x1p0', 1.0",
    }, ignoreLeadingAndTrailingWhitespace = false)
    void parseBound_readsAsStrtodAlone(String text, double expected) {
        assertEquals(expected, Scores.parseBound(latin1(text), 0));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"  ", "2 ", "-", "+", "(1", "nan", "0x", "1e", "-infinit", "a"})
    void parseBound_refusedText_isNaN(String text) {
        assertTrue(Double.isNaN(Scores.parseBound(latin1(text), 0)));
    }
}
