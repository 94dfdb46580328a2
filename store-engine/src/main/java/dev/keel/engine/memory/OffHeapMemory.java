package dev.keel.engine.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store's off-heap memory: allocation by size class, and access by 64-bit handle.
 *
 * <pre>
 * Design
 *   Memory comes from the operating system in 256 KiB slabs (one shared Arena for all of them),
 *   each slab serving blocks of one size class (see SizeClasses). A class hands out blocks from
 *   its free list first, then by bumping through its current slab. A freed block goes on the
 *   free list of its class: its first 8 bytes hold the next free handle. Requests larger than
 *   32 KiB get a dedicated allocation in an Arena of its own, closed when the block is freed.
 *   Slabs are kept for reuse, never returned before close().
 *
 * Handles
 *   +------------------------------+------------------------------+
 *   | slab index (32 bits, 1-based)| byte offset in slab (32 bits)|
 *   +------------------------------+------------------------------+
 *   0 is the null handle. The slab of a handle gives its size class, so free() needs no header.
 *
 * Concurrency
 *   Each size class has its own monitor; the slab table is copy-on-grow behind a volatile
 *   reference. Accessors take no lock: the caller owns the block it reads or writes (the
 *   keyspace's stripe lock publishes it). Every access is bounds-checked by the FFM API, so a
 *   stale handle reads wrong bytes or throws, and never crashes the JVM; after close() every
 *   access throws IllegalStateException.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use; a block must not be accessed after it is freed.
 */
public final class OffHeapMemory implements AutoCloseable {
    /** Slab size: 256 KiB. */
    static final int SLAB_SIZE = 1 << 18;
    private static final byte HUGE = -1;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle ARRAY_LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final SizeClass[] classes = new SizeClass[SizeClasses.COUNT];
    private final Object slabLock = new Object();
    private final LongAdder usedBytes = new LongAdder();
    private final LongAdder allocations = new LongAdder();
    private final LongAdder reservedBytes = new LongAdder();

    private volatile MemorySegment[] slabs = new MemorySegment[64];
    /*
     * Read without the lock: a handle reaches another thread only through a lock (the keyspace's
     * stripe lock) taken after its slab was registered, which orders the registration first.
     */
    private volatile byte[] slabClass = new byte[64];
    private Arena[] hugeArenas = new Arena[64];
    private int slabCount = 1;
    private int[] freeSlots = new int[16];
    private int freeSlotCount;
    private volatile boolean closed;

    /** Creates an empty memory; nothing is reserved until the first allocation. */
    public OffHeapMemory() {
        for (int i = 0; i < classes.length; i++) {
            classes[i] = new SizeClass(i, SizeClasses.size(i));
        }
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Allocates a block of at least {@code bytes} bytes, whose content is undefined.
     *
     * @return the block's handle, never 0
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws IllegalStateException if the memory is closed
     */
    public long allocate(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("allocation size must be positive, was " + bytes);
        }
        if (bytes > SizeClasses.MAX_SMALL) {
            return allocateHuge(bytes);
        }
        SizeClass sizeClass = classes[SizeClasses.indexOf((int) bytes)];
        long handle;
        synchronized (sizeClass) {
            checkOpen();
            handle = sizeClass.take(this);
        }
        usedBytes.add(sizeClass.size);
        allocations.increment();
        return handle;
    }

    /** Allocates a block of {@code bytes} bytes, all zero. */
    public long allocateZeroed(long bytes) {
        long handle = allocate(bytes);
        segment(handle).asSlice(offset(handle), bytes).fill((byte) 0);
        return handle;
    }

    /**
     * Frees the block {@code handle}; 0 is ignored. The block must not be used afterwards.
     *
     * @throws IllegalStateException if the memory is closed
     */
    public void free(long handle) {
        if (handle == 0) {
            return;
        }
        int slab = slabIndex(handle);
        byte cls = slabClass[slab];
        if (cls == HUGE) {
            synchronized (slabLock) {
                checkOpen();
                freeHuge(slab);
            }
            return;
        }
        SizeClass sizeClass = classes[cls];
        synchronized (sizeClass) {
            checkOpen();
            sizeClass.give(this, handle);
        }
        usedBytes.add(-sizeClass.size);
        allocations.decrement();
    }

    /** Returns the usable size of the block {@code handle}: its size class, or its exact size if huge. */
    public long capacity(long handle) {
        int slab = slabIndex(handle);
        byte cls = slabClassOf(slab);
        return cls == HUGE ? slabs[slab].byteSize() : SizeClasses.size(cls);
    }

    /** Returns the block size that {@link #allocate(long)} would use for {@code bytes}. */
    public static long sizeFor(long bytes) {
        return bytes > SizeClasses.MAX_SMALL ? bytes : SizeClasses.size(SizeClasses.indexOf((int) Math.max(1, bytes)));
    }

    private byte slabClassOf(int slab) {
        return slabClass[slab];
    }

    private long allocateHuge(long bytes) {
        Arena own = Arena.ofShared();
        MemorySegment segment;
        try {
            segment = own.allocate(bytes, 16);
        } catch (OutOfMemoryError e) {
            own.close();
            throw e;
        }
        int slab;
        synchronized (slabLock) {
            if (closed) {
                own.close();
                throw closedException();
            }
            slab = addSlab(segment, HUGE);
            hugeArenas[slab] = own;
        }
        usedBytes.add(bytes);
        reservedBytes.add(bytes);
        allocations.increment();
        return handle(slab, 0);
    }

    /** Caller holds slabLock. */
    private void freeHuge(int slab) {
        long bytes = slabs[slab].byteSize();
        Arena own = hugeArenas[slab];
        hugeArenas[slab] = null;
        MemorySegment[] table = slabs;
        table[slab] = null;
        slabClass[slab] = 0;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeSlotCount++] = slab;
        own.close();
        usedBytes.add(-bytes);
        reservedBytes.add(-bytes);
        allocations.decrement();
    }

    /** Reserves a new slab for {@code sizeClass}; returns its index. */
    int newSlab(int sizeClass) {
        MemorySegment segment = arena.allocate(SLAB_SIZE, 16);
        synchronized (slabLock) {
            checkOpen();
            reservedBytes.add(SLAB_SIZE);
            return addSlab(segment, (byte) sizeClass);
        }
    }

    /** Caller holds slabLock. */
    private int addSlab(MemorySegment segment, byte cls) {
        int slab;
        if (freeSlotCount > 0) {
            slab = freeSlots[--freeSlotCount];
        } else {
            slab = slabCount++;
            if (slab >= slabClass.length) {
                int size = slabClass.length * 2;
                slabClass = Arrays.copyOf(slabClass, size);
                hugeArenas = Arrays.copyOf(hugeArenas, size);
                MemorySegment[] grown = Arrays.copyOf(slabs, size);
                slabs = grown;
            }
        }
        MemorySegment[] table = slabs;
        table[slab] = segment;
        slabClass[slab] = cls;
        slabs = table;
        return slab;
    }

    // ------------------------------------------------------------------ statistics

    /** Returns the bytes handed out, counted by size class. */
    public long usedBytes() {
        return usedBytes.sum();
    }

    /** Returns the bytes reserved from the operating system. */
    public long reservedBytes() {
        return reservedBytes.sum();
    }

    /** Returns the number of live blocks. */
    public long allocations() {
        return allocations.sum();
    }

    // ------------------------------------------------------------------ access

    static long handle(int slab, int offset) {
        return ((long) slab << 32) | (offset & 0xFFFF_FFFFL);
    }

    static int slabIndex(long handle) {
        return (int) (handle >>> 32);
    }

    private static long offset(long handle) {
        return handle & 0xFFFF_FFFFL;
    }

    private MemorySegment segment(long handle) {
        MemorySegment[] table = slabs;
        int slab = slabIndex(handle);
        MemorySegment segment = slab < table.length ? table[slab] : null;
        if (segment == null) {
            throw closed ? closedException() : new IllegalStateException("invalid off-heap handle " + Long.toHexString(handle));
        }
        return segment;
    }

    /** Reads the long at {@code offset} of block {@code handle}. */
    public long getLong(long handle, long offset) {
        return segment(handle).get(LONG, offset(handle) + offset);
    }

    /** Writes the long at {@code offset} of block {@code handle}. */
    public void putLong(long handle, long offset, long value) {
        segment(handle).set(LONG, offset(handle) + offset, value);
    }

    /** Reads the int at {@code offset} of block {@code handle}. */
    public int getInt(long handle, long offset) {
        return segment(handle).get(INT, offset(handle) + offset);
    }

    /** Writes the int at {@code offset} of block {@code handle}. */
    public void putInt(long handle, long offset, int value) {
        segment(handle).set(INT, offset(handle) + offset, value);
    }

    /** Reads the byte at {@code offset} of block {@code handle}. */
    public byte getByte(long handle, long offset) {
        return segment(handle).get(ValueLayout.JAVA_BYTE, offset(handle) + offset);
    }

    /** Writes the byte at {@code offset} of block {@code handle}. */
    public void putByte(long handle, long offset, byte value) {
        segment(handle).set(ValueLayout.JAVA_BYTE, offset(handle) + offset, value);
    }

    /**
     * Returns the bytes of the varint of {@code value}: an unsigned integer written 7 bits a byte,
     * low group first, the high bit of a byte meaning "more follow".
     */
    public static int varintLength(int value) {
        int bytes = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            bytes++;
        }
        return bytes;
    }

    /** Reads the varint at {@code offset} of block {@code handle}; a run longer than an int is corrupt. */
    public int getVarint(long handle, long offset) {
        int value = 0;
        int shift = 0;
        long at = offset;
        while (true) {
            int b = getByte(handle, at++) & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalStateException("corrupt varint at offset " + offset);
            }
        }
    }

    /** Writes {@code value} as a varint at {@code offset} of block {@code handle}; returns the offset after it. */
    public long putVarint(long handle, long offset, int value) {
        long at = offset;
        int rest = value;
        while (rest >= 0x80) {
            putByte(handle, at++, (byte) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        putByte(handle, at++, (byte) rest);
        return at;
    }

    /** Returns the bytes of the varint of the unsigned 64-bit {@code value} (1 to 10). */
    public static int varlongLength(long value) {
        int bytes = 1;
        for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
            bytes++;
        }
        return bytes;
    }

    /** Reads the unsigned 64-bit varint at {@code offset} of block {@code handle}; a run past 10 bytes is corrupt. */
    public long getVarlong(long handle, long offset) {
        long value = 0;
        int shift = 0;
        long at = offset;
        while (true) {
            long b = getByte(handle, at++) & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalStateException("corrupt varint at offset " + offset);
            }
        }
    }

    /** Writes the unsigned 64-bit {@code value} as a varint at {@code offset} of block {@code handle}; returns the offset after it. */
    public long putVarlong(long handle, long offset, long value) {
        long at = offset;
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            putByte(handle, at++, (byte) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        putByte(handle, at++, (byte) rest);
        return at;
    }

    /** Copies {@code length} bytes from block {@code handle} at {@code offset} into {@code target}. */
    public void read(long handle, long offset, byte[] target, int targetOffset, int length) {
        MemorySegment.copy(segment(handle), ValueLayout.JAVA_BYTE, offset(handle) + offset, target, targetOffset, length);
    }

    /** Returns a new array holding {@code length} bytes of block {@code handle} from {@code offset}. */
    public byte[] read(long handle, long offset, int length) {
        byte[] bytes = new byte[length];
        read(handle, offset, bytes, 0, length);
        return bytes;
    }

    /** Copies {@code length} bytes of {@code source} from {@code sourceOffset} into block {@code handle} at {@code offset}. */
    public void write(long handle, long offset, byte[] source, int sourceOffset, int length) {
        MemorySegment.copy(source, sourceOffset, segment(handle), ValueLayout.JAVA_BYTE, offset(handle) + offset, length);
    }

    /** Copies {@code length} bytes between blocks; the ranges may overlap. */
    public void copy(long sourceHandle, long sourceOffset, long targetHandle, long targetOffset, long length) {
        MemorySegment.copy(segment(sourceHandle), offset(sourceHandle) + sourceOffset,
                segment(targetHandle), offset(targetHandle) + targetOffset, length);
    }

    /** Sets {@code length} bytes of block {@code handle} from {@code offset} to {@code value}. */
    public void fill(long handle, long offset, long length, byte value) {
        segment(handle).asSlice(offset(handle) + offset, length).fill(value);
    }

    /** Returns whether {@code length} bytes of block {@code handle} at {@code offset} equal {@code bytes}. */
    public boolean equals(long handle, long offset, byte[] bytes) {
        return mismatch(segment(handle), offset(handle) + offset, bytes.length, bytes) < 0;
    }

    /**
     * Compares {@code length} bytes of block {@code handle} at {@code offset} with {@code bytes},
     * as unsigned bytes, then by length: negative, zero or positive as the stored bytes sort
     * before, equal to or after {@code bytes}.
     */
    public int compare(long handle, long offset, int length, byte[] bytes) {
        MemorySegment segment = segment(handle);
        long start = offset(handle) + offset;
        int common = Math.min(length, bytes.length);
        int mismatch = mismatch(segment, start, common, bytes);
        if (mismatch < 0) {
            return Integer.compare(length, bytes.length);
        }
        return Integer.compare(segment.get(ValueLayout.JAVA_BYTE, start + mismatch) & 0xFF, bytes[mismatch] & 0xFF);
    }

    /**
     * Returns the index of the first of {@code length} bytes at {@code start} of {@code segment}
     * that differs from {@code bytes} (which holds at least {@code length}), or -1. Eight bytes at
     * a time, without wrapping the array in a segment: this runs for every key and field compared,
     * and the wrapper was not always optimised away.
     */
    private static int mismatch(MemorySegment segment, long start, int length, byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long stored = segment.get(LONG_LE, start + i);
            long given = (long) ARRAY_LONG_LE.get(bytes, i);
            if (stored != given) {
                return i + Long.numberOfTrailingZeros(stored ^ given) / Byte.SIZE;
            }
        }
        for (; i < length; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, start + i) != bytes[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns a block that holds {@code needed} bytes and keeps the first {@code used} bytes of
     * {@code block}: the block itself if it is big enough, else a copy half again as big (the
     * old block is freed). For packed values that grow in place; {@code what} names them in the
     * error for a size past 2 GiB.
     */
    public long ensureCapacity(long block, long used, long needed, String what) {
        if (needed > Integer.MAX_VALUE) {
            throw new IllegalStateException(what + " too large: " + needed + " bytes");
        }
        long capacity = capacity(block);
        if (needed <= capacity) {
            return block;
        }
        return moveBlock(block, used, sizeFor(Math.max(needed, capacity + capacity / 2)));
    }

    /**
     * Returns {@code block}, or a smaller copy of its first {@code used} bytes when they take less
     * than half of it (the old block is freed); never smaller than {@code minimum} bytes.
     */
    public long shrinkToFit(long block, long used, long minimum) {
        long needed = Math.max(minimum, used);
        if (needed * 2 >= capacity(block)) {
            return block;
        }
        return moveBlock(block, used, sizeFor(needed + needed / 4));
    }

    /**
     * Returns {@code block}, or a copy of its first {@code used} bytes in the smallest block that
     * holds them when that is smaller (the old block is freed): for a block that is full and will
     * not grow again.
     */
    public long fitToSize(long block, long used) {
        long fitted = sizeFor(Math.max(used, 1));
        return fitted < capacity(block) ? moveBlock(block, used, fitted) : block;
    }

    private long moveBlock(long block, long used, long capacity) {
        long moved = allocate(capacity);
        copy(block, 0, moved, 0, used);
        free(block);
        return moved;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /** Frees all memory. Idempotent. Any later access throws {@link IllegalStateException}. */
    @Override
    public void close() {
        synchronized (slabLock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Arena own : hugeArenas) {
                if (own != null) {
                    own.close();
                }
            }
            Arrays.fill(hugeArenas, null);
            slabs = new MemorySegment[1];
            arena.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("the store is closed");
    }

    /** One size class: its free list and its bump slab. Guarded by its own monitor. */
    private static final class SizeClass {
        final int index;
        final int size;
        long freeHead;
        int bumpSlab;
        int bumpOffset;

        SizeClass(int index, int size) {
            this.index = index;
            this.size = size;
        }

        long take(OffHeapMemory memory) {
            if (freeHead != 0) {
                long handle = freeHead;
                freeHead = memory.getLong(handle, 0);
                return handle;
            }
            if (bumpSlab == 0 || bumpOffset + size > SLAB_SIZE) {
                bumpSlab = memory.newSlab(index);
                bumpOffset = 0;
            }
            long handle = handle(bumpSlab, bumpOffset);
            bumpOffset += size;
            return handle;
        }

        void give(OffHeapMemory memory, long handle) {
            memory.putLong(handle, 0, freeHead);
            freeHead = handle;
        }
    }
}
