package dev.keel.engine.command;

/**
 * One entry of the command table: a command's name, arity, flags, key positions and handler.
 *
 * @param name the command's name in lower case, as error texts print it
 * @param arity Redis's arity: {@code n} exactly n arguments (name included), {@code -n} at least n
 * @param flags a set of {@code WRITE}, {@code DENY_OOM}, {@code WHOLE_KEYSPACE}, {@code INDEPENDENT_WAIT},
 *        {@code BLOCKING}, {@code SESSION} bits
 * @param firstKey the index of the first key argument, 0 for none
 * @param lastKey the index of the last key argument, negative to count from the end
 * @param keyStep the distance between key arguments
 * @param handler the implementation
 * @param keyFinder finds the key arguments of commands whose keys follow a count (LMPOP, ...);
 *        null to use firstKey, lastKey and keyStep
 */
public record CommandSpec(String name, int arity, int flags, int firstKey, int lastKey, int keyStep,
                          CommandHandler handler, KeyFinder keyFinder) {

    /** Finds the argument indexes of a command line's keys. */
    @FunctionalInterface
    public interface KeyFinder {
        /** Returns the indexes of the keys in {@code argv}; none if the line is malformed (the handler then refuses it). */
        int[] keys(byte[][] argv);
    }

    private static final int[] NO_KEYS = new int[0];
    /** The key positions of commands with one key at 1 (most commands), shared: never changed. */
    private static final int[] FIRST_ONLY = {1};
    /** The command changes data (the append-only log records it). */
    public static final int WRITE = 1;
    /** The command may grow memory, so it is refused over the memory limit. */
    public static final int DENY_OOM = 2;
    /** The command takes the locks it needs itself (commands over the whole keyspace). */
    public static final int WHOLE_KEYSPACE = 4;
    /**
     * The command, blocked, takes nothing that the others waiting on its keys could have (XREAD
     * reads without taking; XREADGROUP takes only from its own group): when it is run for a push
     * and finds nothing, the waiters behind it are still tried.
     */
    public static final int INDEPENDENT_WAIT = 8;
    /**
     * The command may block (BLPOP, BLMOVE, ...; XREAD and XREADGROUP only with a BLOCK option):
     * refused inside atomically, run without blocking inside MULTI/EXEC, as Redis does.
     */
    public static final int BLOCKING = 16;
    /**
     * The command acts on the caller's session, not on data (MULTI, EXEC, DISCARD, WATCH,
     * UNWATCH): the dispatcher runs it itself, never its handler.
     */
    public static final int SESSION = 32;

    /** Returns whether {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Returns whether {@code argv} may block: a {@link #BLOCKING} command, unless it blocks only on
     * request (XREAD, XREADGROUP) and has no BLOCK option before STREAMS.
     */
    public boolean mayBlock(byte[][] argv) {
        if (!has(BLOCKING)) {
            return false;
        }
        if (!has(INDEPENDENT_WAIT)) {
            return true;
        }
        for (int i = 1; i < argv.length && !Arguments.is(argv[i], "STREAMS"); i++) {
            if (Arguments.is(argv[i], "BLOCK")) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code argc} arguments (name included) satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** Returns the argument indexes of the keys of {@code argv}; callers must not change the array. */
    public int[] keyIndexes(byte[][] argv) {
        if (keyFinder != null) {
            return keyFinder.keys(argv);
        }
        if (firstKey == 0) {
            return NO_KEYS;
        }
        if (firstKey == 1 && lastKey == 1 && argv.length > 1) {
            return FIRST_ONLY;
        }
        int last = Math.min(lastKeyIndex(argv.length), argv.length - 1);
        if (firstKey > last) {
            return NO_KEYS;
        }
        int[] keys = new int[(last - firstKey) / keyStep + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = firstKey + i * keyStep;
        }
        return keys;
    }

    /** Returns the index of the last key argument of a command line of {@code argc} arguments. */
    public int lastKeyIndex(int argc) {
        return lastKey >= 0 ? lastKey : argc + lastKey;
    }
}
