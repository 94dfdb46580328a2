package dev.keel.persistence;

import java.nio.charset.StandardCharsets;

/**
 * Prints a command line for people: each argument quoted as redis-cli prints strings, with
 * non-printable bytes escaped, long arguments and long lines cut.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
public final class CommandText {
    private static final int MAX_ARGUMENT = 128;
    private static final int MAX_ARGUMENTS = 16;

    private CommandText() {
    }

    /** Returns {@code argv} as one line, its first arguments each cut to 128 bytes. */
    public static String of(byte[][] argv) {
        StringBuilder line = new StringBuilder();
        int shown = Math.min(argv.length, MAX_ARGUMENTS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                line.append(' ');
            }
            quote(line, argv[i]);
        }
        if (shown < argv.length) {
            line.append(" ... (").append(argv.length - shown).append(" more arguments)");
        }
        return line.toString();
    }

    private static void quote(StringBuilder out, byte[] arg) {
        out.append('"');
        int shown = Math.min(arg.length, MAX_ARGUMENT);
        for (int i = 0; i < shown; i++) {
            int b = arg[i] & 0xFF;
            switch (b) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        out.append('"');
        if (shown < arg.length) {
            out.append("...(").append(arg.length).append(" bytes)");
        }
    }

    /** Returns {@code text} as the UTF-8 bytes of one argument. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
