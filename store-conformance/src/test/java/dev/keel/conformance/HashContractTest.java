package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HSET, HMSET, HSETNX, HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HDEL, HSTRLEN, WRONGTYPE
 * for every hash command, and the encodings OBJECT ENCODING reports for hashes. HINCRBY and
 * HINCRBYFLOAT are in {@link HashCounterContractTest}, HRANDFIELD and HSCAN in
 * {@link HashRandomAndScanContractTest}, field expiry in {@link HashFieldExpiryContractTest}.
 *
 * <p>Tests marked with a size run on a small hash and on one of 1000 fields, so that the default
 * target crosses from the packed encoding into the hash table.
 */
class HashContractTest extends HashAndSetContractBase {

    // ------------------------------------------------------------------ HSET, HMSET

    @Test
    void hset_manyFields_countsOnlyNewFields() {
        assertReply(integer(2), "HSET", "h", "a", "1", "b", "2");
        assertReply(integer(1), "HSET", "h", "a", "3", "c", "4");
        assertReply(integer(0), "HSET", "h", "c", "5");
        assertHash("h", "a", "3", "b", "2", "c", "5");
    }

    @Test
    void hset_repeatedFieldInOneCommand_countsOnceAndLastValueWins() {
        assertReply(integer(2), "HSET", "h", "a", "1", "b", "2", "a", "3");
        assertHash("h", "a", "3", "b", "2");
    }

    @Test
    void hset_missingKey_createsAHashWithoutExpiry() {
        assertReply(integer(1), "HSET", "h", "a", "1");
        assertReply(status("hash"), "TYPE", "h");
        assertReply(integer(1), "EXISTS", "h");
        assertReply(integer(-1), "TTL", "h");
    }

    @Test
    void hset_existingHashWithExpiry_keepsTheKeyExpiry() {
        hset("h", "a", "1");
        assertReply(integer(1), "PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        hset("h", "b", "2", "a", "3");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "h");
        assertHash("h", "a", "3", "b", "2");
    }

    @Test
    void hset_oddArguments_wrongNumberOfArgumentsAndNothingChanges() {
        hset("h", "a", "1");
        assertRefusedUnchanged(wrongArity("hset"), "HSET", "h", "a", "2", "b");
        assertRefusedUnchanged(wrongArity("hset"), "HSET", "h", "a");
        assertRefusedUnchanged(wrongArity("hset"), "HSET", "h");
        assertRefusedUnchanged(wrongArity("hset"), "HSET", "new", "a", "1", "b");
        assertRefusedUnchanged(wrongArity("hmset"), "HMSET", "h", "a", "2", "b");
        assertRefusedUnchanged(wrongArity("hmset"), "HMSET", "h", "a");
        assertError(wrongArity("hset"), "HSET");
        assertHash("h", "a", "1");
        assertNoKey("new");
    }

    @Test
    void hmset_manyFields_answersOk() {
        assertReply(Reply.OK, "HMSET", "h", "a", "1", "b", "2");
        assertReply(Reply.OK, "HMSET", "h", "a", "3");
        assertHash("h", "a", "3", "b", "2");
    }

    @Test
    void hset_emptyFieldAndValue_areStored() {
        assertReply(integer(2), "HSET", "h", "", "", "e", "");
        assertReply(bulk(""), "HGET", "h", "");
        assertReply(integer(1), "HEXISTS", "h", "");
        assertReply(integer(0), "HSTRLEN", "h", "");
        assertHash("h", "", "", "e", "");
    }

    @Test
    void hset_binaryFieldsAndValues_roundTripEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] crlf = {'\r', '\n', 0, '$', '*'};
        assertEquals(Reply.integer(2), store.execute(bytes("HSET"), bytes("b"), all, crlf, crlf, all));
        assertEquals(new Reply.Bulk(crlf), store.execute(bytes("HGET"), bytes("b"), all));
        assertEquals(new Reply.Bulk(all), store.execute(bytes("HGET"), bytes("b"), crlf));
        assertEquals(Reply.integer(256), store.execute(bytes("HSTRLEN"), bytes("b"), crlf));
        assertEquals(Reply.integer(1), store.execute(bytes("HDEL"), bytes("b"), all));
        assertEquals(Reply.array(List.of(new Reply.Bulk(crlf), new Reply.Bulk(all))), store.execute(bytes("HGETALL"), bytes("b")));
    }

    @Test
    void hset_unicodeFieldsAndValues_storeUtf8Bytes() {
        hset("ключ", "поле", "värde ✓", "日本", "語");
        assertReply(bulk("värde ✓"), "HGET", "ключ", "поле");
        assertReply(integer("värde ✓".getBytes(StandardCharsets.UTF_8).length), "HSTRLEN", "ключ", "поле");
        assertHash("ключ", "поле", "värde ✓", "日本", "語");
    }

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {5, 1000})
    void hset_anySize_everyFieldReadsBack(int size) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        assertHash("h", hash);
        for (int i = 0; i < size; i += 97) {
            assertReply(bulk("v" + i), "HGET", "h", "f" + i);
        }
        assertReply(integer(0), "HSET", "h", "f0", "changed");
        assertReply(bulk("changed"), "HGET", "h", "f0");
        assertReply(integer(size), "HLEN", "h");
    }

    // ------------------------------------------------------------------ HSETNX

    @Test
    void hsetnx_newField_setsItAndReturnsOne() {
        assertReply(integer(1), "HSETNX", "h", "a", "1");
        assertReply(integer(1), "HSETNX", "h", "b", "2");
        assertHash("h", "a", "1", "b", "2");
    }

    @Test
    void hsetnx_existingField_returnsZeroAndKeepsTheValue() {
        hset("h", "a", "1");
        assertReplyUnchanged(integer(0), "HSETNX", "h", "a", "2");
        assertReply(bulk("1"), "HGET", "h", "a");
    }

    @Test
    void hsetnx_wrongNumberOfArguments_changesNothing() {
        assertRefusedUnchanged(wrongArity("hsetnx"), "HSETNX", "h", "a");
        assertRefusedUnchanged(wrongArity("hsetnx"), "HSETNX", "h", "a", "1", "b", "2");
        assertNoKey("h");
    }

    // ------------------------------------------------------------------ HGET, HMGET

    @Test
    void hget_missingFieldOrKey_returnsNil() {
        hset("h", "a", "1");
        assertReply(bulk("1"), "HGET", "h", "a");
        assertReply(Reply.NIL, "HGET", "h", "b");
        assertReply(Reply.NIL, "HGET", "missing", "a");
        assertError(wrongArity("hget"), "HGET", "h");
        assertError(wrongArity("hget"), "HGET", "h", "a", "b");
    }

    @Test
    void hmget_someMissingFields_returnsNilInTheirPlace() {
        hset("h", "a", "1", "b", "2");
        assertReply(array("1", null, "2", "1"), "HMGET", "h", "a", "x", "b", "a");
        assertReply(array((String) null), "HMGET", "h", "x");
    }

    @Test
    void hmget_missingKey_returnsOneNilPerField() {
        assertReplyUnchanged(array(null, null, null), "HMGET", "missing", "a", "b", "c");
        assertError(wrongArity("hmget"), "HMGET", "h");
    }

    // ------------------------------------------------------------------ HGETALL, HKEYS, HVALS

    @Test
    void hgetall_smallHash_pairsEachFieldWithItsValue() {
        hset("h", "a", "1", "b", "2", "c", "3");
        assertPairs(map("a", "1", "b", "2", "c", "3"), "HGETALL", "h");
    }

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {3, 100})
    void hkeysAndHvals_sameOrderAsHgetall(int size) {
        hset("h", numberedHash(size));
        List<String> all = strings(exec("HGETALL", "h"));
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            keys.add(all.get(i));
            values.add(all.get(i + 1));
        }
        assertEquals(keys, strings(exec("HKEYS", "h")));
        assertEquals(values, strings(exec("HVALS", "h")));
    }

    @Test
    void hgetallHkeysHvals_missingKey_returnEmptyArrays() {
        assertReply(emptyArray(), "HGETALL", "missing");
        assertReply(emptyArray(), "HKEYS", "missing");
        assertReply(emptyArray(), "HVALS", "missing");
    }

    @Test
    void hgetallHkeysHvals_extraArgument_wrongNumberOfArguments() {
        hset("h", "a", "1");
        assertError(wrongArity("hgetall"), "HGETALL", "h", "a");
        assertError(wrongArity("hkeys"), "HKEYS", "h", "a");
        assertError(wrongArity("hvals"), "HVALS", "h", "a");
        assertError(wrongArity("hkeys"), "HKEYS");
    }

    @Test
    void hvals_repeatedValues_keepsEveryOne() {
        hset("h", "a", "same", "b", "same", "c", "other");
        assertReply(integer(3), "HLEN", "h");
        List<String> values = strings(exec("HVALS", "h"));
        values.sort(null);
        assertEquals(List.of("other", "same", "same"), values);
    }

    // ------------------------------------------------------------------ HLEN, HEXISTS, HSTRLEN

    @Test
    void hlen_countsFieldsAndZeroForAMissingKey() {
        hset("h", "a", "1", "b", "2");
        assertReply(integer(2), "HLEN", "h");
        assertReply(integer(0), "HLEN", "missing");
        assertError(wrongArity("hlen"), "HLEN", "h", "a");
    }

    @Test
    void hexists_presentMissingFieldAndMissingKey() {
        hset("h", "a", "1");
        assertReply(integer(1), "HEXISTS", "h", "a");
        assertReply(integer(0), "HEXISTS", "h", "b");
        assertReply(integer(0), "HEXISTS", "missing", "a");
        assertReply(integer(0), "HEXISTS", "h", "A");
        assertError(wrongArity("hexists"), "HEXISTS", "h");
    }

    @Test
    void hstrlen_lengthOfTheValueIncludingNumbers() {
        hset("h", "s", "hello", "n", "123", "neg", "-5", "big", "9223372036854775807", "e", "");
        assertReply(integer(5), "HSTRLEN", "h", "s");
        assertReply(integer(3), "HSTRLEN", "h", "n");
        assertReply(integer(2), "HSTRLEN", "h", "neg");
        assertReply(integer(19), "HSTRLEN", "h", "big");
        assertReply(integer(0), "HSTRLEN", "h", "e");
        assertReply(integer(0), "HSTRLEN", "h", "missing");
        assertReply(integer(0), "HSTRLEN", "missing", "s");
        assertError(wrongArity("hstrlen"), "HSTRLEN", "h");
    }

    // ------------------------------------------------------------------ HDEL

    @Test
    void hdel_manyFields_countsOnlyThoseRemoved() {
        hset("h", "a", "1", "b", "2", "c", "3");
        assertReply(integer(2), "HDEL", "h", "a", "x", "b");
        assertHash("h", "c", "3");
        assertReply(integer(0), "HDEL", "h", "a");
    }

    @Test
    void hdel_repeatedField_countsOnce() {
        hset("h", "a", "1", "b", "2");
        assertReply(integer(1), "HDEL", "h", "a", "a");
        assertHash("h", "b", "2");
    }

    @Test
    void hdel_lastField_deletesTheKey() {
        hset("h", "a", "1", "b", "2");
        exec("PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        assertReply(integer(2), "HDEL", "h", "a", "b", "c");
        assertNoKey("h");
        assertReply(emptyArray(), "HGETALL", "h");
        hset("h", "a", "1");
        assertEquals(integer(-1), exec("PTTL", "h"), "a new hash does not inherit the old expiry");
    }

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {5, 1000})
    void hdel_everyFieldOneByOne_deletesTheKeyAtTheEnd(int size) {
        hset("h", numberedHash(size));
        for (int i = 0; i < size - 1; i++) {
            assertReply(integer(1), "HDEL", "h", "f" + i);
        }
        assertHash("h", "f" + (size - 1), "v" + (size - 1));
        assertReply(integer(1), "HDEL", "h", "f" + (size - 1));
        assertNoKey("h");
    }

    @Test
    void hdel_missingKeyOrNoField_returnsZeroOrArityError() {
        assertReply(integer(0), "HDEL", "missing", "a");
        assertError(wrongArity("hdel"), "HDEL", "h");
        assertNoKey("missing");
    }

    // ------------------------------------------------------------------ WRONGTYPE

    /** Every hash command line against key {@code k}. */
    private static final String[][] HASH_COMMANDS = {
            {"HSET", "k", "a", "1"}, {"HMSET", "k", "a", "1"}, {"HSETNX", "k", "a", "1"}, {"HGET", "k", "a"},
            {"HMGET", "k", "a", "b"}, {"HGETALL", "k"}, {"HKEYS", "k"}, {"HVALS", "k"}, {"HLEN", "k"},
            {"HEXISTS", "k", "a"}, {"HDEL", "k", "a"}, {"HINCRBY", "k", "a", "1"}, {"HINCRBYFLOAT", "k", "a", "1.5"},
            {"HSTRLEN", "k", "a"}, {"HRANDFIELD", "k"}, {"HRANDFIELD", "k", "2"}, {"HRANDFIELD", "k", "-2", "WITHVALUES"},
            {"HRANDFIELD", "k", "0"}, {"HSCAN", "k", "0"}, {"HSCAN", "k", "0", "COUNT", "10"},
    };

    @ParameterizedTest(name = "key holding a {0}")
    @ValueSource(strings = {"string", "list", "set"})
    void everyHashCommand_keyOfAnotherType_wrongTypeAndNothingChanges(String type) {
        switch (type) {
            case "string" -> exec("SET", "k", "v");
            case "list" -> exec("RPUSH", "k", "a", "b");
            default -> sadd("k", "a", "1");
        }
        exec("PEXPIREAT", "k", Long.toString(FUTURE_MILLIS));
        for (String[] argv : HASH_COMMANDS) {
            assertRefusedUnchanged(WRONGTYPE, argv);
        }
        assertReply(status(type), "TYPE", "k");
    }

    @Test
    void hashCommands_wrongArgumentsBeforeWrongType_reportTheArgumentError() {
        exec("SET", "s", "v");
        assertRefusedUnchanged(NOT_INTEGER, "HINCRBY", "s", "a", "abc");
        assertRefusedUnchanged("ERR value is not a valid float", "HINCRBYFLOAT", "s", "a", "abc");
        assertRefusedUnchanged("ERR value is NaN or Infinity", "HINCRBYFLOAT", "s", "a", "inf");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "s", "abc");
        assertRefusedUnchanged(SYNTAX, "HRANDFIELD", "s", "1", "foo");
        assertRefusedUnchanged("ERR invalid cursor", "HSCAN", "s", "abc");
        assertRefusedUnchanged(wrongArity("hset"), "HSET", "s", "a");
    }

    // ------------------------------------------------------------------ encodings

    /** What OBJECT ENCODING says for a small hash: listpack, or hashtable where every hash is one. */
    private String smallHashEncoding() {
        return target.name().equals("keel-scalable") ? "hashtable" : "listpack";
    }

    @Test
    void objectEncoding_smallHash_isListpack() {
        hset("h", "a", "1", "b", "2");
        assertReply(bulk(smallHashEncoding()), "OBJECT", "ENCODING", "h");
    }

    @Test
    void objectEncoding_valueOf64Bytes_staysListpackAnd65BytesIsHashtable() {
        hset("h", "a", "x".repeat(64));
        assertReply(bulk(smallHashEncoding()), "OBJECT", "ENCODING", "h");
        hset("h", "b", "x".repeat(65));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
        assertHash("h", "a", "x".repeat(64), "b", "x".repeat(65));
    }

    @Test
    void objectEncoding_fieldOf65Bytes_isHashtable() {
        hset("h", "a", "1");
        hset("h", "f".repeat(65), "1");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
        assertHash("h", "a", "1", "f".repeat(65), "1");
    }

    @Test
    void objectEncoding_longValueThroughHsetnxOrHincrbyfloat_isHashtable() {
        hset("a", "x", "1");
        assertReply(integer(1), "HSETNX", "a", "y", "v".repeat(65));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "a");
        hset("b", "x", "1");
        String seventyOneDigits = "10000000000000000000222479489586148259025995410601157579323600873193472";
        assertReply(bulk(seventyOneDigits), "HINCRBYFLOAT", "b", "f", "1e70");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "b");
        assertHash("b", "x", "1", "f", seventyOneDigits);
    }

    @Test
    void objectEncoding_hashOf512ShortFields_isListpack() {
        // Redis's hash-max-listpack-entries is 512
        hset("h", numberedHash(512));
        assertReply(bulk(smallHashEncoding()), "OBJECT", "ENCODING", "h");
    }

    @Test
    void objectEncoding_hashPast512Fields_isHashtable() {
        hset("h", numberedHash(512));
        hset("h", "one", "more");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
        hset("g", numberedHash(513));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "g");
    }

    @Test
    void hashtable_shrunkToAFewFields_keepsExactlyTheRemainingFields() {
        Map<String, String> hash = numberedHash(1000);
        hset("h", hash);
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
        Map<String, String> left = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 250 == 7) {
                left.put("f" + i, "v" + i);
            } else {
                exec("HDEL", "h", "f" + i);
            }
        }
        assertHash("h", left);
        hset("h", "new", "1");
        left.put("new", "1");
        assertHash("h", left);
    }
}
