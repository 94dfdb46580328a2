package dev.keel.persistence;

import dev.keel.engine.OffHeapStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline tool's {@code export}: the way from a Keel log to a Redis server. Replays the log
 * into an in-memory store, as opening it would, then writes, stripe by stripe, the command lines
 * that rebuild every key live now ({@link OffHeapStore#rewriteStripe}) as RESP, which
 * {@code redis-cli --pipe} sends to a server:
 *
 * {@snippet lang = "shell" :
 * bin/keel-log export data --out keel.resp
 * redis-cli -p 6379 --pipe < keel.resp      # "errors: 0, replies: ..." when all went in
 * }
 *
 * <pre>
 * Refusals
 *   A corrupt log is not exported (nothing is written): a store would not open it either. A
 *   torn last record is left out, as a store opening the log cuts it, with a note.
 * Redis versions
 *   Lines are Redis's own commands. Hash field expiry is written as HPEXPIREAT, which needs
 *   Redis 7.4 or later: the summary counts such lines. Keys expire at the same absolute
 *   instants (PEXPIREAT), so a key due before the load is gone on arrival.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class LogExport {
    private static final int BUFFER_BYTES = 1 << 16;

    private LogExport() {
    }

    /**
     * Exports the log in {@code directory} to {@code outFile}, or to {@code out} if it is null;
     * tells {@code messages} what it did.
     *
     * @return {@link LogTool#OK}, {@link LogTool#CORRUPT} (nothing written) or {@link LogTool#NO_LOG}
     */
    static int export(Path directory, Path outFile, PrintStream out, PrintStream messages) throws IOException {
        LogScan scan = LogTool.scan(directory, messages);
        if (scan == null) {
            return LogTool.NO_LOG;
        }
        if (LockProbe.probe(directory).state() == LockProbe.State.HELD) {
            messages.println("note: a store has this log open; the export holds what its files hold now");
        }
        try (LogReplay replay = new LogReplay(scan)) {
            scan.walk(0, replay);
            if (scan.worst() == LogScan.Severity.CORRUPT) {
                LogTool.printFindings(scan, messages);
                messages.println("refusing to export a corrupt log (a store would not open it either); nothing written."
                        + " keel-log repair " + directory + " says what can be done.");
                return LogTool.CORRUPT;
            }
            for (LogScan.Problem problem : scan.problems()) {
                messages.println("note: left out, as a store opening the log would: " + problem.text());
            }
            long now = System.currentTimeMillis();
            RespWriter writer;
            if (outFile == null) {
                writer = write(replay.store(), now, out);
                if (out.checkError()) {
                    throw new IOException("writing to standard output failed");
                }
            } else {
                try (OutputStream file = Files.newOutputStream(outFile)) {
                    writer = write(replay.store(), now, file);
                }
            }
            summarize(writer, now, outFile, messages);
            return LogTool.OK;
        }
    }

    /** Writes the lines that rebuild every key of {@code store} live at {@code now} to {@code out}, buffered. */
    private static RespWriter write(OffHeapStore store, long now, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        RespWriter writer = new RespWriter(buffered);
        try {
            for (int stripe = 0; stripe < store.stripeCount(); stripe++) {
                store.rewriteStripe(stripe, now, writer);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        buffered.flush();
        return writer;
    }

    private static void summarize(RespWriter writer, long now, Path outFile, PrintStream messages) {
        String to = outFile == null ? "standard output" : outFile.toString();
        messages.println("exported the keys live at " + LogTool.time(now) + " to " + to + ": " + writer.lines() + " command lines, "
                + writer.bytes() + " bytes" + (writer.lines() == 0 ? " (the log holds no live keys)" : "") + byCommand(writer.linesByCommand()));
        Long fieldExpiry = writer.linesByCommand().get("HPEXPIREAT");
        if (fieldExpiry != null) {
            messages.println("note: " + fieldExpiry + " HPEXPIREAT lines (hash field expiry) need Redis 7.4 or later;"
                    + " an older server answers them with an error and keeps those fields without expiry");
        }
        if (outFile != null) {
            messages.println("load it into Redis with: redis-cli -h <host> -p <port> --pipe < " + outFile);
        }
    }

    private static String byCommand(Map<String, Long> lines) {
        return lines.isEmpty() ? "" : lines.entrySet().stream().map(each -> each.getKey() + " " + each.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
