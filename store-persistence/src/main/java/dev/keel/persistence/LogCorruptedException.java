package dev.keel.persistence;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A log file holds something Keel did not write there: a damaged record that is not the torn
 * last record of the log, a bad header, a manifest that does not parse or names a missing file.
 * The message names the file, the offset and what is wrong; nothing on disk was changed.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class LogCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String what;

    /** Creates the exception for {@code file} at byte {@code offset} (-1 for the whole file). */
    public LogCorruptedException(Path file, long offset, String what) {
        super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + what);
        this.file = file;
        this.offset = offset;
        this.what = what;
    }

    /** Returns the damaged file. */
    public Path file() {
        return file;
    }

    /** Returns the offset of the damage in the file, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }

    /** Returns what is wrong, without the file and offset. */
    public String what() {
        return what;
    }
}
