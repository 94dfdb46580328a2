package dev.keel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keel.Commands;
import dev.keel.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every injection point of one test sees the same per-test store. */
@KeelStore
class InjectionTest {
    @KeelStore
    Store field;

    @KeelStore
    Commands<String, String> commandsField;

    private final Store fromConstructor;
    private Store fromBeforeEach;

    InjectionTest(Store store) {
        this.fromConstructor = store;
    }

    @BeforeEach
    void seed(Store store) {
        fromBeforeEach = store;
        store.commands().set("seeded", "yes");
    }

    @AfterEach
    void stillOpen(Store store) {
        assertSame(field, store);
        assertFalse(store.isClosed());
    }

    @Test
    void parameters_constructorFieldsAndLifecycle_sameStore(Store store, Commands<String, String> commands) {
        assertSame(store, field);
        assertSame(store, fromConstructor);
        assertSame(store, fromBeforeEach);
        commands.set("k", "v");
        assertEquals("v", commandsField.get("k"));
        assertEquals("yes", field.commands().get("seeded"));
    }

    @Test
    void parameterOnly_withoutClassAnnotation_isResolved(@KeelStore Store store) {
        assertSame(field, store);
    }

    /** A nested class sees the outer instance's field holding its own test's store. */
    @Nested
    class Inner {
        @KeelStore
        Store inner;

        @Test
        void nested_outerAndInnerFields_sameStore() {
            assertSame(inner, field);
            assertNull(inner.commands().get("k"));
        }
    }
}
