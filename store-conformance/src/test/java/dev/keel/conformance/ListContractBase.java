package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the list contract tests share: a snapshot of every key that reads lists as well as
 * strings, so a refused command can be shown to change nothing, and small builders of lists.
 */
abstract class ListContractBase extends ContractTest {
    static final String WRONGTYPE = WrongTypeException.MESSAGE;

    /** Asserts that the list at {@code key} holds exactly {@code expected}, head first ({@code LRANGE key 0 -1}, LLEN). */
    void assertList(String key, String... expected) {
        assertEquals(Arrays.asList(expected), redis.lrange(key, 0, -1), () -> "LRANGE " + key + " 0 -1");
        assertEquals(expected.length, redis.llen(key), () -> "LLEN " + key);
    }

    /** Asserts that {@code key} does not exist: an emptied list is no key at all. */
    void assertNoKey(String key) {
        assertEquals(0, redis.exists(key), () -> "EXISTS " + key);
        assertEquals("none", redis.type(key), () -> "TYPE " + key);
        assertEquals(0, redis.llen(key), () -> "LLEN " + key);
    }

    /**
     * Every live key with its type, its value (a string's bytes, a list's elements) and its
     * absolute expiry, as ISO-8859-1 text.
     */
    Map<String, String> typedSnapshot() {
        Map<String, String> data = new TreeMap<>();
        for (byte[] key : binary.keys(bytes("*"))) {
            String type = binary.type(key);
            String value = switch (type) {
                case "string" -> latin1(binary.get(key));
                case "list" -> binary.lrange(key, 0, -1).stream().map(ContractTest::latin1).toList().toString();
                default -> "?";
            };
            data.put(latin1(key), type + " " + value + " @" + binary.pexpiretime(key));
        }
        return data;
    }

    /** Asserts that the command line answers the error {@code message} and changes no key. */
    void assertListRefusedUnchanged(String message, String... argv) {
        Map<String, String> before = typedSnapshot();
        assertError(message, argv);
        assertEquals(before, typedSnapshot(), () -> String.join(" ", argv) + " changed the data");
    }

    /** Asserts that the command line answers exactly {@code expected} and changes no key. */
    void assertReplyUnchanged(Reply expected, String... argv) {
        Map<String, String> before = typedSnapshot();
        assertReply(expected, argv);
        assertEquals(before, typedSnapshot(), () -> String.join(" ", argv) + " changed the data");
    }

    /** {@code count} distinct elements {@code prefix0, prefix1, ...}. */
    static String[] numbered(String prefix, int count) {
        String[] elements = new String[count];
        for (int i = 0; i < count; i++) {
            elements[i] = prefix + i;
        }
        return elements;
    }

    /** An array reply of integers. */
    static Reply integers(long... values) {
        return Reply.array(Arrays.stream(values).<Reply>mapToObj(Reply::integer).toList());
    }

    /** The {@code [key, element]} reply of BLPOP and BRPOP. */
    static Reply keyAndElement(String key, String element) {
        return array(key, element);
    }

    /** The {@code [key, [element ...]]} reply of LMPOP and BLMPOP. */
    static Reply keyAndElements(String key, String... elements) {
        return Reply.array(List.of(bulk(key), array(elements)));
    }
}
