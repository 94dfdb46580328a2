package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lazy field expiry in hashes too big to purge whole for every command (more than
 * {@link FieldValues#EAGER_PURGE_LIMIT} fields): a command meeting an expired field sees it
 * absent (and drops it), whole-hash commands drop every due field, and the key goes with its
 * last field, whichever way that field is met.
 */
class BigHashLazyExpiryTest extends AbstractFieldMapTest {
    private static final int FIELDS = (int) FieldValues.EAGER_PURGE_LIMIT + 200;

    private void expire(String key, long millis, int from, int to) {
        for (int start = from; start < to; start += 100) {
            List<String> argv = new ArrayList<>(List.of("HPEXPIRE", key, Long.toString(millis), "FIELDS",
                    Integer.toString(Math.min(100, to - start))));
            for (int i = start; i < Math.min(to, start + 100); i++) {
                argv.add("f" + i);
            }
            exec(argv.toArray(new String[0]));
        }
    }

    @Test
    void pointCommands_onExpiredFieldsOfABigHash_seeThemAbsent() {
        Map<String, String> fields = numberedFields("f", FIELDS);
        hset("k", fields);
        expire("k", 100, 0, 10);
        clock.advanceMillis(101);
        assertEquals(Reply.NIL, exec("HGET", "k", "f0"));
        assertEquals(integer(0), exec("HEXISTS", "k", "f1"));
        assertEquals(integer(0), exec("HSTRLEN", "k", "f2"));
        assertEquals(array(-2L), exec("HPTTL", "k", "FIELDS", "1", "f3"));
        assertEquals(array(-2L), exec("HEXPIRE", "k", "10", "FIELDS", "1", "f4"));
        assertEquals(array(-2L), exec("HPERSIST", "k", "FIELDS", "1", "f5"));
        assertEquals(integer(0), exec("KEEL.HCAS", "k", "f6", "v6", "x"));
        assertEquals(integer(0), exec("HDEL", "k", "f7"));
        assertEquals(integer(1), exec("HSETNX", "k", "f8", "new"));
        assertEquals(integer(5), exec("HINCRBY", "k", "f9", "5"));
        assertEquals(array(-1L, -1L), exec("HPTTL", "k", "FIELDS", "2", "f8", "f9"), "a new field, no expiry");
        Map<String, String> expected = new HashMap<>(fields);
        for (int i = 0; i < 8; i++) {
            expected.remove("f" + i);
        }
        expected.put("f8", "new");
        expected.put("f9", "5");
        assertHash("k", expected);
    }

    @Test
    void wholeHashCommands_dropEveryDueField() {
        hset("k", numberedFields("f", FIELDS));
        expire("k", 100, 0, FIELDS - 1);
        clock.advanceMillis(101);
        assertEquals(integer(1), exec("HLEN", "k"));
        assertHash("k", Map.of("f" + (FIELDS - 1), "v" + (FIELDS - 1)));
        assertEquals(packedHash(), encoding("k"), "one field left: packed again");
    }

    @Test
    void lastFieldMetByAPointCommand_removesTheKey() {
        hset("k", numberedFields("f", FIELDS));
        expire("k", 100, 0, FIELDS);
        clock.advanceMillis(101);
        for (int i = 0; i < FIELDS; i++) {
            assertEquals(Reply.NIL, exec("HGET", "k", "f" + i));
        }
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes(), "every byte freed");
        hset("k", "a", "1");
        assertHash("k", Map.of("a", "1"));
    }

    @Test
    void writerOnABigHashWhoseFieldsAllExpired_keepsWhatItWrites() {
        hset("k", numberedFields("f", FIELDS));
        expire("k", 100, 0, FIELDS);
        clock.advanceMillis(101);
        assertEquals(integer(1), exec("HSET", "k", "f0", "fresh"));
        assertEquals(integer(1), exec("HLEN", "k"));
        assertHash("k", Map.of("f0", "fresh"));
        assertEquals(array(-1L), exec("HPTTL", "k", "FIELDS", "1", "f0"));
    }
}
