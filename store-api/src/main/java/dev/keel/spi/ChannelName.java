package dev.keel.spi;

import java.util.Arrays;

/**
 * A pub/sub channel name or pattern as bytes, compared by content: the key of the maps that hold
 * subscriptions.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use; it owns a copy of the bytes.
 */
public final class ChannelName {
    private final byte[] bytes;
    private final int hash;

    /** Makes the name of {@code bytes}, copied. */
    public ChannelName(byte[] bytes) {
        this(bytes.clone(), true);
    }

    private ChannelName(byte[] owned, boolean unused) {
        this.bytes = owned;
        this.hash = Arrays.hashCode(owned);
    }

    /** Makes the name of {@code bytes} without copying them: the caller must never change the array. */
    public static ChannelName wrap(byte[] bytes) {
        return new ChannelName(bytes, true);
    }

    /** Returns the bytes; the caller must not change them. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelName name && name.hash == hash && Arrays.equals(name.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
