package dev.keel.spi;

import dev.keel.Reply;

/**
 * Runs one command line and answers as Redis would; the one entry every command goes through,
 * whichever layer called it.
 *
 * <p><b>Thread safety:</b> implementations must be safe for concurrent use.
 */
@FunctionalInterface
public interface CommandExecutor {

    /** Runs {@code argv} (command name first) and returns the reply; errors are returned, not thrown. */
    Reply execute(byte[][] argv);
}
