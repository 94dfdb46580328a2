package dev.keel.persistence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a log file and of its records. All integers are little-endian.
 *
 * <pre>
 * File header (64 bytes, at offset 0 of every file)
 *    0                   8          10         12                  16
 *   +-------------------+----------+----------+-------------------+
 *   | magic "KEELLOG\0" | version  | kind     | header length (64)|
 *   +-------------------+----------+----------+-------------------+
 *   16                  24                  32
 *   +-------------------+-------------------+---------------------+
 *   | sequence (u64)    | created (i64, ms) | reserved, zero      |
 *   +-------------------+-------------------+---------------------+
 *   60: CRC32C of bytes 0..59 (u32)
 *
 *   version  FORMAT_VERSION; a reader refuses any other.
 *   kind     KIND_SNAPSHOT (the commands that rebuild the data at a rewrite) or KIND_TAIL (the
 *            write commands in the order they took effect). Kind ids are never reused.
 *   sequence the file's number, the one in its name and in the manifest.
 *   reserved 28 bytes for later versions; written as zero, ignored by version 1 readers.
 *
 * Record (from offset 64 to the end of the file, one after another, no padding)
 *    0              4              8
 *   +--------------+--------------+------------------------------------------+
 *   | length (u32) | CRC32C (u32) | payload (length bytes)                   |
 *   +--------------+--------------+------------------------------------------+
 *   CRC32C covers the 4 length bytes, then the payload, so a damaged length is caught too.
 *
 * Payload
 *    0                  8
 *   +------------------+-------------+---------------------------------------------+
 *   | at (i64, ms)     | argc varint | argc times: arg length varint, arg bytes    |
 *   +------------------+-------------+---------------------------------------------+
 *   at       the millisecond the command took effect; replay runs it at that millisecond.
 *   varint   unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the
 *            last byte, at most 5 bytes, at most Integer.MAX_VALUE, no needless bytes.
 *   argc     at least 1 (the command's name); the arguments must fill the payload exactly.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
public final class LogFileDescriptor {
    /** {@code "KEELLOG\0"} as the 8 bytes at offset 0. */
    public static final byte[] MAGIC = "KEELLOG\0".getBytes(StandardCharsets.US_ASCII);
    /** The only format this code reads and writes. */
    public static final short FORMAT_VERSION = 1;
    /** A file holding the commands that rebuild the data at a rewrite. */
    public static final short KIND_SNAPSHOT = 1;
    /** A file holding write commands in the order they took effect. */
    public static final short KIND_TAIL = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int KIND_OFFSET = 10;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int SEQUENCE_OFFSET = 16;
    public static final int CREATED_OFFSET = 24;
    public static final int RESERVED_OFFSET = 32;
    public static final int HEADER_CRC_OFFSET = 60;
    /** The size of the file header. */
    public static final int HEADER_LENGTH = 64;

    public static final int RECORD_LENGTH_OFFSET = 0;
    public static final int RECORD_CRC_OFFSET = 4;
    /** The size of a record's frame before its payload. */
    public static final int RECORD_HEADER_LENGTH = 8;
    public static final int PAYLOAD_AT_OFFSET = 0;
    public static final int PAYLOAD_ARGS_OFFSET = 8;
    /** The smallest payload: the time and an argc of one byte. */
    public static final int MIN_PAYLOAD_LENGTH = 9;
    /** The largest payload a writer produces or a reader accepts: 2 GiB less a little. */
    public static final int MAX_PAYLOAD_LENGTH = Integer.MAX_VALUE - 64;

    private LogFileDescriptor() {
    }

    /** Returns a 64-byte header of {@code kind}, numbered {@code sequence}, created at {@code createdMillis}. */
    public static ByteBuffer header(short kind, long sequence, long createdMillis) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC_OFFSET, MAGIC);
        header.putShort(VERSION_OFFSET, FORMAT_VERSION);
        header.putShort(KIND_OFFSET, kind);
        header.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        header.putLong(SEQUENCE_OFFSET, sequence);
        header.putLong(CREATED_OFFSET, createdMillis);
        header.putInt(HEADER_CRC_OFFSET, crc(header, 0, HEADER_CRC_OFFSET));
        return header;
    }

    /**
     * Checks a header read from disk; returns what is wrong with it, or null. {@code expectedKind}
     * and {@code expectedSequence} are what the manifest says of the file.
     */
    public static String checkHeader(ByteBuffer header, short expectedKind, long expectedSequence) {
        if (header.limit() < HEADER_LENGTH) {
            return "file header cut short: " + header.limit() + " of " + HEADER_LENGTH + " bytes";
        }
        header.order(ByteOrder.LITTLE_ENDIAN);
        if (!header.slice(MAGIC_OFFSET, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            return "not a Keel log file (bad magic)";
        }
        if (header.getInt(HEADER_CRC_OFFSET) != crc(header, 0, HEADER_CRC_OFFSET)) {
            return "file header checksum mismatch";
        }
        if (header.getShort(VERSION_OFFSET) != FORMAT_VERSION) {
            return "unsupported format version " + header.getShort(VERSION_OFFSET) + " (this Keel reads " + FORMAT_VERSION + ")";
        }
        if (header.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH) {
            return "unexpected header length " + header.getInt(HEADER_LENGTH_OFFSET);
        }
        if (header.getShort(KIND_OFFSET) != expectedKind) {
            return "file kind " + kindName(header.getShort(KIND_OFFSET)) + " where the manifest says " + kindName(expectedKind);
        }
        if (header.getLong(SEQUENCE_OFFSET) != expectedSequence) {
            return "file sequence " + header.getLong(SEQUENCE_OFFSET) + " where the manifest says " + expectedSequence;
        }
        return null;
    }

    /** Returns the name of a file kind, for messages. */
    public static String kindName(short kind) {
        return switch (kind) {
            case KIND_SNAPSHOT -> "snapshot";
            case KIND_TAIL -> "tail";
            default -> "unknown(" + kind + ")";
        };
    }

    /** Returns the CRC32C of {@code length} bytes of {@code buffer} from {@code offset}; leaves its position alone. */
    public static int crc(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(offset, length));
        return (int) crc.getValue();
    }

    /** Returns the number of bytes the varint of {@code value} (0 or more) takes. */
    public static int varintLength(int value) {
        return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
    }

    /** Returns the payload length of a record of {@code argv}, or -1 if it would be too long. */
    public static long payloadLength(byte[][] argv) {
        long length = PAYLOAD_ARGS_OFFSET + varintLength(argv.length);
        for (byte[] arg : argv) {
            length += varintLength(arg.length) + arg.length;
        }
        return length > MAX_PAYLOAD_LENGTH ? -1 : length;
    }

    /**
     * Writes the record of {@code argv} at {@code at} into {@code out} at its position, which it
     * advances; {@code payloadLength} is {@link #payloadLength}'s answer and {@code out} must have
     * room for it and the frame.
     */
    public static void writeRecord(ByteBuffer out, byte[][] argv, long at, int payloadLength, CRC32C crc) {
        int start = out.position();
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(payloadLength);
        out.putInt(0);
        out.putLong(at);
        putVarint(out, argv.length);
        for (byte[] arg : argv) {
            putVarint(out, arg.length);
            out.put(arg);
        }
        crc.reset();
        crc.update(out.slice(start + RECORD_LENGTH_OFFSET, 4));
        crc.update(out.slice(start + RECORD_HEADER_LENGTH, payloadLength));
        out.putInt(start + RECORD_CRC_OFFSET, (int) crc.getValue());
    }

    private static void putVarint(ByteBuffer out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.put((byte) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }
}
