package dev.keel.engine.memory;

/**
 * The size classes of {@link OffHeapMemory}: 16-byte steps up to 128 bytes, then four classes
 * per power of two (160, 192, 224, 256, 320, ...) up to {@link #MAX_SMALL} bytes. A request is
 * served from the smallest class that holds it, so at most a fifth of a block is ever wasted
 * past 128 bytes.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class SizeClasses {
    /** The smallest block: room for the free-list link. */
    static final int MIN_SIZE = 16;
    /** The largest size served from slabs; larger requests get a dedicated allocation. */
    static final int MAX_SMALL = 32 * 1024;
    /** The number of size classes. */
    static final int COUNT = 8 + 4 * 8;

    private static final int[] SIZES = new int[COUNT];

    static {
        for (int i = 0; i < 8; i++) {
            SIZES[i] = (i + 1) * 16;
        }
        int index = 8;
        for (int power = 7; power <= 14; power++) {
            int base = 1 << power;
            int quarter = base >> 2;
            for (int step = 1; step <= 4; step++) {
                SIZES[index++] = base + step * quarter;
            }
        }
    }

    private SizeClasses() {
    }

    /** Returns the block size of class {@code index}. */
    static int size(int index) {
        return SIZES[index];
    }

    /** Returns the class serving {@code bytes} (1 to {@link #MAX_SMALL}). */
    static int indexOf(int bytes) {
        if (bytes <= 128) {
            return bytes <= MIN_SIZE ? 0 : (bytes + 15) / 16 - 1;
        }
        int power = 31 - Integer.numberOfLeadingZeros(bytes - 1);
        int base = 1 << power;
        int quarter = base >> 2;
        int step = (bytes - base + quarter - 1) / quarter;
        return 8 + (power - 7) * 4 + step - 1;
    }
}
