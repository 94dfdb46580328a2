package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keel.Keel;
import dev.keel.KeelList;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regressions of the blocking commands' timeouts found by the conformance suite: a timeout of
 * centuries overflowed the nanosecond deadline and answered nil at once, where Redis waits. (The
 * timeout texts and the sub-millisecond timeouts are in the conformance suite, against Redis.)
 */
@Timeout(30)
class BlockingTimeoutRegressionTest {

    @Test
    void blpop_timeoutOfCenturies_waitsForAPushInsteadOfTimingOutAtOnce() throws Exception {
        try (Store store = Keel.inMemory()) {
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> store.execute("BLPOP", "q", "10000000000"));
            Thread.sleep(200);
            assertFalse(answer.isDone(), () -> "answered " + answer.join() + " before any push");
            store.execute("RPUSH", "q", "job");
            assertEquals(Reply.array(List.of(Reply.bulk("q"), Reply.bulk("job"))), answer.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void viewPoll_longMaxNanoseconds_waitsForAPushInsteadOfTimingOutAtOnce() throws Exception {
        try (Store store = Keel.inMemory()) {
            KeelList<String> queue = store.list("q");
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(answer.isDone(), () -> "answered " + answer.join() + " before any push");
            queue.offer("job");
            assertEquals("job", answer.get(10, TimeUnit.SECONDS));
        }
    }
}
