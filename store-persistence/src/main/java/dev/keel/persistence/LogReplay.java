package dev.keel.persistence;

import dev.keel.Reply;
import dev.keel.StoreConfig;
import dev.keel.engine.OffHeapStore;

/**
 * Replays the records of a {@link LogScan} walk into a fresh, unstarted in-memory store, as
 * opening the store would, and reports each record the engine refuses as a corrupt problem (file,
 * offset, command, error). Once the log is found corrupt, later records are still read and
 * checked but no longer replayed: the data they would apply to is wrong already, and what they
 * would report would be noise.
 *
 * <p>The store's memory is off-heap and as large as the data; {@link #close()} frees it.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class LogReplay implements LogScan.Visitor, AutoCloseable {
    private final LogScan scan;
    private final OffHeapStore store = OffHeapStore.unstarted(StoreConfig.defaults());
    private int files;
    private long records;
    private long bytes;

    /** Replays the records {@code scan} walks, reporting refusals to it. */
    LogReplay(LogScan scan) {
        this.scan = scan;
    }

    @Override
    public boolean record(Manifest.Entry entry, LogRecord record) {
        records++;
        if (scan.worst() == LogScan.Severity.CORRUPT) {
            return true;
        }
        String refusal;
        try {
            refusal = store.replay(record.argv(), record.at()) instanceof Reply.Error error ? error.message() : null;
        } catch (RuntimeException e) {
            refusal = e.toString();
        }
        if (refusal != null) {
            scan.problem(entry.fileName(), record.offset(), LogScan.Severity.CORRUPT,
                    "the engine refuses " + CommandText.of(record.argv()) + ": " + refusal);
        }
        return true;
    }

    @Override
    public void fileEnded(Manifest.Entry entry, LogFileReader reader) {
        files++;
        if (reader != null) {
            bytes += reader.size();
        }
    }

    /** Returns the store replayed into. */
    OffHeapStore store() {
        return store;
    }

    /** Returns how many files, records and bytes were read, for a summary line. */
    String counts() {
        return files + (files == 1 ? " file, " : " files, ") + records + (records == 1 ? " record, " : " records, ") + bytes + " bytes";
    }

    /** Frees the store's memory. */
    @Override
    public void close() {
        store.close();
    }
}
