package dev.keel.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes command lines in RESP, the form Redis reads from clients and {@code redis-cli --pipe}
 * reads from its standard input.
 *
 * <pre>
 *   *3\r\n $3\r\n SET\r\n $9\r\n session:1\r\n $5\r\n hello\r\n
 *   (an array of N bulk strings, each its length then its bytes)
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class Resp {
    private static final byte[] CRLF = {'\r', '\n'};

    private Resp() {
    }

    /** Returns the RESP encoding of a command line of UTF-8 strings. */
    static byte[] command(String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            bytes[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(bytes);
    }

    /** Returns the RESP encoding of a command line of raw arguments. */
    static byte[] command(byte[]... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        header(out, '*', argv.length);
        for (byte[] arg : argv) {
            header(out, '$', arg.length);
            out.writeBytes(arg);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, char type, int count) {
        out.write(type);
        out.writeBytes(Integer.toString(count).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }
}
