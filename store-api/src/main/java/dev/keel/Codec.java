package dev.keel;

import java.nio.charset.StandardCharsets;

/**
 * Turns a user's keys and values into the bytes Keel stores, and back.
 *
 * <p>{@link #utf8()} is what {@link Store#commands()} uses; {@link #bytes()} passes byte arrays
 * through untouched. A codec must be a pure function: the same object encodes to the same bytes.
 *
 * <p><b>Thread safety:</b> implementations must be safe for concurrent use.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Codec<K, V> {

    /** Returns the bytes of {@code key}. */
    byte[] encodeKey(K key);

    /** Returns the key whose bytes are {@code bytes}. */
    K decodeKey(byte[] bytes);

    /** Returns the bytes of {@code value}. */
    byte[] encodeValue(V value);

    /** Returns the value whose bytes are {@code bytes}. */
    V decodeValue(byte[] bytes);

    /** Strings as UTF-8, for keys and values. */
    static Codec<String, String> utf8() {
        return Utf8Codec.INSTANCE;
    }

    /** Byte arrays as they are, for keys and values; arrays are not copied. */
    static Codec<byte[], byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }
}

/** The UTF-8 string codec. */
enum Utf8Codec implements Codec<String, String> {
    INSTANCE;

    @Override
    public byte[] encodeKey(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decodeKey(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] encodeValue(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decodeValue(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

/** The identity codec for byte arrays. */
enum BytesCodec implements Codec<byte[], byte[]> {
    INSTANCE;

    @Override
    public byte[] encodeKey(byte[] key) {
        return key;
    }

    @Override
    public byte[] decodeKey(byte[] bytes) {
        return bytes;
    }

    @Override
    public byte[] encodeValue(byte[] value) {
        return value;
    }

    @Override
    public byte[] decodeValue(byte[] bytes) {
        return bytes;
    }
}
