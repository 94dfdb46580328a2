package dev.keel.spi;

import java.nio.charset.StandardCharsets;

/** Command lines as stores receive them. <b>Thread safety:</b> stateless, safe for concurrent use. */
public final class CommandLines {
    private CommandLines() {
    }

    /**
     * Encodes a command line's arguments as UTF-8.
     *
     * @throws NullPointerException naming the argument, if one is null
     */
    public static byte[][] utf8(String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            if (argv[i] == null) {
                throw new NullPointerException("argument " + i + " of the command line is null");
            }
            bytes[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /**
     * Checks that no argument of a command line is null.
     *
     * @throws NullPointerException naming the argument, if one is null
     */
    public static void requireComplete(byte[][] argv) {
        for (int i = 0; i < argv.length; i++) {
            if (argv[i] == null) {
                throw new NullPointerException("argument " + i + " of the command line is null");
            }
        }
    }
}
