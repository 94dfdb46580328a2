package dev.keel.persistence;

import static dev.keel.persistence.LogFileDescriptor.CREATED_OFFSET;
import static dev.keel.persistence.LogFileDescriptor.HEADER_LENGTH;
import static dev.keel.persistence.LogFileDescriptor.MAX_PAYLOAD_LENGTH;
import static dev.keel.persistence.LogFileDescriptor.MIN_PAYLOAD_LENGTH;
import static dev.keel.persistence.LogFileDescriptor.PAYLOAD_ARGS_OFFSET;
import static dev.keel.persistence.LogFileDescriptor.PAYLOAD_AT_OFFSET;
import static dev.keel.persistence.LogFileDescriptor.RECORD_CRC_OFFSET;
import static dev.keel.persistence.LogFileDescriptor.RECORD_HEADER_LENGTH;
import static dev.keel.persistence.LogFileDescriptor.RECORD_LENGTH_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads the records of one log file in order, trusting no byte: every length is checked against
 * the bounds of the format and of the file before anything is allocated, every record against its
 * CRC32C, every payload against its own structure.
 *
 * <pre>
 * Damage
 *   A record that cannot be read ends the reading; damage() then says where and what, and whether
 *   it looks torn: a record cut short by the end of the file, one whose checksum fails and that
 *   reaches exactly to the end of the file, or a length field of zeros followed by nothing but
 *   zeros. Torn is what a crash while appending leaves; only the caller knows whether this file
 *   may have been being appended to (the last of the log). Nothing is written after a torn
 *   record, so one followed by whole records that run to the end of the file is damage instead:
 *   a flipped bit in a length field makes a record in the middle look cut short, and taking it
 *   for torn would cut off every record after it.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
public final class LogFileReader implements AutoCloseable {
    private static final int WINDOW = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer lengthBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    /** Bytes of the file from windowStart, read ahead in big reads; records are parsed in place. */
    private ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN).limit(0);
    private long windowStart = HEADER_LENGTH;
    private long position = HEADER_LENGTH;
    private long createdMillis;
    private Damage damage;

    /** Where and how a file is damaged. */
    public record Damage(Path file, long offset, String what, boolean torn) {
        /** Returns the damage as an exception. */
        public LogCorruptedException asException() {
            return new LogCorruptedException(file, offset, what);
        }
    }

    private LogFileReader(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    /**
     * Opens {@code path} and checks its header against what the manifest says of it.
     *
     * @throws LogCorruptedException if the header is missing or wrong
     */
    public static LogFileReader open(Path path, short kind, long sequence) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            LogFileReader reader = new LogFileReader(path, channel);
            ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
            reader.readFully(header, 0);
            header.flip();
            String problem = LogFileDescriptor.checkHeader(header, kind, sequence);
            if (problem != null) {
                throw new LogCorruptedException(path, 0, problem);
            }
            reader.createdMillis = header.getLong(CREATED_OFFSET);
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Returns the file's size in bytes. */
    public long size() {
        return size;
    }

    /** Returns the millisecond (epoch) the file was created, from its header. */
    public long createdMillis() {
        return createdMillis;
    }

    /** Returns the offset of the next record: after the last good one. */
    public long position() {
        return position;
    }

    /** Returns what stopped the reading before the end of the file, or null. */
    public Damage damage() {
        return damage;
    }

    /** Returns the next record, or null at the end of the file or at damage (see {@link #damage()}). */
    public LogRecord next() throws IOException {
        if (damage != null || position == size) {
            return null;
        }
        long remaining = size - position;
        if (remaining < RECORD_HEADER_LENGTH) {
            return damaged("record frame cut short: " + remaining + " of " + RECORD_HEADER_LENGTH + " bytes", true);
        }
        ByteBuffer frame = view(position, RECORD_HEADER_LENGTH);
        int length = frame.getInt(RECORD_LENGTH_OFFSET);
        int storedCrc = frame.getInt(RECORD_CRC_OFFSET);
        if (length < MIN_PAYLOAD_LENGTH || length > MAX_PAYLOAD_LENGTH) {
            boolean zeros = length == 0 && zerosToEnd(position);
            return damaged("record length " + Integer.toUnsignedString(length) + " out of range", zeros);
        }
        long end = position + RECORD_HEADER_LENGTH + length;
        if (end > size) {
            return tornUnlessRecordsFollow("record of " + length + " bytes cut short by the end of the file ("
                    + (size - position - RECORD_HEADER_LENGTH) + " there)");
        }
        ByteBuffer body = view(position + RECORD_HEADER_LENGTH, length);
        if (!checksumMatches(length, body, storedCrc)) {
            return end == size ? tornUnlessRecordsFollow("record checksum mismatch") : damaged("record checksum mismatch", false);
        }
        byte[][] argv = decode(body);
        if (argv == null) {
            return damaged("record payload malformed (checksum good: written so by a faulty writer)", false);
        }
        LogRecord record = new LogRecord(position, RECORD_HEADER_LENGTH + length, body.getLong(PAYLOAD_AT_OFFSET), argv);
        position = end;
        return record;
    }

    private LogRecord damaged(String what, boolean torn) {
        damage = new Damage(path, position, what, torn);
        return null;
    }

    private boolean checksumMatches(int length, ByteBuffer body, int storedCrc) {
        lengthBytes.putInt(0, length);
        crc.reset();
        crc.update(lengthBytes.clear());
        crc.update(body.duplicate());
        return (int) crc.getValue() == storedCrc;
    }

    /** Reports damage at the position that looks torn, unless whole records follow it to the end of the file. */
    private LogRecord tornUnlessRecordsFollow(String what) throws IOException {
        long following = recordsToTheEndAfter(position);
        return following < 0 ? damaged(what, true)
                : damaged(what + ", yet whole records follow from offset " + following + " to the end of the file", false);
    }

    /**
     * Returns the first offset after {@code damaged} from which whole records run to the end of the
     * file (or to a tail of zeros), or -1. Each record start is followed once: a chain that does not
     * reach the end marks its starts dead, so the search is linear in the bytes after the damage.
     */
    private long recordsToTheEndAfter(long damaged) throws IOException {
        Set<Long> dead = new HashSet<>();
        for (long start = damaged + 1; start < size; start++) {
            List<Long> chain = new ArrayList<>();
            long at = start;
            for (int length; !dead.contains(at) && (length = wholeRecordLengthAt(at)) > 0; at += length) {
                chain.add(at);
            }
            if (!chain.isEmpty() && !dead.contains(at) && zerosToEnd(at)) {
                return start;
            }
            dead.addAll(chain);
        }
        return -1;
    }

    /** Returns the length, frame included, of the whole and valid record at {@code at}, or -1 if there is none. */
    private int wholeRecordLengthAt(long at) throws IOException {
        if (size - at < RECORD_HEADER_LENGTH) {
            return -1;
        }
        ByteBuffer frame = view(at, RECORD_HEADER_LENGTH);
        int length = frame.getInt(RECORD_LENGTH_OFFSET);
        int storedCrc = frame.getInt(RECORD_CRC_OFFSET);
        if (length < MIN_PAYLOAD_LENGTH || length > size - at - RECORD_HEADER_LENGTH) {
            return -1;
        }
        ByteBuffer body = view(at + RECORD_HEADER_LENGTH, length);
        return checksumMatches(length, body, storedCrc) && decode(body) != null ? RECORD_HEADER_LENGTH + length : -1;
    }

    /**
     * Returns bytes {@code at} to {@code at + length} of the file, which exist, as a buffer of
     * their own (position 0, limit length), reading ahead when they are not in the window.
     */
    private ByteBuffer view(long at, int length) throws IOException {
        if (at < windowStart || at + length > windowStart + window.limit()) {
            if (window.capacity() < length) {
                window = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            }
            window.clear().limit((int) Math.min(window.capacity(), size - at));
            readFully(window, at);
            window.flip();
            windowStart = at;
        }
        return window.slice((int) (at - windowStart), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Decodes a payload whose checksum is good; returns null if its structure is wrong. */
    private static byte[][] decode(ByteBuffer body) {
        body.position(PAYLOAD_ARGS_OFFSET);
        int argc = getVarint(body);
        if (argc < 1 || argc > body.remaining()) {
            return null;
        }
        byte[][] argv = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            int length = getVarint(body);
            if (length < 0 || length > body.remaining()) {
                return null;
            }
            argv[i] = new byte[length];
            body.get(argv[i]);
        }
        return body.hasRemaining() ? null : argv;
    }

    /** Reads a varint; returns -1 if it is cut short, too long, not minimal or over Integer.MAX_VALUE. */
    private static int getVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                return -1;
            }
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                boolean minimal = shift == 0 || b != 0;
                return minimal && value <= Integer.MAX_VALUE ? (int) value : -1;
            }
        }
        return -1;
    }

    private boolean zerosToEnd(long from) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
        for (long at = from; at < size; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), size - at));
            readFully(chunk, at);
            for (int i = 0; i < chunk.limit(); i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            at += chunk.limit();
        }
        return true;
    }

    private void readFully(ByteBuffer into, long at) throws IOException {
        long offset = at;
        while (into.hasRemaining()) {
            int read = channel.read(into, offset);
            if (read < 0) {
                throw new LogCorruptedException(path, offset, "file ended while reading (" + into.remaining() + " bytes short)");
            }
            offset += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
