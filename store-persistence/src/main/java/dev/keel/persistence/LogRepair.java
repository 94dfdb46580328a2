package dev.keel.persistence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * The offline tool's {@code repair}: cuts a torn last record off the last file appended to (the
 * manifest's last, or the one before tails holding no record yet), back to the end of the last
 * good record, as a store does when it opens the log; nothing else.
 *
 * <pre>
 * Safety
 *   - Only when asked (--yes); otherwise it says what it would do and changes nothing.
 *   - Never beside a store: it takes keel.lock with tryLock, as AppendOnlyLog does, refuses if
 *     it is held, and holds it until done, so that no store opens the log meanwhile. It looks in
 *     /proc/locks first (LockProbe) and does not even open keel.lock if a process holds it:
 *     closing a channel on a file drops every POSIX lock its process holds on the file, so a
 *     refused repair run inside a store's JVM would otherwise release that store's lock.
 *   - Never into the middle of the log: damage anywhere else would take every later write with
 *     it, which only the user can decide; it says how, and changes nothing.
 *   - The cut is forced to disk before it is reported.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use (the lock keeps two repairs of one
 * directory apart).
 */
final class LogRepair {

    private LogRepair() {
    }

    /**
     * Cuts a torn tail if {@code yes}, else says what it would do.
     *
     * @return {@link LogTool#OK} (clean, or cut), {@link LogTool#TORN} (would cut, without
     *         {@code yes}), {@link LogTool#CORRUPT} (refused), {@link LogTool#LOCKED} or
     *         {@link LogTool#NO_LOG}
     */
    static int repair(Path directory, boolean yes, PrintStream out) throws IOException {
        if (LogTool.scan(directory, out) == null) {
            return LogTool.NO_LOG;
        }
        LockProbe.Result probe = LockProbe.probe(directory);
        if (probe.state() == LockProbe.State.HELD) {
            return refuseLocked(directory, "the lock is " + probe.text(), out);
        }
        if (!yes) {
            return repairOrPlan(directory, false, out);
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(AppendOnlyLog.LOCK_FILE),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), LogFiles.ownerOnly())) {
            FileLock lock;
            try {
                lock = AppendOnlyLog.lockDirectory(directory, channel);
            } catch (IOException e) {
                return refuseLocked(directory, e.getMessage(), out);
            }
            try {
                return repairOrPlan(directory, true, out);
            } finally {
                lock.release();
            }
        }
    }

    private static int refuseLocked(Path directory, String why, PrintStream out) {
        out.println("refusing to repair " + directory + ": " + why + ". Close the store first"
                + " (opening it cuts a torn last record by itself). Nothing changed.");
        return LogTool.LOCKED;
    }

    /** Cuts the torn tail if {@code yes} (the caller then holds the lock), else says what it would cut. */
    private static int repairOrPlan(Path directory, boolean yes, PrintStream out) throws IOException {
        LogScan scan = LogTool.scan(directory, out);
        if (scan == null) {
            return LogTool.NO_LOG;
        }
        scan.walk(0, (entry, record) -> true);
        if (scan.worst() == null) {
            out.println("nothing to repair: every file of the log reads clean");
            LogTool.printFindings(scan, out);
            return LogTool.OK;
        }
        LogScan.Problem torn = scan.tornTailOnly();
        if (torn == null) {
            return refuseCorrupt(scan, out);
        }
        Path file = directory.resolve(torn.file());
        String cut = torn.file() + " from offset " + torn.offset() + " to its end, " + (Files.size(file) - torn.offset())
                + " bytes (" + torn.what() + ")";
        if (!yes) {
            out.println("the log's last record is torn, as a crash while appending leaves it; it held a write never"
                    + " acknowledged as durable.");
            out.println("would cut " + cut);
            out.println("nothing changed: run keel-log repair " + directory + " --yes to cut it (a store opening the log cuts it too)");
            return LogTool.TORN;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(torn.offset());
            channel.force(true);
        }
        out.println("cut " + cut);
        LogScan after = LogScan.open(directory);
        after.walk(0, (entry, record) -> true);
        if (after.worst() == null) {
            out.println("OK: every file of the log reads clean now");
        }
        LogTool.printFindings(after, out);
        return LogTool.status(after);
    }

    private static int refuseCorrupt(LogScan scan, PrintStream out) throws IOException {
        LogTool.printProblems(scan, 0, out);
        out.println();
        out.println("refusing to repair: repair cuts only a torn last record, at the end of the last file appended to."
                + " Cutting at damage elsewhere would lose every write after it. Nothing changed.");
        LogScan.Problem first = scan.problems().stream().filter(p -> p.severity() == LogScan.Severity.CORRUPT).findFirst().orElseThrow();
        List<String> files = scan.manifest() == null ? List.of() : scan.manifest().files().stream().map(Manifest.Entry::fileName).toList();
        int index = files.indexOf(first.file());
        if (index >= 0 && scan.onlyEmptyTailsAfter(index) && first.offset() >= LogFileDescriptor.HEADER_LENGTH) {
            out.println("To give up every write from " + first.file() + " offset " + first.offset() + " on, keep a copy of the"
                    + " directory, then cut the file yourself: truncate -s " + first.offset() + " "
                    + scan.directory().resolve(first.file()));
        } else {
            out.println("The damage is in " + first.file() + ", which the rest of the log builds on: restore the directory from a backup.");
        }
        out.println("keel-log dump " + scan.directory() + " shows the records before the damage.");
        return LogTool.CORRUPT;
    }
}
