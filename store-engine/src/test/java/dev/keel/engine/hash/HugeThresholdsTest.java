package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import org.junit.jupiter.api.Test;

/**
 * Thresholds set far past what a packed block can sensibly hold: a hash or set still leaves the
 * packed encoding at {@link FieldMap#MAX_PACKED_BYTES}, instead of asking for a block the
 * allocator cannot give (or failing half way through a command).
 */
class HugeThresholdsTest extends AbstractCommandTest {
    private static final String BIG = "x".repeat(300_000);

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(Thresholds.defaults()
                .withHashMaxPacked(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .withSetMaxPacked(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void hset_pastTheBlockCap_becomesAHashTableAndKeepsEveryField() {
        assertEquals(integer(5), exec("HSET", "h", "a", BIG, "b", BIG, "c", BIG, "d", BIG, "e", BIG));
        assertEquals(new Reply.Bulk(("hashtable").getBytes()), exec("OBJECT", "ENCODING", "h"));
        assertEquals(integer(BIG.length()), exec("HSTRLEN", "h", "e"));
        assertEquals(integer(4), exec("HDEL", "h", "a", "b", "c", "d"));
        assertEquals(new Reply.Bulk(("listpack").getBytes()), exec("OBJECT", "ENCODING", "h"));
        assertEquals(integer(BIG.length()), exec("HSTRLEN", "h", "e"));
    }

    @Test
    void sadd_pastTheBlockCap_becomesAHashTable() {
        assertEquals(integer(4), exec("SADD", "s", BIG + "1", BIG + "2", BIG + "3", BIG + "4"));
        assertEquals(new Reply.Bulk(("hashtable").getBytes()), exec("OBJECT", "ENCODING", "s"));
        assertEquals(integer(4), exec("SCARD", "s"));
    }
}
