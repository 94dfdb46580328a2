package dev.keel.engine.stream;

/**
 * The layout of an {@link IdMap}: a fixed header, a directory of chunks, and the chunks.
 *
 * <pre>
 * Header (32 bytes; its handle never changes)
 *  0               8               16      20      24      28
 *  +---------------+---------------+-------+-------+-------+-------+
 *  | records       | directory     | chunks| dir.  | value | (0)   |
 *  |               | (0: none)     |       | slots | bytes |       |
 *  +---------------+---------------+-------+-------+-------+-------+
 *
 * Directory: one slot per chunk, ordered by the chunks' first IDs
 *  +---------------+---------------+---------------+
 *  | first ms      | first seq     | chunk         |   x directory slots
 *  +---------------+---------------+---------------+
 *
 * Chunk: up to chunkCapacity(value bytes) records in ID order
 *  0       4       8
 *  +-------+-------+----------------------------------------------+-----
 *  | count | (0)   | ms (8) | seq (8) | value (value bytes)       | ...
 *  +-------+-------+----------------------------------------------+-----
 * </pre>
 *
 * IDs compare as unsigned 64-bit numbers, milliseconds first.
 */
final class IdMapDescriptor {
    static final int SIZE_OFFSET = 0;
    static final int DIRECTORY_OFFSET = 8;
    static final int CHUNKS_OFFSET = 16;
    static final int SLOTS_OFFSET = 20;
    static final int VALUE_BYTES_OFFSET = 24;
    static final int HEADER_LENGTH = 32;

    static final int DIRECTORY_SLOT_LENGTH = 24;
    /** Where a directory slot's first ID and chunk are, from the slot's start. */
    static final int SLOT_MS_OFFSET = 0;
    static final int SLOT_SEQ_OFFSET = 8;
    static final int SLOT_CHUNK_OFFSET = 16;
    /** Where a record's ID and value are, from the record's start. */
    static final int RECORD_MS_OFFSET = 0;
    static final int RECORD_SEQ_OFFSET = 8;
    static final int RECORD_VALUE_OFFSET = 16;
    static final int CHUNK_HEADER_LENGTH = 8;
    /** A chunk's records fit in about 1 KiB. */
    static final int CHUNK_BYTES = 1024;

    private IdMapDescriptor() {
    }

    /** Returns the length of one record with {@code valueBytes} of value. */
    static int recordLength(int valueBytes) {
        return RECORD_VALUE_OFFSET + valueBytes;
    }

    /** Returns how many records one chunk holds. */
    static int chunkCapacity(int valueBytes) {
        return (CHUNK_BYTES - CHUNK_HEADER_LENGTH) / recordLength(valueBytes);
    }
}
