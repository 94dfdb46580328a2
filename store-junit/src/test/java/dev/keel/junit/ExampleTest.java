package dev.keel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Commands;
import dev.keel.Store;
import org.junit.jupiter.api.Test;

/** The example in {@link KeelStore}'s javadoc, compiled and run. */
@KeelStore
class ExampleTest {
    @KeelStore
    Store store;                                      // a fresh store for every test, closed after it

    @Test
    void set_thenGet_returnsValue(Commands<String, String> redis) {   // the same store's commands
        redis.set("session:42", "ada");
        assertEquals("ada", store.commands().get("session:42"));
    }
}
