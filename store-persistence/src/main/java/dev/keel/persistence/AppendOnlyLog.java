package dev.keel.persistence;

import dev.keel.AppendOnlyConfig;
import dev.keel.Reply;
import dev.keel.engine.OffHeapStore;
import dev.keel.engine.command.CommandException;
import dev.keel.engine.command.CommandLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A store's append-only log: a directory of files named by a manifest, written by a
 * {@link LogWriter}, replayed on open, rewritten in the background.
 *
 * <pre>
 * Files
 *   keel.manifest   the files to replay, in order (see Manifest)
 *   keel.N.snapshot the commands that rebuild the data as it was at rewrite N
 *   keel.N.log      write commands in the order they took effect, from rewrite N on
 *   keel.lock       held (a file lock) while a store has the directory open
 *
 * Recovery (open)
 *   Every file of the manifest is replayed through the engine, each record at the millisecond it
 *   ran at. A record torn by a crash at the very end of the last file that holds records (tails
 *   after it may be empty: a rewrite had added one the writer had not switched to) is cut off,
 *   with a warning that says what was lost and where. Anything else that is wrong (a damaged
 *   record elsewhere, a bad header, a file missing, a record the engine refuses) stops the open
 *   with a LogCorruptedException naming file, offset and damage, and nothing on disk is changed.
 *   A directory holding only an empty first tail and no manifest is a first open a crash cut
 *   short (it creates the tail, then the manifest): it opens empty.
 *
 * Rewrite (BGREWRITEAOF, or automatic past the configured growth)
 *   1. A new tail N is created and added to the manifest; with every stripe locked for an instant,
 *      the writer switches to it and the rewrite's instant is taken: the cut.
 *   2. The snapshot N is written stripe by stripe as the data was at the cut: a background walk
 *      writes each stripe not yet written, and a write command about to change a stripe not yet
 *      written writes it first (copy on first write, at the granularity of a stripe), so writers
 *      never wait for the whole rewrite, only, once per stripe, for that stripe's keys.
 *   3. The snapshot is forced; the manifest becomes [snapshot N, tail N] (write temp, force,
 *      rename, force the directory); the old files are deleted.
 *   A crash at any point leaves a manifest that replays to the same data: before step 3 it names
 *   the old files and tail N, after it the new ones.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class AppendOnlyLog implements CommandLog {
    private static final System.Logger LOG = System.getLogger(AppendOnlyLog.class.getName());
    /** The file a store holds a lock on while it has the directory open. */
    static final String LOCK_FILE = "keel.lock";
    /** The directories of the logs open in this JVM, by real path (see {@link #claim}). */
    private static final Set<Path> OPEN_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Pattern LOG_FILE = Pattern.compile("keel\\.\\d{1,18}\\.(snapshot|log)");

    private final Path directory;
    private final AppendOnlyConfig config;
    private final OffHeapStore store;
    private final InstantSource clock;
    private final FileChannel lockChannel;
    private final FileLock directoryLock;
    private final LogWriter writer;
    /** Every channel of a data file (tail, snapshot) passes through this once opened: a test seam. */
    private final UnaryOperator<FileChannel> channels;
    private final Object rewriteLock = new Object();
    /** Under rewriteLock. */
    private Manifest manifest;
    /** Under rewriteLock: the running rewrite's thread, or null. */
    private Thread rewriteThread;
    /** The rewrite whose snapshot is being written, or null: read by beforeWrite under a stripe lock. */
    private volatile LogRewrite rewrite;
    /** The log's length after the last rewrite, or at open: the base of the automatic rewrite's growth. */
    private volatile long baseLength;
    private volatile boolean closed;
    /** This log's entry in {@link #OPEN_HERE}, set once open. */
    private Path claimed;

    private AppendOnlyLog(Path directory, AppendOnlyConfig config, OffHeapStore store, InstantSource clock,
                          FileChannel lockChannel, FileLock directoryLock, Manifest manifest, Opened opened,
                          UnaryOperator<FileChannel> channels) {
        this.directory = directory;
        this.channels = channels;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.directoryLock = directoryLock;
        this.manifest = manifest;
        this.baseLength = opened.totalLength;
        this.writer = new LogWriter(config.fsync(), opened.tail, opened.tailLength, opened.totalLength - opened.tailLength, this::written);
    }

    /** The last tail, open for appending, and the lengths found. */
    private record Opened(FileChannel tail, long tailLength, long totalLength) {
    }

    /**
     * Opens the log of {@code config} in its directory, replays it into {@code store} (which must
     * not be started yet) and returns it, ready to be attached with {@link OffHeapStore#start}.
     *
     * @throws UncheckedIOException if the directory cannot be used or the log is damaged (its cause
     *         a {@link LogCorruptedException} naming file, offset and damage)
     */
    public static AppendOnlyLog open(OffHeapStore store, AppendOnlyConfig config, InstantSource clock) {
        return open(store, config, clock, UnaryOperator.identity());
    }

    /**
     * Opens the log as {@link #open(OffHeapStore, AppendOnlyConfig, InstantSource)} does, passing
     * the channel of every tail and snapshot file through {@code channels} once it is opened (its
     * header written): the seam through which tests put a full disk under the log.
     */
    static AppendOnlyLog open(OffHeapStore store, AppendOnlyConfig config, InstantSource clock, UnaryOperator<FileChannel> channels) {
        Path directory = config.directory().toAbsolutePath();
        FileChannel lockChannel = null;
        Path claimed = null;
        try {
            LogFiles.createDirectory(directory);
            claimed = claim(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), LogFiles.ownerOnly());
            FileLock lock = lockDirectory(directory, lockChannel);
            Manifest manifest = Manifest.read(directory);
            Opened opened;
            if (manifest == null) {
                List<String> strays = logFiles(directory);
                Path firstTail = directory.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_TAIL, 1));
                if (strays.equals(List.of(firstTail.getFileName().toString())) && Files.size(firstTail) <= LogFileDescriptor.HEADER_LENGTH) {
                    // A first open cut short by a crash: it creates the first tail, then the manifest.
                    Files.delete(firstTail);
                } else if (!strays.isEmpty()) {
                    throw new LogCorruptedException(directory.resolve(Manifest.NAME), -1,
                            "manifest missing, yet the directory holds log files " + strays
                                    + ": restore the manifest, or move the files away to start empty");
                }
                manifest = new Manifest(List.of(new Manifest.Entry(LogFileDescriptor.KIND_TAIL, 1)));
                FileChannel tail = channels.apply(LogFiles.create(directory, LogFileDescriptor.KIND_TAIL, 1, clock.millis()));
                manifest.write(directory);
                opened = new Opened(tail, LogFileDescriptor.HEADER_LENGTH, LogFileDescriptor.HEADER_LENGTH);
            } else {
                opened = replay(directory, manifest, store, channels);
                removeStrays(directory, manifest);
            }
            AppendOnlyLog log = new AppendOnlyLog(directory, config, store, clock, lockChannel, lock, manifest, opened, channels);
            log.claimed = claimed;
            return log;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            release(claimed);
            throw new UncheckedIOException("cannot open the append-only log in " + directory + ": " + LogFiles.reason(e), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(lockChannel);
            release(claimed);
            throw e;
        }
    }

    /**
     * Claims {@code directory} for this JVM before its lock file is opened: a file lock guards
     * against other processes only, and closing any channel of keel.lock (as a refused second
     * open would) drops every lock this process holds on it, the first store's included.
     */
    private static Path claim(Path directory) throws IOException {
        Path real = directory.toRealPath();
        if (!OPEN_HERE.add(real)) {
            throw new IOException("the append-only log in " + directory + " is in use by another store");
        }
        return real;
    }

    private static void release(Path claimed) {
        if (claimed != null) {
            OPEN_HERE.remove(claimed);
        }
    }

    /** Takes the lock of {@code directory} on {@code lockChannel} (keel.lock) without waiting; throws if another store holds it. */
    static FileLock lockDirectory(Path directory, FileChannel lockChannel) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("the append-only log in " + directory + " is in use by another store");
        }
        return lock;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }

    /** Returns the names of the log files in {@code directory}, sorted. */
    static List<String> logFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> LOG_FILE.matcher(name).matches()).sorted().toList();
        }
    }

    /** Deletes the log files the manifest does not name: leftovers of a rewrite a crash cut short. */
    private static void removeStrays(Path directory, Manifest manifest) throws IOException {
        Set<String> named = new HashSet<>();
        for (Manifest.Entry entry : manifest.files()) {
            named.add(entry.fileName());
        }
        for (String name : logFiles(directory)) {
            if (!named.contains(name)) {
                LOG.log(System.Logger.Level.INFO, "removing " + directory.resolve(name) + ": not in the manifest (left by an unfinished rewrite)");
                Files.deleteIfExists(directory.resolve(name));
            }
        }
        Files.deleteIfExists(directory.resolve(Manifest.NAME + ".tmp"));
    }

    /**
     * Replays every file of {@code manifest} into {@code store}; cuts off a record torn at the end
     * of the last file that holds records (the tails after it, if any, were created by a rewrite
     * the writer had not switched to yet, or could not switch to).
     */
    private static Opened replay(Path directory, Manifest manifest, OffHeapStore store, UnaryOperator<FileChannel> channels) throws IOException {
        List<Manifest.Entry> files = manifest.files();
        if (files.isEmpty() || files.getLast().kind() != LogFileDescriptor.KIND_TAIL) {
            throw new LogCorruptedException(directory.resolve(Manifest.NAME), -1, "manifest does not end with a tail file");
        }
        for (Manifest.Entry entry : files) {
            if (!Files.exists(directory.resolve(entry.fileName()))) {
                throw new LogCorruptedException(directory.resolve(entry.fileName()), -1, "listed in the manifest but missing");
            }
        }
        long total = 0;
        LogFileReader.Damage torn = null;
        long lastLength = 0;
        for (int i = 0; i < files.size(); i++) {
            Manifest.Entry entry = files.get(i);
            Path path = directory.resolve(entry.fileName());
            try (LogFileReader reader = LogFileReader.open(path, entry.kind(), entry.sequence())) {
                for (LogRecord record = reader.next(); record != null; record = reader.next()) {
                    Reply reply = store.replay(record.argv(), record.at());
                    if (reply instanceof Reply.Error error) {
                        throw new LogCorruptedException(path, record.offset(), "replaying " + CommandText.of(record.argv())
                                + " failed: " + error.message());
                    }
                }
                LogFileReader.Damage damage = reader.damage();
                if (damage != null) {
                    // Only a tail is appended to: a snapshot was forced whole before the manifest named it.
                    if (!damage.torn() || entry.kind() != LogFileDescriptor.KIND_TAIL || !onlyEmptyTailsAfter(directory, files, i)) {
                        throw damage.asException();
                    }
                    torn = damage;
                }
                lastLength = reader.position();
                total += reader.position();
            }
        }
        if (torn != null) {
            cutOff(torn);
        }
        return new Opened(channels.apply(FileChannel.open(directory.resolve(files.getLast().fileName()), StandardOpenOption.WRITE)),
                lastLength, total);
    }

    /**
     * Returns whether every file after the {@code index}th of {@code files} is a tail holding no
     * record: then the {@code index}th is the last one appended to (the later tails were created
     * by a rewrite the writer had not switched to yet), and a record torn at its end is recoverable.
     */
    static boolean onlyEmptyTailsAfter(Path directory, List<Manifest.Entry> files, int index) throws IOException {
        for (Manifest.Entry later : files.subList(index + 1, files.size())) {
            Path path = directory.resolve(later.fileName());
            if (later.kind() != LogFileDescriptor.KIND_TAIL || !Files.exists(path) || Files.size(path) > LogFileDescriptor.HEADER_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** Cuts the record torn by a crash off the end of its file. */
    private static void cutOff(LogFileReader.Damage torn) throws IOException {
        try (FileChannel file = FileChannel.open(torn.file(), StandardOpenOption.WRITE)) {
            LOG.log(System.Logger.Level.WARNING, "append-only log " + torn.file() + ": cutting off a record torn by a crash at offset "
                    + torn.offset() + " (" + (file.size() - torn.offset()) + " bytes: " + torn.what()
                    + "); the write it held was never acknowledged as durable");
            file.truncate(torn.offset());
            file.force(true);
        }
    }

    // ------------------------------------------------------------------ CommandLog

    @Override
    public String refusal() {
        return writer.refusal();
    }

    @Override
    public void beforeWrite(int stripe) {
        LogRewrite running = rewrite;
        if (running != null) {
            running.writeStripe(stripe);
        }
    }

    @Override
    public void append(byte[][] argv, long now) {
        writer.append(argv, now);
    }

    @Override
    public void awaitDurable() {
        writer.awaitDurable();
    }

    @Override
    public String startRewrite() {
        if (!tryStartRewrite()) {
            throw new CommandException("ERR Background append only file rewriting already in progress");
        }
        return "Background append only file rewriting started";
    }

    /** Called on the flusher thread after each write: starts a rewrite once the log has grown enough. */
    private void written(long length) {
        int percentage = config.rewritePercentage();
        if (percentage == 0 || closed || length < config.rewriteMinSize() || rewriteThread != null) {
            return;
        }
        long base = Math.max(1, baseLength);
        if ((length - base) * 100 / base >= percentage) {
            tryStartRewrite();
        }
    }

    /** Starts a rewrite unless one is running; returns whether it started. */
    private boolean tryStartRewrite() {
        synchronized (rewriteLock) {
            if (rewriteThread != null || closed) {
                return false;
            }
            rewriteThread = Thread.ofPlatform().daemon().name("keel-log-rewrite").start(this::rewriteInBackground);
            return true;
        }
    }

    /**
     * Rewrites the log now and waits for it (starting one if none is running, else waiting for
     * the running one and then rewriting again).
     *
     * @throws IOException if the rewrite failed; the log is then as it was, plus an empty tail
     */
    public void rewrite() throws IOException {
        while (true) {
            Thread running;
            synchronized (rewriteLock) {
                running = rewriteThread;
                if (running == null) {
                    if (closed) {
                        throw new IllegalStateException("the append-only log is closed");
                    }
                    rewriteThread = Thread.currentThread();
                    break;
                }
            }
            joinUninterruptibly(running);
        }
        try {
            rewriteNow();
        } finally {
            synchronized (rewriteLock) {
                rewriteThread = null;
            }
        }
    }

    private void rewriteInBackground() {
        try {
            rewriteNow();
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "append-only log rewrite failed; the log is unchanged: "
                        + (e instanceof IOException failed ? LogFiles.reason(failed) : e.getMessage()), e);
            }
        } finally {
            synchronized (rewriteLock) {
                rewriteThread = null;
            }
        }
    }

    private void rewriteNow() throws IOException {
        Manifest before;
        synchronized (rewriteLock) {
            before = manifest;
        }
        long sequence = before.lastSequence() + 1;
        FileChannel tail = channels.apply(LogFiles.create(directory, LogFileDescriptor.KIND_TAIL, sequence, clock.millis()));
        Manifest withTail = before.with(new Manifest.Entry(LogFileDescriptor.KIND_TAIL, sequence));
        try {
            withTail.write(directory);
        } catch (IOException | RuntimeException e) {
            tail.close();
            Files.deleteIfExists(directory.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_TAIL, sequence)));
            throw e;
        }
        synchronized (rewriteLock) {
            manifest = withTail;
        }
        Path snapshotPath = directory.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_SNAPSHOT, sequence));
        LogRewrite running = cut(tail, sequence);
        Manifest after = new Manifest(List.of(new Manifest.Entry(LogFileDescriptor.KIND_SNAPSHOT, sequence),
                new Manifest.Entry(LogFileDescriptor.KIND_TAIL, sequence)));
        boolean switched = false;
        try {
            for (int stripe = 0; stripe < store.stripeCount(); stripe++) {
                final int each = stripe;
                store.locked(stripe, () -> running.writeStripe(each));
            }
            rewrite = null;
            long snapshotLength = running.snapshot().finish();
            switched = writeSwitching(after);
            synchronized (rewriteLock) {
                manifest = after;
            }
            writer.earlierFilesReplaced(snapshotLength);
            baseLength = snapshotLength + writer.fileLength();
            for (Manifest.Entry old : withTail.files()) {
                if (!after.files().contains(old)) {
                    Files.deleteIfExists(directory.resolve(old.fileName()));
                }
            }
        } catch (IOException | RuntimeException e) {
            rewrite = null;
            running.snapshot().abandon();
            if (!switched) {
                Files.deleteIfExists(snapshotPath);
            }
            throw e;
        }
    }

    /**
     * Writes {@code after} as the manifest; returns true once it is the one on disk. If the write
     * fails after the rename (forcing the directory failed), the new manifest may be in place: then
     * its snapshot must stay, so this reads the manifest back to tell.
     */
    private boolean writeSwitching(Manifest after) throws IOException {
        try {
            after.write(directory);
            return true;
        } catch (IOException e) {
            Manifest onDisk;
            try {
                onDisk = Manifest.read(directory);
            } catch (IOException again) {
                e.addSuppressed(again);
                throw e;
            }
            if (after.equals(onDisk)) {
                LOG.log(System.Logger.Level.WARNING, "the rewritten log's manifest is in place, but forcing "
                        + directory + " failed: " + LogFiles.reason(e));
                return true;
            }
            throw e;
        }
    }

    /** Switches the writer to {@code tail} and starts the snapshot, with no command running. */
    private LogRewrite cut(FileChannel tail, long sequence) throws IOException {
        FileChannel snapshotChannel;
        try {
            snapshotChannel = channels.apply(LogFiles.create(directory, LogFileDescriptor.KIND_SNAPSHOT, sequence, clock.millis()));
        } catch (IOException | RuntimeException e) {
            tail.close();
            throw e;
        }
        IOException[] failed = new IOException[1];
        boolean[] switched = new boolean[1];
        LogRewrite[] started = new LogRewrite[1];
        try {
            store.exclusive(() -> {
                try {
                    long at = clock.millis();
                    writer.switchTo(tail);
                    switched[0] = true;
                    started[0] = new LogRewrite(store, new SnapshotFile(snapshotChannel, at), at);
                    rewrite = started[0];
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
        } catch (RuntimeException e) {
            failed[0] = new IOException(e.getMessage(), e);
        }
        if (failed[0] != null) {
            snapshotChannel.close();
            if (!switched[0]) {
                // The writer stays on its file; the empty tail in the manifest replays to nothing.
                tail.close();
            }
            Files.deleteIfExists(directory.resolve(Manifest.Entry.fileName(LogFileDescriptor.KIND_SNAPSHOT, sequence)));
            throw failed[0];
        }
        return started[0];
    }

    /** Returns the manifest as it is now. */
    public Manifest manifest() {
        synchronized (rewriteLock) {
            return manifest;
        }
    }

    /** Returns the directory of the log. */
    public Path directory() {
        return directory;
    }

    /** Waits for {@code thread} to end; an interrupt meanwhile is kept for the caller. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (rewriteLock) {
            if (closed) {
                return;
            }
            closed = true;
            running = rewriteThread;
        }
        if (running != null && running != Thread.currentThread()) {
            joinUninterruptibly(running);
        }
        List<IOException> failures = new ArrayList<>();
        try {
            writer.close();
        } catch (IOException e) {
            failures.add(e);
        }
        try {
            directoryLock.release();
            lockChannel.close();
        } catch (IOException e) {
            failures.add(e);
        } finally {
            release(claimed);
        }
        if (!failures.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "closing the append-only log in " + directory + ": " + failures.getFirst().getMessage(), failures.getFirst());
        }
    }
}
