package dev.keel;

/**
 * A command was run against a key holding another type of value:
 * {@code WRONGTYPE Operation against a key holding the wrong kind of value}.
 */
public class WrongTypeException extends KeelException {
    private static final long serialVersionUID = 1L;

    /** Redis's text for this error. */
    public static final String MESSAGE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /** Creates the exception with Redis's text. */
    public WrongTypeException() {
        super(MESSAGE);
    }

    /** Creates the exception with the given text, which starts with {@code WRONGTYPE}. */
    public WrongTypeException(String message) {
        super(message);
    }
}
