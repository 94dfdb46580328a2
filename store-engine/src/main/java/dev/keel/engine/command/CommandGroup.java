package dev.keel.engine.command;

import dev.keel.KeelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-record form of a transaction's effects in the append-only log, so that a crash keeps
 * all of a transaction or none of it.
 *
 * <pre>
 * Form
 *   EXEC argc1 arg... argc2 arg... ...
 *   EXEC, then for each command its argument count in decimal and its arguments. Redis's EXEC
 *   takes no argument, so a line naming EXEC with arguments can only be a group. A record is
 *   framed and checksummed whole, so a torn group is a torn record: recovery cuts it, never half
 *   of it.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
public final class CommandGroup {
    private static final byte[] EXEC = {'E', 'X', 'E', 'C'};

    private CommandGroup() {
    }

    /** Returns the single line that carries {@code lines}, in order. */
    public static byte[][] join(List<byte[][]> lines) {
        int size = 1;
        for (byte[][] line : lines) {
            size += 1 + line.length;
        }
        byte[][] group = new byte[size][];
        group[0] = EXEC;
        int at = 1;
        for (byte[][] line : lines) {
            group[at++] = Integer.toString(line.length).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(line, 0, group, at, line.length);
            at += line.length;
        }
        return group;
    }

    /** Returns whether {@code argv} is a group made by {@link #join}. */
    public static boolean isGroup(byte[][] argv) {
        return argv.length > 1 && Arguments.is(argv[0], "EXEC");
    }

    /**
     * Returns the command lines of the group {@code argv}.
     *
     * @throws KeelException if a count is not a positive decimal or runs past the end
     */
    public static List<byte[][]> split(byte[][] argv) {
        List<byte[][]> lines = new ArrayList<>();
        int at = 1;
        while (at < argv.length) {
            long count = Arguments.isLong(argv[at]) ? Arguments.parseLong(argv[at]) : -1;
            if (count < 1 || count > argv.length - at - 1) {
                throw new KeelException("ERR malformed transaction record: bad command length at argument " + at);
            }
            byte[][] line = new byte[(int) count][];
            System.arraycopy(argv, at + 1, line, 0, line.length);
            lines.add(line);
            at += 1 + line.length;
        }
        return lines;
    }
}
