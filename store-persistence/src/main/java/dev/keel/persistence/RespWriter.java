package dev.keel.persistence;

import dev.keel.engine.CommandSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes command lines as a Redis client sends them, which {@code redis-cli --pipe} reads: each
 * line an array of bulk strings, binary safe.
 *
 * <pre>
 * *&lt;argc&gt;\r\n   then, per argument:   $&lt;length&gt;\r\n&lt;bytes&gt;\r\n
 * </pre>
 *
 * The caller buffers the stream; a failed write is thrown as an {@link UncheckedIOException}
 * (a {@link CommandSink} cannot throw checked exceptions).
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class RespWriter implements CommandSink {
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final Map<String, Long> linesByCommand = new TreeMap<>();
    private long lines;
    private long bytes;

    /** Writes to {@code out}, which should be buffered. */
    RespWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(byte[][] argv) {
        try {
            header('*', argv.length);
            for (byte[] arg : argv) {
                header('$', arg.length);
                out.write(arg);
                out.write(CRLF);
                bytes += arg.length + CRLF.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines++;
        linesByCommand.merge(new String(argv[0], StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
    }

    private void header(char type, int count) throws IOException {
        byte[] text = (type + Integer.toString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(text);
        bytes += text.length;
    }

    /** Returns the number of command lines written. */
    long lines() {
        return lines;
    }

    /** Returns the number of bytes written. */
    long bytes() {
        return bytes;
    }

    /** Returns how many lines each command name has, by name. */
    Map<String, Long> linesByCommand() {
        return linesByCommand;
    }
}
