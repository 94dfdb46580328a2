package dev.keel.engine.string;

import dev.keel.engine.command.Arguments;

/**
 * The encodings OBJECT ENCODING reports for strings, chosen by Redis's rules: {@code int} for a
 * value that is a strict 64-bit integer of at most 20 characters, {@code embstr} for other values
 * of at most 44 bytes, {@code raw} otherwise and after any in-place change (APPEND, SETRANGE).
 * Keel stores all three the same way, inline in the key's entry; the id only keeps the report
 * faithful. Ids are stored off-heap and never reused.
 */
public final class StringEncoding {
    /** {@code raw}. */
    public static final byte RAW = 0;
    /** {@code int}. */
    public static final byte INT = 1;
    /** {@code embstr}. */
    public static final byte EMBSTR = 2;

    private static final int EMBSTR_LIMIT = 44;

    private StringEncoding() {
    }

    /** Returns the encoding Redis would choose for a freshly stored {@code value}. */
    public static byte of(byte[] value) {
        if (value.length <= 20 && Arguments.isLong(value)) {
            return INT;
        }
        return value.length <= EMBSTR_LIMIT ? EMBSTR : RAW;
    }

    /** Returns the encoding of a value created from a formatted number (INCRBYFLOAT). */
    public static byte ofCreated(byte[] value) {
        return value.length <= EMBSTR_LIMIT ? EMBSTR : RAW;
    }

    /** Returns the name of encoding {@code id}. */
    public static String name(byte id) {
        return switch (id) {
            case INT -> "int";
            case EMBSTR -> "embstr";
            default -> "raw";
        };
    }
}
