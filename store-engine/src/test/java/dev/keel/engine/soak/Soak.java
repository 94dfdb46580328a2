package dev.keel.engine.soak;

import dev.keel.Commands;
import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamOffset;
import dev.keel.XGroupCreateArgs;
import dev.keel.XReadGroupArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One soak worker's share of the mixed load, and the shared record of what every worker did, so
 * that the final state can be checked against it. Every type gets commands on a few keys that
 * all workers share:
 *
 * <ul>
 *   <li>strings: INCRBY on counters;
 *   <li>lists used as queues: LPUSH of uniquely named items, LMOVE between queues, RPOP;
 *   <li>hashes: HINCRBY on a few fields;
 *   <li>sets: a fixed population of members moved between sets by SMOVE, and by SPOP then SADD;
 *   <li>sorted sets: ZINCRBY of whole numbers on a few members;
 *   <li>streams: XADD, XREADGROUP of new entries by one consumer per worker, XACK of each.
 * </ul>
 *
 * <p><b>Thread safety:</b> a {@code Soak} is shared; each {@link Worker} runs on one thread.
 */
final class Soak {
    static final int COUNTERS = 4;
    static final int QUEUES = 3;
    static final int HASHES = 2;
    static final int FIELDS = 4;
    static final int SETS = 3;
    static final int SET_MEMBERS = 48;
    static final int ZSETS = 2;
    static final int ZSET_MEMBERS = 8;
    static final int STREAMS = 2;
    static final String GROUP = "workers";
    private static final int READ_COUNT = 8;

    final AtomicLongArray counterIncrements = new AtomicLongArray(COUNTERS);
    final AtomicLongArray fieldIncrements = new AtomicLongArray(HASHES * FIELDS);
    final AtomicLongArray scoreIncrements = new AtomicLongArray(ZSETS);

    static String counter(int i) {
        return "counter:" + i;
    }

    static String queue(int i) {
        return "queue:" + i;
    }

    static String hash(int i) {
        return "hash:" + i;
    }

    static String field(int i) {
        return "field:" + i;
    }

    static String set(int i) {
        return "set:" + i;
    }

    static String member(int i) {
        return "member:" + i;
    }

    static String zset(int i) {
        return "zset:" + i;
    }

    static String stream(int i) {
        return "stream:" + i;
    }

    /** Puts every set member in a set, spread over the sets, and creates each stream's consumer group. */
    static void populate(Commands<String, String> redis) {
        for (int m = 0; m < SET_MEMBERS; m++) {
            redis.sadd(set(m % SETS), member(m));
        }
        for (int s = 0; s < STREAMS; s++) {
            redis.xgroupCreate(stream(s), GROUP, XGroupCreateArgs.latest().withMkstream());
        }
    }

    /** What one worker did, for the checks at the end. */
    static final class Worker {
        final List<String> produced = new ArrayList<>();
        final List<String> consumed = new ArrayList<>();
        final List<List<StreamId>> added = new ArrayList<>();
        final List<List<StreamId>> acknowledged = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        private final Soak soak;
        private final Commands<String, String> redis;
        private final int id;
        private final SplittableRandom random;

        Worker(Soak soak, Commands<String, String> redis, int id, long seed) {
            this.soak = soak;
            this.redis = redis;
            this.id = id;
            this.random = new SplittableRandom(seed);
            for (int s = 0; s < STREAMS; s++) {
                added.add(new ArrayList<>());
                acknowledged.add(new ArrayList<>());
            }
        }

        /** Runs {@code operations} commands, chosen at random. */
        void run(long operations) {
            for (long op = 0; op < operations && problems.isEmpty(); op++) {
                switch (random.nextInt(12)) {
                    case 0 -> incrby();
                    case 1 -> lpush(op);
                    case 2 -> lmove();
                    case 3, 4 -> rpop();
                    case 5 -> hincrby();
                    case 6 -> smove();
                    case 7 -> spopThenSadd();
                    case 8 -> zincrby();
                    case 9 -> xadd();
                    default -> xreadgroupThenXack();
                }
            }
        }

        private void incrby() {
            int i = random.nextInt(COUNTERS);
            long by = 1 + random.nextInt(5);
            redis.incrby(counter(i), by);
            soak.counterIncrements.addAndGet(i, by);
        }

        private void lpush(long op) {
            String item = "item:" + id + ":" + op;
            redis.lpush(queue(random.nextInt(QUEUES)), item);
            produced.add(item);
        }

        private void lmove() {
            redis.lmove(queue(random.nextInt(QUEUES)), queue(random.nextInt(QUEUES)), ListDirection.RIGHT, ListDirection.LEFT);
        }

        private void rpop() {
            String item = redis.rpop(queue(random.nextInt(QUEUES)));
            if (item != null) {
                consumed.add(item);
            }
        }

        private void hincrby() {
            int h = random.nextInt(HASHES);
            int f = random.nextInt(FIELDS);
            long by = 1 + random.nextInt(5);
            redis.hincrby(hash(h), field(f), by);
            soak.fieldIncrements.addAndGet(h * FIELDS + f, by);
        }

        private void smove() {
            redis.smove(set(random.nextInt(SETS)), set(random.nextInt(SETS)), member(random.nextInt(SET_MEMBERS)));
        }

        /** Takes a member out with SPOP and puts it back into a set at once: out of every set only between the two. */
        private void spopThenSadd() {
            String popped = redis.spop(set(random.nextInt(SETS)));
            if (popped != null && redis.sadd(set(random.nextInt(SETS)), popped) != 1) {
                problems.add("SADD of " + popped + ", just popped, found it in a set already");
            }
        }

        private void zincrby() {
            int z = random.nextInt(ZSETS);
            int by = 1 + random.nextInt(5);
            redis.zincrby(zset(z), by, member(random.nextInt(ZSET_MEMBERS)));
            soak.scoreIncrements.addAndGet(z, by);
        }

        private void xadd() {
            int s = random.nextInt(STREAMS);
            added.get(s).add(redis.xadd(stream(s), Map.of("by", Integer.toString(id))));
        }

        private void xreadgroupThenXack() {
            int s = random.nextInt(STREAMS);
            List<KeyValue<String, List<StreamEntry<String, String>>>> read;
            try {
                read = redis.xreadgroup(GROUP, "consumer:" + id, XReadGroupArgs.count(READ_COUNT),
                        List.of(StreamOffset.undelivered(stream(s))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted");
                return;
            }
            if (read == null) {
                return;
            }
            for (KeyValue<String, List<StreamEntry<String, String>>> stream : read) {
                for (StreamEntry<String, String> entry : stream.value()) {
                    if (redis.xack(stream(s), GROUP, entry.id()) != 1) {
                        problems.add("XACK of " + entry.id() + ", just read, acknowledged nothing");
                    }
                    acknowledged.get(s).add(entry.id());
                }
            }
        }
    }
}
