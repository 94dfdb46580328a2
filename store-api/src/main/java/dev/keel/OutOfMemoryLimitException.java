package dev.keel;

/**
 * A write was refused because the store is over its memory limit:
 * {@code OOM command not allowed when used memory > 'maxmemory'.}
 */
public class OutOfMemoryLimitException extends KeelException {
    private static final long serialVersionUID = 1L;

    /** Redis's text for this error. */
    public static final String MESSAGE = "OOM command not allowed when used memory > 'maxmemory'.";

    /** Creates the exception with the given text, which starts with {@code OOM}. */
    public OutOfMemoryLimitException(String message) {
        super(message);
    }
}
