package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the bugs {@link CommandFuzzer} found, one per bug, named after it: by its
 * own checks, or by its command lines replayed on a real Redis 7.0.15 (where Keel refused input
 * Redis accepts). The expected replies were taken from that Redis.
 */
class FuzzRegressionTest extends AbstractCommandTest {

    /** Runs a command line of ISO-8859-1 arguments (one byte per char), so tests can pass any byte. */
    private Reply execBytes(String... argv) {
        return store.execute(toBytes(argv));
    }

    private void assertRefusedUnchangedBytes(String message, String... argv) {
        Map<String, String> before = snapshot();
        assertEquals(Reply.error(message), execBytes(argv), () -> CommandFuzzer.describe(toBytes(argv)));
        assertEquals(before, snapshot(), () -> CommandFuzzer.describe(toBytes(argv)) + " changed the data");
    }

    private static byte[][] toBytes(String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            bytes[i] = CommandFuzzer.latin1(argv[i]);
        }
        return bytes;
    }

    /** The error quoted the option raw: a CR or LF in it broke the reply's line, and bytes after a NUL showed. */
    @Test
    void expireUnsupportedOption_quotingCrLfOrNul_answersOneLineError() {
        exec("SET", "k", "v");
        assertRefusedUnchangedBytes("ERR Unsupported option a  b", "EXPIRE", "k", "10", "a\r\nb\u0000cd");
        assertRefusedUnchangedBytes("ERR Unsupported option ", "PEXPIREAT", "k", "10", "\u0000x");
        assertRefusedUnchangedBytes("ERR Unsupported option x", "EXPIREAT", "missing", "1", "x\n");
        assertRefusedUnchangedBytes("ERR Unsupported option   x", "EXPIRE", "k", "1", "\r\nx\r\n");
    }

    /** Keel refused a cursor with a NUL byte; Redis reads it as a C string, up to the NUL. */
    @Test
    void scanCursorWithNulByte_endsAtTheNulAsRedisReadsIt() {
        exec("SET", "k", "v");
        assertEquals(array("0", "k"), flatten(execBytes("SCAN", "\u0000")));
        assertEquals(array("0", "k"), flatten(execBytes("SCAN", "0\u0000junk")));
        assertEquals(array("0", "k"), flatten(execBytes("SCAN", "\u00001abc", "COUNT", "100")));
        assertRefusedUnchangedBytes("ERR syntax error", "SCAN", "\u0000k\u00ff", "0x.8");
        assertRefusedUnchangedBytes("ERR invalid cursor", "SCAN", "+\u00001");
        assertRefusedUnchangedBytes("ERR invalid cursor", "SCAN", " \u0000");
    }

    /** A SCAN reply [cursor, [keys...]] as one flat array of bulk strings. */
    private static Reply flatten(Reply scan) {
        List<Reply> items = new ArrayList<>();
        Reply.Array top = (Reply.Array) scan;
        items.add(top.items().get(0));
        items.addAll(((Reply.Array) top.items().get(1)).items());
        return Reply.array(items);
    }
}
