package dev.keel;

/**
 * A command failed; the message is Redis's own error text, such as
 * {@code ERR value is not an integer or out of range}. A command that fails changes nothing.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class KeelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with Redis's error {@code message}, code first ({@code ERR ...}). */
    public KeelException(String message) {
        super(message);
    }

    /**
     * Creates an exception; engines pass {@code false} for errors they answer as replies, where a
     * stack trace would only cost time.
     */
    protected KeelException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }

    /** Returns the error code: the first word of the message ({@code ERR}, {@code WRONGTYPE}, ...). */
    public String code() {
        String message = getMessage();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    /** Returns the exception type matching an error reply's text. */
    public static KeelException fromReply(String message) {
        if (message.startsWith("WRONGTYPE")) {
            return new WrongTypeException(message);
        }
        if (message.startsWith("OOM")) {
            return new OutOfMemoryLimitException(message);
        }
        return new KeelException(message);
    }
}
