package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Keel;
import dev.keel.Reply;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Active field expiry: with the housekeeping thread on, expired fields and the hashes they empty
 * go away on the {@link dev.keel.engine.ManualClock} without any command touching the hash. The
 * tests watch only what does not read a hash's fields (DBSIZE, OBJECT ENCODING, memory), polling
 * until a deadline.
 */
class HashActiveExpiryTest extends AbstractFieldMapTest {
    private static final long PATIENCE_SECONDS = 10;

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return super.configure(builder).activeExpiry(true);
    }

    /** Polls {@code condition} until it holds or {@link #PATIENCE_SECONDS} pass; fails with {@code state} then. */
    private static void await(BooleanSupplier condition, String what, Supplier<Object> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + PATIENCE_SECONDS + " s; still " + state.get());
            }
            Thread.sleep(5);
        }
    }

    private long dbsize() {
        return ((Reply.Int) exec("DBSIZE")).value();
    }

    private long usedBytes() {
        return store.memoryStats().usedBytes();
    }

    @Test
    void hashesWhoseFieldsAllExpire_areRemovedWithoutAccess() throws InterruptedException {
        exec("SET", "kept", "a string");
        long keptOnly = usedBytes();
        for (int h = 0; h < 50; h++) {
            hset("h" + h, numberedFields("f", 1 + h % 12));
            String[] argv = new String[5 + 1 + h % 12];
            argv[0] = "HPEXPIRE";
            argv[1] = "h" + h;
            argv[2] = Integer.toString(100 + h);
            argv[3] = "FIELDS";
            argv[4] = Integer.toString(1 + h % 12);
            System.arraycopy(numbered("f", 1 + h % 12), 0, argv, 5, 1 + h % 12);
            exec(argv);
        }
        assertEquals(integer(51), exec("DBSIZE"));
        clock.advanceMillis(1_000);
        await(() -> dbsize() == 1, "every hash removed", this::dbsize);
        await(() -> usedBytes() == keptOnly, "every byte of the hashes freed", this::usedBytes);
        assertEquals(bulk("a string"), exec("GET", "kept"));
    }

    @Test
    void expiredFieldsOfALiveHash_areRemovedWithoutAccess() throws InterruptedException {
        hset("big", "perm", "1");
        hset("small", "perm", "1", "volatile", "2");
        exec("HPEXPIRE", "small", "100", "FIELDS", "1", "volatile");
        long withoutVolatile = usedBytes();
        hset("big", numberedFields("volatile-", 300));
        for (int i = 0; i < 300; i += 50) {
            String[] argv = new String[55];
            argv[0] = "HPEXPIRE";
            argv[1] = "big";
            argv[2] = "100";
            argv[3] = "FIELDS";
            argv[4] = "50";
            System.arraycopy(numbered("volatile-", 300), i, argv, 5, 50);
            exec(argv);
        }
        assertEquals(packedExpiringHash(), encoding("small"));
        clock.advanceMillis(101);
        // The 300 fields took well over 4 KiB; what stays is a small table, possibly mid-shrink.
        await(() -> usedBytes() <= withoutVolatile + 4096, "the volatile fields freed", this::usedBytes);
        if (hashesPack()) {
            await(() -> encoding("small").equals("listpack"), "small without expiry slots", () -> encoding("small"));
        }
        assertEquals(integer(2), exec("DBSIZE"));
        assertHash("big", java.util.Map.of("perm", "1"));
        assertHash("small", java.util.Map.of("perm", "1"));
    }

    @Test
    void hashWithKeyExpiryToo_removedByItsFields_keepsTheKeyCounts() throws InterruptedException {
        for (int h = 0; h < 20; h++) {
            hset("h" + h, "a", "1");
            exec("EXPIRE", "h" + h, "3600");
            exec("HPEXPIRE", "h" + h, "50", "FIELDS", "1", "a");
        }
        clock.advanceMillis(51);
        await(() -> dbsize() == 0, "every hash removed", this::dbsize);
        assertEquals(null, ((dev.keel.engine.OffHeapStore) store).verifyIntegrity(), "volatile key counts");
        hset("again", "a", "1");
        exec("EXPIRE", "again", "1");
        clock.advanceMillis(1_001);
        await(() -> dbsize() == 0, "the key expired as a key", this::dbsize);
    }

    @Test
    void fieldsGettingAnExpiryLater_areStillSwept() throws InterruptedException {
        hset("first", "a", "1");
        exec("HPEXPIRE", "first", "10", "FIELDS", "1", "a");
        clock.advanceMillis(11);
        await(() -> dbsize() == 0, "the first hash removed", this::dbsize);
        // Housekeeping may now have forgotten that anything has field expiry; a new expiry must wake it.
        hset("second", "a", "1", "b", "2");
        exec("HPEXPIRE", "second", "10", "FIELDS", "2", "a", "b");
        clock.advanceMillis(11);
        await(() -> dbsize() == 0, "the second hash removed", this::dbsize);
    }

    /**
     * COPY must tell the destination's stripe that its new value has fields with an expiry, or
     * housekeeping never sweeps it (only the source's stripe was marked). 32 copies land in
     * stripes other than the source's with near certainty.
     */
    @Test
    void copiedHashWithFieldExpiry_isRemovedWithoutAccess() throws InterruptedException {
        hset("src", "a", "1", "b", "2");
        exec("HPEXPIRE", "src", "100", "FIELDS", "2", "a", "b");
        for (int i = 0; i < 32; i++) {
            assertEquals(integer(1), exec("COPY", "src", "copy:" + i));
        }
        exec("DEL", "src");
        clock.advanceMillis(101);
        await(() -> dbsize() == 0, "every copy removed by active expiry", this::dbsize);
    }

    /** As for COPY: RENAME must not move a hash with field expiry into a stripe that is never swept. */
    @Test
    void renamedHashWithFieldExpiry_isRemovedWithoutAccess() throws InterruptedException {
        for (int i = 0; i < 32; i++) {
            hset("src:" + i, "a", "1");
            exec("HPEXPIRE", "src:" + i, "100", "FIELDS", "1", "a");
            assertEquals(Reply.OK, exec("RENAME", "src:" + i, "renamed:" + i));
        }
        clock.advanceMillis(101);
        await(() -> dbsize() == 0, "every renamed hash removed by active expiry", this::dbsize);
        await(() -> usedBytes() == baselineBytes(), "every byte freed", this::usedBytes);
    }
}
