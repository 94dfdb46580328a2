package dev.keel;

/**
 * A blocking command run through {@link Store#execute(String...)} was interrupted while it
 * waited; it took nothing. The thread's interrupt status is set again. (The typed blocking
 * methods throw {@link InterruptedException} instead.)
 */
public class KeelInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public KeelInterruptedException() {
        super("interrupted while blocked");
    }
}
