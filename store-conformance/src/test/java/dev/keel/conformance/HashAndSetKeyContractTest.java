package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key commands on hashes and sets: TYPE, EXISTS, DEL, UNLINK, EXPIRE and kin, RENAME, COPY,
 * OBJECT ENCODING, KEYS, SCAN TYPE, RANDOMKEY, FLUSHALL; and the string and list commands
 * refusing them. A hash or a set behaves as any key: its whole value moves, is copied or expires.
 */
class HashAndSetKeyContractTest extends HashAndSetContractBase {

    /** Creates a hash {@code h} and a set {@code s}, of {@code size} entries each. */
    private void hashAndSet(int size) {
        hset("h", numberedHash(size));
        sadd("s", numbered("m", size));
    }

    private void assertBoth(String hashKey, String setKey, int size) {
        assertHash(hashKey, numberedHash(size));
        assertSet(setKey, numbered("m", size));
    }

    // ------------------------------------------------------------------ TYPE, EXISTS, DEL

    @Test
    void type_hashAndSet_answerHashAndSet() {
        hashAndSet(3);
        assertReply(status("hash"), "TYPE", "h");
        assertReply(status("set"), "TYPE", "s");
        assertReply(integer(3), "EXISTS", "h", "s", "h");
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, 1000})
    void delAndUnlink_hashAndSet_removeTheWholeValue(int size) {
        hashAndSet(size);
        assertReply(integer(2), "DEL", "h", "s", "missing");
        assertNoKey("h");
        assertNoKey("s");
        assertReply(integer(0), "HLEN", "h");
        assertReply(integer(0), "SCARD", "s");
        hashAndSet(size);
        assertReply(integer(2), "UNLINK", "h", "s");
        assertReply(integer(0), "EXISTS", "h", "s");
    }

    @Test
    void set_overAHashOrASet_replacesItWithAString() {
        hashAndSet(3);
        assertReply(Reply.OK, "SET", "h", "v");
        assertReply(Reply.OK, "SET", "s", "v");
        assertReply(status("string"), "TYPE", "h");
        assertReply(bulk("v"), "GET", "s");
        assertReply(integer(0), "HEXISTS", "missing", "f0");
        assertError(WRONGTYPE, "HGET", "h", "f0");
        assertError(WRONGTYPE, "SCARD", "s");
    }

    @Test
    void stringAndListCommands_onAHashOrASet_wrongTypeAndNothingChanges() {
        hashAndSet(3);
        for (String key : List.of("h", "s")) {
            assertRefusedUnchanged(WRONGTYPE, "GET", key);
            assertRefusedUnchanged(WRONGTYPE, "APPEND", key, "x");
            assertRefusedUnchanged(WRONGTYPE, "INCR", key);
            assertRefusedUnchanged(WRONGTYPE, "STRLEN", key);
            assertRefusedUnchanged(WRONGTYPE, "GETDEL", key);
            assertRefusedUnchanged(WRONGTYPE, "GETEX", key, "PERSIST");
            assertRefusedUnchanged(WRONGTYPE, "SETRANGE", key, "0", "x");
            assertRefusedUnchanged(WRONGTYPE, "LPUSH", key, "x");
            assertRefusedUnchanged(WRONGTYPE, "LRANGE", key, "0", "-1");
            assertRefusedUnchanged(WRONGTYPE, "SET", key, "v", "GET");
        }
        assertRefusedUnchanged(WRONGTYPE, "SADD", "h", "x");
        assertRefusedUnchanged(WRONGTYPE, "HSET", "s", "f", "v");
        assertRefusedUnchanged(WRONGTYPE, "LMOVE", "s", "l", "LEFT", "LEFT");
    }

    @Test
    void mget_hashAndSetKeys_answerNilLikeMissingKeys() {
        hashAndSet(3);
        exec("SET", "str", "v");
        assertReply(array(null, "v", null), "MGET", "h", "str", "s");
    }

    // ------------------------------------------------------------------ expiry

    @Test
    void expireFamily_onHashAndSet_behaveAsOnAnyKey() {
        hashAndSet(3);
        assertReply(integer(1), "EXPIRE", "h", "1000");
        assertBetween(999, 1000, asLong(exec("TTL", "h")), "TTL h");
        assertReply(integer(1), "PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "s");
        assertReply(integer(FUTURE_SECONDS), "EXPIRETIME", "s");
        assertReply(integer(0), "PEXPIREAT", "s", Long.toString(FUTURE_MILLIS + 1), "LT");
        assertReply(integer(1), "PERSIST", "s");
        assertReply(integer(-1), "TTL", "s");
        assertReply(integer(1), "HSET", "h", "new", "1");
        assertBetween(990, 1000, asLong(exec("TTL", "h")), "TTL h after HSET");
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, 1000})
    void expireInThePast_deletesTheHashOrSet(int size) {
        hashAndSet(size);
        assertReply(integer(1), "PEXPIREAT", "h", "1000");
        assertReply(integer(1), "EXPIRE", "s", "0");
        assertNoKey("h");
        assertNoKey("s");
        assertReply(emptyArray(), "HGETALL", "h");
        assertReply(emptyArray(), "SMEMBERS", "s");
        assertReply(integer(1), "HSET", "h", "a", "1");
        assertReply(integer(-1), "TTL", "h");
    }

    @Test
    void expiredHashOrSet_isAMissingKeyForEveryCommand() {
        hset("h", "a", "1");
        sadd("s", "a");
        exec("SET", "str", "v");
        exec("PEXPIREAT", "h", "1000");
        exec("PEXPIREAT", "s", "1000");
        assertReply(Reply.NIL, "HGET", "h", "a");
        assertReply(integer(0), "SISMEMBER", "s", "a");
        assertReply(integer(0), "SMOVE", "s", "str", "a");
        assertReply(emptyArray(), "SINTER", "s");
        assertReply(Reply.OK, "SET", "h", "now a string");
        assertReply(integer(1), "SADD", "s", "b");
        assertSet("s", "b");
    }

    // ------------------------------------------------------------------ RENAME, COPY

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, 1000})
    void rename_hashAndSet_movesTheValueAndItsExpiry(int size) {
        hashAndSet(size);
        exec("PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        exec("SET", "taken", "v");
        assertReply(Reply.OK, "RENAME", "h", "h2");
        assertReply(Reply.OK, "RENAME", "s", "taken");
        assertNoKey("h");
        assertNoKey("s");
        assertBoth("h2", "taken", size);
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "h2");
        assertReply(integer(-1), "PEXPIRETIME", "taken");
        assertReply(integer(0), "RENAMENX", "h2", "taken");
        assertReply(integer(1), "RENAMENX", "taken", "s");
        assertBoth("h2", "s", size);
    }

    @Test
    void rename_ontoAHashOrSet_replacesIt() {
        hashAndSet(3);
        sadd("other", "x");
        assertReply(Reply.OK, "RENAME", "other", "h");
        assertSet("h", "x");
        exec("SET", "str", "v");
        assertReply(Reply.OK, "RENAME", "str", "s");
        assertReply(bulk("v"), "GET", "s");
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, 1000})
    void copy_hashAndSet_makesIndependentCopiesWithTheExpiry(int size) {
        hashAndSet(size);
        exec("PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertReply(integer(1), "COPY", "h", "hc");
        assertReply(integer(1), "COPY", "s", "sc");
        assertBoth("hc", "sc", size);
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "sc");
        assertReply(integer(1), "HSET", "hc", "extra", "1");
        assertReply(integer(1), "SREM", "sc", "m0");
        assertReply(integer(1), "HDEL", "h", "f1");
        assertReply(integer(size + 1), "HLEN", "hc");
        assertReply(bulk("v1"), "HGET", "hc", "f1");
        assertReply(integer(size - 1), "HLEN", "h");
        assertReply(integer(size - 1), "SCARD", "sc");
        assertSet("s", numbered("m", size));
    }

    @Test
    void copy_ontoAnExistingKey_needsReplace() {
        hashAndSet(3);
        exec("SET", "str", "v");
        assertReplyUnchanged(integer(0), "COPY", "h", "str");
        assertReplyUnchanged(integer(0), "COPY", "s", "h");
        assertReply(integer(1), "COPY", "h", "str", "REPLACE");
        assertHash("str", numberedHash(3));
        assertReply(integer(1), "COPY", "s", "h", "REPLACE");
        assertSet("h", numbered("m", 3));
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, 1000})
    void copyAndRename_keepTheEncoding(int size) {
        hashAndSet(size);
        Reply hashEncoding = exec("OBJECT", "ENCODING", "h");
        Reply setEncoding = exec("OBJECT", "ENCODING", "s");
        exec("COPY", "h", "hc");
        exec("COPY", "s", "sc");
        assertReply(hashEncoding, "OBJECT", "ENCODING", "hc");
        assertReply(setEncoding, "OBJECT", "ENCODING", "sc");
        exec("RENAME", "hc", "hr");
        exec("RENAME", "sc", "sr");
        assertReply(hashEncoding, "OBJECT", "ENCODING", "hr");
        assertReply(setEncoding, "OBJECT", "ENCODING", "sr");
    }

    // ------------------------------------------------------------------ OBJECT, KEYS, SCAN, RANDOMKEY, FLUSHALL

    @Test
    void objectEncoding_bigHashAndSet_areHashtables() {
        hashAndSet(1000);
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "s");
        assertReply(integer(1), "OBJECT", "REFCOUNT", "h");
        assertTrue(asLong(exec("OBJECT", "IDLETIME", "s")) <= 2, "IDLETIME right after a write");
    }

    @Test
    void keysAndScan_listHashesAndSetsAlongOtherKeys() {
        hashAndSet(3);
        exec("SET", "str", "v");
        exec("RPUSH", "list", "a");
        assertUnordered(Set.of("h", "s", "str", "list"), "KEYS", "*");
        assertEquals(Set.of("h", "s", "str", "list"), scanAll());
        assertEquals(Set.of("h"), scanAll("TYPE", "hash"));
        assertEquals(Set.of("s"), scanAll("TYPE", "set"));
        assertEquals(Set.of("h"), scanAll("TYPE", "HASH"));
        assertEquals(Set.of("s"), scanAll("type", "Set", "MATCH", "*"));
        assertEquals(Set.of(), scanAll("TYPE", "zset"));
        assertReply(integer(4), "DBSIZE");
    }

    private Set<String> scanAll(String... options) {
        Set<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            String[] argv = concat(new String[] {"SCAN", cursor}, options);
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec(argv)).items();
            cursor = assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8();
            keys.addAll(strings(parts.get(1)));
        } while (!cursor.equals("0"));
        return keys;
    }

    @Test
    void randomkey_onlyHashesAndSets_returnsOneOfThem() {
        hashAndSet(3);
        for (int i = 0; i < 10; i++) {
            String key = assertInstanceOf(Reply.Bulk.class, exec("RANDOMKEY")).utf8();
            assertTrue(key.equals("h") || key.equals("s"), key);
        }
    }

    @Test
    void flushall_removesHashesAndSets() {
        hashAndSet(1000);
        assertReply(Reply.OK, "FLUSHALL");
        assertNoKey("h");
        assertNoKey("s");
        assertReply(integer(0), "DBSIZE");
        hashAndSet(3);
        assertBoth("h", "s", 3);
    }

    @Test
    void manyHashesAndSets_eachKeepsItsOwnValue() {
        for (int i = 0; i < 200; i++) {
            hset("h" + i, "f", "v" + i, "i", Integer.toString(i));
            sadd("s" + i, "m" + i, "common");
        }
        for (int i = 0; i < 200; i += 13) {
            assertHash("h" + i, Map.of("f", "v" + i, "i", Integer.toString(i)));
            assertSet("s" + i, "m" + i, "common");
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add("s" + i);
        }
        List<String> argv = new ArrayList<>(List.of("SINTER"));
        argv.addAll(keys);
        assertReply(array("common"), argv.toArray(new String[0]));
        assertReply(integer(400), "DBSIZE");
    }
}
