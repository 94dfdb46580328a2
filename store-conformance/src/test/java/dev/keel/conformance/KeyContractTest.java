package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.SetArgs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME, RENAMENX, COPY, RANDOMKEY, DBSIZE, FLUSHALL, FLUSHDB,
 * OBJECT, PING and ECHO. The EXPIRE family is in {@link ExpiryContractTest}, KEYS and SCAN in
 * {@link KeysAndScanContractTest}.
 */
class KeyContractTest extends ContractTest {
    private static final String NO_SUCH_KEY = "ERR no such key";
    private static final String SAME_OBJECT = "ERR source and destination objects are the same";

    // ------------------------------------------------------------------ DEL, UNLINK, EXISTS, TYPE, TOUCH

    @Test
    void del_existingAndMissing_countsRemoved() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertEquals(2, redis.del("a", "b", "c"));
        assertEquals(0, redis.exists("a", "b"));
        assertReply(integer(0), "DEL", "a");
        redis.set("c", "");
        assertReply(integer(1), "DEL", "c");
    }

    @Test
    void del_repeatedKey_countsOnce() {
        redis.set("a", "1");
        assertReply(integer(1), "DEL", "a", "a");
    }

    @Test
    void del_keyExpiredInThePast_countsZero() {
        redis.set("a", "1", SetArgs.exat(1));
        assertEquals(0, redis.del("a"));
    }

    @Test
    void del_binaryKeys_deleteExactlyThoseKeys() {
        binary.set(new byte[] {0}, bytes("v"));
        binary.set(new byte[] {0, 0}, bytes("v"));
        assertEquals(1, binary.del(new byte[] {0}, new byte[] {0, 0, 0}));
        assertEquals(1, binary.exists(new byte[] {0, 0}));
        assertEquals(0, binary.exists(new byte[] {0}));
    }

    @Test
    void unlink_existingAndRepeated_countsOnce() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertEquals(2, redis.unlink("a", "a", "b", "missing"));
        assertEquals(0, redis.dbsize());
        assertReply(integer(0), "UNLINK", "a");
    }

    @Test
    void exists_repeatedKeys_countsEveryRepeat() {
        redis.set("a", "1");
        assertEquals(2, redis.exists("a", "a", "b"));
        assertReply(integer(3), "EXISTS", "a", "a", "a");
        assertReply(integer(0), "EXISTS", "missing");
    }

    @Test
    void exists_keyExpiredInThePastOrInTheFuture_countsOnlyTheLiveOne() {
        redis.set("dead", "1", SetArgs.pxat(1));
        redis.set("live", "1", SetArgs.pxat(FUTURE_MILLIS));
        assertEquals(1, redis.exists("dead", "live"));
    }

    @Test
    void touch_repeatedKeys_countsEveryRepeat() {
        redis.set("a", "1");
        assertEquals(2, redis.touch("a", "a", "b"));
        assertReply(integer(1), "TOUCH", "a");
        assertReply(integer(0), "TOUCH", "missing");
    }

    @Test
    void touch_keyExpiredInThePast_countsZero() {
        redis.set("a", "1", SetArgs.exat(1));
        assertEquals(0, redis.touch("a"));
    }

    @Test
    void type_stringAndMissing_returnsStatus() {
        redis.set("a", "1");
        redis.set("e", "");
        assertEquals("string", redis.type("a"));
        assertReply(status("string"), "TYPE", "a");
        assertReply(status("string"), "TYPE", "e");
        assertReply(status("none"), "TYPE", "missing");
        assertEquals("none", redis.type("missing"));
    }

    @Test
    void type_keyExpiredInThePast_returnsNone() {
        redis.set("a", "1", SetArgs.exat(1));
        assertEquals("none", redis.type("a"));
    }

    // ------------------------------------------------------------------ RENAME and RENAMENX

    @Test
    void rename_toNewKey_movesValue() {
        redis.set("a", "1");
        assertEquals("OK", redis.rename("a", "b"));
        assertEquals(0, redis.exists("a"));
        assertEquals("1", redis.get("b"));
        assertEquals(1, redis.dbsize());
        assertReply(Reply.OK, "RENAME", "b", "c");
        assertEquals("1", redis.get("c"));
    }

    @Test
    void rename_ontoExistingKey_replacesItAndItsTtl() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(1000));
        assertReply(Reply.OK, "RENAME", "a", "b");
        assertEquals("1", redis.get("b"));
        assertEquals(-1, redis.ttl("b"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void rename_keyWithTtl_keepsTheSameExpiry() {
        redis.set("a", "1", SetArgs.pxat(FUTURE_MILLIS + 3));
        redis.rename("a", "b");
        assertEquals(FUTURE_MILLIS + 3, redis.pexpiretime("b"));
        redis.set("c", "1", SetArgs.ex(1000));
        long expiry = redis.pexpiretime("c");
        redis.rename("c", "d");
        assertEquals(expiry, redis.pexpiretime("d"));
    }

    @Test
    void rename_keepsEncodingAndValue() {
        redis.set("a", "123");
        redis.set("c", "x".repeat(60));
        redis.set("e", "");
        redis.rename("a", "b");
        redis.rename("c", "d");
        redis.rename("e", "f");
        assertEquals("int", redis.objectEncoding("b"));
        assertEquals("raw", redis.objectEncoding("d"));
        assertEquals("x".repeat(60), redis.get("d"));
        assertEquals("", redis.get("f"));
    }

    @Test
    void rename_binaryKeys_moveExactBytes() {
        byte[] from = {'a', 0};
        byte[] to = {'a', 0, 0};
        binary.set(from, new byte[] {(byte) 0xFF});
        assertEquals("OK", binary.rename(from, to));
        assertNull(binary.get(from));
        assertArrayEquals(new byte[] {(byte) 0xFF}, binary.get(to));
    }

    @Test
    void rename_missingKey_returnsNoSuchKey() {
        redis.set("b", "2");
        assertRefusedUnchanged(NO_SUCH_KEY, "RENAME", "a", "b");
        assertRefusedUnchanged(NO_SUCH_KEY, "RENAMENX", "a", "b");
        assertThrowsRedis(NO_SUCH_KEY, () -> redis.rename("a", "b"));
        assertThrowsRedis(NO_SUCH_KEY, () -> redis.renamenx("a", "c"));
    }

    @Test
    void rename_keyExpiredInThePast_returnsNoSuchKey() {
        redis.set("a", "1", SetArgs.exat(1));
        assertError(NO_SUCH_KEY, "RENAME", "a", "b");
        assertEquals(0, redis.exists("b"));
    }

    @Test
    void rename_sameExistingKey_returnsOkAndKeepsIt() {
        redis.set("a", "1", SetArgs.pxat(FUTURE_MILLIS));
        assertEquals("OK", redis.rename("a", "a"));
        assertEquals("1", redis.get("a"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("a"));
        assertFalse(redis.renamenx("a", "a"));
        assertReply(integer(0), "RENAMENX", "a", "a");
        assertEquals("1", redis.get("a"));
    }

    @Test
    void rename_sameMissingKey_returnsNoSuchKey() {
        assertError(NO_SUCH_KEY, "RENAME", "a", "a");
        assertError(NO_SUCH_KEY, "RENAMENX", "a", "a");
    }

    @Test
    void renamenx_toNewKey_returnsOneAndMoves() {
        redis.set("a", "1", SetArgs.pxat(FUTURE_MILLIS));
        assertTrue(redis.renamenx("a", "b"));
        assertEquals("1", redis.get("b"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("b"));
        assertEquals(0, redis.exists("a"));
        assertReply(integer(1), "RENAMENX", "b", "c");
    }

    @Test
    void renamenx_ontoExistingKey_returnsZeroAndChangesNothing() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(0), "RENAMENX", "a", "b");
        assertEquals(List.of("1", "2"), redis.mget("a", "b"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("b"));
    }

    @Test
    void renamenx_ontoKeyExpiredInThePast_renames() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.exat(1));
        assertTrue(redis.renamenx("a", "b"));
        assertEquals("1", redis.get("b"));
        assertEquals(-1, redis.ttl("b"));
    }

    // ------------------------------------------------------------------ COPY

    @Test
    void copy_toNewKey_copiesValueAndKeepsSource() {
        redis.set("a", "1");
        assertTrue(redis.copy("a", "b"));
        assertEquals(List.of("1", "1"), redis.mget("a", "b"));
        redis.set("a", "changed");
        assertEquals("1", redis.get("b"));
        assertReply(integer(1), "COPY", "a", "c");
        assertEquals("changed", redis.get("c"));
    }

    @Test
    void copy_keyWithTtl_keepsTheSameExpiry() {
        redis.set("a", "1", SetArgs.pxat(FUTURE_MILLIS + 9));
        redis.copy("a", "b");
        assertEquals(FUTURE_MILLIS + 9, redis.pexpiretime("b"));
        assertEquals(FUTURE_MILLIS + 9, redis.pexpiretime("a"));
    }

    @Test
    void copy_keepsEncoding() {
        redis.set("a", "42");
        redis.copy("a", "b");
        assertEquals("int", redis.objectEncoding("b"));
        redis.set("c", "x".repeat(100));
        redis.copy("c", "d");
        assertEquals("raw", redis.objectEncoding("d"));
        assertEquals("x".repeat(100), redis.get("d"));
        redis.set("e", "short");
        redis.copy("e", "f");
        assertEquals("embstr", redis.objectEncoding("f"));
    }

    @Test
    void copy_emptyAndBinaryValues_copyExactBytes() {
        redis.set("e", "");
        assertTrue(redis.copy("e", "f"));
        assertEquals("", redis.get("f"));
        binary.set(new byte[] {0}, new byte[] {0, (byte) 0xFF});
        assertTrue(binary.copy(new byte[] {0}, new byte[] {1}));
        assertArrayEquals(new byte[] {0, (byte) 0xFF}, binary.get(new byte[] {1}));
    }

    @Test
    void copy_ontoExistingKey_returnsZeroWithoutReplace() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertFalse(redis.copy("a", "b"));
        assertFalse(redis.copy("a", "b", false));
        assertReply(integer(0), "COPY", "a", "b");
        assertEquals("2", redis.get("b"));
    }

    @Test
    void copy_replace_overwritesValueAndTtl() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(1000));
        assertTrue(redis.copy("a", "b", true));
        assertEquals("1", redis.get("b"));
        assertEquals(-1, redis.ttl("b"));
        assertReply(integer(1), "COPY", "a", "b", "REPLACE", "REPLACE");
        assertReply(integer(1), "COPY", "a", "b", "replace");
        assertReply(integer(1), "COPY", "a", "new", "REPLACE");
        assertEquals("1", redis.get("new"));
    }

    @Test
    void copy_missingSource_returnsZero() {
        assertFalse(redis.copy("missing", "b"));
        assertFalse(redis.copy("missing", "b", true));
        redis.set("b", "2");
        assertReply(integer(0), "COPY", "missing", "b", "REPLACE");
        assertEquals("2", redis.get("b"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void copy_sourceExpiredInThePast_returnsZero() {
        redis.set("a", "1", SetArgs.exat(1));
        assertFalse(redis.copy("a", "b"));
        assertEquals(0, redis.exists("b"));
    }

    @Test
    void copy_ontoKeyExpiredInThePast_copies() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.exat(1));
        assertTrue(redis.copy("a", "b"));
        assertEquals("1", redis.get("b"));
    }

    @Test
    void copy_sameKey_returnsSameObjectError() {
        redis.set("a", "1");
        assertRefusedUnchanged(SAME_OBJECT, "COPY", "a", "a");
        assertRefusedUnchanged(SAME_OBJECT, "COPY", "a", "a", "REPLACE");
        assertRefusedUnchanged(SAME_OBJECT, "COPY", "missing", "missing");
        assertRefusedUnchanged(SAME_OBJECT, "COPY", "a", "a", "DB", "0");
        assertThrowsRedis(SAME_OBJECT, () -> redis.copy("a", "a"));
    }

    @Test
    void copy_db0_isTheCurrentDatabase() {
        redis.set("a", "1");
        assertReply(integer(1), "COPY", "a", "b", "DB", "0");
        assertReply(integer(1), "COPY", "a", "b", "db", "0", "replace");
        assertEquals("1", redis.get("b"));
    }

    /**
     * Keel has one database, so any DB index but 0 is out of range. A Redis with 16 databases
     * would copy to DB 1; the suite's server runs with {@code --databases 1} (see
     * {@link RedisServer}), the same model as Keel's, and answers as Keel does.
     */
    @Test
    void copy_otherDatabase_returnsDbIndexOutOfRange() {
        redis.set("a", "1");
        String message = "ERR DB index is out of range";
        assertRefusedUnchanged(message, "COPY", "a", "b", "DB", "1");
        assertRefusedUnchanged(message, "COPY", "a", "b", "DB", "-1");
        assertRefusedUnchanged(message, "COPY", "a", "b", "DB", "16");
        assertRefusedUnchanged(message, "COPY", "a", "a", "DB", "1");
        assertRefusedUnchanged(message, "COPY", "missing", "b", "DB", "1");
    }

    @Test
    void copy_dbOutsideIntRange_returnsValueOutOfRange() {
        redis.set("a", "1");
        String message = "ERR value is out of range, value must between -2147483648 and 2147483647";
        assertRefusedUnchanged(message, "COPY", "a", "b", "DB", "99999999999");
        assertRefusedUnchanged(message, "COPY", "a", "b", "REPLACE", "DB", "2147483648");
        assertRefusedUnchanged(message, "COPY", "a", "b", "DB", "-2147483649");
    }

    @Test
    void copy_dbNotAnInteger_returnsNotInteger() {
        redis.set("a", "1");
        assertRefusedUnchanged(NOT_INTEGER, "COPY", "a", "b", "DB", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "COPY", "missing", "b", "DB", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "COPY", "a", "b", "DB", "");
    }

    @Test
    void copy_badOptions_returnsSyntaxError() {
        redis.set("a", "1");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "foo");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "DB");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "REPLACE", "DB");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "a", "foo");
    }

    // ------------------------------------------------------------------ RANDOMKEY, DBSIZE, FLUSH

    @Test
    void randomkey_emptyStore_returnsNil() {
        assertNull(redis.randomkey());
        assertReply(Reply.NIL, "RANDOMKEY");
    }

    @Test
    void randomkey_someKeys_returnsOneOfThem() {
        Set<String> keys = Set.of("a", "b", "c", "");
        for (String key : keys) {
            redis.set(key, "v");
        }
        for (int i = 0; i < 50; i++) {
            String key = redis.randomkey();
            assertTrue(keys.contains(key), key);
        }
        Reply reply = exec("RANDOMKEY");
        assertTrue(keys.contains(assertInstanceOf(Reply.Bulk.class, reply).utf8()), reply::toString);
    }

    @Test
    void randomkey_binaryKey_returnsItsExactBytes() {
        byte[] key = {0, (byte) 0xFF, '\n'};
        binary.set(key, bytes("v"));
        assertArrayEquals(key, binary.randomkey());
    }

    @Test
    void randomkey_someLiveKeysAmongExpired_returnsLiveOnes() {
        for (int i = 0; i < 20; i++) {
            redis.set("dead" + i, "v", SetArgs.exat(1));
        }
        redis.set("live", "v");
        redis.set("later", "v", SetArgs.pxat(FUTURE_MILLIS));
        for (int i = 0; i < 20; i++) {
            String key = redis.randomkey();
            assertTrue(key.equals("live") || key.equals("later"), key);
        }
    }

    @Test
    void dbsize_countsKeys() {
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        redis.set("b", "2");
        redis.set("a", "3");
        assertReply(integer(2), "DBSIZE");
        redis.del("a");
        assertEquals(1, redis.dbsize());
        redis.set("c", "3", SetArgs.pxat(FUTURE_MILLIS));
        assertEquals(2, redis.dbsize());
    }

    @Test
    void flushall_removesEveryKey() {
        for (int i = 0; i < 200; i++) {
            redis.set("k" + i, "v" + i, i % 2 == 0 ? SetArgs.ex(1000) : SetArgs.none());
        }
        assertEquals("OK", redis.flushall());
        assertEquals(0, redis.dbsize());
        assertNull(redis.get("k1"));
        assertEquals(List.of(), redis.keys("*"));
        assertNull(redis.randomkey());
        redis.set("k1", "again");
        assertEquals("again", redis.get("k1"));
    }

    @Test
    void flushallAndFlushdb_syncAndAsync_areAccepted() {
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHALL", "ASYNC");
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHALL", "sync");
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHDB", "SYNC");
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHDB", "async");
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHDB");
        assertEquals(0, redis.dbsize());
        assertReply(Reply.OK, "FLUSHDB");
    }

    @Test
    void flushall_badArguments_returnsSyntaxErrorAndChangesNothing() {
        redis.set("a", "1");
        assertRefusedUnchanged(SYNTAX, "FLUSHALL", "foo");
        assertRefusedUnchanged(SYNTAX, "FLUSHALL", "ASYNC", "x");
        assertRefusedUnchanged(SYNTAX, "FLUSHALL", "SYNC", "ASYNC");
        assertRefusedUnchanged(SYNTAX, "FLUSHDB", "LAZY");
        assertRefusedUnchanged(SYNTAX, "FLUSHDB", "");
        assertEquals(1, redis.dbsize());
    }

    // ------------------------------------------------------------------ OBJECT

    @Test
    void objectEncoding_missingKey_returnsNil() {
        assertNull(redis.objectEncoding("missing"));
        assertReply(Reply.NIL, "OBJECT", "ENCODING", "missing");
        assertReply(Reply.NIL, "object", "encoding", "missing");
    }

    @Test
    void objectIdletime_rightAfterAWrite_isAtMostTwoSeconds() {
        redis.set("k", "v");
        Long idle = redis.objectIdletime("k");
        assertNotNull(idle);
        assertBetween(0, 2, idle, "OBJECT IDLETIME");
        Reply reply = exec("OBJECT", "IDLETIME", "k");
        assertBetween(0, 2, assertInstanceOf(Reply.Int.class, reply).value(), "OBJECT IDLETIME");
    }

    @Test
    void objectIdletime_missingKey_returnsNil() {
        assertNull(redis.objectIdletime("missing"));
        assertReply(Reply.NIL, "OBJECT", "IDLETIME", "missing");
        redis.set("dead", "v", SetArgs.exat(1));
        assertNull(redis.objectIdletime("dead"));
    }

    @Test
    void objectFreq_withoutLfuPolicy_returnsPolicyErrorOrNilWhenMissing() {
        assertReply(Reply.NIL, "OBJECT", "FREQ", "missing");
        redis.set("k", "v");
        assertError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
                + "when switching between policies at runtime LRU and LFU data will take some time to adjust.",
                "OBJECT", "FREQ", "k");
    }

    @Test
    void objectRefcount_missingKey_returnsNilAndExistingKeyAnInteger() {
        // The count itself differs (Redis shares small integers, Keel shares nothing), so only its kind is compared.
        assertReply(Reply.NIL, "OBJECT", "REFCOUNT", "missing");
        redis.set("k", "not shared");
        assertInstanceOf(Reply.Int.class, exec("OBJECT", "REFCOUNT", "k"));
    }

    @Test
    void objectHelp_returnsRedisHelpTextAsStatusLines() {
        List<String> expected = List.of(
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.",
                "HELP",
                "    Prints this help.");
        Reply help = exec("OBJECT", "HELP");
        assertEquals(Reply.array(expected.stream().map(ContractTest::status).toList()), help, "HELP lines are status replies");
        assertEquals(help, exec("object", "help"));
    }

    @Test
    void objectHelp_extraArgument_returnsSubcommandArityError() {
        assertError("ERR wrong number of arguments for 'object|help' command", "OBJECT", "HELP", "x");
    }

    @Test
    void object_unknownSubcommand_returnsUnknownSubcommandError() {
        assertError("ERR unknown subcommand 'foo'. Try OBJECT HELP.", "OBJECT", "foo");
        assertError("ERR unknown subcommand 'Foo'. Try OBJECT HELP.", "OBJECT", "Foo", "bar");
        assertError("ERR unknown subcommand ''. Try OBJECT HELP.", "OBJECT", "", "k");
    }

    @Test
    void object_unknownSubcommandQuoted_isCutAt128BytesOnOneLine() {
        assertError("ERR unknown subcommand '" + "s".repeat(128) + "'. Try OBJECT HELP.", "OBJECT", "s".repeat(200), "k");
        assertError("ERR unknown subcommand 'a b'. Try OBJECT HELP.", "OBJECT", "a\nb");
    }

    @Test
    void object_wrongArity_returnsArityErrors() {
        assertError("ERR wrong number of arguments for 'object' command", "OBJECT");
        assertError("ERR wrong number of arguments for 'object|encoding' command", "OBJECT", "ENCODING");
        assertError("ERR wrong number of arguments for 'object|encoding' command", "OBJECT", "encoding", "a", "b");
        assertError("ERR wrong number of arguments for 'object|idletime' command", "OBJECT", "IDLETIME");
        assertError("ERR wrong number of arguments for 'object|freq' command", "OBJECT", "FREQ", "a", "b");
        assertError("ERR wrong number of arguments for 'object|refcount' command", "OBJECT", "refcount");
    }

    // ------------------------------------------------------------------ PING and ECHO

    @Test
    void ping_noArgument_returnsPong() {
        assertReply(status("PONG"), "PING");
        assertReply(status("PONG"), "ping");
    }

    @Test
    void ping_message_returnsItAsBulk() {
        assertReply(bulk("hi"), "PING", "hi");
        assertReply(bulk(""), "PING", "");
        assertReply(bulk("PONG"), "PING", "PONG");
    }

    @Test
    void ping_twoArguments_returnsArityError() {
        assertError("ERR wrong number of arguments for 'ping' command", "PING", "a", "b");
    }

    @Test
    void echo_message_returnsIt() {
        assertReply(bulk("hello world"), "ECHO", "hello world");
        assertReply(bulk(""), "ECHO", "");
        byte[] raw = {0, (byte) 0xFF, '\r', '\n'};
        assertEquals(new Reply.Bulk(raw), store.execute(bytes("ECHO"), raw));
    }

    @Test
    void pingAndEcho_leaveTheDataAlone() {
        redis.set("k", "v");
        exec("PING", "k");
        exec("ECHO", "k");
        assertEquals(Set.of("k"), new HashSet<>(redis.keys("*")));
        assertEquals("v", redis.get("k"));
    }
}
