package dev.keel.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The list of files that make up a log, in replay order: at most one snapshot, then tails.
 *
 * <pre>
 * Format (UTF-8 text, one item a line, file "keel.manifest")
 *   keel-manifest 1
 *   snapshot 7 keel.7.snapshot
 *   tail 7 keel.7.log
 *   tail 8 keel.8.log
 *   crc32c 1a2b3c4d
 *
 *   The last line is the CRC32C of every byte before it. A file's name is fixed by its kind and
 *   sequence, and sequences increase down the list, so a manifest cannot point outside its
 *   directory or replay files out of order.
 *
 * Switching
 *   A new manifest is written to "keel.manifest.tmp", forced to disk, renamed over the old one
 *   (atomic), and the directory is forced, so after a crash the manifest is the old one or the
 *   new one, whole.
 * </pre>
 *
 * @param files the files in replay order
 */
public record Manifest(List<Entry> files) {
    /** The manifest's file name. */
    public static final String NAME = "keel.manifest";
    private static final String TEMP_NAME = NAME + ".tmp";
    private static final String FIRST_LINE = "keel-manifest 1";
    private static final Pattern LINE = Pattern.compile("(snapshot|tail) (\\d{1,18}) (\\S+)");
    private static final int MAX_BYTES = 1 << 20;

    /**
     * One file of the log.
     *
     * @param kind {@link LogFileDescriptor#KIND_SNAPSHOT} or {@link LogFileDescriptor#KIND_TAIL}
     * @param sequence its number
     */
    public record Entry(short kind, long sequence) {
        /** Returns the file's name. */
        public String fileName() {
            return fileName(kind, sequence);
        }

        /** Returns the name of the file of {@code kind} numbered {@code sequence}. */
        public static String fileName(short kind, long sequence) {
            return "keel." + sequence + (kind == LogFileDescriptor.KIND_SNAPSHOT ? ".snapshot" : ".log");
        }

        @Override
        public String toString() {
            return fileName();
        }
    }

    public Manifest {
        files = List.copyOf(files);
    }

    /** Returns the highest sequence, or 0 if there are no files. */
    public long lastSequence() {
        return files.isEmpty() ? 0 : files.getLast().sequence();
    }

    /** Returns this manifest with {@code entry} added at the end. */
    public Manifest with(Entry entry) {
        List<Entry> more = new ArrayList<>(files);
        more.add(entry);
        return new Manifest(more);
    }

    /** Returns the manifest's text. */
    public String text() {
        StringBuilder text = new StringBuilder(FIRST_LINE).append('\n');
        for (Entry entry : files) {
            text.append(LogFileDescriptor.kindName(entry.kind())).append(' ').append(entry.sequence())
                    .append(' ').append(entry.fileName()).append('\n');
        }
        String crc = crcOf(text.toString());
        return text.append("crc32c ").append(crc).append('\n').toString();
    }

    private static String crcOf(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /**
     * Reads the manifest of {@code directory}; returns null if there is none.
     *
     * @throws LogCorruptedException if it does not parse, fails its checksum or is out of order
     */
    public static Manifest read(Path directory) throws IOException {
        Path path = directory.resolve(NAME);
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new LogCorruptedException(path, -1, "manifest larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcLine = text.lastIndexOf("crc32c ");
        if (!text.startsWith(FIRST_LINE + "\n") || crcLine < 0 || !text.endsWith("\n")) {
            throw new LogCorruptedException(path, -1, "not a Keel manifest (first or last line wrong)");
        }
        String body = text.substring(0, crcLine);
        String stored = text.substring(crcLine + "crc32c ".length(), text.length() - 1);
        if (!stored.equals(crcOf(body))) {
            throw new LogCorruptedException(path, -1, "manifest checksum mismatch");
        }
        List<Entry> files = new ArrayList<>();
        String[] lines = body.split("\n");
        for (int i = 1; i < lines.length; i++) {
            files.add(parse(path, lines[i], files));
        }
        return new Manifest(files);
    }

    private static Entry parse(Path path, String line, List<Entry> before) throws LogCorruptedException {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new LogCorruptedException(path, -1, "manifest line not understood: " + line);
        }
        short kind = matcher.group(1).equals("snapshot") ? LogFileDescriptor.KIND_SNAPSHOT : LogFileDescriptor.KIND_TAIL;
        Entry entry = new Entry(kind, Long.parseLong(matcher.group(2)));
        if (!entry.fileName().equals(matcher.group(3))) {
            throw new LogCorruptedException(path, -1, "manifest names " + matcher.group(3) + " where " + entry.fileName() + " belongs");
        }
        if (kind == LogFileDescriptor.KIND_SNAPSHOT && !before.isEmpty()) {
            throw new LogCorruptedException(path, -1, "manifest lists a snapshot after other files: " + line);
        }
        if (!before.isEmpty() && before.getLast().sequence() >= entry.sequence()
                && !(before.getLast().kind() == LogFileDescriptor.KIND_SNAPSHOT && before.getLast().sequence() == entry.sequence())) {
            throw new LogCorruptedException(path, -1, "manifest lists files out of order: " + line);
        }
        return entry;
    }

    /** Writes this manifest to {@code directory} atomically and durably (see the class comment). */
    public void write(Path directory) throws IOException {
        Path temp = directory.resolve(TEMP_NAME);
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, LogFiles.createOptions(), LogFiles.ownerOnly())) {
            ByteBuffer bytes = ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, directory.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LogFiles.forceDirectory(directory);
    }
}
