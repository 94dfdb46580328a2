package dev.keel.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffHeapMemoryTest {

    @Test
    void sizeClasses_everySizeUpToTheLimit_fitsItsClassWithLittleWaste() {
        for (int bytes = 1; bytes <= SizeClasses.MAX_SMALL; bytes++) {
            int index = SizeClasses.indexOf(bytes);
            int size = SizeClasses.size(index);
            assertTrue(size >= bytes, "class too small for " + bytes);
            if (index > 0) {
                assertTrue(SizeClasses.size(index - 1) < bytes, "a smaller class fits " + bytes);
            }
            if (bytes > 128) {
                assertTrue(size <= bytes * 1.25 + 1, "too much waste for " + bytes + ": " + size);
            }
        }
        assertEquals(SizeClasses.MAX_SMALL, SizeClasses.size(SizeClasses.COUNT - 1));
    }

    @Test
    void allocate_thenFree_accountsExactlyAndReusesBlocks() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            long a = memory.allocate(100);
            assertEquals(112, memory.usedBytes());
            assertEquals(1, memory.allocations());
            memory.free(a);
            assertEquals(0, memory.usedBytes());
            long b = memory.allocate(100);
            assertEquals(a, b, "a freed block is reused first");
            memory.free(b);
        }
    }

    @Test
    void allocate_blocksDoNotOverlap_andKeepTheirContent() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            List<Long> handles = new ArrayList<>();
            Set<Long> distinct = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                long handle = memory.allocate(8 + (i % 300));
                memory.putLong(handle, 0, i);
                handles.add(handle);
                assertTrue(distinct.add(handle));
            }
            for (int i = 0; i < handles.size(); i++) {
                assertEquals(i, memory.getLong(handles.get(i), 0));
            }
            for (long handle : handles) {
                memory.free(handle);
            }
            assertEquals(0, memory.usedBytes());
            assertEquals(0, memory.allocations());
        }
    }

    @Test
    void allocate_hugeBlock_isFreedBackToTheSystem() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            long reservedBefore = memory.reservedBytes();
            long huge = memory.allocate(1_000_000);
            assertEquals(1_000_000, memory.usedBytes());
            memory.fill(huge, 0, 1_000_000, (byte) 7);
            assertEquals(7, memory.getByte(huge, 999_999));
            memory.free(huge);
            assertEquals(0, memory.usedBytes());
            assertEquals(reservedBefore, memory.reservedBytes());
        }
    }

    @Test
    void readWrite_bytesRoundTrip_andCompareUnsigned() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            long handle = memory.allocate(64);
            byte[] data = {1, 2, (byte) 0xFF, 4};
            memory.write(handle, 10, data, 0, data.length);
            assertArrayEquals(data, memory.read(handle, 10, 4));
            assertTrue(memory.equals(handle, 10, data));
            assertEquals(0, memory.compare(handle, 10, 4, data));
            assertTrue(memory.compare(handle, 10, 4, new byte[] {1, 2, 3, 4}) > 0, "0xFF sorts after 3");
            assertTrue(memory.compare(handle, 10, 3, data) < 0, "a prefix sorts first");
        }
    }

    @Test
    void allocate_zeroOrNegative_isRefused() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            assertThrows(IllegalArgumentException.class, () -> memory.allocate(0));
            assertThrows(IllegalArgumentException.class, () -> memory.allocate(-5));
        }
    }

    @Test
    void access_afterClose_throwsIllegalState() {
        OffHeapMemory memory = new OffHeapMemory();
        long handle = memory.allocate(32);
        long huge = memory.allocate(100_000);
        memory.close();
        memory.close();
        assertThrows(IllegalStateException.class, () -> memory.getLong(handle, 0));
        assertThrows(IllegalStateException.class, () -> memory.getLong(huge, 0));
        assertThrows(IllegalStateException.class, () -> memory.allocate(10));
        assertThrows(IllegalStateException.class, () -> memory.free(handle));
    }

    @Test
    void access_outOfBlockBounds_throwsInsteadOfCrashing() {
        try (OffHeapMemory memory = new OffHeapMemory()) {
            long huge = memory.allocate(40_000);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.getLong(huge, 40_000));
            assertThrows(IllegalStateException.class, () -> memory.getLong(0xFFFF_0000_0000L, 0));
            assertNotEquals(0, huge);
        }
    }

    @Test
    void compareAndEquals_agreeWithArraysCompareUnsigned_atEveryLengthAndMismatch() {
        java.util.Random random = new java.util.Random(42);
        try (OffHeapMemory memory = new OffHeapMemory()) {
            for (int round = 0; round < 5_000; round++) {
                byte[] stored = new byte[random.nextInt(40)];
                random.nextBytes(stored);
                byte[] given = java.util.Arrays.copyOf(stored, Math.max(0, stored.length + random.nextInt(5) - 2));
                if (given.length > 0 && random.nextBoolean()) {
                    given[random.nextInt(given.length)] = (byte) random.nextInt(256);
                }
                long block = memory.allocate(Math.max(1, stored.length) + 3);
                memory.write(block, 3, stored, 0, stored.length);
                int expected = Integer.signum(java.util.Arrays.compareUnsigned(stored, given));
                assertEquals(expected, Integer.signum(memory.compare(block, 3, stored.length, given)),
                        java.util.HexFormat.of().formatHex(stored) + " vs " + java.util.HexFormat.of().formatHex(given));
                if (given.length <= stored.length) {
                    assertEquals(java.util.Arrays.equals(stored, 0, given.length, given, 0, given.length), memory.equals(block, 3, given));
                }
                memory.free(block);
            }
        }
    }
}
