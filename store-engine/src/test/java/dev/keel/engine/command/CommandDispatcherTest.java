package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.Reply;
import dev.keel.engine.AbstractCommandTest;
import dev.keel.engine.OffHeapStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the dispatcher answers before any command runs: unknown commands, arity, bad argument lines. */
class CommandDispatcherTest extends AbstractCommandTest {

    @Test
    void execute_unknownCommand_returnsUnknownCommandWithArgs() {
        assertError("ERR unknown command 'foo', with args beginning with: 'a' 'b' ", "foo", "a", "b");
        assertError("ERR unknown command 'foo', with args beginning with: ", "foo");
        assertError("ERR unknown command 'FOO', with args beginning with: 'x' ", "FOO", "x");
    }

    @Test
    void execute_unknownCommandWithNewlines_printsThemAsSpaces() {
        assertError("ERR unknown command 'FOO', with args beginning with: 'a b' 'c' ", "FOO", "a\nb", "c");
        assertError("ERR unknown command 'foo', with args beginning with: 'c d' ", "foo", "c\rd");
    }

    @Test
    void execute_unknownCommandWithLongArgs_cutsThemAt128Bytes() {
        String a = "a".repeat(100);
        String b = "b".repeat(50);
        assertError("ERR unknown command 'foo', with args beginning with: '" + a + "' '" + "b".repeat(25) + "' ",
                "foo", a, b, "c");
        assertError("ERR unknown command '" + "f".repeat(128) + "', with args beginning with: 'x' ", "f".repeat(200), "x");
        assertError("ERR unknown command 'foo', with args beginning with: '" + "z".repeat(128) + "' ", "foo", "z".repeat(300), "y");
    }

    @Test
    void execute_unknownCommandWithNulByte_endsTheArgumentThere() {
        Reply reply = store.execute("foo".getBytes(StandardCharsets.US_ASCII), new byte[] {'a', 0, 'b'},
                "c\rd".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Reply.error("ERR unknown command 'foo', with args beginning with: 'a' 'c d' "), reply);
    }

    @Test
    void execute_veryLongCommandName_isUnknown() {
        assertError("ERR unknown command 'getgetgetgetgetgetgetgetgetgetgetget', with args beginning with: 'k' ",
                "getgetgetgetgetgetgetgetgetgetgetget", "k");
    }

    @Test
    void execute_commandNameInAnyCase_isFound() {
        assertReply(Reply.OK, "sEt", "k", "v");
        assertReply(bulk("v"), "GET", "k");
    }

    @Test
    void execute_wrongArity_namesTheCommandInLowerCase() {
        assertError("ERR wrong number of arguments for 'get' command", "GET");
        assertError("ERR wrong number of arguments for 'get' command", "GeT", "a", "b");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "a");
        assertError("ERR wrong number of arguments for 'getrange' command", "GETRANGE", "k", "0");
        assertError("ERR wrong number of arguments for 'setrange' command", "SETRANGE", "k", "0");
        assertError("ERR wrong number of arguments for 'append' command", "APPEND", "k");
        assertError("ERR wrong number of arguments for 'strlen' command", "STRLEN");
        assertError("ERR wrong number of arguments for 'getdel' command", "GETDEL", "a", "b");
        assertError("ERR wrong number of arguments for 'psetex' command", "PSETEX", "k", "1");
        assertError("ERR wrong number of arguments for 'substr' command", "SUBSTR", "k", "1");
    }

    @Test
    void execute_everyCommandBelowItsArity_returnsArityErrorAndChangesNothing() {
        redis.set("k", "v");
        for (CommandSpec spec : OffHeapStore.commandTable().all()) {
            int argc = spec.arity() > 0 ? spec.arity() - 1 : -spec.arity() - 1;
            if (argc < 1) {
                continue;
            }
            String[] argv = new String[argc];
            argv[0] = spec.name();
            for (int i = 1; i < argc; i++) {
                argv[i] = "k";
            }
            assertRefusedUnchanged("ERR wrong number of arguments for '" + spec.name() + "' command", argv);
        }
    }

    @Test
    void execute_fixedArityCommandWithExtraArgument_returnsArityError() {
        for (CommandSpec spec : OffHeapStore.commandTable().all()) {
            if (spec.arity() < 0) {
                continue;
            }
            if (spec.name().equals("exec")) {
                // As Redis: EXEC x answers EXECABORT ... because of: wrong number of arguments (TransactionContractTest).
                assertEquals(Reply.error("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"),
                        store.execute("EXEC", "1"));
                continue;
            }
            String[] argv = new String[spec.arity() + 1];
            argv[0] = spec.name().toUpperCase(java.util.Locale.ROOT);
            for (int i = 1; i < argv.length; i++) {
                argv[i] = "1";
            }
            assertRefusedUnchanged("ERR wrong number of arguments for '" + spec.name() + "' command", argv);
        }
    }

    @Test
    void execute_nullArgument_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> store.execute("GET", null));
        assertThrows(NullPointerException.class, () -> store.execute("SET".getBytes(StandardCharsets.US_ASCII), null));
    }

    @Test
    void execute_byteArguments_areNotCopiedAfterwards() {
        byte[] value = "v".getBytes(StandardCharsets.US_ASCII);
        store.execute("SET".getBytes(StandardCharsets.US_ASCII), "k".getBytes(StandardCharsets.US_ASCII), value);
        value[0] = 'x';
        assertEquals("v", redis.get("k"));
    }

    @Test
    void execute_afterClose_throwsIllegalState() {
        store.close();
        assertThrows(IllegalStateException.class, () -> store.execute("PING"));
    }
}
