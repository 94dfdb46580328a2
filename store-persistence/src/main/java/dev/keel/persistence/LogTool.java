package dev.keel.persistence;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline tool for a Keel append-only log directory, run as
 * {@code bin/keel-log <command> <dir> [options]}:
 *
 * <pre>
 * describe DIR                           the manifest, each file (kind, sequence, size, created,
 *                                        records, first and last record's time), totals, and
 *                                        whether a store holds the directory's lock
 * verify DIR                             reads every record of every file, checks headers,
 *                                        checksums, structure and the manifest, replays every
 *                                        record into an in-memory store; prints OK or each problem
 * dump DIR [--from-file N] [--limit K]   one line per record: file, offset, time (ISO-8601 UTC),
 *                                        command; from the manifest's file N (a sequence number or
 *                                        a file name), at most K records
 * repair DIR [--yes]                     cuts a torn last record off the last file appended to;
 *                                        without --yes only says what it would do. Refuses damage
 *                                        anywhere else, and a directory a running store holds
 * export DIR [--out FILE]                replays the log and writes the commands that rebuild its
 *                                        live keys as RESP, for redis-cli --pipe: the way to a
 *                                        Redis server. To stdout unless --out is given
 *
 * Exit codes
 *   0   clean, or done
 *   1   the only damage is a torn last record, which a store cuts off when it opens the log
 *   2   corrupt: a store will not open the log
 *   64  bad arguments (the usage goes to stderr)
 *   66  no log in DIR
 *   70  internal error (a bug)
 *   74  I/O error
 *   75  repair: a store has DIR open
 * </pre>
 *
 * Every command but {@code repair --yes} only reads and takes no lock, so it may run beside a
 * store (whose last record may then be half written as it is read). Each command is a static
 * method writing to a {@link PrintStream}, which {@link #run} calls. Records are read one at a
 * time; only {@code verify} and {@code export} hold more: the replayed data, off-heap.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use (not on one directory with
 * {@code repair}).
 */
public final class LogTool {
    /** Exit code: clean, or done. */
    public static final int OK = 0;
    /** Exit code: the only damage is a torn last record, which a store cuts off when it opens. */
    public static final int TORN = 1;
    /** Exit code: the log is damaged beyond a torn tail; a store will not open it. */
    public static final int CORRUPT = 2;
    /** Exit code: bad arguments (sysexits' EX_USAGE). */
    public static final int USAGE = 64;
    /** Exit code: no log in the directory (EX_NOINPUT). */
    public static final int NO_LOG = 66;
    /** Exit code: a bug (EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** Exit code: reading or writing failed (EX_IOERR). */
    public static final int IO_ERROR = 74;
    /** Exit code: a store holds the directory (EX_TEMPFAIL: close it and try again). */
    public static final int LOCKED = 75;

    static final String USAGE_TEXT = """
            usage: keel-log <command> <dir> [options]

              describe <dir>                          the manifest, each file, totals, the lock
              verify <dir>                            check every record and replay it
              dump <dir> [--from-file N] [--limit K]  one line per record: file, offset, time, command
              repair <dir> [--yes]                    cut a torn last record off the log (without
                                                      --yes: only say what would be done)
              export <dir> [--out FILE]               the data as Redis commands (RESP), stdout by
                                                      default: keel-log export <dir> | redis-cli --pipe

            exit codes: 0 clean or done, 1 torn tail (recoverable), 2 corrupt, 64 usage,
                        66 no log, 70 internal error, 74 I/O error, 75 directory in use
            """;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-20s %-8s %8s %12s %-24s %9s %-24s %s%n";
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "describe", Set.of(), "verify", Set.of(), "dump", Set.of("--from-file", "--limit"),
            "repair", Set.of("--yes"), "export", Set.of("--out"));
    private static final Set<String> FLAGS = Set.of("--yes");

    private LogTool() {
    }

    /** Runs {@code args} (see the class comment) and exits with its exit code. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command line {@code args}: reports and data to {@code out}, usage and failures to
     * {@code err}, and {@code export}'s messages to {@code err} when its data goes to {@code out}.
     *
     * @return the exit code (see the class comment)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && Set.of("help", "-h", "--help").contains(args[0])) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Map<String, String> options;
        Path directory;
        long limit;
        Path outFile;
        try {
            options = options(args);
            directory = Path.of(args[1]);
            limit = limit(options.get("--limit"));
            outFile = options.containsKey("--out") ? Path.of(options.get("--out")) : null;
        } catch (IllegalArgumentException e) {
            err.println("keel-log: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "describe" -> describe(directory, out);
                case "verify" -> verify(directory, out);
                case "dump" -> dump(directory, options.get("--from-file"), limit, out);
                case "repair" -> repair(directory, options.containsKey("--yes"), out);
                case "export" -> export(directory, outFile, out, outFile == null ? err : out);
                default -> throw new IllegalStateException("command " + args[0] + " accepted but not run");
            };
        } catch (IOException | UncheckedIOException e) {
            err.println("keel-log: " + args[0] + " " + directory + ": I/O error: " + e.getMessage());
            return IO_ERROR;
        } catch (RuntimeException e) {
            err.println("keel-log: " + args[0] + " " + directory + " failed, a bug in Keel:");
            e.printStackTrace(err);
            return INTERNAL;
        }
    }

    /** Returns the options after the command and directory, each mapped to its value ("" for a flag). */
    private static Map<String, String> options(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        Set<String> allowed = OPTIONS.get(args[0]);
        if (allowed == null) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        }
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new IllegalArgumentException(args[0] + ": no log directory given");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (!allowed.contains(option)) {
                throw new IllegalArgumentException(args[0] + ": unexpected argument '" + option + "'");
            }
            if (FLAGS.contains(option)) {
                options.put(option, "");
            } else if (i + 1 < args.length) {
                options.put(option, args[++i]);
            } else {
                throw new IllegalArgumentException(args[0] + ": " + option + " needs a value");
            }
        }
        return options;
    }

    private static long limit(String value) {
        if (value == null) {
            return Long.MAX_VALUE;
        }
        try {
            long limit = Long.parseLong(value);
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("dump: --limit needs a count of records (0 or more), not '" + value + "'");
    }

    // ------------------------------------------------------------------ describe

    /**
     * Prints the manifest, each file (kind, sequence, size, created time, record count, first and
     * last record's time), totals, whether a store holds the lock (without taking it), and what
     * is wrong, if anything.
     *
     * @return {@link #OK}, or {@link #NO_LOG}
     */
    public static int describe(Path directory, PrintStream out) throws IOException {
        LogScan scan = scan(directory, out);
        if (scan == null) {
            return NO_LOG;
        }
        Manifest manifest = scan.manifest();
        out.println("log directory  " + directory.toAbsolutePath());
        out.println("lock           " + LockProbe.probe(directory).text());
        out.println("manifest       " + (manifest == null ? "unreadable" : manifest.files().isEmpty() ? "lists no files"
                : Manifest.NAME + ": " + String.join(", ", manifest.files().stream().map(Manifest.Entry::fileName).toList())));
        if (manifest != null) {
            out.println();
            out.printf(ROW, "file", "kind", "sequence", "bytes", "created", "records", "first record", "last record");
            FileSummary total = new FileSummary();
            scan.walk(0, new LogScan.Visitor() {
                private FileSummary file = new FileSummary();

                @Override
                public boolean record(Manifest.Entry entry, LogRecord record) {
                    file.add(record.at());
                    total.add(record.at());
                    return true;
                }

                @Override
                public void fileEnded(Manifest.Entry entry, LogFileReader reader) {
                    long bytes = reader != null ? reader.size() : size(directory.resolve(entry.fileName()));
                    total.bytes += Math.max(0, bytes);
                    out.printf(ROW, entry.fileName(), LogFileDescriptor.kindName(entry.kind()), entry.sequence(),
                            bytes < 0 ? "missing" : bytes, reader == null ? "-" : time(reader.createdMillis()),
                            file.records, file.first(), file.last());
                    file = new FileSummary();
                }
            });
            int files = manifest.files().size();
            out.printf(ROW, "total", files + (files == 1 ? " file" : " files"), "", total.bytes, "", total.records, total.first(), total.last());
        }
        printFindings(scan, out);
        return OK;
    }

    /** Counts of one file's records, or of all. */
    private static final class FileSummary {
        long records;
        long bytes;
        long first;
        long last;

        void add(long at) {
            if (records++ == 0) {
                first = at;
            }
            last = at;
        }

        String first() {
            return records == 0 ? "-" : time(first);
        }

        String last() {
            return records == 0 ? "-" : time(last);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ verify

    /**
     * Reads every record of every file of the manifest, checking headers, checksums, structure and
     * the manifest against the files, and replays each record into an unstarted in-memory store to
     * catch the ones the engine refuses. Prints each problem (file, offset, torn or corrupt, what)
     * and a verdict.
     *
     * @return {@link #OK}, {@link #TORN} (only a torn tail), {@link #CORRUPT} or {@link #NO_LOG}
     */
    public static int verify(Path directory, PrintStream out) throws IOException {
        LogScan scan = scan(directory, out);
        if (scan == null) {
            return NO_LOG;
        }
        LockProbe.Result lock = LockProbe.probe(directory);
        if (lock.state() == LockProbe.State.HELD) {
            out.println("note: the lock is " + lock.text() + "; its last record may be being written as this reads it");
        }
        String counts;
        try (LogReplay replay = new LogReplay(scan)) {
            scan.walk(0, replay);
            counts = replay.counts();
        }
        printFindings(scan, out);
        int status = status(scan);
        out.println(switch (status) {
            case OK -> "OK: " + counts + "; every record reads back and replays";
            case TORN -> "TORN TAIL (recoverable): " + counts + " read. A store cuts the torn record off when it opens it"
                    + " (it held a write never acknowledged as durable); keel-log repair " + directory + " --yes cuts it now.";
            default -> "CORRUPT: " + scan.problems().size() + (scan.problems().size() == 1 ? " problem" : " problems")
                    + "; a store will not open this log. keel-log repair " + directory + " says what can be done.";
        });
        return status;
    }

    // ------------------------------------------------------------------ dump

    /**
     * Prints one line per record: file, offset, time (ISO-8601 UTC) and the command as
     * {@link CommandText} writes it; damage as a line of its own where reading stopped.
     *
     * @param fromFile the manifest's file to start at: a sequence number (its first file of that
     *        number) or a file name; null for the first
     * @param limit the most records to print
     * @return {@link #OK}, {@link #TORN} or {@link #CORRUPT} as far as it read, {@link #NO_LOG}, or
     *         {@link #USAGE} if the manifest has no such file
     */
    public static int dump(Path directory, String fromFile, long limit, PrintStream out) throws IOException {
        LogScan scan = scan(directory, out);
        if (scan == null) {
            return NO_LOG;
        }
        int from = 0;
        if (fromFile != null && scan.manifest() != null) {
            List<Manifest.Entry> files = scan.manifest().files();
            while (from < files.size() && !files.get(from).fileName().equals(fromFile) && !Long.toString(files.get(from).sequence()).equals(fromFile)) {
                from++;
            }
            if (from == files.size()) {
                out.println("keel-log: dump: the manifest lists no file " + fromFile + " (it lists "
                        + String.join(", ", files.stream().map(Manifest.Entry::fileName).toList()) + ")");
                return USAGE;
            }
        }
        long[] left = {limit};
        int[] printed = {0};
        scan.walk(from, new LogScan.Visitor() {
            @Override
            public boolean record(Manifest.Entry entry, LogRecord record) {
                if (left[0]-- <= 0) {
                    return false;
                }
                out.println(entry.fileName() + " " + record.offset() + " " + time(record.at()) + " " + CommandText.of(record.argv()));
                return true;
            }

            @Override
            public void fileEnded(Manifest.Entry entry, LogFileReader reader) {
                printed[0] = printProblems(scan, printed[0], out);
            }
        });
        printProblems(scan, printed[0], out);
        return status(scan);
    }

    // ------------------------------------------------------------------ repair, export

    /**
     * Cuts a torn last record off the log if {@code yes}, else says what it would do; refuses
     * other damage, and a directory a store holds.
     *
     * @return {@link #OK} (clean, or cut), {@link #TORN} (would cut, without {@code yes}),
     *         {@link #CORRUPT} (refused), {@link #LOCKED} or {@link #NO_LOG}
     */
    public static int repair(Path directory, boolean yes, PrintStream out) throws IOException {
        return LogRepair.repair(directory, yes, out);
    }

    /**
     * Replays the log and writes the commands that rebuild its live keys, as RESP, to
     * {@code outFile}, or to {@code out} if it is null; says what it did on {@code messages}.
     * Refuses a corrupt log; leaves a torn last record out, as a store opening the log would.
     *
     * @return {@link #OK}, {@link #CORRUPT} (nothing written) or {@link #NO_LOG}
     */
    public static int export(Path directory, Path outFile, PrintStream out, PrintStream messages) throws IOException {
        return LogExport.export(directory, outFile, out, messages);
    }

    // ------------------------------------------------------------------ shared

    /** Returns the scan of the log in {@code directory}, or null, having said why, if there is none. */
    static LogScan scan(Path directory, PrintStream out) throws IOException {
        if (!Files.isDirectory(directory)) {
            out.println("keel-log: " + directory + ": no such directory");
            return null;
        }
        LogScan scan = LogScan.open(directory);
        if (!scan.hasLog()) {
            out.println("keel-log: " + directory + ": no Keel log here (no " + Manifest.NAME + ")");
            scan.notes().forEach(note -> out.println("note: " + note));
            return null;
        }
        return scan;
    }

    /** Prints the scan's problems from the {@code from}th on; returns how many it has. */
    static int printProblems(LogScan scan, int from, PrintStream out) {
        List<LogScan.Problem> problems = scan.problems();
        problems.subList(from, problems.size()).forEach(problem -> out.println(problem.text()));
        return problems.size();
    }

    /** Prints the scan's problems, then its notes. */
    static void printFindings(LogScan scan, PrintStream out) {
        if (!scan.problems().isEmpty() || !scan.notes().isEmpty()) {
            out.println();
        }
        printProblems(scan, 0, out);
        for (String note : scan.notes()) {
            out.println("note: " + note);
        }
    }

    /** Returns the exit code of what the scan found. */
    static int status(LogScan scan) {
        LogScan.Severity worst = scan.worst();
        return worst == null ? OK : worst == LogScan.Severity.TORN ? TORN : CORRUPT;
    }

    /** Returns {@code millis} (epoch) as ISO-8601 in UTC, to the millisecond. */
    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }
}
