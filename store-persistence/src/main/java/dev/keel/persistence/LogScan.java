package dev.keel.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The offline tool's reading of a log directory: the manifest checked against the files there,
 * then every record of every listed file in replay order, handed to a {@link Visitor} one at a
 * time. What is wrong is collected, not thrown, so that one run reports all of it.
 *
 * <pre>
 * Problems
 *   torn     the last record of the last file appended to (the manifest's last file, or the
 *            one before tails that hold no record yet) is cut short or half written, what a
 *            crash while appending leaves. Recoverable: opening the store cuts it off, and so
 *            does the tool's repair.
 *   corrupt  anything else: a manifest that does not parse or does not end with a tail, log
 *            files without a manifest, a listed file missing or with a wrong header, a damaged
 *            record anywhere but at the end of the last file appended to, a record the engine
 *            refuses (added by the caller). A store will not open the log.
 * Notes
 *   log files the manifest does not list (left by a rewrite a crash cut short; the next open
 *   deletes them), a leftover keel.manifest.tmp, and no manifest beside a first tail holding no
 *   record (a first open cut short): harmless.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class LogScan {
    /** What a problem means for the log. */
    enum Severity {
        /** A torn tail: recoverable. */
        TORN,
        /** Anything else: the store will not open the log. */
        CORRUPT;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One thing wrong with the log.
     *
     * @param file the file's name in the directory
     * @param offset the offset of the damage in it, or -1 when it concerns the whole file
     * @param severity torn or corrupt
     * @param what what is wrong
     */
    record Problem(String file, long offset, Severity severity, String what) {
        /** Returns the problem as one line for people. */
        String text() {
            return file + (offset >= 0 ? " at offset " + offset : "") + ": " + severity + ": " + what;
        }
    }

    /** Hears the files and records of a {@link #walk}. */
    interface Visitor {
        /** Takes the next record of {@code entry}'s file; returns false to end the walk. */
        boolean record(Manifest.Entry entry, LogRecord record);

        /**
         * Hears that {@code entry}'s file was read to its end or its damage; {@code reader} (still
         * open) is null if the file is missing or its header is wrong.
         */
        default void fileEnded(Manifest.Entry entry, LogFileReader reader) {
        }
    }

    private final Path directory;
    private final Manifest manifest;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private LogScan(Path directory, Manifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /** Reads the manifest of {@code directory}, an existing directory, and checks it against the files there. */
    static LogScan open(Path directory) throws IOException {
        Manifest manifest;
        try {
            manifest = Manifest.read(directory);
        } catch (LogCorruptedException e) {
            LogScan scan = new LogScan(directory, null);
            scan.problem(Manifest.NAME, -1, Severity.CORRUPT, e.what());
            return scan;
        }
        LogScan scan = new LogScan(directory, manifest);
        List<String> logFiles = AppendOnlyLog.logFiles(directory);
        if (manifest == null) {
            Path firstTail = directory.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_TAIL, 1));
            if (logFiles.equals(List.of(firstTail.getFileName().toString())) && Files.size(firstTail) <= LogFileDescriptor.HEADER_LENGTH) {
                scan.notes.add(firstTail.getFileName() + " holds no record and there is no manifest: a first open cut short by a crash"
                        + " (the next open deletes it)");
            } else if (!logFiles.isEmpty()) {
                scan.problem(Manifest.NAME, -1, Severity.CORRUPT, "missing, yet the directory holds log files " + logFiles
                        + ": restore the manifest, or move the files away to start empty");
            }
            return scan;
        }
        if (manifest.files().isEmpty() || manifest.files().getLast().kind() != LogFileDescriptor.KIND_TAIL) {
            scan.problem(Manifest.NAME, -1, Severity.CORRUPT, "does not end with a tail file");
        }
        Set<String> listed = new HashSet<>();
        manifest.files().forEach(entry -> listed.add(entry.fileName()));
        for (String name : logFiles) {
            if (!listed.contains(name)) {
                scan.notes.add(name + " is not in the manifest (left by an unfinished rewrite; the next open deletes it)");
            }
        }
        if (Files.exists(directory.resolve(Manifest.NAME + ".tmp"))) {
            scan.notes.add(Manifest.NAME + ".tmp is left from an unfinished manifest switch (the next open deletes it)");
        }
        return scan;
    }

    /** Returns whether the directory holds a log at all: a manifest, or something that should have one. */
    boolean hasLog() {
        return manifest != null || !problems.isEmpty();
    }

    /** Returns the manifest, or null if it is missing or unreadable. */
    Manifest manifest() {
        return manifest;
    }

    /** Returns the directory. */
    Path directory() {
        return directory;
    }

    /**
     * Reads the files of the manifest from the {@code from}th on, handing each record to
     * {@code visitor}; records damage as problems. Does nothing without a manifest.
     *
     * @return false if the visitor ended the walk
     */
    boolean walk(int from, Visitor visitor) throws IOException {
        if (manifest == null) {
            return true;
        }
        List<Manifest.Entry> files = manifest.files();
        for (int i = from; i < files.size(); i++) {
            boolean appendedTo = files.get(i).kind() == LogFileDescriptor.KIND_TAIL && onlyEmptyTailsAfter(i);
            if (!walkFile(files.get(i), appendedTo, visitor)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether every file after the manifest's {@code index}th is an empty tail (see {@link AppendOnlyLog#onlyEmptyTailsAfter}). */
    boolean onlyEmptyTailsAfter(int index) throws IOException {
        return AppendOnlyLog.onlyEmptyTailsAfter(directory, manifest.files(), index);
    }

    /** Walks one file; {@code lastAppended} if a record torn at its end is recoverable. */
    private boolean walkFile(Manifest.Entry entry, boolean lastAppended, Visitor visitor) throws IOException {
        Path path = directory.resolve(entry.fileName());
        if (!Files.exists(path)) {
            problem(entry.fileName(), -1, Severity.CORRUPT, "listed in the manifest but missing");
            visitor.fileEnded(entry, null);
            return true;
        }
        LogFileReader reader;
        try {
            reader = LogFileReader.open(path, entry.kind(), entry.sequence());
        } catch (LogCorruptedException e) {
            problem(entry.fileName(), e.offset(), Severity.CORRUPT, e.what());
            visitor.fileEnded(entry, null);
            return true;
        }
        try (reader) {
            try {
                for (LogRecord record = reader.next(); record != null; record = reader.next()) {
                    if (!visitor.record(entry, record)) {
                        return false;
                    }
                }
            } catch (LogCorruptedException e) {
                problem(entry.fileName(), e.offset(), Severity.CORRUPT, e.what());
            }
            LogFileReader.Damage damage = reader.damage();
            if (damage != null) {
                boolean torn = damage.torn() && lastAppended;
                problem(entry.fileName(), damage.offset(), torn ? Severity.TORN : Severity.CORRUPT, damage.what()
                        + (damage.torn() && !lastAppended ? " (it looks torn, but records were appended to a later file)" : ""));
            }
            visitor.fileEnded(entry, reader);
        }
        return true;
    }

    /** Records a problem. */
    void problem(String file, long offset, Severity severity, String what) {
        problems.add(new Problem(file, offset, severity, what));
    }

    /** Returns the problems found so far, in the order found. */
    List<Problem> problems() {
        return problems;
    }

    /** Returns the harmless oddities found (see the class comment). */
    List<String> notes() {
        return notes;
    }

    /** Returns the worst severity found, or null if the log is clean. */
    Severity worst() {
        Severity worst = null;
        for (Problem problem : problems) {
            if (worst == null || problem.severity().compareTo(worst) > 0) {
                worst = problem.severity();
            }
        }
        return worst;
    }

    /** Returns the torn tail found, or null if there is none, or other damage too. */
    Problem tornTailOnly() {
        return problems.size() == 1 && problems.getFirst().severity() == Severity.TORN ? problems.getFirst() : null;
    }
}
