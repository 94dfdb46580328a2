package dev.keel.engine.hash;

/**
 * The encoding ids of hashes and sets, stored in the key's entry and never reused, and the
 * names OBJECT ENCODING gives them.
 */
public final class FieldEncoding {
    /** One packed block of entries ({@link PackedFieldsDescriptor}). */
    public static final byte PACKED = 0;
    /** One packed block whose entries carry an expiry (hashes with field expiry only). */
    public static final byte PACKED_EXPIRING = 1;
    /** An off-heap hash table ({@link FieldTableDescriptor}). */
    public static final byte TABLE = 2;

    private FieldEncoding() {
    }

    /** Returns the name OBJECT ENCODING gives {@code encoding}. */
    public static String name(byte encoding) {
        return switch (encoding) {
            case PACKED -> "listpack";
            case PACKED_EXPIRING -> "listpackex";
            case TABLE -> "hashtable";
            default -> throw new IllegalStateException("corrupt value: unknown encoding " + encoding);
        };
    }
}
