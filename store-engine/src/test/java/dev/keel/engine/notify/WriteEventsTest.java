package dev.keel.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.engine.OffHeapStore;
import dev.keel.engine.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event table knows every write command Keel has: a new one cannot slip in without its events. */
class WriteEventsTest {

    @Test
    void everyWriteCommand_hasARule() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : OffHeapStore.commandTable().all()) {
            if (spec.has(CommandSpec.WRITE) && WriteEvents.rule(spec.name()) == null) {
                missing.add(spec.name());
            }
        }
        assertEquals(List.of(), missing, "write commands without keyspace events (WriteEvents.rule)");
    }
}
