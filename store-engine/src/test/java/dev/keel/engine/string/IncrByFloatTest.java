package dev.keel.engine.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * INCRBYFLOAT and the 80-bit extended-precision arithmetic behind it. Every expected value was
 * printed by Redis 7.0.15 on x86-64.
 */
class IncrByFloatTest extends AbstractCommandTest {
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

    private Reply incrbyfloat(String initial, String increment) {
        exec("DEL", "f");
        if (initial != null) {
            exec("SET", "f", initial);
        }
        return exec("INCRBYFLOAT", "f", increment);
    }

    @Test
    void incrbyfloat_missingKey_startsFromZero() {
        assertEquals("1.5", redis.incrbyfloat("f", "1.5"));
        assertEquals("1.5", redis.get("f"));
        assertEquals(-1, redis.ttl("f"));
    }

    @Test
    void incrbyfloat_tenPointFivePlusPointOne_returnsTenPointSix() {
        redis.set("f", "10.5");
        assertReply(bulk("10.6"), "INCRBYFLOAT", "f", "0.1");
        assertEquals("10.6", redis.get("f"));
    }

    @Test
    void incrbyfloat_doubleOverload_returnsParsedValue() {
        redis.set("f", "1");
        assertEquals(3.5, redis.incrbyfloat("f", 2.5));
        assertEquals(1.0, redis.incrbyfloat("f", -2.5));
    }

    @Test
    void incrbyfloat_keyWithTtl_keepsTtl() {
        redis.set("f", "10", SetArgs.ex(100));
        redis.incrbyfloat("f", "1");
        assertEquals("11", redis.get("f"));
        assertEquals(100, redis.ttl("f"));
    }

    @Test
    void incrbyfloat_result_isEmbstrEvenWhenIntegral() {
        redis.set("f", "10");
        assertEquals("int", redis.objectEncoding("f"));
        redis.incrbyfloat("f", "1");
        assertEquals("embstr", redis.objectEncoding("f"));
        redis.set("g", "1");
        redis.incrbyfloat("g", "1e25");
        assertEquals("10000000000000000000000000", redis.get("g"));
        assertEquals("embstr", redis.objectEncoding("g"));
    }

    @Test
    void incrbyfloat_resultLongerThan44Bytes_isRaw() {
        redis.incrbyfloat("f", "1e50");
        assertEquals("raw", redis.objectEncoding("f"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.5 | 0.1 | 10.6
            0.1 | 0.2 | 0.3
            0.3 | 0.1 | 0.4
            1 | -1 | 0
            -0 | 0 | 0
            1 | -1.0000000000000000001 | 0
            3.0e3 | 1 | 3001
            5.0e3 | 5.0e3 | 10000
            17179869184 | 1.5 | 17179869185.5
            0x10 | 1 | 17
            1 | 0x10 | 17
            1 | 0x1p-2 | 1.25
            1 | 0x.8 | 1.5
            1 | 0X1P1 | 3
            1 | 0x1P+1 | 3
            1 | 0x1.p1 | 3
            1 | +1 | 2
            1 | .5 | 1.5
            1 | 5. | 6
            1 | 1.e5 | 100001
            0 | +.5 | 0.5
            0 | -.5e1 | -5
            0 | 1.5e-05 | 0.000015
            0 | 1E2 | 100
            0 | 1.23456789012345678 | 1.23456789012345678
            1 | 0.123456789012345678901234567 | 1.12345678901234568
            0 | 1e-17 | 0.00000000000000001
            0 | 5e-18 | 0
            0 | -0.5e-17 | 0
            0 | 0.000000000000000015 | 0.00000000000000002
            0 | 0.000000000000000025 | 0.00000000000000002
            0 | 0.30000000000000000001 | 0.3
            0 | 123456789012345678901234567890 | 123456789012345678899921813504
            0 | 1e-4940 | 0
            0 | -1e-4940 | 0
            0 | 3.7e-4951 | 0
            -728e-24 | -5441910594196914805 | -5441910594196914805
            409.307 | -612 | -202.693
            198.796520 | 0.04582253453682905 | 198.84234253453682906
            -371752 | 0.2529883098636976 | -371751.7470116901363042
            -7994403127385146645 | 8e-4771 | -7994403127385146645
            -299.64322 | 633e-1 | -236.34321999999999998
            835e29 | -7.956e+16 | 83499999999999920437243206959104
            -709e-14 | -0.19057326010588338 | -0.19057326011297338
            0xa74.c2p-9 | -0.2875063967681586 | 4.9405362057709039
            -0.19722875819115115 | 7.01338863961437652961 | 6.81615988142322538
            0xffc.c2p8 | -391.9346 | 1047354.065400000000011
            9.07821160202572841058 | 827.09 | 836.16821160202572844
            170.6646 | -0.6569078841120763 | 170.00769211588792369
            7897040463737723545 | 683107 | 7897040463738406652
            -188e6 | 0x567.21p-11 | -187999999.32464408874511719
            -8.700e+16 | 0.9861918789332682 | -86999999999999999.015625
            -330e-25 | 376.411143 | 376.41114300000000001
            0x65f.e0p-5 | -506113 | -506062.00390625
            -907 | 3338478177433856213 | 3338478177433855306
            0xa8c.72p19 | 5646153365230786311 | 5646153366646597383
            -876.992 | 919807 | 918930.00799999999998136
            8207575742871020993 | 24e16 | 8447575742871020993
            -4.08991484986133357893 | 0x512.22p18 | 340297723.91008515012799762
            8e-241 | 0x95f.b4p5 | 76790.5
            -758342 | 468.1068 | -757873.8931999999999789
            -3.76568514617426686186 | -643531686455916221 | -643531686455916224.75
            6.331e+27 | 0xc34.1fp-2 | 6331000000000000000083886080
            720119 | -0.4408642070462978 | 720118.55913579295372529
            1447562105040818029 | 0.035164993010794676 | 1447562105040818029
            -3.52094969799322043968 | -430.36 | -433.88094969799322043
            7e-2996 | -8.201e+25 | -82009999999999999995805696
            """)
    void incrbyfloat_redisRecordedSums_matchExactly(String initial, String increment, String expected) {
        assertEquals(bulk(expected), incrbyfloat(initial, increment));
        assertEquals(expected, redis.get("f"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 1e0000000001 | 11
            1 | 0e99999999999 | 1
            0 | 0e-999999999999999999999 | 0
            0 | 0x0p99999999999 | 0
            0 | 00000000001e-0000000000001 | 0.1
            0 | 1e+00000000000000000000003 | 1000
            0 | 0x1p+00000000000000000001 | 2
            1 | 0x1p0000000001 | 3
            """)
    void incrbyfloat_exponentWithManyDigits_isParsedAsStrtold(String initial, String increment, String expected) {
        assertEquals(bulk(expected), incrbyfloat(initial, increment));
    }

    @Test
    void incrbyfloat_1e400_printsEveryIntegerDigit() {
        Reply reply = incrbyfloat(null, "1e400");
        String text = ((Reply.Bulk) reply).utf8();
        assertEquals(401, text.length());
        assertTrue(text.startsWith("1000000000000000000028188068394758651458"), text);
        assertTrue(text.endsWith("309734806343732497430221946880"), text);
        assertEquals(bulk(text), incrbyfloat(text, "0"));
        assertEquals("raw", redis.objectEncoding("f"));
    }

    @Test
    void incrbyfloat_nearLongDoubleMaximum_printsEveryDigit() {
        Reply reply = incrbyfloat(null, "1e4932");
        String text = ((Reply.Bulk) reply).utf8();
        assertEquals(4933, text.length());
        assertTrue(text.startsWith("1000000000000000000006018949387963891323"), text);
        assertTrue(text.endsWith("163141086538418113791886622720"), text);
        Reply negative = incrbyfloat(null, "-1e4932");
        assertEquals(bulk("-" + text), negative);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1", "1 ", "\t1", ".", "1e", "1e+", "e5", "nan", "NaN", "-nan", "abc", "", "1_000",
            "infinite", "infin", "0x", "0x1p", "0x.p1", "0xg", "1e5000", "1e-5000", "1.2e4932", "1e-4951",
            "1e99999999999", "1e-99999999999", "0x1p16384", "0x1p-16446", "0x1p-99999999999", "+", "-", "--1",
            "1,5", "1.5.5", "0x1.8.8"})
    void incrbyfloat_invalidIncrement_returnsNotFloatAndChangesNothing(String increment) {
        redis.set("f", "1");
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", increment);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "missing", increment);
        assertEquals(1, redis.dbsize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", " 1", "1 ", "nan", "1e5000", "1\u00002"})
    void incrbyfloat_invalidStoredValue_returnsNotFloatAndChangesNothing(String stored) {
        redis.set("f", stored);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", "1");
        assertThrowsKeel(NOT_FLOAT, () -> redis.incrbyfloat("f", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-inf", "infinity", "INF", "+Inf", "-INFINITY"})
    void incrbyfloat_infiniteIncrement_returnsNanOrInfinityError(String increment) {
        redis.set("f", "1");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", increment);
    }

    @Test
    void incrbyfloat_infiniteStoredValue_returnsNanOrInfinityError() {
        redis.set("f", "inf");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "1");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "-inf");
    }

    @Test
    void incrbyfloat_sumOverflows_returnsNanOrInfinityError() {
        redis.set("f", "1.1e4932");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "1.1e4932");
        assertEquals("1.1e4932", redis.get("f"));
    }

    @Test
    void incrbyfloat_5119Characters_isAcceptedAnd5120Refused() {
        String accepted = "0".repeat(5118) + "1";
        String refused = "0".repeat(5119) + "1";
        assertEquals(bulk("1"), incrbyfloat(null, accepted));
        assertEquals(bulk("2"), incrbyfloat(accepted, "1"));
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", refused);
        redis.set("f", refused);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", "1");
    }

    @Test
    void incrbyfloat_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'incrbyfloat' command", "INCRBYFLOAT", "f");
    }

    // ------------------------------------------------------------------ the arithmetic itself

    private static ExtendedPrecision.Value parse(String text) {
        return ExtendedPrecision.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void parse_decimal_roundsToSixtyFourBitSignificand() {
        ExtendedPrecision.Value tenth = parse("0.1");
        assertNotNull(tenth);
        // 0.1 rounded to a 64-bit significand: 0xCCCCCCCCCCCCCCCD * 2^-67
        BigDecimal expected = new BigDecimal(new java.math.BigInteger("CCCCCCCCCCCCCCCD", 16))
                .divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(67)));
        assertEquals(0, expected.compareTo(tenth.finite()));
    }

    @Test
    void parse_integersUpTo64Bits_areExact() {
        assertEquals(0, new BigDecimal("18446744073709551615").compareTo(parse("18446744073709551615").finite()));
        assertEquals(0, new BigDecimal("-9223372036854775808").compareTo(parse("-9223372036854775808").finite()));
    }

    @Test
    void parse_infinities_keepTheirSign() {
        assertEquals(1, parse("inf").infinity());
        assertEquals(-1, parse("-Infinity").infinity());
    }

    @Test
    void parse_refusedText_returnsNull() {
        assertNull(parse("nan"));
        assertNull(parse(" 1"));
        assertNull(parse("1e5000"));
    }

    @Test
    void add_oppositeInfinities_returnsNull() {
        assertNull(ExtendedPrecision.add(ExtendedPrecision.Value.POSITIVE_INFINITY, ExtendedPrecision.Value.NEGATIVE_INFINITY));
    }

    @Test
    void format_negativeZeroAndTrailingZeros_areRemoved() {
        assertEquals("0", ExtendedPrecision.format(new BigDecimal("-0.000000000000000001")));
        assertEquals("1.5", ExtendedPrecision.format(new BigDecimal("1.50000")));
        assertEquals("100", ExtendedPrecision.format(new BigDecimal("1E+2")));
        assertEquals("-2", ExtendedPrecision.format(new BigDecimal("-2.000")));
    }
}
