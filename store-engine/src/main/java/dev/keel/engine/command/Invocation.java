package dev.keel.engine.command;

import dev.keel.engine.keyspace.Keyspace;

/**
 * One running command: its arguments, the hashes of its keys, the time it runs at, and the
 * keyspace. The time is read once, so a command sees one instant throughout, as in Redis.
 *
 * <p><b>Thread safety:</b> not thread safe; confined to the thread running the command.
 */
public final class Invocation {
    private final byte[][] argv;
    private final long[] hashes;
    private final long now;
    private final Keyspace keyspace;

    Invocation(byte[][] argv, long[] hashes, long now, Keyspace keyspace) {
        this.argv = argv;
        this.hashes = hashes;
        this.now = now;
        this.keyspace = keyspace;
    }

    /** Returns argument {@code index} (0 is the command name). */
    public byte[] arg(int index) {
        return argv[index];
    }

    /** Returns the number of arguments, the name included. */
    public int argc() {
        return argv.length;
    }

    /** Returns the keyed hash of the key at argument {@code index}. */
    public long hash(int index) {
        return hashes[index];
    }

    /** Returns the time of this command, in epoch milliseconds. */
    public long now() {
        return now;
    }

    /** Returns the keyspace. */
    public Keyspace keyspace() {
        return keyspace;
    }

    /** Returns the live entry of the key at argument {@code index}, or 0; records the access. */
    public long lookup(int index) {
        long entry = keyspace.lookup(argv[index], hashes[index], now);
        if (entry != 0) {
            keyspace.touch(entry, now);
        }
        return entry;
    }

    /** Returns the live entry of the key at argument {@code index}, or 0, without recording an access. */
    public long peek(int index) {
        return keyspace.lookup(argv[index], hashes[index], now);
    }
}
