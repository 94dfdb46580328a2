package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalBytesTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 42, 1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE})
    void parse_ofFormat_roundTrips(long value) {
        assertEquals(value, DecimalBytes.parse(DecimalBytes.format(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "-0", "1a", " 1", "+1", "9223372036854775808", "-9223372036854775809", "12345678901234567890"})
    void parse_notAnInteger_throwsRedisError(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecimalBytes.parse(text.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(DecimalBytes.NOT_AN_INTEGER, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void increment_missingCountsAsZero_andOverflowThrows() {
        assertArrayEquals("7".getBytes(StandardCharsets.US_ASCII), DecimalBytes.increment(null, 7));
        assertThrows(IllegalArgumentException.class, () -> DecimalBytes.increment(DecimalBytes.format(Long.MAX_VALUE), 1));
    }
}
