package dev.keel.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redis's glob-style matching, as KEYS and SCAN MATCH use it; expectations checked against Redis 7.0. */
class GlobPatternTest {

    private static boolean matches(String pattern, String subject) {
        return new GlobPattern(pattern.getBytes(StandardCharsets.ISO_8859_1))
                .matches(subject.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "''{0}'' ~ ''{1}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            *            | anything      | true
            *            | ""            | true
            ""           | ""            | true
            ""           | a             | false
            a            | a             | true
            a            | b             | false
            a            | ab            | false
            ?            | a             | true
            ?            | ""            | false
            ?            | ab            | false
            h?llo        | hello         | true
            h?llo        | hllo          | false
            h*llo        | hllo          | true
            h*llo        | heeeello      | true
            h*llo        | hellox        | false
            **a**        | bab           | true
            a*           | a             | true
            *a           | ba            | true
            *a           | ab            | false
            a*b*c        | aXbYc         | true
            a*b*c        | aXbY          | false
            [a-c]        | b             | true
            [a-c]        | d             | false
            [c-a]        | b             | true
            [^a]         | b             | true
            [^a]         | a             | false
            [abc         | c             | true
            []           | a             | false
            [^]          | a             | true
            [\\]]        | ]             | true
            [-a]         | -             | true
            [a-b-c]      | -             | true
            [a-b-c]      | c             | true
            [a\\-c]      | -             | true
            [a\\-c]      | b             | false
            h[ae]llo     | hallo         | true
            h[^e]llo     | hello         | false
            a\\*         | a*            | true
            a\\*         | ab            | false
            \\\\         | \\            | true
            \\           | \\            | true
            x\\[y        | x[y           | true
            *[0-9]       | key7          | true
            user:*:name  | user:42:name  | true
            user:*:name  | user:42:age   | false
            """)
    void matches_redisPatterns_agreeWithRedis(String pattern, String subject, boolean expected) {
        assertEquals(expected, matches(pattern, subject));
    }

    @Test
    void matchesAll_onlyForSingleStar() {
        assertTrue(new GlobPattern("*".getBytes(StandardCharsets.US_ASCII)).matchesAll());
        assertFalse(new GlobPattern("**".getBytes(StandardCharsets.US_ASCII)).matchesAll());
        assertFalse(new GlobPattern("a*".getBytes(StandardCharsets.US_ASCII)).matchesAll());
    }

    @Test
    void matches_binaryBytes_compareExactly() {
        GlobPattern pattern = new GlobPattern(new byte[] {'k', '?', (byte) 0xFF});
        assertTrue(pattern.matches(new byte[] {'k', 0, (byte) 0xFF}));
        assertFalse(pattern.matches(new byte[] {'k', 0, (byte) 0xFE}));
    }

    @Test
    void constructor_copiesPattern() {
        byte[] bytes = "a*".getBytes(StandardCharsets.US_ASCII);
        GlobPattern pattern = new GlobPattern(bytes);
        bytes[0] = 'z';
        assertTrue(pattern.matches("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void matches_pathologicalStars_finishesAndReturnsFalse() {
        GlobPattern pattern = new GlobPattern("a*a*a*a*a*a*a*a*a*b".getBytes(StandardCharsets.US_ASCII));
        byte[] subject = "a".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        assertFalse(pattern.matches(subject));
        GlobPattern manyStars = new GlobPattern("*a".repeat(200).concat("b").getBytes(StandardCharsets.US_ASCII));
        assertFalse(manyStars.matches(subject));
    }

    @Test
    void matches_rangeEndingAtClosingBracket_isARangeAsInRedis() {
        assertTrue(matches("[a-]", "]"));
        assertTrue(matches("[a-]", "_"));
        assertFalse(matches("[a-]", "-"));
    }

    @Test
    void matches_rangeWithHighBytes_comparesSignedAsRedis() {
        GlobPattern pattern = new GlobPattern(new byte[] {'[', 1, '-', (byte) 0xFF, ']'});
        assertTrue(pattern.matches(new byte[] {(byte) 0xFF}));
        assertFalse(pattern.matches(new byte[] {(byte) 0x80}));
        assertFalse(pattern.matches(new byte[] {'a'}));
    }
}
