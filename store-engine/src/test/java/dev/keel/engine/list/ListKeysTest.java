package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lists as keys: TYPE, WRONGTYPE, the encodings and their hysteresis, COPY, RENAME, expiry, and
 * every byte freed when a list goes away, whichever way it goes.
 */
class ListKeysTest extends AbstractListTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    @Test
    void type_ofAList_isList() {
        rpush("k", "a");
        assertReply(new Reply.Status("list"), "TYPE", "k");
        assertEquals("list", redis.type("k"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "LPUSH s x", "RPUSH s x", "LPUSHX s x", "RPUSHX s x", "LPOP s", "RPOP s", "LPOP s 1", "RPOP s 0",
        "LLEN s", "LINDEX s 0", "LINDEX s x", "LSET s 0 x", "LSET s x x", "LRANGE s 0 -1", "LINSERT s BEFORE a b",
        "LREM s 0 a", "LTRIM s 0 1", "LPOS s a", "LPOS s a COUNT 0", "LMOVE s d LEFT LEFT",
        "LMOVE l s LEFT LEFT", "RPOPLPUSH s d", "RPOPLPUSH l s", "RPOPLPUSH s s", "LMPOP 1 s LEFT",
        "LMPOP 2 d s RIGHT COUNT 2", "BLPOP s 0", "BRPOP d s 0", "BLMOVE s d LEFT LEFT 0",
        "BLMOVE l s RIGHT LEFT 0", "BRPOPLPUSH s d 0", "BRPOPLPUSH l s 0", "BLMPOP 0 1 s LEFT",
        "BLMPOP 0 2 d s LEFT COUNT 3"})
    void listCommand_onAStringKey_isWrongTypeAndChangesNothing(String line) {
        exec("SET", "s", "string value");
        rpush("l", "a", "b");
        assertRefusedUnchanged(WRONGTYPE, line.split(" "));
        assertList("l", "a", "b");
    }

    @Test
    void stringCommand_onAList_isWrongType() {
        rpush("k", "a");
        assertRefusedUnchanged(WRONGTYPE, "GET", "k");
        assertRefusedUnchanged(WRONGTYPE, "APPEND", "k", "x");
        assertRefusedUnchanged(WRONGTYPE, "INCR", "k");
        assertReply(Reply.OK, "SET", "k", "now a string");
        assertReply(new Reply.Status("string"), "TYPE", "k");
    }

    // ------------------------------------------------------------------ encodings

    @Test
    void objectEncoding_smallList_isListpackUnlessEveryListIsLinked() {
        rpush("k", "a", "b", "c");
        String expected = thresholds.listMaxPackedBytes() == 0 ? "quicklist" : "listpack";
        assertReply(bulk(expected), "OBJECT", "ENCODING", "k");
        assertEquals(expected, redis.objectEncoding("k"));
    }

    /**
     * Elements of 10 bytes take 12 bytes each (a length byte before and after). A packed list is
     * one node of at most the threshold, its header included; one element more makes it
     * quicklist, and it turns back only once its entries fit in half of a node's room.
     */
    @Test
    void objectEncoding_pastTheThreshold_turnsQuicklistAndBackOnlyUnderHalf() {
        int room = thresholds.listMaxPackedBytes() - ListNodeDescriptor.HEADER_LENGTH;
        String element = "0123456789";
        if (room <= 0) {
            for (int i = 0; i < 50; i++) {
                rpush("k", element);
                assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "k");
            }
            return;
        }
        int fits = room / 12;
        for (int i = 1; i <= fits; i++) {
            rpush("k", element);
            assertReply(bulk("listpack"), "OBJECT", "ENCODING", "k");
        }
        rpush("k", element);
        assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "k");
        int packedAgain = (room / 2) / 12;
        for (int length = fits; length > packedAgain; length--) {
            assertReply(bulk(element), "RPOP", "k");
            assertEquals(bulk("quicklist"), exec("OBJECT", "ENCODING", "k"), "length " + length);
        }
        assertReply(bulk(element), "RPOP", "k");
        assertReply(bulk("listpack"), "OBJECT", "ENCODING", "k");
        assertReply(integer(packedAgain), "LLEN", "k");
        rpush("k", element);
        assertReply(bulk("listpack"), "OBJECT", "ENCODING", "k");
    }

    @Test
    void objectEncoding_shrinkingByLtrimOrLrem_convertsBackUnderHalf() {
        String packed = thresholds.listMaxPackedBytes() <= ListNodeDescriptor.HEADER_LENGTH ? "quicklist" : "listpack";
        rpush("k", numbered("e", 3000));
        assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "k");
        assertReply(Reply.OK, "LTRIM", "k", "1500", "1500");
        assertReply(bulk(packed), "OBJECT", "ENCODING", "k");
        assertList("k", "e1500");
        exec("DEL", "k");
        String[] drops = new String[3000];
        java.util.Arrays.fill(drops, "drop");
        rpush("k", drops);
        rpush("k", "keep");
        assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "k");
        assertReply(integer(3000), "LREM", "k", "0", "drop");
        assertReply(bulk(packed), "OBJECT", "ENCODING", "k");
        assertList("k", "keep");
    }

    @Test
    void objectEncoding_oneElementLargerThanTheThreshold_isQuicklist() {
        int max = thresholds.listMaxPackedBytes();
        String big = "B".repeat(Math.max(max, 1) + 1);
        rpush("k", big);
        assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "k");
        assertReply(bulk(big), "LINDEX", "k", "0");
        rpush("small", "s");
        assertReply(Reply.OK, "LSET", "small", "0", big);
        assertReply(bulk("quicklist"), "OBJECT", "ENCODING", "small");
        assertReply(Reply.OK, "LSET", "small", "0", "s");
        assertReply(bulk(max <= ListNodeDescriptor.HEADER_LENGTH ? "quicklist" : "listpack"), "OBJECT", "ENCODING", "small");
    }

    @Test
    void objectEncoding_missingKey_isNil() {
        assertReply(Reply.NIL, "OBJECT", "ENCODING", "k");
    }

    // ------------------------------------------------------------------ COPY, RENAME, expiry

    @Test
    void copy_list_makesAnIndependentDeepCopy() {
        String[] elements = numbered("copied-", 400);
        rpush("src", elements);
        assertReply(integer(1), "COPY", "src", "dst");
        assertList("dst", elements);
        assertEquals(exec("OBJECT", "ENCODING", "src"), exec("OBJECT", "ENCODING", "dst"));
        assertReply(Reply.OK, "LSET", "src", "5", "changed");
        assertReply(bulk("copied-0"), "LPOP", "src");
        rpush("src", "more");
        assertReply(bulk("copied-399"), "RPOP", "dst");
        assertList("dst", java.util.Arrays.copyOf(elements, 399));
        assertReply(bulk("changed"), "LINDEX", "src", "4");
        assertReply(integer(1), "DEL", "src");
        assertList("dst", java.util.Arrays.copyOf(elements, 399));
    }

    @Test
    void copy_smallList_keepsItsEncodingAndTtl() {
        rpush("src", "a", "b");
        exec("PEXPIRE", "src", "10000");
        assertReply(integer(1), "COPY", "src", "dst");
        assertReply(exec("OBJECT", "ENCODING", "src"), "OBJECT", "ENCODING", "dst");
        assertReply(integer(10000), "PTTL", "dst");
    }

    @Test
    void copy_ontoAnExistingKey_needsReplace() {
        rpush("src", "a", "b");
        exec("SET", "str", "v");
        assertReply(integer(0), "COPY", "src", "str");
        assertReply(bulk("v"), "GET", "str");
        assertReply(integer(1), "COPY", "src", "str", "REPLACE");
        assertList("str", "a", "b");
        rpush("other", "x");
        assertReply(integer(1), "COPY", "other", "str", "REPLACE");
        assertList("str", "x");
    }

    @Test
    void rename_list_movesItElementsEncodingAndTtl() {
        String[] elements = numbered("renamed-", 200);
        rpush("src", elements);
        exec("PEXPIRE", "src", "7000");
        Reply encoding = exec("OBJECT", "ENCODING", "src");
        assertReply(Reply.OK, "RENAME", "src", "dst");
        assertNoKey("src");
        assertList("dst", elements);
        assertReply(encoding, "OBJECT", "ENCODING", "dst");
        assertReply(integer(7000), "PTTL", "dst");
    }

    @Test
    void rename_ontoAnExistingKey_replacesItsValue() {
        rpush("src", "a");
        rpush("dst", numbered("old", 300));
        assertReply(Reply.OK, "RENAME", "src", "dst");
        assertList("dst", "a");
        exec("SET", "str", "v");
        assertReply(Reply.OK, "RENAME", "dst", "str");
        assertList("str", "a");
        assertReply(integer(0), "RENAMENX", "str", "str");
    }

    @Test
    void expire_list_removesItWhenDue() {
        rpush("k", numbered("e", 100));
        assertReply(integer(1), "EXPIRE", "k", "10");
        clock.advanceMillis(10_001);
        assertReply(integer(0), "LLEN", "k");
        assertReply(Reply.NIL, "LPOP", "k");
        assertReply(integer(1), "LPUSH", "k", "fresh");
        assertReply(integer(-1), "TTL", "k");
    }

    // ------------------------------------------------------------------ memory

    @Test
    void del_list_freesEveryByte() {
        long start = store.memoryStats().usedBytes();
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            elements.add("value-" + i + "-" + "p".repeat(i % 200));
        }
        rpush("k", elements.toArray(new String[0]));
        assertTrue(store.memoryStats().usedBytes() > start);
        assertReply(integer(1), "DEL", "k");
        assertEquals(start, store.memoryStats().usedBytes());
    }

    @Test
    void emptyingAList_anyWay_removesTheKeyAndFreesEveryByte() {
        long start = store.memoryStats().usedBytes();
        String[] elements = numbered("some-element-", 300);
        List<String[]> emptiers = List.of(
                new String[] {"LTRIM", "k", "1", "0"},
                new String[] {"LREM", "k", "0", "x"},
                new String[] {"LPOP", "k", "1000"},
                new String[] {"RPOP", "k", "300"},
                new String[] {"LMPOP", "1", "k", "RIGHT", "COUNT", "1000"},
                new String[] {"UNLINK", "k"},
                new String[] {"GETDEL", "k"},
                new String[] {"SET", "k", "x"});
        for (String[] emptier : emptiers) {
            if (emptier[0].equals("LREM")) {
                String[] same = new String[elements.length];
                java.util.Arrays.fill(same, "x");
                rpush("k", same);
            } else {
                rpush("k", elements);
            }
            Reply reply = exec(emptier);
            if (emptier[0].equals("GETDEL")) {
                assertEquals(Reply.error(WRONGTYPE), reply);
                exec("DEL", "k");
            } else if (emptier[0].equals("SET")) {
                exec("DEL", "k");
            }
            assertNoKey("k");
            assertEquals(start, store.memoryStats().usedBytes(), String.join(" ", emptier));
        }
    }

    @Test
    void poppingOneByOne_removesTheKeyAndFreesEveryByte() {
        long start = store.memoryStats().usedBytes();
        rpush("a", numbered("aaaaaaaaaa", 200));
        for (int i = 0; i < 200; i++) {
            exec(i % 2 == 0 ? "LPOP" : "RPOP", "a");
        }
        assertNoKey("a");
        rpush("b", numbered("bbbbbbbbbbbbbbbb", 150));
        for (int i = 0; i < 150; i++) {
            exec("LMOVE", "b", "c", i % 2 == 0 ? "LEFT" : "RIGHT", "LEFT");
        }
        assertNoKey("b");
        for (int i = 0; i < 150; i++) {
            exec("RPOPLPUSH", "c", "d");
        }
        assertNoKey("c");
        assertReply(integer(150), "LLEN", "d");
        exec("DEL", "d");
        assertEquals(start, store.memoryStats().usedBytes());
    }

    @Test
    void copyRenameAndReplace_freeWhatTheyOverwrite() {
        long start = store.memoryStats().usedBytes();
        rpush("a", numbered("first-list-", 500));
        rpush("b", numbered("second-list-", 300));
        exec("COPY", "a", "b", "REPLACE");
        exec("RENAME", "b", "a");
        exec("COPY", "a", "c");
        exec("SET", "c", "string now");
        exec("DEL", "a", "c");
        assertEquals(start, store.memoryStats().usedBytes());
    }
}
