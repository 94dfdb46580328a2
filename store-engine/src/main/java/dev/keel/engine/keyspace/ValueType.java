package dev.keel.engine.keyspace;

/**
 * The type of a key's value, as TYPE names it. The ids are stored off-heap and never reused.
 */
public enum ValueType {
    /** A string, stored inline in the entry. */
    STRING(0, "string"),
    /** A list. */
    LIST(1, "list"),
    /** A set. */
    SET(2, "set"),
    /** A sorted set. */
    ZSET(3, "zset"),
    /** A hash. */
    HASH(4, "hash"),
    /** A stream. */
    STREAM(5, "stream");

    private static final ValueType[] BY_ID = values();

    private final byte id;
    private final String typeName;

    ValueType(int id, String typeName) {
        this.id = (byte) id;
        this.typeName = typeName;
    }

    /** Returns the id stored in an entry. */
    public byte id() {
        return id;
    }

    /** Returns the name TYPE answers. */
    public String typeName() {
        return typeName;
    }

    /** Returns the type with {@code id}. */
    public static ValueType ofId(byte id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalStateException("corrupt entry: unknown type id " + id);
        }
        return BY_ID[id];
    }

    /** Returns the type named {@code name} (case-insensitive), or {@code null}. */
    public static ValueType ofName(String name) {
        for (ValueType type : BY_ID) {
            if (type.typeName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
