package dev.keel.conformance;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import dev.keel.Keel;
import dev.keel.KeelList;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's Queue conformance suite (the one Guava runs on {@code ArrayDeque} and
 * {@code LinkedBlockingDeque}) on the {@link KeelList} view of the Keel engine, in three
 * orientations, so that both ends of the Deque are held to the Queue contract:
 *
 * <ul>
 *   <li><b>fifo</b>: the view itself: offer is RPUSH, poll LPOP, peek LINDEX 0, iteration head
 *       first;
 *   <li><b>lifo</b>: {@link Collections#asLifoQueue} of the view: offer is addFirst (LPUSH),
 *       poll pollFirst, as {@code push}/{@code pop} use the deque;
 *   <li><b>tail-first</b>: the deque read from the other end ({@link TailFirstQueue}): offer is
 *       offerFirst (LPUSH), poll pollLast (RPOP), peek peekLast, iteration descendingIterator,
 *       remove(Object) removeLastOccurrence.
 * </ul>
 *
 * <p>Each suite runs with default thresholds and with every list in linked nodes. Every
 * collection the suite creates is a fresh key. The suites are JUnit 3 test trees; each becomes a
 * tree of dynamic tests, its leaves run through a {@link TestResult}.
 *
 * <p>Declared features: the view takes any non-null element (SUPPORTS_ADD), removes
 * (SUPPORTS_REMOVE; iterator remove is one LREM, see {@link KeelList}), answers null queries with
 * false (ALLOWS_NULL_QUERIES), and iterates in list order (KNOWN_ORDER). Its iterators walk a
 * snapshot, so they are not fail-fast; it is not serializable.
 */
class KeelListGuavaSuiteTest {
    private static final AtomicLong KEYS = new AtomicLong();
    private static Store defaults;
    private static Store linked;

    @BeforeAll
    static void openStores() {
        defaults = Keel.inMemory();
        linked = Keel.builder().thresholds(Thresholds.scalableAlways()).open();
    }

    @AfterAll
    static void closeStores() {
        defaults.close();
        linked.close();
    }

    @TestFactory
    Stream<DynamicNode> queueSuite_fifo() {
        return suites("fifo", (store, elements) -> {
            String key = newKey();
            if (elements.length > 0) {
                store.commands().rpush(key, elements);
            }
            return store.list(key);
        });
    }

    @TestFactory
    Stream<DynamicNode> queueSuite_lifo() {
        return suites("lifo", (store, elements) -> {
            String key = newKey();
            if (elements.length > 0) {
                store.commands().rpush(key, elements);
            }
            return Collections.asLifoQueue(store.list(key));
        });
    }

    @TestFactory
    Stream<DynamicNode> queueSuite_tailFirst() {
        return suites("tail-first", (store, elements) -> {
            String key = newKey();
            if (elements.length > 0) {
                store.commands().lpush(key, elements);
            }
            return new TailFirstQueue<>(store.list(key));
        });
    }

    private static String newKey() {
        return "guava:" + KEYS.incrementAndGet();
    }

    /** How a suite makes a queue holding {@code elements}, in iteration order, on a store. */
    @FunctionalInterface
    private interface QueueFactory {
        Queue<String> create(Store store, String[] elements);
    }

    private static Stream<DynamicNode> suites(String orientation, QueueFactory factory) {
        return Stream.of(
                suite(orientation + ", default thresholds", elements -> factory.create(defaults, elements)),
                suite(orientation + ", linked nodes", elements -> factory.create(linked, elements)));
    }

    private static DynamicNode suite(String name, Function<String[], Queue<String>> create) {
        junit.framework.Test suite = QueueTestSuiteBuilder
                .using(new TestStringQueueGenerator() {
                    @Override
                    protected Queue<String> create(String[] elements) {
                        return create.apply(elements);
                    }
                })
                .named("KeelList " + name)
                .withFeatures(
                        CollectionFeature.SUPPORTS_ADD,
                        CollectionFeature.SUPPORTS_REMOVE,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.ALLOWS_NULL_QUERIES,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
        return dynamic(suite);
    }

    /** Turns a JUnit 3 test tree into dynamic containers (suites) and dynamic tests (leaves). */
    private static DynamicNode dynamic(junit.framework.Test test) {
        if (test instanceof TestSuite suite) {
            List<DynamicNode> children = new ArrayList<>();
            for (junit.framework.Test child : Collections.list(suite.tests())) {
                children.add(dynamic(child));
            }
            return DynamicContainer.dynamicContainer(suite.getName() == null ? suite.toString() : suite.getName(), children);
        }
        return DynamicTest.dynamicTest(test.toString(), () -> run(test));
    }

    /** Runs one JUnit 3 test, rethrowing its first failure or error. */
    private static void run(junit.framework.Test test) throws Throwable {
        TestResult result = new TestResult();
        test.run(result);
        if (result.errorCount() > 0) {
            throw result.errors().nextElement().thrownException();
        }
        if (result.failureCount() > 0) {
            throw result.failures().nextElement().thrownException();
        }
    }

    /**
     * A deque as a FIFO queue read from its other end: elements go in at the head and come out at
     * the tail, and iteration runs tail first.
     */
    private static final class TailFirstQueue<E> extends AbstractQueue<E> {
        private final Deque<E> deque;

        TailFirstQueue(Deque<E> deque) {
            this.deque = deque;
        }

        @Override
        public boolean offer(E element) {
            return deque.offerFirst(element);
        }

        @Override
        public boolean add(E element) {
            deque.addFirst(element);
            return true;
        }

        @Override
        public E poll() {
            return deque.pollLast();
        }

        @Override
        public E remove() {
            return deque.removeLast();
        }

        @Override
        public E peek() {
            return deque.peekLast();
        }

        @Override
        public E element() {
            return deque.getLast();
        }

        @Override
        public boolean remove(Object o) {
            return deque.removeLastOccurrence(o);
        }

        @Override
        public boolean contains(Object o) {
            return deque.contains(o);
        }

        @Override
        public void clear() {
            deque.clear();
        }

        @Override
        public Iterator<E> iterator() {
            return deque.descendingIterator();
        }

        @Override
        public int size() {
            return deque.size();
        }

        @Override
        public String toString() {
            List<E> items = new ArrayList<>();
            iterator().forEachRemaining(items::add);
            return items.toString();
        }
    }
}
