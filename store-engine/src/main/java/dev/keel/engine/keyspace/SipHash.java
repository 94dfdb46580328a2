package dev.keel.engine.keyspace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * SipHash-1-3 (Aumasson and Bernstein's keyed hash, with one compression and three finalization
 * rounds), keyed with 128 random bits per store. Without the key nobody can choose keys that
 * collide, so no client can flood a bucket.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class SipHash {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long k0;
    private final long k1;
    private final int compressionRounds;
    private final int finalizationRounds;

    /** Creates SipHash-1-3 with the given 128-bit key. */
    public SipHash(long k0, long k1) {
        this(k0, k1, 1, 3);
    }

    /** Creates SipHash-c-d; tests use 2-4 to check against the published vectors. */
    SipHash(long k0, long k1, int compressionRounds, int finalizationRounds) {
        this.k0 = k0;
        this.k1 = k1;
        this.compressionRounds = compressionRounds;
        this.finalizationRounds = finalizationRounds;
    }

    /** Creates a hash with a key from a {@link SecureRandom}. */
    public static SipHash random() {
        SecureRandom random = new SecureRandom();
        return new SipHash(random.nextLong(), random.nextLong());
    }

    /** Returns the 64-bit SipHash of {@code data}. */
    public long hash(byte[] data) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int length = data.length;
        int end = length & ~7;
        for (int i = 0; i <= end; i += 8) {
            long m;
            if (i < end) {
                m = (long) LONG_LE.get(data, i);
            } else {
                m = ((long) length) << 56;
                for (int j = length - 1; j >= end; j--) {
                    m |= (data[j] & 0xFFL) << ((j - end) * 8);
                }
            }
            v3 ^= m;
            for (int round = 0; round < compressionRounds; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int round = 0; round < finalizationRounds; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
