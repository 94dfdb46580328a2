package dev.keel.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells whether a store holds a log directory's {@code keel.lock} without taking the lock, which
 * a store opening meanwhile would then find taken. Linux lists every file lock in
 * {@code /proc/locks}, one a line:
 *
 * <pre>
 * 1: POSIX  ADVISORY  WRITE 4242 fd:01:1311793 0 EOF
 *    kind   mode      type  pid  major:minor:inode (device numbers in hex)  range
 * </pre>
 *
 * Elsewhere the answer is unknown.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class LockProbe {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    /** Whether the lock is held. */
    enum State { FREE, HELD, UNKNOWN }

    /**
     * What the probe found.
     *
     * @param state whether the lock is held
     * @param text the same for people
     */
    record Result(State state, String text) {
    }

    private LockProbe() {
    }

    /** Returns whether the lock of the log in {@code directory} is held, and by which process. */
    static Result probe(Path directory) {
        Path lockFile = directory.resolve(AppendOnlyLog.LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return new Result(State.FREE, "free (no " + AppendOnlyLog.LOCK_FILE + ": no store has opened this directory)");
        }
        if (!Files.isReadable(PROC_LOCKS)) {
            return new Result(State.UNKNOWN, "unknown (no " + PROC_LOCKS + " on this system to look in)");
        }
        try {
            long device = (Long) Files.getAttribute(lockFile, "unix:dev");
            long inode = (Long) Files.getAttribute(lockFile, "unix:ino");
            String file = String.format("%02x:%02x:%d", major(device), minor(device), inode);
            List<String> lines = Files.readAllLines(PROC_LOCKS);
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 6 && !fields[1].equals("->") && fields[5].equals(file)) {
                    String pid = fields[4];
                    return new Result(State.HELD, "held by " + (pid.equals("-1") ? "a process" : "process " + pid) + ": a store has the log open");
                }
            }
            return new Result(State.FREE, "free (no store has the log open)");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new Result(State.UNKNOWN, "unknown (" + e.getMessage() + ")");
        }
    }

    /** Returns the major number of a Linux device number (glibc's gnu_dev_major). */
    private static long major(long device) {
        return (device >>> 8) & 0xfffL | (device >>> 32) & 0xfffff000L;
    }

    /** Returns the minor number of a Linux device number (glibc's gnu_dev_minor). */
    private static long minor(long device) {
        return device & 0xffL | (device >>> 12) & 0xffffff00L;
    }
}
