package dev.keel.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk that fills up on demand, put under a log through {@link AppendOnlyStore#open(dev.keel.StoreConfig,
 * java.util.function.UnaryOperator)}: once the bytes allowed are written, writes fail with
 * {@code IOException("No space left on device")} (the last one partly written, as a real disk
 * does) until space is freed.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class FullDisk {
    static final String NO_SPACE = "No space left on device";

    private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);

    /** Lets {@code bytes} more bytes be written, then fails every write. */
    void fillAfter(long bytes) {
        free.set(bytes);
    }

    /** Frees space: every write succeeds again. */
    void free() {
        free.set(Long.MAX_VALUE);
    }

    /** Returns {@code channel} on this disk. */
    FileChannel wrap(FileChannel channel) {
        return new Channel(channel);
    }

    /** Returns how many of {@code wanted} bytes may be written now, taking them; throws if none. */
    private int take(int wanted) throws IOException {
        while (true) {
            long left = free.get();
            if (left <= 0 && wanted > 0) {
                throw new IOException(NO_SPACE);
            }
            int granted = (int) Math.min(wanted, left);
            if (free.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    /** Delegates everything to the real channel; writes take their bytes from the disk's space. */
    private final class Channel extends FileChannel {
        private final FileChannel delegate;

        Channel(FileChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ByteBuffer allowed = src.slice(src.position(), take(src.remaining()));
            int written = delegate.write(allowed, position);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int written = write(src, delegate.position());
            delegate.position(delegate.position() + written);
            return written;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(srcs[i]);
                if (srcs[i].hasRemaining()) {
                    break;
                }
            }
            return written;
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("transferFrom is not simulated");
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            delegate.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("map is not simulated");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
