package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keel's four hash extensions, which the {@code KeelHash} view is built on: {@code KEEL.HGETSET},
 * {@code KEEL.HREPLACE}, {@code KEEL.HCAS} and {@code KEEL.HCAD}, command line by command line.
 * The engine answers them itself; against redis-server, {@code store-redis} runs them as Lua
 * scripts, so the same replies hold on every target.
 */
class KeelHashExtensionsContractTest extends ContractTest {
    private static final String WRONGTYPE = WrongTypeException.MESSAGE;

    private Map<String, String> hash(String key) {
        return redis.hgetall(key);
    }

    @Test
    void hgetset_answersThePreviousValueOrNil_andAlwaysSets() {
        assertReply(Reply.NIL, "KEEL.HGETSET", "h", "f", "1");
        assertReply(bulk("1"), "KEEL.HGETSET", "h", "f", "2");
        assertReply(Reply.NIL, "keel.hgetset", "h", "g", "3");
        assertEquals(Map.of("f", "2", "g", "3"), hash("h"));
    }

    @Test
    void hreplace_setsOnlyAnExistingField() {
        assertReply(Reply.NIL, "KEEL.HREPLACE", "h", "f", "1");
        assertEquals(0, redis.exists("h"), "KEEL.HREPLACE on a missing key creates nothing");
        redis.hset("h", "f", "1");
        assertReply(Reply.NIL, "KEEL.HREPLACE", "h", "g", "2");
        assertReply(bulk("1"), "KEEL.HREPLACE", "h", "f", "3");
        assertEquals(Map.of("f", "3"), hash("h"));
    }

    @Test
    void hcas_replacesOnlyTheExpectedValue() {
        assertReply(integer(0), "KEEL.HCAS", "h", "f", "1", "2");
        assertEquals(0, redis.exists("h"));
        redis.hset("h", "f", "1");
        assertReply(integer(0), "KEEL.HCAS", "h", "f", "x", "2");
        assertReply(integer(0), "KEEL.HCAS", "h", "g", "1", "2");
        assertEquals(Map.of("f", "1"), hash("h"));
        assertReply(integer(1), "KEEL.HCAS", "h", "f", "1", "2");
        assertEquals(Map.of("f", "2"), hash("h"));
        assertReply(integer(1), "KEEL.HCAS", "h", "f", "2", "2");
    }

    @Test
    void hcad_deletesOnlyTheExpectedValue_emptiedHashIsDeleted() {
        assertReply(integer(0), "KEEL.HCAD", "h", "f", "1");
        redis.hset("h", Map.of("f", "1", "g", "2"));
        assertReply(integer(0), "KEEL.HCAD", "h", "f", "2");
        assertReply(integer(0), "KEEL.HCAD", "h", "x", "1");
        assertReply(integer(1), "KEEL.HCAD", "h", "f", "1");
        assertEquals(Map.of("g", "2"), hash("h"));
        assertReply(integer(1), "KEEL.HCAD", "h", "g", "2");
        assertEquals(0, redis.exists("h"), "the emptied hash is deleted");
    }

    @Test
    void binaryValues_comparedByteForByte() {
        byte[] value = {0, (byte) 0xff, 'a', 0};
        binary.hset(bytes("h"), bytes("f"), value);
        assertEquals(Reply.integer(0), store.execute(bytes("KEEL.HCAS"), bytes("h"), bytes("f"), new byte[] {0, (byte) 0xff, 'a'}, bytes("x")));
        assertEquals(Reply.integer(1), store.execute(bytes("KEEL.HCAS"), bytes("h"), bytes("f"), value.clone(), bytes("x")));
        assertEquals(Reply.integer(1), store.execute(bytes("KEEL.HCAD"), bytes("h"), bytes("f"), bytes("x")));
    }

    @Test
    void otherType_refusedWithWrongType_unchanged() {
        redis.set("s", "v");
        assertRefusedUnchanged(WRONGTYPE, "KEEL.HGETSET", "s", "f", "1");
        assertRefusedUnchanged(WRONGTYPE, "KEEL.HREPLACE", "s", "f", "1");
        assertRefusedUnchanged(WRONGTYPE, "KEEL.HCAS", "s", "f", "1", "2");
        assertRefusedUnchanged(WRONGTYPE, "KEEL.HCAD", "s", "f", "1");
        redis.rpush("l", "a");
        assertError(WRONGTYPE, "KEEL.HGETSET", "l", "f", "1");
        assertError(WRONGTYPE, "KEEL.HCAD", "l", "f", "1");
        assertEquals(List.of("a"), redis.lrange("l", 0, -1));
    }

    @Test
    void wrongArgumentCount_refusedWithArityError() {
        assertError("ERR wrong number of arguments for 'keel.hgetset' command", "KEEL.HGETSET", "h", "f");
        assertError("ERR wrong number of arguments for 'keel.hreplace' command", "KEEL.HREPLACE", "h", "f", "v", "w");
        assertError("ERR wrong number of arguments for 'keel.hcas' command", "KEEL.HCAS", "h", "f", "v");
        assertError("ERR wrong number of arguments for 'keel.hcad' command", "KEEL.HCAD", "h");
        assertEquals(0, redis.exists("h"));
    }

    @Test
    void hgetset_clearsTheFieldsTimeToLive_asHsetDoes() {
        requireRedis("7.4", "hash field expiry");
        redis.hset("h", "f", "1");
        redis.hexpire("h", 1000, "f");
        assertReply(bulk("1"), "KEEL.HGETSET", "h", "f", "2");
        assertEquals(List.of(-1L), redis.httl("h", "f"));
    }
}
