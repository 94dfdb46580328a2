package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQueueTest {
    private static final long TIMEOUT = JobQueue.VISIBILITY_TIMEOUT.toMillis();

    @Test
    void run_workerCrashes_itsJobIsRecoveredAndEveryJobDoneOnce() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Printed printed = new Printed();
            JobQueue.run(store, printed.out);
            String out = printed.text();
            Commands<String, String> redis = store.commands();
            assertEquals("5", redis.get(JobQueue.DONE));
            assertEquals(0, redis.llen(JobQueue.PENDING));
            assertEquals(0, redis.llen(JobQueue.PROCESSING));
            assertEquals(0, redis.zcard(JobQueue.CLAIMED));
            assertTrue(out.contains("a worker took password-reset:5 and crashed, another did 4; in processing: [password-reset:5]"), out);
            assertTrue(out.contains("the reaper moved [password-reset:5] back to pending, and a worker did 1 more"), out);
        }
    }

    @Test
    void reap_jobClaimedWithinTheTimeout_staysInProcessing() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            redis.rpush(JobQueue.PENDING, "a");
            long before = System.currentTimeMillis();
            JobQueue.claim(redis, Duration.ZERO);
            assertEquals(List.of(), JobQueue.reap(redis, before + TIMEOUT - 1));
            assertEquals(List.of("a"), redis.lrange(JobQueue.PROCESSING, 0, -1));
        }
    }

    @Test
    void reap_jobClaimedLongerThanTheTimeout_movesToTheFrontOfPending() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            redis.rpush(JobQueue.PENDING, "a", "b");
            JobQueue.claim(redis, Duration.ZERO);
            long after = System.currentTimeMillis();
            assertEquals(List.of("a"), JobQueue.reap(redis, after + TIMEOUT));
            assertEquals(List.of("a", "b"), redis.lrange(JobQueue.PENDING, 0, -1));
            assertEquals(0, redis.llen(JobQueue.PROCESSING));
            assertEquals(0, redis.zcard(JobQueue.CLAIMED));
        }
    }

    @Test
    void ack_afterTheReaperTookTheJobBack_returnsFalseAndCountsNothing() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            redis.rpush(JobQueue.PENDING, "a");
            String job = JobQueue.claim(redis, Duration.ZERO);
            JobQueue.reap(redis, System.currentTimeMillis() + TIMEOUT);
            assertFalse(JobQueue.ack(redis, job));
            assertEquals(null, redis.get(JobQueue.DONE));
            assertEquals(List.of("a"), redis.lrange(JobQueue.PENDING, 0, -1));
        }
    }

    @Test
    void reap_jobInProcessingWithoutClaimTime_isStampedThenRecoveredATimeoutLater() {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            redis.rpush(JobQueue.PROCESSING, "orphan");
            assertEquals(List.of(), JobQueue.reap(redis, 1_000));
            assertEquals(1_000.0, redis.zscore(JobQueue.CLAIMED, "orphan"));
            assertEquals(List.of("orphan"), JobQueue.reap(redis, 1_000 + TIMEOUT));
        }
    }
}
