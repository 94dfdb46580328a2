package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME, RENAMENX, COPY, RANDOMKEY, DBSIZE, FLUSHALL, FLUSHDB,
 * OBJECT, PING and ECHO. The EXPIRE family is in {@link ExpireCommandsTest}, KEYS and SCAN in
 * {@link KeysAndScanTest}.
 */
class KeyCommandsTest extends AbstractCommandTest {
    private static final String SYNTAX = "ERR syntax error";

    // ------------------------------------------------------------------ DEL, UNLINK, EXISTS, TYPE, TOUCH

    @Test
    void del_existingAndMissing_countsRemoved() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertEquals(2, redis.del("a", "b", "c"));
        assertEquals(0, redis.dbsize());
        assertReply(integer(0), "DEL", "a");
    }

    @Test
    void del_repeatedKey_countsOnce() {
        redis.set("a", "1");
        assertReply(integer(1), "DEL", "a", "a");
    }

    @Test
    void del_expiredKey_countsZero() {
        redis.set("a", "1", SetArgs.px(10));
        clock.advanceMillis(11);
        assertEquals(0, redis.del("a"));
    }

    @Test
    void unlink_existingAndRepeated_countsOnce() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertEquals(2, redis.unlink("a", "a", "b", "missing"));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void delAndUnlink_noKey_returnArityError() {
        assertError("ERR wrong number of arguments for 'del' command", "DEL");
        assertError("ERR wrong number of arguments for 'unlink' command", "UNLINK");
    }

    @Test
    void exists_repeatedKeys_countsEveryRepeat() {
        redis.set("a", "1");
        assertEquals(2, redis.exists("a", "a", "b"));
        assertReply(integer(3), "EXISTS", "a", "a", "a");
        assertReply(integer(0), "EXISTS", "missing");
    }

    @Test
    void exists_expiredKey_countsZero() {
        redis.set("a", "1", SetArgs.px(100));
        clock.advanceMillis(99);
        assertEquals(1, redis.exists("a"));
        clock.advanceMillis(2);
        assertEquals(0, redis.exists("a"));
    }

    @Test
    void exists_noKey_returnsArityError() {
        assertError("ERR wrong number of arguments for 'exists' command", "EXISTS");
    }

    @Test
    void touch_repeatedKeys_countsEveryRepeat() {
        redis.set("a", "1");
        assertEquals(2, redis.touch("a", "a", "b"));
        assertError("ERR wrong number of arguments for 'touch' command", "TOUCH");
    }

    @Test
    void type_stringAndMissing_returnsStatus() {
        redis.set("a", "1");
        assertEquals("string", redis.type("a"));
        assertReply(new Reply.Status("string"), "TYPE", "a");
        assertReply(new Reply.Status("none"), "TYPE", "missing");
        assertEquals("none", redis.type("missing"));
    }

    @Test
    void type_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'type' command", "TYPE", "a", "b");
    }

    // ------------------------------------------------------------------ RENAME and RENAMENX

    @Test
    void rename_toNewKey_movesValue() {
        redis.set("a", "1");
        assertEquals("OK", redis.rename("a", "b"));
        assertEquals(0, redis.exists("a"));
        assertEquals("1", redis.get("b"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void rename_ontoExistingKey_replacesItAndItsTtl() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(100));
        assertReply(Reply.OK, "RENAME", "a", "b");
        assertEquals("1", redis.get("b"));
        assertEquals(-1, redis.ttl("b"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void rename_keyWithTtl_keepsTtl() {
        redis.set("a", "1", SetArgs.px(5_000));
        clock.advanceMillis(1_000);
        redis.rename("a", "b");
        assertEquals(4_000, redis.pttl("b"));
        clock.advanceMillis(4_001);
        assertEquals(0, redis.exists("b"));
    }

    @Test
    void rename_keepsEncoding() {
        redis.set("a", "123");
        redis.set("c", "x".repeat(60));
        redis.rename("a", "b");
        redis.rename("c", "d");
        assertEquals("int", redis.objectEncoding("b"));
        assertEquals("raw", redis.objectEncoding("d"));
    }

    @Test
    void rename_missingKey_returnsNoSuchKey() {
        redis.set("b", "2");
        assertRefusedUnchanged("ERR no such key", "RENAME", "a", "b");
        assertRefusedUnchanged("ERR no such key", "RENAMENX", "a", "b");
        assertThrowsKeel("ERR no such key", () -> redis.rename("a", "b"));
    }

    @Test
    void rename_expiredKey_returnsNoSuchKey() {
        redis.set("a", "1", SetArgs.px(10));
        clock.advanceMillis(11);
        assertError("ERR no such key", "RENAME", "a", "b");
    }

    @Test
    void rename_sameExistingKey_returnsOkAndKeepsIt() {
        redis.set("a", "1", SetArgs.ex(10));
        assertEquals("OK", redis.rename("a", "a"));
        assertEquals("1", redis.get("a"));
        assertEquals(10, redis.ttl("a"));
        assertFalse(redis.renamenx("a", "a"));
    }

    @Test
    void rename_sameMissingKey_returnsNoSuchKey() {
        assertError("ERR no such key", "RENAME", "a", "a");
        assertError("ERR no such key", "RENAMENX", "a", "a");
    }

    @Test
    void renamenx_toNewKey_returnsOneAndMoves() {
        redis.set("a", "1", SetArgs.ex(50));
        assertTrue(redis.renamenx("a", "b"));
        assertEquals("1", redis.get("b"));
        assertEquals(50, redis.ttl("b"));
        assertEquals(0, redis.exists("a"));
    }

    @Test
    void renamenx_ontoExistingKey_returnsZeroAndChangesNothing() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertReply(integer(0), "RENAMENX", "a", "b");
        assertEquals(List.of("1", "2"), redis.mget("a", "b"));
    }

    @Test
    void renamenx_ontoExpiredKey_renames() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.px(10));
        clock.advanceMillis(11);
        assertTrue(redis.renamenx("a", "b"));
        assertEquals("1", redis.get("b"));
    }

    @Test
    void rename_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'rename' command", "RENAME", "a");
        assertError("ERR wrong number of arguments for 'renamenx' command", "RENAMENX", "a", "b", "c");
    }

    // ------------------------------------------------------------------ COPY

    @Test
    void copy_toNewKey_copiesValueAndKeepsSource() {
        redis.set("a", "1");
        assertTrue(redis.copy("a", "b"));
        assertEquals(List.of("1", "1"), redis.mget("a", "b"));
        redis.set("a", "changed");
        assertEquals("1", redis.get("b"));
    }

    @Test
    void copy_keyWithTtl_keepsTtl() {
        redis.set("a", "1", SetArgs.px(3_000));
        clock.advanceMillis(500);
        redis.copy("a", "b");
        assertEquals(2_500, redis.pttl("b"));
        assertEquals(redis.pexpiretime("a"), redis.pexpiretime("b"));
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
    }

    @Test
    void copy_ontoExistingKey_returnsZeroWithoutReplace() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertFalse(redis.copy("a", "b"));
        assertReply(integer(0), "COPY", "a", "b");
        assertEquals("2", redis.get("b"));
    }

    @Test
    void copy_replace_overwritesValueAndTtl() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(100));
        assertTrue(redis.copy("a", "b", true));
        assertEquals("1", redis.get("b"));
        assertEquals(-1, redis.ttl("b"));
        assertReply(integer(1), "COPY", "a", "b", "REPLACE", "REPLACE");
        assertReply(integer(1), "COPY", "a", "b", "replace");
    }

    @Test
    void copy_missingSource_returnsZero() {
        assertFalse(redis.copy("missing", "b"));
        assertFalse(redis.copy("missing", "b", true));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void copy_sameKey_returnsSameObjectError() {
        redis.set("a", "1");
        assertRefusedUnchanged("ERR source and destination objects are the same", "COPY", "a", "a");
        assertRefusedUnchanged("ERR source and destination objects are the same", "COPY", "missing", "missing");
        assertRefusedUnchanged("ERR source and destination objects are the same", "COPY", "a", "a", "DB", "0");
    }

    @Test
    void copy_db0_isTheCurrentDatabase() {
        redis.set("a", "1");
        assertReply(integer(1), "COPY", "a", "b", "DB", "0");
        assertReply(integer(1), "COPY", "a", "b", "db", "0", "replace");
    }

    @Test
    void copy_otherDatabase_returnsDbIndexOutOfRange() {
        // Keel has a single database, so any DB but 0 is out of range (Redis would copy to DB 1).
        redis.set("a", "1");
        assertRefusedUnchanged("ERR DB index is out of range", "COPY", "a", "b", "DB", "1");
        assertRefusedUnchanged("ERR DB index is out of range", "COPY", "a", "b", "DB", "-1");
        assertRefusedUnchanged("ERR DB index is out of range", "COPY", "a", "b", "DB", "16");
        assertRefusedUnchanged("ERR DB index is out of range", "COPY", "a", "a", "DB", "1");
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
        assertRefusedUnchanged("ERR value is not an integer or out of range", "COPY", "a", "b", "DB", "abc");
        assertRefusedUnchanged("ERR value is not an integer or out of range", "COPY", "missing", "b", "DB", "abc");
    }

    @Test
    void copy_badOptions_returnsSyntaxError() {
        redis.set("a", "1");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "foo");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "DB");
        assertRefusedUnchanged(SYNTAX, "COPY", "a", "b", "REPLACE", "DB");
    }

    @Test
    void copy_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'copy' command", "COPY", "a");
    }

    // ------------------------------------------------------------------ RANDOMKEY, DBSIZE, FLUSH

    @Test
    void randomkey_emptyStore_returnsNil() {
        assertNull(redis.randomkey());
        assertReply(Reply.NIL, "RANDOMKEY");
    }

    @Test
    void randomkey_someKeys_returnsOneOfThem() {
        Set<String> keys = Set.of("a", "b", "c");
        for (String key : keys) {
            redis.set(key, "v");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = redis.randomkey();
            assertTrue(keys.contains(key), key);
            seen.add(key);
        }
        assertFalse(seen.isEmpty());
    }

    @Test
    void randomkey_onlyExpiredKeys_returnsNil() {
        redis.set("a", "1", SetArgs.px(10));
        redis.set("b", "2", SetArgs.px(10));
        clock.advanceMillis(11);
        assertNull(redis.randomkey());
    }

    @Test
    void randomkey_someExpired_returnsLiveKey() {
        for (int i = 0; i < 20; i++) {
            redis.set("dead" + i, "v", SetArgs.px(10));
        }
        redis.set("live", "v");
        clock.advanceMillis(11);
        for (int i = 0; i < 20; i++) {
            assertEquals("live", redis.randomkey());
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
    }

    @Test
    void flushall_removesEveryKey() {
        for (int i = 0; i < 1_000; i++) {
            redis.set("k" + i, "v" + i, i % 2 == 0 ? SetArgs.ex(100) : SetArgs.none());
        }
        assertEquals("OK", redis.flushall());
        assertEquals(0, redis.dbsize());
        assertNull(redis.get("k1"));
        assertEquals(List.of(), redis.keys("*"));
        redis.set("k1", "again");
        assertEquals("again", redis.get("k1"));
    }

    @Test
    void flushallAndFlushdb_syncAndAsync_areAccepted() {
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHALL", "ASYNC");
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHDB", "sync");
        assertEquals(0, redis.dbsize());
        redis.set("a", "1");
        assertReply(Reply.OK, "FLUSHDB");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void flushall_badArguments_returnsSyntaxErrorAndChangesNothing() {
        redis.set("a", "1");
        assertRefusedUnchanged(SYNTAX, "FLUSHALL", "foo");
        assertRefusedUnchanged(SYNTAX, "FLUSHALL", "ASYNC", "x");
        assertRefusedUnchanged(SYNTAX, "FLUSHDB", "LAZY");
        assertEquals(1, redis.dbsize());
    }

    @Test
    void wholeKeyspaceCommands_extraArguments_returnArityErrors() {
        assertError("ERR wrong number of arguments for 'dbsize' command", "DBSIZE", "x");
        assertError("ERR wrong number of arguments for 'randomkey' command", "RANDOMKEY", "x");
    }

    // ------------------------------------------------------------------ OBJECT

    @Test
    void objectEncoding_missingKey_returnsNil() {
        assertNull(redis.objectEncoding("missing"));
        assertReply(Reply.NIL, "OBJECT", "ENCODING", "missing");
    }

    @Test
    void objectIdletime_afterTime_countsWholeSeconds() {
        redis.set("k", "v");
        assertEquals(0L, redis.objectIdletime("k"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(10L, redis.objectIdletime("k"));
        assertReply(integer(10), "OBJECT", "IDLETIME", "k");
        assertNull(redis.objectIdletime("missing"));
    }

    @Test
    void objectIdletime_readsAndWrites_resetIt() {
        redis.set("k", "v");
        clock.advance(Duration.ofSeconds(5));
        redis.get("k");
        assertEquals(0L, redis.objectIdletime("k"));
        clock.advance(Duration.ofSeconds(5));
        redis.strlen("k");
        assertEquals(0L, redis.objectIdletime("k"));
        clock.advance(Duration.ofSeconds(5));
        redis.touch("k");
        assertEquals(0L, redis.objectIdletime("k"));
        clock.advance(Duration.ofSeconds(5));
        redis.append("k", "x");
        assertEquals(0L, redis.objectIdletime("k"));
    }

    @Test
    void objectIdletime_inspectingCommands_doNotResetIt() {
        redis.set("k", "v", SetArgs.ex(1_000));
        clock.advance(Duration.ofSeconds(3));
        redis.ttl("k");
        redis.pttl("k");
        redis.expiretime("k");
        redis.exists("k");
        redis.type("k");
        redis.objectEncoding("k");
        redis.objectIdletime("k");
        redis.keys("*");
        redis.scan("0");
        assertEquals(3L, redis.objectIdletime("k"));
    }

    @Test
    void objectIdletime_expireAndPersist_resetItAsRedisWriteLookupsDo() {
        redis.set("a", "v");
        redis.set("b", "v", SetArgs.ex(100));
        clock.advance(Duration.ofSeconds(3));
        redis.expire("a", 100);
        redis.persist("b");
        assertEquals(0L, redis.objectIdletime("a"));
        assertEquals(0L, redis.objectIdletime("b"));
    }

    @Test
    void objectIdletime_copy_touchesSourceAndDestination() {
        redis.set("a", "v");
        redis.set("b", "w");
        clock.advance(Duration.ofSeconds(3));
        assertFalse(redis.copy("a", "b"));
        assertEquals(0L, redis.objectIdletime("a"));
        assertEquals(0L, redis.objectIdletime("b"));
    }

    @Test
    void objectHelp_returnsRedisHelpTextAsStatusLines() {
        List<String> lines = List.of(
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
        assertEquals(Reply.array(lines.stream().map(line -> (Reply) new Reply.Status(line)).toList()), help);
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
    }

    @Test
    void object_unknownSubcommandQuoted_isCutAt128BytesOnOneLine() {
        assertError("ERR unknown subcommand '" + "s".repeat(128) + "'. Try OBJECT HELP.", "OBJECT", "s".repeat(200), "k");
        assertError("ERR unknown subcommand 'a b'. Try OBJECT HELP.", "OBJECT", "a\nb");
        assertError("ERR unknown subcommand 'a'. Try OBJECT HELP.", "OBJECT", "a\u0000b");
    }

    @Test
    void object_wrongArity_returnsArityErrors() {
        assertError("ERR wrong number of arguments for 'object' command", "OBJECT");
        assertError("ERR wrong number of arguments for 'object|encoding' command", "OBJECT", "ENCODING");
        assertError("ERR wrong number of arguments for 'object|encoding' command", "OBJECT", "encoding", "a", "b");
        assertError("ERR wrong number of arguments for 'object|idletime' command", "OBJECT", "IDLETIME");
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
    void objectRefcount_missingKey_returnsNil() {
        assertReply(Reply.NIL, "OBJECT", "REFCOUNT", "missing");
        redis.set("k", "not shared");
        assertReply(integer(1), "OBJECT", "REFCOUNT", "k");
    }

    // ------------------------------------------------------------------ PING and ECHO

    @Test
    void ping_noArgument_returnsPong() {
        assertReply(new Reply.Status("PONG"), "PING");
    }

    @Test
    void ping_message_returnsItAsBulk() {
        assertReply(bulk("hi"), "PING", "hi");
    }

    @Test
    void ping_twoArguments_returnsArityError() {
        assertError("ERR wrong number of arguments for 'ping' command", "PING", "a", "b");
    }

    @Test
    void echo_message_returnsIt() {
        assertReply(bulk("hello world"), "ECHO", "hello world");
        assertReply(bulk(""), "ECHO", "");
        assertError("ERR wrong number of arguments for 'echo' command", "ECHO");
        assertError("ERR wrong number of arguments for 'echo' command", "ECHO", "a", "b");
    }
}
