package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogToolTest {
    /** The instant every command of {@link #writeFixedLog} runs at, as dump prints it. */
    private static final String AT = "2026-01-02T03:04:05.678Z";

    @TempDir
    Path dir;

    /** What a run of the tool printed and answered. */
    private record Run(int status, String out, String err, byte[] bytes) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LogTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    /** Runs the tool and asserts its exit code, showing what it printed if it differs. */
    private static Run expect(int status, String... args) {
        Run run = run(args);
        assertEquals(status, run.status(), () -> String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    private Store open() {
        return Keel.builder().appendOnly(dir, FsyncPolicy.ALWAYS).open();
    }

    /** Mixed writes on the system clock; "last" is the last record of the log. */
    private void writeLog() {
        try (Store store = open()) {
            writeMixed(store);
            store.execute("SET", "last", "x");
        }
    }

    private static void writeMixed(Store store) {
        store.execute("SET", "s", "v", "EX", "1000");
        store.execute("SET", "bin", "a\r\nb\u0000c");
        store.execute("RPUSH", "l", "a", "b", "c");
        store.execute("LPOP", "l");
        store.execute("HSET", "h", "f", "1", "g", "2");
        store.execute("SADD", "set", "x", "y");
        store.execute("ZADD", "z", "1.5", "m", "-0", "n", "inf", "o");
        store.execute("XADD", "x", "1-1", "f", "v");
        store.execute("INCRBY", "n", "5");
        store.execute("DEL", "missing");
    }

    /** Three writes at {@link #AT}, a fixed clock, in keel.1.log. */
    private void writeFixedLog() {
        InstantSource clock = InstantSource.fixed(Instant.parse(AT));
        try (Store store = Keel.builder().clock(clock).appendOnly(dir, FsyncPolicy.ALWAYS).open()) {
            store.execute("SET", "k", "v");
            store.execute("RPUSH", "l", "a", "b\n");
            store.execute("SET", "last", "x");
        }
    }

    private Path lastFile() throws IOException {
        return dir.resolve(Manifest.read(dir).files().getLast().fileName());
    }

    /** Returns the offsets of the records of {@code file}, a tail, read with the log's own reader. */
    private static List<LogRecord> records(Path file) throws IOException {
        long sequence = Long.parseLong(file.getFileName().toString().split("\\.")[1]);
        List<LogRecord> records = new ArrayList<>();
        try (LogFileReader reader = LogFileReader.open(file, LogFileDescriptor.KIND_TAIL, sequence)) {
            for (LogRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    /** Cuts the last record of the last file in half: what a crash while appending leaves. */
    private void tearLastRecord() throws IOException {
        Path file = lastFile();
        LogRecord last = records(file).getLast();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(last.offset() + last.length() / 2);
        }
    }

    /** Flips a byte in the payload of the first record of the last file: damage in the middle. */
    private long corruptFirstRecord() throws IOException {
        Path file = lastFile();
        LogRecord first = records(file).getFirst();
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) first.offset() + LogFileDescriptor.RECORD_HEADER_LENGTH + LogFileDescriptor.PAYLOAD_ARGS_OFFSET + 2] ^= 0x20;
        Files.write(file, bytes);
        return first.offset();
    }

    // ------------------------------------------------------------------ describe

    @Test
    void describe_afterWrites_listsEachFileAndTotals() throws IOException {
        writeFixedLog();
        int records = records(lastFile()).size();
        Run run = expect(LogTool.OK, "describe", dir.toString());
        assertTrue(run.out().contains("manifest       keel.manifest: keel.1.log"), run.out());
        assertTrue(run.out().contains("lock           free"), run.out());
        String size = Long.toString(Files.size(lastFile()));
        assertTrue(run.out().matches("(?s).*keel\\.1\\.log +tail +1 +" + size + " +" + AT + " +" + records + " +" + AT + " +" + AT + ".*"), run.out());
        assertTrue(run.out().matches("(?s).*total +1 file +" + size + " +" + records + " +" + AT + " +" + AT + ".*"), run.out());
    }

    @Test
    void describe_afterRewrite_listsSnapshotAndTail() throws IOException {
        try (Store store = open()) {
            writeMixed(store);
            ((AppendOnlyStore) store).rewriteLog();
            store.execute("SET", "after", "rewrite");
        }
        Run run = expect(LogTool.OK, "describe", dir.toString());
        assertTrue(run.out().contains("keel.manifest: keel.2.snapshot, keel.2.log"), run.out());
        assertTrue(run.out().matches("(?s).*keel\\.2\\.snapshot +snapshot +2 .*"), run.out());
        assertTrue(run.out().matches("(?s).*keel\\.2\\.log +tail +2 .*"), run.out());
        assertTrue(run.out().contains("total                2 files"), run.out());
    }

    @Test
    void describe_storeOpen_saysTheLockIsHeld() {
        try (Store store = open()) {
            store.execute("SET", "k", "v");
            Run run = expect(LogTool.OK, "describe", dir.toString());
            assertTrue(run.out().contains("lock           held by process " + ProcessHandle.current().pid()), run.out());
        }
    }

    // ------------------------------------------------------------------ dump

    @Test
    void dump_fixedClock_printsFileOffsetTimeAndCommand() throws IOException {
        writeFixedLog();
        List<LogRecord> records = records(lastFile());
        Run run = expect(LogTool.OK, "dump", dir.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(records.size(), lines.size(), run.out());
        assertEquals("keel.1.log 64 " + AT + " \"SET\" \"k\" \"v\"", lines.getFirst());
        assertEquals("keel.1.log " + records.get(1).offset() + " " + AT + " \"RPUSH\" \"l\" \"a\" \"b\\n\"", lines.get(1));
        assertEquals("keel.1.log " + records.getLast().offset() + " " + AT + " \"SET\" \"last\" \"x\"", lines.getLast());
    }

    @Test
    void dump_limitAndFromFile_printsThoseRecordsOnly() {
        writeFixedLog();
        Run run = expect(LogTool.OK, "dump", dir.toString(), "--from-file", "1", "--limit", "2");
        assertEquals(2, run.out().lines().count(), run.out());
        assertEquals("", expect(LogTool.OK, "dump", dir.toString(), "--from-file", "keel.1.log", "--limit", "0").out());
        Run missing = expect(LogTool.USAGE, "dump", dir.toString(), "--from-file", "9");
        assertTrue(missing.out().contains("the manifest lists no file 9 (it lists keel.1.log)"), missing.out());
    }

    @Test
    void dump_tornTail_printsTheRecordsThenTheDamage() throws IOException {
        writeFixedLog();
        tearLastRecord();
        Run run = expect(LogTool.TORN, "dump", dir.toString());
        List<String> lines = run.out().lines().toList();
        LogRecord good = records(lastFile()).getLast();
        assertTrue(lines.getLast().startsWith("keel.1.log at offset " + (good.offset() + good.length())), run.out());
        assertTrue(lines.getLast().contains(": torn: record of "), run.out());
    }

    // ------------------------------------------------------------------ verify

    @Test
    void verify_cleanLog_exitsZero() {
        writeLog();
        Run run = expect(LogTool.OK, "verify", dir.toString());
        assertTrue(run.out().startsWith("OK: 1 file, "), run.out());
    }

    @Test
    void verify_tornLastRecord_exitsOne() throws IOException {
        writeLog();
        tearLastRecord();
        long offset = records(lastFile()).getLast().offset() + records(lastFile()).getLast().length();
        Run run = expect(LogTool.TORN, "verify", dir.toString());
        assertTrue(run.out().contains("keel.1.log at offset " + offset + ": torn: record of "), run.out());
        assertTrue(run.out().contains("TORN TAIL (recoverable)"), run.out());
    }

    /** Adds keel.2.log, holding no record, to the manifest: a rewrite's new tail the writer has not switched to. */
    private Path addEmptyTail() throws IOException {
        Manifest manifest = Manifest.read(dir);
        long sequence = manifest.lastSequence() + 1;
        LogFiles.create(dir, LogFileDescriptor.KIND_TAIL, sequence, System.currentTimeMillis()).close();
        manifest.with(new Manifest.Entry(LogFileDescriptor.KIND_TAIL, sequence)).write(dir);
        return dir.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_TAIL, sequence));
    }

    @Test
    void verify_tornRecordBeforeATailHoldingNoRecord_exitsOne() throws IOException {
        writeLog();
        tearLastRecord();
        addEmptyTail();
        Run run = expect(LogTool.TORN, "verify", dir.toString());
        assertTrue(run.out().contains("keel.1.log at offset "), run.out());
    }

    @Test
    void verify_tornRecordBeforeATailWithRecords_exitsTwo() throws IOException {
        writeLog();
        tearLastRecord();
        appendRecord(addEmptyTail(), "SET", "later", "v");
        Run run = expect(LogTool.CORRUPT, "verify", dir.toString());
        assertTrue(run.out().contains("(it looks torn, but records were appended to a later file)"), run.out());
    }

    @Test
    void verify_firstOpenCutShort_saysNoLogAndWhy() throws IOException {
        LogFiles.create(dir, LogFileDescriptor.KIND_TAIL, 1, System.currentTimeMillis()).close();
        Run run = expect(LogTool.NO_LOG, "verify", dir.toString());
        assertTrue(run.out().contains("note: keel.1.log holds no record and there is no manifest: a first open cut short"), run.out());
    }

    @Test
    void verify_flippedByteInTheMiddle_exitsTwo() throws IOException {
        writeLog();
        long offset = corruptFirstRecord();
        Run run = expect(LogTool.CORRUPT, "verify", dir.toString());
        assertTrue(run.out().contains("keel.1.log at offset " + offset + ": corrupt: record checksum mismatch"), run.out());
        assertTrue(run.out().contains("CORRUPT: 1 problem;"), run.out());
    }

    @Test
    void verify_recordTheEngineRefuses_reportsFileOffsetAndCommand() throws IOException {
        writeLog();
        Path file = lastFile();
        long offset = Files.size(file);
        appendRecord(file, "LPUSH", "s", "a");
        Run run = expect(LogTool.CORRUPT, "verify", dir.toString());
        assertTrue(run.out().contains("keel.1.log at offset " + offset + ": corrupt: the engine refuses \"LPUSH\" \"s\" \"a\": WRONGTYPE"), run.out());
    }

    private static void appendRecord(Path file, String... args) throws IOException {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        int payloadLength = (int) LogFileDescriptor.payloadLength(argv);
        ByteBuffer record = ByteBuffer.allocate(LogFileDescriptor.RECORD_HEADER_LENGTH + payloadLength);
        LogFileDescriptor.writeRecord(record, argv, System.currentTimeMillis(), payloadLength, new CRC32C());
        Files.write(file, record.array(), StandardOpenOption.APPEND);
    }

    @Test
    void verify_logFilesWithoutManifest_exitsTwo() throws IOException {
        writeLog();
        Files.delete(dir.resolve(Manifest.NAME));
        Run run = expect(LogTool.CORRUPT, "verify", dir.toString());
        assertTrue(run.out().contains("keel.manifest: corrupt: missing, yet the directory holds log files [keel.1.log]"), run.out());
    }

    @Test
    void verify_emptyOrMissingDirectory_exitsNoLog() throws IOException {
        expect(LogTool.NO_LOG, "verify", dir.toString());
        Run missing = expect(LogTool.NO_LOG, "verify", dir.resolve("nope").toString());
        assertTrue(missing.out().contains("no such directory"), missing.out());
        assertFalse(Files.exists(dir.resolve(AppendOnlyLog.LOCK_FILE)));
    }

    // ------------------------------------------------------------------ repair

    @Test
    void repair_withoutYes_changesNothing() throws IOException {
        writeLog();
        tearLastRecord();
        byte[] before = Files.readAllBytes(lastFile());
        Run run = expect(LogTool.TORN, "repair", dir.toString());
        assertTrue(run.out().contains("would cut keel.1.log from offset "), run.out());
        assertTrue(run.out().contains("nothing changed"), run.out());
        assertArrayEquals(before, Files.readAllBytes(lastFile()));
    }

    @Test
    void repair_withYes_cutsTheTornTail_andTheStoreOpensWithTheRest() throws IOException {
        writeLog();
        tearLastRecord();
        LogRecord good = records(lastFile()).getLast();
        Run run = expect(LogTool.OK, "repair", dir.toString(), "--yes");
        assertTrue(run.out().contains("cut keel.1.log from offset " + (good.offset() + good.length())), run.out());
        assertEquals(good.offset() + good.length(), Files.size(lastFile()));
        expect(LogTool.OK, "verify", dir.toString());
        try (Store store = open()) {
            assertEquals(0, store.commands().exists("last"));
            assertEquals("a\r\nb\u0000c", store.commands().get("bin"));
            assertEquals(List.of("b", "c"), store.commands().lrange("l", 0, -1));
            assertEquals(Map.of("f", "1", "g", "2"), store.commands().hgetall("h"));
            assertEquals("-0", text(store.execute("ZSCORE", "z", "n")));
            assertEquals(1, store.commands().xlen("x"));
            long ttl = store.commands().ttl("s");
            assertTrue(ttl > 900 && ttl <= 1000, "ttl " + ttl);
        }
    }

    @Test
    void repair_cleanLog_saysNothingToDo() {
        writeLog();
        Run run = expect(LogTool.OK, "repair", dir.toString(), "--yes");
        assertTrue(run.out().startsWith("nothing to repair"), run.out());
    }

    @Test
    void repair_directoryOfAnOpenStore_refuses() throws IOException {
        try (Store store = open()) {
            store.execute("SET", "k", "v");
            for (String[] args : List.of(new String[] {"repair", dir.toString(), "--yes"}, new String[] {"repair", dir.toString()})) {
                Run run = expect(LogTool.LOCKED, args);
                assertTrue(run.out().startsWith("refusing to repair " + dir), run.out());
                assertTrue(run("describe", dir.toString()).out().contains("held by process"), "the store still holds its lock");
            }
            assertEquals("v", store.commands().get("k"));
        }
    }

    @Test
    void repair_corruptionInTheMiddle_refusesAndSaysWhatToDo() throws IOException {
        writeLog();
        long offset = corruptFirstRecord();
        byte[] before = Files.readAllBytes(lastFile());
        Run run = expect(LogTool.CORRUPT, "repair", dir.toString(), "--yes");
        assertTrue(run.out().contains("refusing to repair"), run.out());
        assertTrue(run.out().contains("truncate -s " + offset + " " + lastFile()), run.out());
        assertArrayEquals(before, Files.readAllBytes(lastFile()));
    }

    // ------------------------------------------------------------------ export

    @Test
    void export_toStdout_isRespThatRebuildsTheData() throws IOException {
        writeLog();
        Run run = expect(LogTool.OK, "export", dir.toString());
        assertTrue(run.err().contains("exported the keys live at "), run.err());
        List<byte[][]> lines = parseResp(run.bytes());
        assertEquals(Set.of("SET", "RPUSH", "HSET", "SADD", "ZADD", "XADD", "XSETID", "PEXPIREAT"),
                Set.copyOf(lines.stream().map(argv -> new String(argv[0], StandardCharsets.UTF_8)).toList()));
        try (Store copy = Keel.inMemory(); Store original = open()) {
            for (byte[][] argv : lines) {
                Reply reply = copy.execute(argv);
                assertFalse(reply instanceof Reply.Error, () -> reply.toString());
            }
            for (String key : List.of("s", "bin", "l", "h", "set", "z", "x", "n", "last")) {
                assertEquals(contents(original, key), contents(copy, key), key);
            }
        }
    }

    @Test
    void export_toFile_writesItAndSaysHowToLoadIt() throws IOException {
        writeLog();
        Path out = dir.resolveSibling("export.resp");
        Run run = expect(LogTool.OK, "export", dir.toString(), "--out", out.toString());
        assertTrue(run.out().contains("redis-cli -h <host> -p <port> --pipe < " + out), run.out());
        assertEquals(run("export", dir.toString()).bytes().length, Files.size(out));
    }

    @Test
    void export_corruptLog_writesNothing() throws IOException {
        writeLog();
        corruptFirstRecord();
        Run run = expect(LogTool.CORRUPT, "export", dir.toString());
        assertEquals(0, run.bytes().length);
        assertTrue(run.err().contains("refusing to export a corrupt log"), run.err());
    }

    /** Returns the key's type, value as one read command answers it, and expiry time. */
    private static List<Reply> contents(Store store, String key) {
        Reply type = store.execute("TYPE", key);
        Reply value = switch (type instanceof Reply.Status status ? status.text() : "") {
            case "string" -> store.execute("GET", key);
            case "list" -> store.execute("LRANGE", key, "0", "-1");
            case "hash" -> store.execute("HGETALL", key);
            case "set" -> store.execute("SMEMBERS", key);
            case "zset" -> store.execute("ZRANGE", key, "0", "-1", "WITHSCORES");
            case "stream" -> store.execute("XINFO", "STREAM", key, "FULL");
            default -> type;
        };
        return List.of(type, value, store.execute("PEXPIRETIME", key));
    }

    /** Parses RESP arrays of bulk strings, strictly; fails on anything else. */
    private static List<byte[][]> parseResp(byte[] bytes) {
        List<byte[][]> lines = new ArrayList<>();
        int[] at = {0};
        while (at[0] < bytes.length) {
            byte[][] argv = new byte[(int) number(bytes, at, '*')][];
            for (int i = 0; i < argv.length; i++) {
                int length = (int) number(bytes, at, '$');
                argv[i] = java.util.Arrays.copyOfRange(bytes, at[0], at[0] + length);
                at[0] += length;
                crlf(bytes, at);
            }
            lines.add(argv);
        }
        return lines;
    }

    private static long number(byte[] bytes, int[] at, char type) {
        assertEquals(type, (char) bytes[at[0]++], "RESP type at " + (at[0] - 1));
        int start = at[0];
        while (bytes[at[0]] != '\r') {
            at[0]++;
        }
        long value = Long.parseLong(new String(bytes, start, at[0] - start, StandardCharsets.US_ASCII));
        crlf(bytes, at);
        return value;
    }

    private static void crlf(byte[] bytes, int[] at) {
        assertEquals('\r', bytes[at[0]++]);
        assertEquals('\n', bytes[at[0]++]);
    }

    // ------------------------------------------------------------------ arguments

    @Test
    void run_badArguments_printUsageAndExit64() {
        for (String[] args : List.of(new String[0], new String[] {"verify"}, new String[] {"frobnicate", "x"},
                new String[] {"dump", "x", "--limit"}, new String[] {"dump", "x", "--limit", "-1"},
                new String[] {"verify", "x", "--yes"}, new String[] {"repair", "--yes"})) {
            Run run = expect(LogTool.USAGE, args);
            assertTrue(run.err().contains("usage: keel-log <command> <dir> [options]"), run.err());
        }
        Run help = expect(LogTool.OK, "--help");
        assertTrue(help.out().startsWith("usage: keel-log"), help.out());
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.bytes(), StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
