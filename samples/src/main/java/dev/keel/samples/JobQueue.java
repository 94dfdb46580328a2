package dev.keel.samples;

import dev.keel.Commands;
import dev.keel.ListDirection;
import dev.keel.ScoreRange;
import dev.keel.Store;
import dev.keel.ZAddArgs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A reliable job queue on lists. Producers push job IDs onto {@code jobs:pending} (RPUSH, or
 * LPUSH for a job that jumps the queue). A worker takes one with BLMOVE into
 * {@code jobs:processing}, so that a job is never held only in a worker's memory, and records
 * when it claimed it as the job's score in the sorted set {@code jobs:claimed}; it acknowledges
 * the job by removing it from processing (LREM) and counting it in {@code jobs:done}. A reaper
 * moves jobs claimed longer than the visibility timeout ago back to pending: their worker crashed
 * or is stuck, and another will do them. So each job is done at least once. Job IDs must be
 * unique, as LREM finds a job by its value.
 *
 * <p>Run it alone with {@code bin/tour job-queue}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use: any number of producers, workers and reapers.
 */
public final class JobQueue {
    static final String PENDING = "jobs:pending";
    static final String PROCESSING = "jobs:processing";
    static final String CLAIMED = "jobs:claimed";
    static final String DONE = "jobs:done";
    /** How long a job may stay claimed before the reaper takes it back; short, so that the tour need not wait. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofMillis(200);
    /** How long a worker waits for a job before it stops. */
    static final Duration WORKER_WAIT = Duration.ofMillis(50);

    private JobQueue() {
    }

    /** Runs the sample alone. */
    public static void main(String[] args) throws InterruptedException {
        Tour.runAlone(JobQueue::run, System.out);
    }

    /** Pushes five jobs; one worker takes a job and crashes, another does the rest, and the reaper recovers the lost job. */
    public static void run(Store store, PrintStream out) throws InterruptedException {
        Commands<String, String> redis = store.commands();
        redis.rpush(PENDING, "thumbnail:1", "thumbnail:2", "thumbnail:3", "thumbnail:4");
        redis.lpush(PENDING, "password-reset:5");
        String lost = claim(redis, WORKER_WAIT);   // and the worker crashes before acknowledging it
        int done = work(redis);
        out.printf("job queue: 5 jobs pushed; a worker took %s and crashed, another did %d; in processing: %s%n",
                lost, done, redis.lrange(PROCESSING, 0, -1));
        Thread.sleep(VISIBILITY_TIMEOUT.toMillis());
        List<String> recovered = reap(redis, System.currentTimeMillis());
        done = work(redis);
        out.printf("job queue: after %d ms the reaper moved %s back to pending, and a worker did %d more; %s done, %d pending, %d in processing%n",
                VISIBILITY_TIMEOUT.toMillis(), recovered, done, redis.get(DONE), redis.llen(PENDING), redis.llen(PROCESSING));
    }

    /** Takes the next job into processing, waiting up to {@code timeout} for one; null if none came. */
    static String claim(Commands<String, String> redis, Duration timeout) throws InterruptedException {
        String job = redis.blmove(PENDING, PROCESSING, ListDirection.LEFT, ListDirection.RIGHT, timeout);
        if (job != null) {
            redis.zadd(CLAIMED, System.currentTimeMillis(), job);
        }
        return job;
    }

    /** Acknowledges a job as done; false if the reaper had taken it back already, so that it will run again. */
    static boolean ack(Commands<String, String> redis, String job) {
        if (redis.lrem(PROCESSING, 1, job) == 0) {
            return false;
        }
        redis.zrem(CLAIMED, job);
        redis.incr(DONE);
        return true;
    }

    /** A worker: does jobs, acknowledging each, until none comes for {@link #WORKER_WAIT}; returns how many it did. */
    static int work(Commands<String, String> redis) throws InterruptedException {
        int done = 0;
        for (String job = claim(redis, WORKER_WAIT); job != null; job = claim(redis, WORKER_WAIT)) {
            if (ack(redis, job)) {   // the work itself is left out
                done++;
            }
        }
        return done;
    }

    /**
     * Moves the jobs claimed at least the visibility timeout before {@code nowMillis} back to the
     * front of pending; returns them. A job in processing with no claim time (its worker died
     * between BLMOVE and ZADD) is given {@code nowMillis}, and so is taken back a timeout later.
     * Of reapers and a late acknowledgement racing for a job, the first ZREM or LREM wins it.
     */
    static List<String> reap(Commands<String, String> redis, long nowMillis) {
        for (String job : redis.lrange(PROCESSING, 0, -1)) {
            redis.zadd(CLAIMED, ZAddArgs.nx(), nowMillis, job);
        }
        List<String> recovered = new ArrayList<>();
        for (String job : redis.zrangebyscore(CLAIMED, ScoreRange.atMost(nowMillis - VISIBILITY_TIMEOUT.toMillis()))) {
            if (redis.zrem(CLAIMED, job) == 1 && redis.lrem(PROCESSING, 1, job) == 1) {
                redis.lpush(PENDING, job);
                recovered.add(job);
            }
        }
        return recovered;
    }
}
