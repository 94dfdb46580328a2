package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.KeelException;
import dev.keel.KeelList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link KeelList} view, {@code store.list(key)}: the BlockingDeque methods that Guava's
 * Queue suite ({@link KeelListGuavaSuiteTest}) does not reach, and what each one does to the
 * list, on every target. Only the non-waiting paths of the blocking methods are here.
 */
@Timeout(60)
class ListViewContractTest extends ListContractBase {

    @Test
    void offerAndPoll_bothEnds_actAsRpushLpushRpopLpop() {
        KeelList<String> list = store.list("l");
        assertTrue(list.offer("b"));
        assertTrue(list.offerLast("c"));
        assertTrue(list.offerFirst("a"));
        list.push("head");
        list.addLast("tail");
        assertList("l", "head", "a", "b", "c", "tail");
        assertEquals("head", list.pop());
        assertEquals("tail", list.pollLast());
        assertEquals("a", list.poll());
        assertEquals("b", list.peekFirst());
        assertEquals("c", list.peekLast());
        assertEquals("b", list.getFirst());
        assertEquals("c", list.getLast());
        assertEquals(2, list.size());
    }

    @Test
    void emptyList_pollsAndPeeksReturnNull_removesAndGetsThrow() {
        KeelList<String> list = store.list("missing");
        assertNull(list.poll());
        assertNull(list.pollLast());
        assertNull(list.peek());
        assertNull(list.peekLast());
        assertThrows(NoSuchElementException.class, list::remove);
        assertThrows(NoSuchElementException.class, list::removeLast);
        assertThrows(NoSuchElementException.class, list::element);
        assertThrows(NoSuchElementException.class, list::getLast);
        assertThrows(NoSuchElementException.class, list::pop);
        assertTrue(list.isEmpty());
        assertNoKey("missing");
    }

    @Test
    void nullElements_refusedAndNothingPushed() {
        KeelList<String> list = store.list("l");
        list.add("a");
        assertThrows(NullPointerException.class, () -> list.offer(null));
        assertThrows(NullPointerException.class, () -> list.push(null));
        assertThrows(NullPointerException.class, () -> list.addAll(Arrays.asList("b", null, "c")));
        assertList("l", "a");
        assertFalse(list.contains(null));
        assertFalse(list.remove(null));
    }

    @Test
    void indexAccess_getSetRange_areLindexLsetLrange() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("a", "b", "c"));
        assertEquals("c", list.get(-1));
        assertNull(list.get(3));
        list.set(1, "B");
        assertEquals(List.of("B", "c"), list.range(1, -1));
        KeelException e = assertThrows(KeelException.class, () -> list.set(5, "x"));
        assertEquals("ERR index out of range", e.getMessage());
        assertThrowsRedis("ERR no such key", () -> store.list("missing").set(0, "x"));
    }

    @Test
    void stringKey_commandsRefusedWithWrongType() {
        redis.set("s", "v");
        KeelList<String> list = store.list("s");
        assertThrowsRedis(WRONGTYPE, list::size);
        assertThrowsRedis(WRONGTYPE, () -> list.offer("a"));
        assertThrowsRedis(WRONGTYPE, list::poll);
        assertThrowsRedis(WRONGTYPE, list::iterator);
        assertThrowsRedis(WRONGTYPE, () -> list.contains("v"));
        assertThrowsRedis(WRONGTYPE, list::clear);
        assertEquals("v", redis.get("s"));
    }

    @Test
    void removeOccurrences_firstAndLast_areLremOneAndMinusOne() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("x", "a", "x", "b", "x"));
        assertTrue(list.removeFirstOccurrence("x"));
        assertList("l", "a", "x", "b", "x");
        assertTrue(list.removeLastOccurrence("x"));
        assertList("l", "a", "x", "b");
        assertTrue(list.remove("x"));
        assertFalse(list.remove("x"));
        assertList("l", "a", "b");
    }

    @Test
    void containsAndClear_areLposAndLtrim() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("a", "b"));
        assertTrue(list.contains("b"));
        assertFalse(list.contains("c"));
        list.clear();
        assertNoKey("l");
        assertTrue(list.isEmpty());
    }

    @Test
    void iteratorRemove_firstAndLastOfEqualElements_removesThatOne() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("x", "a", "x", "b", "x"));
        Iterator<String> it = list.iterator();
        it.next();
        it.remove();
        assertList("l", "a", "x", "b", "x");
        Iterator<String> descending = list.descendingIterator();
        assertEquals("x", descending.next());
        descending.remove();
        assertList("l", "a", "x", "b");
        assertThrows(IllegalStateException.class, descending::remove);
    }

    @Test
    void iteratorRemove_middleOfEqualElements_unsupported() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("x", "x", "x"));
        Iterator<String> it = list.iterator();
        it.next();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        assertList("l", "x", "x", "x");
    }

    @Test
    void iteratorRemove_everyElementInTurn_emptiesTheList() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("x", "a", "x", "x"));
        for (Iterator<String> it = list.iterator(); it.hasNext(); ) {
            it.next();
            it.remove();
        }
        assertNoKey("l");
    }

    @Test
    void bulkRemovals_removeAllRetainAllRemoveIf_keepTheOrderOfTheRest() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("a", "x", "b", "y", "x", "c", "y"));
        assertTrue(list.removeAll(List.of("x", "zz")));
        assertList("l", "a", "b", "y", "c", "y");
        assertTrue(list.retainAll(List.of("y", "c")));
        assertList("l", "y", "c", "y");
        assertTrue(list.removeIf("y"::equals));
        assertList("l", "c");
        assertFalse(list.removeAll(List.of("zz")));
    }

    @Test
    void binaryView_iteratorRemoveComparesArraysByContent() {
        KeelList<byte[]> list = store.list(bytes("b"), Codec.bytes());
        list.addAll(List.of(bytes("x"), bytes("a"), bytes("x")));
        Iterator<byte[]> it = list.iterator();
        it.next();
        it.next();
        assertArrayEquals(bytes("x"), it.next());
        it.remove();
        assertEquals(List.of("x", "a"), binary.lrange(bytes("b"), 0, -1).stream().map(ContractTest::latin1).toList());
        assertTrue(list.contains(bytes("a")));
    }

    @Test
    void drainTo_takesFromTheHeadUpToTheLimit() {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("a", "b", "c", "d"));
        List<String> target = new ArrayList<>();
        assertEquals(3, list.drainTo(target, 3));
        assertEquals(List.of("a", "b", "c"), target);
        assertEquals(0, list.drainTo(target, 0));
        assertEquals(1, list.drainTo(target));
        assertEquals(0, list.drainTo(target));
        assertNoKey("l");
        assertThrows(IllegalArgumentException.class, () -> list.drainTo(list));
        assertThrows(NullPointerException.class, () -> list.drainTo(null));
    }

    @Test
    void blockingMethods_dataPresent_answerAtOnce() throws InterruptedException {
        KeelList<String> list = store.list("l");
        list.addAll(List.of("a", "b", "c", "d", "e"));
        assertEquals("a", list.take());
        assertEquals("e", list.takeLast());
        assertEquals("b", list.poll(0, TimeUnit.SECONDS));
        assertEquals("d", list.pollLast(1, TimeUnit.SECONDS));
        assertEquals("c", list.pollFirst(Long.MAX_VALUE, TimeUnit.DAYS));
        assertNoKey("l");
    }

    @Test
    void timedPolls_emptyList_returnNullWithoutWaitingForever() throws InterruptedException {
        KeelList<String> list = store.list("missing");
        assertNull(list.poll(0, TimeUnit.SECONDS));
        assertNull(list.poll(-5, TimeUnit.SECONDS));
        assertNull(list.pollFirst(1, TimeUnit.NANOSECONDS));
        assertNull(list.pollLast(10, TimeUnit.MILLISECONDS));
        assertNoKey("missing");
    }

    @Test
    void offersWithTimeoutAndPut_neverWait_capacityIsUnbounded() throws InterruptedException {
        KeelList<String> list = store.list("l");
        assertTrue(list.offer("a", 1, TimeUnit.NANOSECONDS));
        assertTrue(list.offerFirst("b", 0, TimeUnit.SECONDS));
        list.put("c");
        list.putFirst("d");
        assertList("l", "d", "b", "a", "c");
        assertEquals(Integer.MAX_VALUE, list.remainingCapacity());
        assertEquals("[d, b, a, c]", list.toString());
        assertArrayEquals(new String[] {"d", "b", "a", "c"}, list.toArray(new String[0]));
    }
}
