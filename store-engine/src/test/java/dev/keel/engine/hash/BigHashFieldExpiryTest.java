package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import org.junit.jupiter.api.Test;

/**
 * Field expiry on hashes past {@link FieldValues#EAGER_PURGE_LIMIT} fields, where a command on one
 * field removes only the expired field it meets instead of walking the whole hash.
 */
class BigHashFieldExpiryTest extends AbstractFieldMapTest {
    private static final int FIELDS = (int) FieldValues.EAGER_PURGE_LIMIT + 100;

    private void bigHashExpiringAt500() {
        hset("k", numberedFields("f", FIELDS));
        String[] command = new String[FIELDS + 5];
        String[] head = {"HPEXPIRE", "k", "500", "FIELDS", Integer.toString(FIELDS)};
        System.arraycopy(head, 0, command, 0, head.length);
        System.arraycopy(numbered("f", FIELDS), 0, command, head.length, FIELDS);
        exec(command);
        clock.advanceMillis(501);
    }

    @Test
    void hget_expiredFieldOfBigHash_answersNilAndOnlyThatFieldGoes() {
        bigHashExpiringAt500();
        assertEquals(Reply.NIL, exec("HGET", "k", "f0"));
        assertEquals(array(-2), exec("HTTL", "k", "FIELDS", "1", "f1"));
        assertEquals(integer(0), exec("HEXISTS", "k", "f2"));
        assertEquals(integer(0), exec("HLEN", "k"));
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes(), "every byte freed");
    }

    @Test
    void pointReads_ofEveryExpiredField_removeTheKeyWithTheLast() {
        bigHashExpiringAt500();
        for (String field : numbered("f", FIELDS)) {
            assertEquals(Reply.NIL, exec("HGET", "k", field));
        }
        assertNoKey("k");
        assertEquals(baselineBytes(), store.memoryStats().usedBytes(), "every byte freed");
    }

    @Test
    void writes_toExpiredFieldsOfBigHash_startAfresh() {
        bigHashExpiringAt500();
        assertEquals(integer(5), exec("HINCRBY", "k", "f0", "5"));
        assertEquals(integer(1), exec("HSET", "k", "f1", "new"));
        assertEquals(integer(1), exec("HSETNX", "k", "f2", "x"));
        assertEquals(array(-1, -1, -1), exec("HTTL", "k", "FIELDS", "3", "f0", "f1", "f2"));
        assertEquals(integer(0), exec("HDEL", "k", "f3"));
        assertEquals(integer(3), exec("HLEN", "k"));
        assertHash("k", java.util.Map.of("f0", "5", "f1", "new", "f2", "x"));
    }
}
