package dev.keel.engine.command;

import dev.keel.Reply;

/**
 * The implementation of one command. It runs with the locks of its keys held, reads its
 * arguments from the invocation, and either returns a reply or throws a
 * {@link CommandException} before changing anything.
 */
@FunctionalInterface
public interface CommandHandler {

    /** Runs the command. */
    Reply run(Invocation invocation);
}
