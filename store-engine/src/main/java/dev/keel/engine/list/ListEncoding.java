package dev.keel.engine.list;

/** The encodings of a list; the ids are stored off-heap and never reused. */
public final class ListEncoding {
    /** One packed block of entries ({@code listpack}). */
    public static final byte PACKED = 0;
    /** A doubly linked sequence of packed nodes ({@code quicklist}). */
    public static final byte NODES = 1;

    private ListEncoding() {
    }

    /** Returns the name OBJECT ENCODING reports. */
    public static String name(byte id) {
        return id == PACKED ? "listpack" : "quicklist";
    }
}
