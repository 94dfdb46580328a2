package dev.keel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** When stores open, flush and close: each fixture runs in a launcher of its own, then is inspected. */
class LifecycleTest {

    /** Stores the fixtures saw, in the order they saw them. */
    static final List<Store> SEEN = new CopyOnWriteArrayList<>();

    private static TestExecutionSummary run(Class<?> fixture) {
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(fixture, Map.of());
        assertEquals(0, summary.getTotalFailureCount(), Fixtures.failures(summary));
        return summary;
    }

    @Test
    void perTest_keySetInOneTest_absentInNextAndStoresClosed() {
        TestExecutionSummary summary = run(PerTest.class);
        assertEquals(2, summary.getTestsSucceededCount());
        assertEquals(2, SEEN.size());
        assertNotSame(SEEN.get(0), SEEN.get(1));
        assertTrue(SEEN.get(0).isClosed());
        assertTrue(SEEN.get(1).isClosed());
    }

    @Test
    void perClass_keySetInOneTest_flushedBeforeNextAndClosedAfterClass() {
        TestExecutionSummary summary = run(PerClass.class);
        assertEquals(2, summary.getTestsSucceededCount());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertTrue(SEEN.get(0).isClosed());
    }

    @Test
    void staticField_withoutPerClass_oneStorePerClass() {
        TestExecutionSummary summary = run(StaticField.class);
        assertEquals(2, summary.getTestsSucceededCount());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertTrue(SEEN.get(0).isClosed());
    }

    @Test
    void scalable_smallHash_takesTableEncoding() {
        assertEquals(1, run(Scalable.class).getTestsSucceededCount());
    }

    @Test
    void perTest_injectedIntoBeforeAll_failsSayingPerClass() {
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(PerTestInBeforeAll.class, Map.of());
        assertEquals(1, summary.getTotalFailureCount());
        String message = summary.getFailures().getFirst().getException().getMessage();
        assertTrue(message.contains("perClass = true"), message);
    }

    // ------------------------------------------------------------------ fixtures

    /** Two tests, one store each. */
    @KeelStore
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTest {
        @KeelStore
        Store store;

        @Test
        @Order(1)
        void first(Commands<String, String> redis) {
            SEEN.add(store);
            redis.set("left-behind", "1");
        }

        @Test
        @Order(2)
        void second() {
            SEEN.add(store);
            assertTrue(SEEN.get(0).isClosed());
            assertNull(store.commands().get("left-behind"));
        }
    }

    /** Two tests sharing one store, flushed between them. */
    @KeelStore(perClass = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @Test
        @Order(1)
        void first(Store store) {
            SEEN.add(store);
            store.commands().set("left-behind", "1");
        }

        @Test
        @Order(2)
        void second(Store store) {
            SEEN.add(store);
            assertFalse(store.isClosed());
            assertEquals(0, store.commands().dbsize());
        }
    }

    /** A static field makes the store per class without saying perClass. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StaticField {
        @KeelStore
        static Store store;

        @BeforeAll
        static void present() {
            assertFalse(store.isClosed());
        }

        @Test
        @Order(1)
        void first() {
            SEEN.add(store);
            store.commands().set("left-behind", "1");
        }

        @Test
        @Order(2)
        void second(Store parameter) {
            SEEN.add(parameter);
            assertSame(store, parameter);
            assertEquals(0, store.commands().dbsize());
        }
    }

    /** {@code scalable = true} opens the store with {@code Thresholds.scalableAlways()}. */
    @KeelStore(scalable = true)
    static class Scalable {
        @Test
        void hset_oneField_hashtable(Commands<String, String> redis) {
            redis.hset("h", "f", "v");
            assertEquals("hashtable", redis.objectEncoding("h"));
        }
    }

    /** A per-test store asked for before any test runs. */
    @KeelStore
    static class PerTestInBeforeAll {
        @BeforeAll
        static void tooEarly(Store store) {
            SEEN.add(store);
        }

        @Test
        void never() {
        }
    }
}
