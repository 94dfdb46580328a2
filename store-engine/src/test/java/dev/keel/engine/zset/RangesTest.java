package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.engine.command.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing range bounds and turning ranges into runs of ranks: the pure parts of the range commands. */
class RangesTest {

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ RankSpan

    @ParameterizedTest(name = "{0} {1} of {2}")
    @CsvSource({
        "0, -1, 5, 0, 5",
        "1, 2, 5, 1, 3",
        "-2, -1, 5, 3, 5",
        "-100, 100, 5, 0, 5",
        "3, 2, 5, 0, 0",
        "5, 10, 5, 0, 0",
        "-9223372036854775808, 9223372036854775807, 5, 0, 5",
        "9223372036854775807, -9223372036854775808, 5, 0, 0",
        "0, 0, 0, 0, 0",
    })
    void ofIndexes_normalizesAsLrange(long start, long stop, long size, long first, long end) {
        RankSpan span = RankSpan.ofIndexes(start, stop, size, false);
        assertEquals(end - first, span.size());
        if (span.size() > 0) {
            assertEquals(new RankSpan(first, end), span);
        }
    }

    @Test
    void ofIndexes_reverse_countsFromTheTop() {
        assertEquals(new RankSpan(3, 5), RankSpan.ofIndexes(0, 1, 5, true));
        assertEquals(new RankSpan(0, 2), RankSpan.ofIndexes(-2, -1, 5, true));
        assertEquals(new RankSpan(0, 5), RankSpan.ofIndexes(0, -1, 5, true));
    }

    @Test
    void limit_offsetAndCount_trimFromTheStartOrTheEnd() {
        RankSpan span = new RankSpan(10, 20);
        assertEquals(span, span.limit(0, -1, false));
        assertEquals(new RankSpan(12, 15), span.limit(2, 3, false));
        assertEquals(new RankSpan(15, 18), span.limit(2, 3, true));
        assertEquals(new RankSpan(12, 20), span.limit(2, -5, false));
        assertEquals(new RankSpan(10, 18), span.limit(2, Long.MAX_VALUE, true));
        assertEquals(0, span.limit(-1, 3, false).size());
        assertEquals(0, span.limit(10, 3, false).size());
        assertEquals(0, span.limit(Long.MAX_VALUE, Long.MAX_VALUE, true).size());
        assertEquals(0, span.limit(0, 0, false).size());
        assertEquals(0, new RankSpan(5, 3).limit(0, -1, false).size());
    }

    // ------------------------------------------------------------------ ScoreRange

    @Test
    void scoreRange_parse_readsExclusiveAndInfiniteBounds() {
        assertEquals(new ScoreRange(1.5, true, Double.POSITIVE_INFINITY, false), ScoreRange.parse(latin1("(1.5"), latin1("+inf")));
        assertEquals(new ScoreRange(Double.NEGATIVE_INFINITY, false, 3, true), ScoreRange.parse(latin1("-inf"), latin1("(3")));
        assertEquals(new ScoreRange(0, true, 0, false), ScoreRange.parse(latin1("("), latin1("")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"a, 1", "1, b", "nan, 1", "((1, 1", "1, '2 '", "[1, 2"})
    void scoreRange_parse_badBound_isNotAFloat(String min, String max) {
        CommandException e = assertThrows(CommandException.class, () -> ScoreRange.parse(latin1(min), latin1(max)));
        assertEquals("ERR min or max is not a float", e.getMessage());
    }

    // ------------------------------------------------------------------ LexRange

    @Test
    void lexRange_parse_readsTheFourKinds() {
        LexRange range = LexRange.parse(latin1("[a"), latin1("(b"));
        assertArrayEquals(latin1("a"), range.min().member());
        assertEquals(false, range.min().exclusive());
        assertArrayEquals(latin1("b"), range.max().member());
        assertEquals(true, range.max().exclusive());
        LexRange all = LexRange.parse(latin1("-"), latin1("+"));
        assertEquals(LexRange.Bound.MIN, all.min());
        assertEquals(LexRange.Bound.MAX, all.max());
        assertNull(all.min().member());
        assertEquals(0, LexRange.parse(latin1("["), latin1("(")).min().member().length);
        assertEquals(LexRange.Bound.MAX, LexRange.parse(latin1("+\u0000x"), latin1("+")).min());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a", "", "-x", "+x", "--", "{a"})
    void lexRange_parse_badBound_isNotAValidItem(String bound) {
        CommandException e = assertThrows(CommandException.class, () -> LexRange.parse(latin1(bound), latin1("+")));
        assertEquals("ERR min or max not valid string range item", e.getMessage());
        assertThrows(CommandException.class, () -> LexRange.parse(latin1("-"), latin1(bound)));
    }
}
