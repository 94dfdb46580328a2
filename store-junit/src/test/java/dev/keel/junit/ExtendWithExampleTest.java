package dev.keel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example in {@link KeelExtension}'s javadoc, compiled and run. */
@ExtendWith(KeelExtension.class)
class ExtendWithExampleTest {
    @Test
    void rpush_thenLpop_returnsFirst(Store store) {   // fresh, and closed after the test
        store.commands().rpush("jobs", "a", "b");
        assertEquals("a", store.commands().lpop("jobs"));
    }
}
