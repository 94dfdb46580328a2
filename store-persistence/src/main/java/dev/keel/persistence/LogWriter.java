package dev.keel.persistence;

import dev.keel.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * Appends records to the current tail file: commands frame their record into a shared buffer, a
 * flusher thread writes it out and forces it to disk as the fsync policy says.
 *
 * <pre>
 * Design
 *   Two direct buffers: writers append to the active one under appendLock (a copy and a CRC, no
 *   I/O); the flusher swaps it for the spare one and writes the spare out. Lock order is always
 *   appendLock, then ioLock, and the swap happens holding both, so buffers reach the file in the
 *   order their records were appended. A writer that finds the active buffer full writes it out
 *   itself (taking ioLock after any write in progress), which is the back pressure; a record
 *   bigger than a buffer is written straight after it.
 *
 * Durability
 *   Every record reaches the operating system within a millisecond or so: while records keep
 *   coming the flusher looks for more every millisecond, unwoken (a wake-up would cost each writer
 *   a system call); after 100 quiet polls it sleeps until the next record wakes it. The bytes
 *   appended, written and forced are counted from the open of the log; ALWAYS forces after every write and wakes the writers waiting in
 *   awaitDurable (group commit: one force serves every record written with it); EVERYSEC forces
 *   once a second on a thread of its own, so a slow fsync never holds up writing (a failed force
 *   refuses writes until one succeeds); NO never forces until close.
 *
 * Failure
 *   A failed write or force (disk full, I/O error) cuts the file back to its last good length,
 *   keeps the unwritten bytes, and puts the writer in the failed state: write commands are
 *   refused with Redis's MISCONF text and awaitDurable throws, while the flusher retries every
 *   100 ms. Once a retry succeeds, writes are accepted again. Nothing acknowledged as durable was
 *   lost, and the file never holds a partial record followed by more.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class LogWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 4 << 20;
    private static final long EVERYSEC_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** While records keep coming, the flusher looks for more this often, unwoken. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** After this many polls found nothing, the flusher sleeps until a writer wakes it. */
    private static final int QUIET_ROUNDS_BEFORE_SLEEP = 100;
    /** How long the exit hook waits for a writer holding the locks. */
    private static final long EXIT_WAIT_SECONDS = 2;

    private final FsyncPolicy policy;
    private final LongConsumer afterWrite;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock ioLock = new ReentrantLock();
    private final ReentrantLock durableLock = new ReentrantLock();
    private final Condition durableAdvanced = durableLock.newCondition();
    private final Thread flusher;
    private final Thread exitHook;
    private final Thread syncer;

    /** Under appendLock. */
    private ByteBuffer active = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** Under ioLock: the buffer being written out. */
    private ByteBuffer spare = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** Under ioLock: the file appended to, and its length up to the last good write. */
    private FileChannel channel;
    private long fileLength;
    /** Under ioLock: the bytes of every earlier file of this log, for the log's size. */
    private long earlierFilesLength;
    /** Bytes appended since open; written under appendLock. */
    private volatile long appended;
    /** Bytes of {@link #appended} handed to the operating system. */
    private volatile long written;
    /** Bytes of {@link #appended} forced to disk. */
    private volatile long durable;
    private volatile IOException failure;
    /** EVERYSEC's last force failed; cleared by a force that succeeds. */
    private volatile IOException syncFailure;
    private volatile boolean flusherIdle;
    private volatile boolean closed;

    /**
     * Starts a writer appending to {@code channel}, whose valid content is {@code length} bytes, in
     * a log whose earlier files hold {@code earlierLength} bytes; {@code afterWrite} hears the
     * log's total length after each write, on the flusher thread.
     */
    LogWriter(FsyncPolicy policy, FileChannel channel, long length, long earlierLength, LongConsumer afterWrite) {
        this.policy = policy;
        this.channel = channel;
        this.fileLength = length;
        this.earlierFilesLength = earlierLength;
        this.afterWrite = afterWrite;
        this.flusher = Thread.ofPlatform().daemon().name("keel-log-flusher").unstarted(this::flushLoop);
        this.exitHook = Thread.ofPlatform().name("keel-log-exit").unstarted(this::flushAtExit);
        this.syncer = policy == FsyncPolicy.EVERYSEC
                ? Thread.ofPlatform().daemon().name("keel-log-sync").unstarted(this::syncLoop) : null;
        flusher.start();
        if (syncer != null) {
            syncer.start();
        }
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * At JVM exit without close (System.exit, SIGTERM): writes out and forces what was appended,
     * so a normal exit loses no acknowledged write, whatever the policy.
     */
    private void flushAtExit() {
        // Bounded waits: a writer stuck on a failing disk holds these locks, and must not hang the exit.
        try {
            if (!appendLock.tryLock(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        try {
            if (!ioLock.tryLock(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
            try {
                if (closed || failure != null) {
                    return;
                }
                if (spare.position() == 0) {
                    ByteBuffer full = active;
                    active = spare;
                    spare = full;
                }
                writeSpareLocked(appended);
                if (failure == null) {
                    channel.force(false);
                }
            } finally {
                ioLock.unlock();
            }
        } catch (IOException | InterruptedException e) {
            // exiting anyway; the log keeps what reached it
        } finally {
            appendLock.unlock();
        }
    }

    /** Returns the MISCONF error text while the log cannot be written, else null. */
    String refusal() {
        IOException failed = failure != null ? failure : syncFailure;
        return failed == null ? null : misconf(failed);
    }

    private static String misconf(IOException failed) {
        return "MISCONF Errors writing to the AOF file: " + failed.getMessage();
    }

    /**
     * Appends the record of {@code argv} at {@code at}. Does no I/O unless the buffer is full.
     *
     * @throws dev.keel.KeelException if the record is larger than the format allows (over 2 GiB)
     */
    void append(byte[][] argv, long at) {
        long payloadLength = LogFileDescriptor.payloadLength(argv);
        if (payloadLength < 0) {
            throw new dev.keel.KeelException("ERR command too large for the append-only log (over 2 GiB)");
        }
        // Framed and checksummed before taking the lock, which then covers only a copy.
        ByteBuffer record = Scratch.frame(argv, at, (int) payloadLength);
        int recordLength = record.remaining();
        lockToAppend();
        try {
            if (closed) {
                throw new IllegalStateException("the append-only log is closed");
            }
            if (active.remaining() < recordLength) {
                writeActiveLocked();
            }
            if (recordLength > active.capacity()) {
                writeLargeLocked(record);
            } else {
                active.put(record);
            }
            appended += recordLength;
        } finally {
            appendLock.unlock();
        }
        if (flusherIdle) {
            LockSupport.unpark(flusher);
        }
    }

    /**
     * Takes appendLock, spinning a little first: it is held for a copy of one record, so parking
     * a writer that finds it taken (and waking it again) costs far more than waiting.
     */
    private void lockToAppend() {
        for (int spins = 0; spins < 256; spins++) {
            if (appendLock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        appendLock.lock();
    }

    /** A thread's buffer for framing records outside the lock; records too big for it get their own. */
    private static final class Scratch {
        private static final int BYTES = 64 << 10;
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
        private final ByteBuffer buffer = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        /** Returns the framed record of {@code argv}, ready to read; valid until this thread's next call. */
        static ByteBuffer frame(byte[][] argv, long at, int payloadLength) {
            Scratch scratch = OF_THREAD.get();
            int recordLength = LogFileDescriptor.RECORD_HEADER_LENGTH + payloadLength;
            ByteBuffer out = recordLength <= BYTES ? scratch.buffer.clear()
                    : ByteBuffer.allocate(recordLength).order(ByteOrder.LITTLE_ENDIAN);
            LogFileDescriptor.writeRecord(out, argv, at, payloadLength, scratch.crc);
            return out.flip();
        }
    }

    /**
     * Writes the active buffer out from a writer's thread; caller holds appendLock. While the log
     * is failing this waits for a retry to succeed, holding the command's locks: the record of a
     * command that already ran has nowhere else to go (new write commands are refused meanwhile).
     */
    private void writeActiveLocked() {
        ioLock.lock();
        try {
            while (spare.position() != 0) {
                writeSpareLocked(written + spare.position());
                awaitRetry();
            }
            ByteBuffer full = active;
            active = spare;
            spare = full;
            writeSpareLocked(appended);
            while (failure != null) {
                awaitRetry();
                writeSpareLocked(appended);
            }
        } finally {
            ioLock.unlock();
        }
    }

    /** Writes {@code record}, bigger than a buffer, straight to the file; caller holds appendLock, the active buffer is empty. */
    private void writeLargeLocked(ByteBuffer record) {
        long end = appended + record.remaining();
        record.position(record.limit());
        ioLock.lock();
        try {
            ByteBuffer buffers = spare;
            spare = record;
            try {
                writeSpareLocked(end);
                while (failure != null) {
                    awaitRetry();
                    writeSpareLocked(end);
                }
            } finally {
                spare = buffers;
            }
        } finally {
            ioLock.unlock();
        }
    }

    private void awaitRetry() {
        if (failure == null) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the append-only log is closed");
        }
        LockSupport.parkNanos(this, RETRY_NANOS);
    }

    /**
     * Writes the spare buffer (filled up to its position) at the end of the file; on success it is
     * empty and {@link #written} is {@code end}. On failure the file is cut back and the bytes are
     * kept for a retry. Caller holds ioLock.
     */
    private void writeSpareLocked(long end) {
        if (spare.position() == 0 && failure == null) {
            written = end;
            return;
        }
        ByteBuffer out = spare.flip();
        try {
            long at = fileLength;
            while (out.hasRemaining()) {
                at += channel.write(out, at);
            }
            if (policy == FsyncPolicy.ALWAYS) {
                channel.force(false);
            }
            fileLength = at;
            spare.clear();
            written = end;
            if (policy == FsyncPolicy.ALWAYS) {
                markDurable(end);
            }
            failure = null;
        } catch (IOException e) {
            failed(e, out);
        }
    }

    private void failed(IOException e, ByteBuffer unwritten) {
        unwritten.rewind();
        unwritten.position(unwritten.limit());
        unwritten.limit(unwritten.capacity());
        try {
            channel.truncate(fileLength);
        } catch (IOException again) {
            e.addSuppressed(again);
        }
        if (failure == null) {
            System.getLogger(LogWriter.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot write the append-only log; refusing writes until it can: " + e.getMessage(), e);
        }
        failure = e;
        signalDurable();
    }

    private void markDurable(long end) {
        durable = end;
        signalDurable();
    }

    private void signalDurable() {
        durableLock.lock();
        try {
            durableAdvanced.signalAll();
        } finally {
            durableLock.unlock();
        }
    }

    /**
     * Waits until every record appended so far is durable as the policy promises: forced to disk
     * for ALWAYS, at once for the others.
     *
     * @throws dev.keel.KeelException with the MISCONF text if the log cannot be written
     */
    void awaitDurable() {
        if (policy != FsyncPolicy.ALWAYS) {
            return;
        }
        long target = appended;
        if (durable >= target) {
            return;
        }
        LockSupport.unpark(flusher);
        boolean interrupted = false;
        durableLock.lock();
        try {
            while (durable < target) {
                IOException failed = failure;
                if (failed != null) {
                    throw new dev.keel.KeelException(misconf(failed));
                }
                if (closed && !flusher.isAlive()) {
                    throw new IllegalStateException("the append-only log is closed");
                }
                try {
                    durableAdvanced.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            durableLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void flushLoop() {
        int quietRounds = 0;
        while (true) {
            if (!closed && appended == written && failure == null) {
                if (quietRounds < QUIET_ROUNDS_BEFORE_SLEEP) {
                    // Busy: look again in a millisecond, so that writers need not wake this thread.
                    quietRounds++;
                    LockSupport.parkNanos(this, POLL_NANOS);
                } else {
                    flusherIdle = true;
                    if (!closed && appended == written) {
                        LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(10));
                    }
                    flusherIdle = false;
                }
            } else {
                quietRounds = 0;
            }
            if (failure != null && !closed) {
                LockSupport.parkNanos(this, RETRY_NANOS);
            }
            long total = flushOnce();
            if (closed && (appended == written || failure != null)) {
                return;
            }
            if (total >= 0) {
                afterWrite.accept(total);
            }
        }
    }

    /** Writes what was appended and forces as the policy says; returns the log's length, or -1 on failure. */
    private long flushOnce() {
        appendLock.lock();
        ioLock.lock();
        try {
            if (spare.position() == 0 && failure == null) {
                ByteBuffer full = active;
                active = spare;
                spare = full;
            }
            long end = failure == null ? appended : written + spare.position();
            appendLock.unlock();
            writeSpareLocked(end);
            if (failure != null) {
                return -1;
            }
            return earlierFilesLength + fileLength;
        } finally {
            if (appendLock.isHeldByCurrentThread()) {
                appendLock.unlock();
            }
            ioLock.unlock();
        }
    }

    /**
     * EVERYSEC's own thread: forces what was written about once a second, so a slow fsync never
     * holds up the writing of new records. A failed force refuses writes until a later one succeeds.
     */
    private void syncLoop() {
        while (!closed) {
            LockSupport.parkNanos(this, syncFailure == null ? EVERYSEC_NANOS : RETRY_NANOS);
            if (closed) {
                return;
            }
            if (durable >= written && syncFailure == null) {
                continue;
            }
            FileChannel target;
            long end;
            ioLock.lock();
            try {
                target = channel;
                end = written;
            } finally {
                ioLock.unlock();
            }
            try {
                target.force(false);
                markDurable(end);
                syncFailure = null;
            } catch (java.nio.channels.ClosedChannelException e) {
                // switched to a new file meanwhile: switchTo forced the old one
            } catch (IOException e) {
                if (syncFailure == null) {
                    System.getLogger(LogWriter.class.getName()).log(System.Logger.Level.ERROR,
                            "cannot force the append-only log to disk; refusing writes until it can: " + e.getMessage(), e);
                }
                syncFailure = e;
            }
        }
    }

    /**
     * Writes out everything appended, forces the current file and closes it, and goes on in
     * {@code next}, an empty tail file with its header. Call with no command running (every
     * stripe locked), so that what is before the switch and what is after are cut cleanly.
     *
     * @throws IOException if the current file cannot be written out; the writer then stays on it
     */
    void switchTo(FileChannel next) throws IOException {
        appendLock.lock();
        ioLock.lock();
        try {
            if (failure != null) {
                throw failure;
            }
            ByteBuffer full = active;
            active = spare;
            spare = full;
            writeSpareLocked(appended);
            if (failure != null) {
                throw failure;
            }
            channel.force(false);
            markDurable(written);
            channel.close();
            earlierFilesLength += fileLength;
            channel = next;
            fileLength = next.size();
        } finally {
            ioLock.unlock();
            appendLock.unlock();
        }
    }

    /** Returns the length of the file being appended to, up to its last good write. */
    long fileLength() {
        ioLock.lock();
        try {
            return fileLength;
        } finally {
            ioLock.unlock();
        }
    }

    /** Notes that the earlier files of the log now hold {@code length} bytes (after a rewrite replaced them). */
    void earlierFilesReplaced(long length) {
        ioLock.lock();
        try {
            earlierFilesLength = length;
        } finally {
            ioLock.unlock();
        }
    }

    /** Writes out and forces everything appended, stops the flusher and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs, or ran, and finds the log closed
        }
        LockSupport.unpark(flusher);
        if (syncer != null) {
            LockSupport.unpark(syncer);
        }
        AppendOnlyLog.joinUninterruptibly(flusher);
        if (syncer != null) {
            AppendOnlyLog.joinUninterruptibly(syncer);
        }
        appendLock.lock();
        ioLock.lock();
        try {
            if (failure == null && spare.position() == 0) {
                ByteBuffer full = active;
                active = spare;
                spare = full;
                writeSpareLocked(appended);
            }
            IOException failed = failure;
            if (failed == null) {
                channel.force(false);
                markDurable(written);
            }
            channel.close();
            if (failed != null) {
                throw new IOException("the append-only log lost its last " + (appended - written)
                        + " bytes of records: " + failed.getMessage(), failed);
            }
        } finally {
            ioLock.unlock();
            appendLock.unlock();
        }
    }
}
