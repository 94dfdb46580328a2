package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every command line shares: command names in any case, Redis's arity check for each command
 * Keel implements, and the error text of an unknown command.
 */
class CommandLineContractTest extends ContractTest {

    /**
     * Every command Keel implements with Redis's arity (redis.io, COMMAND INFO): {@code n} exactly n
     * arguments, the name included; {@code -n} at least n.
     */
    private static final Map<String, Integer> ARITIES = Map.ofEntries(
            Map.entry("GET", 2), Map.entry("SET", -3), Map.entry("SETNX", 3), Map.entry("SETEX", 4),
            Map.entry("PSETEX", 4), Map.entry("GETSET", 3), Map.entry("GETDEL", 2), Map.entry("GETEX", -2),
            Map.entry("MGET", -2), Map.entry("MSET", -3), Map.entry("MSETNX", -3), Map.entry("INCR", 2),
            Map.entry("DECR", 2), Map.entry("INCRBY", 3), Map.entry("DECRBY", 3), Map.entry("INCRBYFLOAT", 3),
            Map.entry("APPEND", 3), Map.entry("STRLEN", 2), Map.entry("GETRANGE", 4), Map.entry("SUBSTR", 4),
            Map.entry("SETRANGE", 4), Map.entry("DEL", -2), Map.entry("UNLINK", -2), Map.entry("EXISTS", -2),
            Map.entry("TYPE", 2), Map.entry("TOUCH", -2), Map.entry("EXPIRE", -3), Map.entry("PEXPIRE", -3),
            Map.entry("EXPIREAT", -3), Map.entry("PEXPIREAT", -3), Map.entry("TTL", 2), Map.entry("PTTL", 2),
            Map.entry("EXPIRETIME", 2), Map.entry("PEXPIRETIME", 2), Map.entry("PERSIST", 2),
            Map.entry("RENAME", 3), Map.entry("RENAMENX", 3), Map.entry("COPY", -3), Map.entry("KEYS", 2),
            Map.entry("SCAN", -2), Map.entry("RANDOMKEY", 1), Map.entry("DBSIZE", 1), Map.entry("FLUSHALL", -1),
            Map.entry("FLUSHDB", -1), Map.entry("OBJECT", -2), Map.entry("PING", -1), Map.entry("ECHO", 2));

    private static String arityError(String command) {
        return "ERR wrong number of arguments for '" + command.toLowerCase(java.util.Locale.ROOT) + "' command";
    }

    /** A command line of {@code argc} arguments: the name, then keys that exist ("k"), so a wrong arity cannot hide behind a missing key. */
    private static String[] line(String command, int argc) {
        List<String> argv = new ArrayList<>(Collections.nCopies(argc, "k"));
        argv.set(0, command);
        return argv.toArray(new String[0]);
    }

    @Test
    void everyCommand_belowItsArity_returnsArityErrorAndChangesNothing() {
        redis.set("k", "v");
        for (Map.Entry<String, Integer> command : ARITIES.entrySet()) {
            int minimum = Math.abs(command.getValue());
            for (int argc = 1; argc < minimum; argc++) {
                assertRefusedUnchanged(arityError(command.getKey()), line(command.getKey(), argc));
            }
        }
    }

    @Test
    void fixedArityCommands_withExtraArguments_returnArityErrorAndChangeNothing() {
        redis.set("k", "v");
        for (Map.Entry<String, Integer> command : ARITIES.entrySet()) {
            if (command.getValue() > 0) {
                assertRefusedUnchanged(arityError(command.getKey()), line(command.getKey(), command.getValue() + 1));
                assertRefusedUnchanged(arityError(command.getKey()), line(command.getKey(), command.getValue() + 3));
            }
        }
    }

    @Test
    void arityError_namesTheCommandInLowerCase() {
        assertError("ERR wrong number of arguments for 'get' command", "GeT", "a", "b");
        assertError("ERR wrong number of arguments for 'getrange' command", "getrange", "k", "0");
        assertError("ERR wrong number of arguments for 'incrbyfloat' command", "IncrByFloat", "f");
    }

    @Test
    void pairCommands_oddArguments_returnArityError() {
        assertRefusedUnchanged(arityError("mset"), "MSET", "a", "1", "b");
        assertRefusedUnchanged(arityError("msetnx"), "MSETNX", "a", "1", "b", "2", "c");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void ping_moreThanOneArgument_returnsArityError() {
        assertError(arityError("ping"), "PING", "a", "b");
    }

    @Test
    void everyCommand_nameInAnyCase_isFound() {
        redis.set("k", "v");
        assertReply(bulk("v"), "get", "k");
        assertReply(bulk("v"), "gEt", "k");
        assertReply(integer(1), "exists", "k");
        assertReply(status("string"), "tYpE", "k");
        assertReply(integer(1), "StrLen", "k");
        assertReply(status("PONG"), "ping");
        assertReply(Reply.OK, "fLuShAlL");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void unknownCommand_answersWithItsNameAndFirstArguments() {
        assertError("ERR unknown command 'foo', with args beginning with: 'a' 'b' ", "foo", "a", "b");
        assertError("ERR unknown command 'foo', with args beginning with: ", "foo");
        assertError("ERR unknown command 'FOO', with args beginning with: 'x' ", "FOO", "x");
        assertError("ERR unknown command 'foo', with args beginning with: '' ", "foo", "");
    }

    @Test
    void unknownCommand_withNewlines_printsThemAsSpaces() {
        assertError("ERR unknown command 'FOO', with args beginning with: 'a b' 'c' ", "FOO", "a\nb", "c");
        assertError("ERR unknown command 'foo', with args beginning with: 'c d' ", "foo", "c\rd");
    }

    @Test
    void unknownCommand_withLongArguments_cutsThemAt128Bytes() {
        assertError("ERR unknown command '" + "f".repeat(128) + "', with args beginning with: 'x' ", "f".repeat(200), "x");
        assertError("ERR unknown command 'foo', with args beginning with: '" + "z".repeat(128) + "' ", "foo", "z".repeat(300), "y");
        String a = "a".repeat(100);
        assertError("ERR unknown command 'foo', with args beginning with: '" + a + "' '" + "b".repeat(25) + "' ",
                "foo", a, "b".repeat(100), "c");
    }

    @Test
    void unknownCommand_longerThanAnyKnownName_isUnknown() {
        assertError("ERR unknown command 'getgetgetgetgetgetgetgetgetgetgetget', with args beginning with: 'k' ",
                "getgetgetgetgetgetgetgetgetgetgetget", "k");
    }

    @Test
    void unknownCommand_changesNothing() {
        redis.set("k", "v");
        assertRefusedUnchanged("ERR unknown command 'DELETE', with args beginning with: 'k' ", "DELETE", "k");
    }
}
