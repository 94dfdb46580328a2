package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashes as keys under every encoding: TYPE, WRONGTYPE both ways with nothing changed, COPY
 * (deep, independent, same encoding), RENAME, and every byte freed whichever way a hash goes.
 */
class HashKeysTest extends AbstractFieldMapTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    @Test
    void type_ofAHash_isHash() {
        hset("k", "a", "1");
        assertEquals(new Reply.Status("hash"), exec("TYPE", "k"));
        assertEquals("hash", redis.type("k"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HSET s a 1", "HSETNX s a 1", "HGET s a", "HMGET s a", "HGETALL s", "HKEYS s", "HVALS s", "HLEN s",
        "HEXISTS s a", "HDEL s a", "HINCRBY s a 1", "HINCRBYFLOAT s a 1", "HSTRLEN s a", "HRANDFIELD s", "HRANDFIELD s 2",
        "HSCAN s 0", "HEXPIRE s 10 FIELDS 1 a", "HPTTL s FIELDS 1 a", "HPERSIST s FIELDS 1 a", "HGETEX s FIELDS 1 a",
        "HSETEX s FIELDS 1 a 1", "HGETDEL s FIELDS 1 a", "KEEL.HGETSET s a 1", "KEEL.HREPLACE s a 1", "KEEL.HCAS s a 1 2",
        "KEEL.HCAD s a 1"})
    void hashCommand_onAStringKey_isWrongTypeAndChangesNothing(String line) {
        exec("SET", "s", "string value");
        hset("h", "a", "1");
        assertRefusedUnchanged(WRONGTYPE, line.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET h", "APPEND h x", "INCR h", "LPUSH h x", "SADD h x", "SCARD h", "SMOVE h t a"})
    void otherTypesCommand_onAHash_isWrongTypeAndChangesNothing(String line) {
        hset("h", numberedFields("f", 2 * Math.max(thresholds.hashMaxPackedEntries(), 2)));
        sadd("t", "a");
        assertRefusedUnchanged(WRONGTYPE, line.split(" "));
    }

    @Test
    void copy_hash_isDeepAndKeepsTheEncoding() {
        Map<String, String> fields = numberedFields("f", 3 * Math.max(thresholds.hashMaxPackedEntries(), 3));
        hset("src", fields);
        assertEquals(integer(1), exec("COPY", "src", "dst"));
        assertEquals(encoding("src"), encoding("dst"));
        exec("HSET", "src", "f0", "changed");
        exec("HDEL", "src", "f1");
        assertHash("dst", fields);
        exec("DEL", "src");
        assertHash("dst", fields);
        assertEquals(integer(0), exec("COPY", "nokey", "dst"));
    }

    @Test
    void rename_hash_movesItAndReplacesTheTarget() {
        Map<String, String> fields = numberedFields("f", 2 * Math.max(thresholds.hashMaxPackedEntries(), 3));
        hset("src", fields);
        hset("dst", "old", "x");
        String encoding = encoding("src");
        assertEquals(Reply.OK, exec("RENAME", "src", "dst"));
        assertNoKey("src");
        assertEquals(encoding, encoding("dst"));
        assertHash("dst", fields);
        exec("SET", "str", "v");
        assertEquals(Reply.OK, exec("RENAME", "dst", "str"));
        assertHash("str", fields);
    }

    @Test
    void copyRenameAndReplace_freeWhatTheyOverwrite() {
        hset("a", numberedFields("first-", 300));
        hset("b", numberedFields("second-", 3));
        exec("COPY", "a", "b", "REPLACE");
        exec("RENAME", "b", "a");
        exec("COPY", "a", "c");
        exec("SET", "c", "a string now");
        exec("DEL", "a", "c");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes());
    }

    @Test
    void emptyingAHash_anyWay_removesTheKeyAndFreesEveryByte() {
        Map<String, String> fields = new HashMap<>(numberedFields("f", 6));
        fields.put("big", "B".repeat(200));
        List<String[]> emptiers = List.of(
                new String[] {"DEL", "k"},
                new String[] {"UNLINK", "k"},
                new String[] {"HDEL", "k", "f0", "f1", "f2", "f3", "f4", "f5", "big", "absent"},
                new String[] {"HGETDEL", "k", "FIELDS", "7", "f0", "f1", "f2", "f3", "f4", "f5", "big"},
                new String[] {"GETDEL", "k"},
                new String[] {"SET", "k", "x"},
                new String[] {"EXPIRE", "k", "0"});
        for (String[] emptier : emptiers) {
            hset("k", fields);
            assertEquals("hashtable", encoding("k"));
            Reply reply = exec(emptier);
            if (emptier[0].equals("GETDEL")) {
                assertEquals(Reply.error(WRONGTYPE), reply);
            }
            exec("DEL", "k");
            assertNoKey("k");
            assertEquals(baselineBytes(), store.memoryStats().usedBytes(), String.join(" ", emptier));
        }
    }

    @Test
    void hdelOneByOne_throughEveryConversion_freesEveryByte() {
        Map<String, String> fields = numberedFields("field-", 2 * Math.max(thresholds.hashMaxPackedEntries(), 8));
        hset("k", fields);
        assertTrue(store.memoryStats().usedBytes() > baselineBytes());
        for (String field : fields.keySet()) {
            assertEquals(integer(1), exec("HDEL", "k", field));
        }
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes());
    }
}
