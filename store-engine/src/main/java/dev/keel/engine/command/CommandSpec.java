package dev.keel.engine.command;

/**
 * One entry of the command table: a command's name, arity, flags, key positions and handler.
 *
 * @param name the command's name in lower case, as error texts print it
 * @param arity Redis's arity: {@code n} exactly n arguments (name included), {@code -n} at least n
 * @param flags a set of {@code WRITE}, {@code DENY_OOM}, {@code WHOLE_KEYSPACE} bits
 * @param firstKey the index of the first key argument, 0 for none
 * @param lastKey the index of the last key argument, negative to count from the end
 * @param keyStep the distance between key arguments
 * @param handler the implementation
 */
public record CommandSpec(String name, int arity, int flags, int firstKey, int lastKey, int keyStep, CommandHandler handler) {
    /** The command changes data (the append-only log records it). */
    public static final int WRITE = 1;
    /** The command may grow memory, so it is refused over the memory limit. */
    public static final int DENY_OOM = 2;
    /** The command takes the locks it needs itself (commands over the whole keyspace). */
    public static final int WHOLE_KEYSPACE = 4;

    /** Returns whether {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Returns whether {@code argc} arguments (name included) satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** Returns the index of the last key argument of a command line of {@code argc} arguments. */
    public int lastKeyIndex(int argc) {
        return lastKey >= 0 ? lastKey : argc + lastKey;
    }
}
