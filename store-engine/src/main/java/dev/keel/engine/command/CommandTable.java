package dev.keel.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every command Keel knows, by name. The typed API, {@code execute}, the append-only log's
 * replay and any protocol front end all look commands up here, so each command has exactly one
 * implementation.
 *
 * <pre>
 * Lookup
 *   Names are matched case-insensitively straight from the argument bytes: an open-addressing
 *   table keyed by the name's upper-cased bytes, so a lookup allocates nothing.
 * </pre>
 *
 * <p><b>Thread safety:</b> build once, then read-only and safe for concurrent use.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private byte[][] names = new byte[0][];
    private CommandSpec[] specs = new CommandSpec[0];
    private int mask;

    /** Adds a command whose keys are at firstKey, firstKey + keyStep, ... up to lastKey (negative: from the end). */
    public CommandTable add(String name, int arity, int flags, int firstKey, int lastKey, int keyStep, CommandHandler handler) {
        return add(new CommandSpec(name.toLowerCase(java.util.Locale.ROOT), arity, flags, firstKey, lastKey, keyStep, handler, null));
    }

    /** Adds a command whose keys {@code keyFinder} finds. */
    public CommandTable add(String name, int arity, int flags, CommandSpec.KeyFinder keyFinder, CommandHandler handler) {
        return add(new CommandSpec(name.toLowerCase(java.util.Locale.ROOT), arity, flags, 0, 0, 0, handler, keyFinder));
    }

    private CommandTable add(CommandSpec spec) {
        String lower = spec.name();
        if (byName.put(lower, spec) != null) {
            throw new IllegalArgumentException("command registered twice: " + lower);
        }
        rebuild();
        return this;
    }

    /**
     * Replaces the handler of the command {@code name} by {@code wrap} applied to it: for work that
     * must see the keyspace just before the command runs (keyspace notifications). Build time only.
     *
     * @throws IllegalArgumentException if there is no such command
     */
    public CommandTable wrap(String name, UnaryOperator<CommandHandler> wrap) {
        CommandSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no such command: " + name);
        }
        byName.put(name, new CommandSpec(spec.name(), spec.arity(), spec.flags(), spec.firstKey(), spec.lastKey(), spec.keyStep(),
                wrap.apply(spec.handler()), spec.keyFinder()));
        rebuild();
        return this;
    }

    /** Returns every command. */
    public Collection<CommandSpec> all() {
        return byName.values();
    }

    private void rebuild() {
        int capacity = Integer.highestOneBit(Math.max(4, byName.size() * 4) - 1) << 1;
        names = new byte[capacity][];
        specs = new CommandSpec[capacity];
        mask = capacity - 1;
        for (CommandSpec spec : byName.values()) {
            byte[] upper = spec.name().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            int slot = hashUpper(upper) & mask;
            while (names[slot] != null) {
                slot = (slot + 1) & mask;
            }
            names[slot] = upper;
            specs[slot] = spec;
        }
    }

    /** Returns the command named {@code name} (any case), or null. */
    public CommandSpec lookup(byte[] name) {
        if (name.length > 32) {
            return null;
        }
        int slot = hashUpper(name) & mask;
        while (names[slot] != null) {
            if (equalsUpper(names[slot], name)) {
                return specs[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static int hashUpper(byte[] name) {
        int hash = 0;
        for (byte b : name) {
            hash = hash * 31 + upper(b);
        }
        return hash ^ (hash >>> 16);
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b;
    }

    private static boolean equalsUpper(byte[] upperName, byte[] name) {
        if (upperName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (upperName[i] != upper(name[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CommandTable" + Arrays.toString(byName.keySet().toArray());
    }
}
