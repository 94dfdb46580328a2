package dev.keel.persistence;

import dev.keel.engine.CommandSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The snapshot being written by a rewrite: records of the command lines that rebuild the data,
 * all stamped with the rewrite's instant, buffered and written in big writes.
 *
 * <pre>
 * Failure
 *   A write that fails is remembered, not thrown: lines come from commands that must not fail
 *   because a rewrite could not be written (see LogRewrite). finish() then throws it, and the
 *   rewrite is abandoned.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use (lines of different stripes come from
 * different threads).
 */
final class SnapshotFile implements CommandSink {
    private static final int BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final long at;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long length;
    private IOException failure;

    /** Writes into {@code channel}, whose header is written; every record is stamped {@code at}. */
    SnapshotFile(FileChannel channel, long at) throws IOException {
        this.channel = channel;
        this.at = at;
        this.length = channel.size();
    }

    @Override
    public synchronized void accept(byte[][] argv) {
        if (failure != null) {
            return;
        }
        long payloadLength = LogFileDescriptor.payloadLength(argv);
        if (payloadLength < 0) {
            failure = new IOException("a key needs a command over 2 GiB to rebuild: " + new String(argv[0], java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        int recordLength = LogFileDescriptor.RECORD_HEADER_LENGTH + (int) payloadLength;
        if (buffer.remaining() < recordLength) {
            flush();
            if (buffer.capacity() < recordLength) {
                buffer = ByteBuffer.allocate(recordLength).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        LogFileDescriptor.writeRecord(buffer, argv, at, (int) payloadLength, crc);
        if (buffer.capacity() > BUFFER_BYTES) {
            flush();
            buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void flush() {
        if (failure != null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                length += channel.write(buffer, length);
            }
        } catch (IOException e) {
            failure = e;
        }
        buffer.clear();
    }

    /**
     * Writes out what is buffered, forces the file and closes it; returns its length.
     *
     * @throws IOException if any write failed
     */
    synchronized long finish() throws IOException {
        try {
            flush();
            if (failure != null) {
                throw failure;
            }
            channel.force(true);
            return length;
        } finally {
            channel.close();
        }
    }

    /** Makes the snapshot fail: {@link #finish()} will throw, with {@code cause}. */
    synchronized void fail(RuntimeException cause) {
        if (failure == null) {
            failure = new IOException("cannot rewrite a key: " + cause, cause);
        }
    }

    /** Closes the file, abandoning it. */
    synchronized void abandon() {
        try {
            channel.close();
        } catch (IOException e) {
            // abandoned anyway; the file is deleted next
        }
    }
}
