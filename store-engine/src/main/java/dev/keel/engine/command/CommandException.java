package dev.keel.engine.command;

import dev.keel.KeelException;

/**
 * A command refused its input; the message is Redis's error text. Thrown inside the engine and
 * answered as an error reply, so it carries no stack trace.
 */
public final class CommandException extends KeelException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with Redis's error text. */
    public CommandException(String message) {
        super(message, false);
    }
}
