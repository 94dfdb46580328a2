package dev.keel.engine.command;

import dev.keel.OutOfMemoryLimitException;
import dev.keel.WrongTypeException;

/** Redis's error texts, word for word, and the exceptions that carry them. */
public final class ErrorText {
    /** {@code ERR syntax error}. */
    public static final String SYNTAX = "ERR syntax error";
    /** {@code ERR value is not an integer or out of range}. */
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    /** The error of an integer argument outside the 32-bit range where Redis wants an {@code int}. */
    public static final String NOT_INT_RANGE = "ERR value is out of range, value must between -2147483648 and 2147483647";
    /** {@code ERR value is not a valid float}. */
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    /** {@code ERR increment or decrement would overflow}. */
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    /** {@code ERR no such key}. */
    public static final String NO_SUCH_KEY = "ERR no such key";
    /** {@code ERR string exceeds maximum allowed size (proto-max-bulk-len)}. */
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    /** {@code ERR invalid cursor}. */
    public static final String INVALID_CURSOR = "ERR invalid cursor";

    /** The largest string value Redis accepts: 512 MiB (proto-max-bulk-len). */
    public static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    private static final CommandException WRONG_TYPE = new CommandException(WrongTypeException.MESSAGE);
    private static final CommandException SYNTAX_ERROR = new CommandException(SYNTAX);
    private static final CommandException NOT_INTEGER_ERROR = new CommandException(NOT_INTEGER);
    private static final CommandException OOM = new CommandException(OutOfMemoryLimitException.MESSAGE);

    private ErrorText() {
    }

    /** The {@code WRONGTYPE} error. */
    public static CommandException wrongType() {
        return WRONG_TYPE;
    }

    /** {@code ERR syntax error}. */
    public static CommandException syntax() {
        return SYNTAX_ERROR;
    }

    /** {@code ERR value is not an integer or out of range}. */
    public static CommandException notInteger() {
        return NOT_INTEGER_ERROR;
    }

    /** The {@code OOM} error of a write over the memory limit. */
    public static CommandException outOfMemory() {
        return OOM;
    }

    /** {@code ERR invalid expire time in '<command>' command}. */
    public static CommandException invalidExpire(String command) {
        return new CommandException("ERR invalid expire time in '" + command + "' command");
    }

    /** {@code ERR wrong number of arguments for '<command>' command}. */
    public static CommandException arity(String command) {
        return new CommandException("ERR wrong number of arguments for '" + command + "' command");
    }

    /** Any other error text. */
    public static CommandException of(String message) {
        return new CommandException(message);
    }
}
