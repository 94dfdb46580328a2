package dev.keel.engine.string;

import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueType;

/**
 * The string type's API over the keyspace: a string lives inline in its key's entry (see
 * EntryDescriptor), so reading copies it out and writing resizes the entry when needed.
 *
 * <p><b>Thread safety:</b> callers hold the key's stripe lock.
 */
public final class StringValues {
    private StringValues() {
    }

    /** Returns the string held by {@code entry}, or throws WRONGTYPE if it holds another type. */
    public static byte[] read(Keyspace keyspace, long entry) {
        requireString(keyspace, entry);
        long length = keyspace.inlineLength(entry);
        return keyspace.memory().read(entry, keyspace.inlineOffset(entry), (int) length);
    }

    /** Throws WRONGTYPE unless {@code entry} holds a string. */
    public static void requireString(Keyspace keyspace, long entry) {
        if (keyspace.type(entry) != ValueType.STRING) {
            throw ErrorText.wrongType();
        }
    }

    /**
     * Stores {@code value} under the key at argument {@code keyIndex}, replacing whatever the
     * live entry {@code existing} (0 if none) held, with expiry {@code expireAt} (0: none).
     * Returns the entry. May reallocate the entry.
     */
    public static long store(Invocation inv, int keyIndex, long existing, byte[] value, byte encoding, long expireAt) {
        Keyspace keyspace = inv.keyspace();
        long hash = inv.hash(keyIndex);
        long entry;
        if (existing != 0 && keyspace.type(existing) == ValueType.STRING) {
            entry = keyspace.resizeInline(existing, hash, value.length, 0);
            keyspace.setEncoding(entry, encoding);
            keyspace.setExpireAt(entry, hash, expireAt);
            keyspace.touch(entry, inv.now());
        } else {
            if (existing != 0) {
                keyspace.remove(existing, hash);
            }
            entry = keyspace.create(inv.arg(keyIndex), hash, ValueType.STRING, encoding, expireAt, value.length, inv.now());
        }
        keyspace.memory().write(entry, keyspace.inlineOffset(entry), value, 0, value.length);
        return entry;
    }

    /** Throws the size error unless a string of {@code length} bytes is allowed. */
    public static void checkLength(long length) {
        if (length > ErrorText.MAX_STRING_LENGTH) {
            throw ErrorText.of(ErrorText.STRING_TOO_LONG);
        }
    }
}
